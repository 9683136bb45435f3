#include "lib/storage/checkpoint.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "lib/storage/store.h"
#include "tests/testing/documents.h"
#include "tests/testing/files.h"
#include "tests/testing/status_matchers.h"

namespace rapporteur::storage {
namespace {

using ::rapporteur::testing::IsOk;
using ::rapporteur::testing::MakeWrite;
using ::rapporteur::testing::StatusIs;
using ::testing::HasSubstr;

TEST(CheckpointTest, ACopySentPieceByPieceOpensWithTheDataAndSequence) {
  rapporteur::testing::TempDir dir;
  auto source = Store::Open({.path = dir.path() + "/source"});
  ASSERT_THAT(source.status(), IsOk());
  internal::v1::LogEntry entry;
  *entry.mutable_write() = MakeWrite("doc-a", {"torture in detention"});
  ASSERT_THAT((*source)->ApplyLogEntry(entry, 7), IsOk());

  CheckpointReceiver receiver(dir.path() + "/copy");
  int pieces = 0;
  ASSERT_THAT(SendCheckpoint(
                  **source,
                  [&](internal::v1::CheckpointChunk chunk) {
                    ++pieces;
                    return receiver.Add(chunk).ok();
                  },
                  /*chunk_bytes=*/512),
              IsOk());
  ASSERT_THAT(receiver.Finish(), IsOk());
  EXPECT_GT(pieces, receiver.files());  // small pieces: files span several
  // The sender's temporary checkpoint is gone; its store still works.
  EXPECT_THAT((*source)->GetDocument("doc-a").status(), IsOk());

  auto copy = Store::Open({.path = dir.path() + "/copy"});
  ASSERT_THAT(copy.status(), IsOk());
  EXPECT_EQ((*copy)->AppliedSequence(), 7);
  absl::StatusOr<v1::Document> doc = (*copy)->GetDocument("doc-a");
  ASSERT_THAT(doc.status(), IsOk());
  EXPECT_EQ(doc->paragraph_count(), 1);
  internal::v1::SearchShardRequest search;
  search.add_terms("tortur");
  search.set_limit(10);
  absl::StatusOr<internal::v1::SearchShardResponse> hits =
      (*copy)->Search(search);
  ASSERT_THAT(hits.status(), IsOk());
  EXPECT_EQ(hits->hits_size(), 1);
}

TEST(CheckpointTest, AStoppedReceiverCancelsTheSend) {
  rapporteur::testing::TempDir dir;
  auto source = Store::Open({.path = dir.path() + "/source"});
  ASSERT_THAT(source.status(), IsOk());
  EXPECT_THAT(
      SendCheckpoint(**source,
                     [](internal::v1::CheckpointChunk) { return false; }),
      StatusIs(absl::StatusCode::kCancelled));
}

TEST(CheckpointTest, FileNamesFromThePeerStayInTheDirectory) {
  rapporteur::testing::TempDir dir;
  CheckpointReceiver receiver(dir.path() + "/copy");
  for (const char* name : {"../escape", "a/b", "", ".."}) {
    internal::v1::CheckpointChunk chunk;
    chunk.set_file(name);
    EXPECT_THAT(receiver.Add(chunk),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         HasSubstr("not a plain name")))
        << name;
  }
}

}  // namespace
}  // namespace rapporteur::storage
