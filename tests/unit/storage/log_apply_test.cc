// Store::ApplyLogEntry: a replica applying its partition's log.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "lib/storage/store.h"
#include "lib/storage/write_request.h"
#include "tests/testing/documents.h"
#include "tests/testing/files.h"
#include "tests/testing/status_matchers.h"

namespace rapporteur::storage {
namespace {

using ::rapporteur::testing::IsOk;
using ::rapporteur::testing::MakeWrite;
using ::rapporteur::testing::StatusIs;
using ::testing::HasSubstr;

internal::v1::LogEntry WriteEntry(const std::string& id,
                                  const std::string& request_id,
                                  const std::string& text = "torture") {
  internal::v1::LogEntry entry;
  *entry.mutable_write() = MakeWrite(id, {text});
  entry.mutable_write()->set_request_id(request_id);
  entry.mutable_write()->mutable_commit_time()->set_seconds(1700000000);
  return entry;
}

class LogApplyTest : public ::testing::Test {
 protected:
  void SetUp() override { Reopen(); }

  void Reopen() {
    if (store_ != nullptr) {
      ASSERT_THAT(store_->Close(), IsOk());
      store_.reset();
    }
    auto store = Store::Open({.path = dir_.path() + "/db"});
    ASSERT_THAT(store.status(), IsOk());
    store_ = std::move(*store);
  }

  rapporteur::testing::TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(LogApplyTest, EntriesApplyOnceEvenWhenReplayed) {
  EXPECT_EQ(store_->AppliedSequence(), 0);
  ASSERT_THAT(store_->ApplyLogEntry(WriteEntry("doc-a", "r1"), 1), IsOk());
  ASSERT_THAT(store_->ApplyLogEntry(WriteEntry("doc-a", "r2"), 2), IsOk());
  EXPECT_EQ(store_->AppliedSequence(), 2);
  // A replay after a crash delivers entries already applied: no change.
  ASSERT_THAT(store_->ApplyLogEntry(WriteEntry("doc-a", "r1"), 1), IsOk());
  ASSERT_THAT(store_->ApplyLogEntry(WriteEntry("doc-a", "r2"), 2), IsOk());
  absl::StatusOr<v1::Document> doc = store_->GetDocument("doc-a");
  ASSERT_THAT(doc.status(), IsOk());
  EXPECT_EQ(doc->revision(), 2);
  // Every replica stamps the log's time, not its own clock.
  EXPECT_EQ(doc->create_time().seconds(), 1700000000);
}

TEST_F(LogApplyTest, AppliedSequenceIsDurableWithTheWrite) {
  ASSERT_THAT(store_->ApplyLogEntry(WriteEntry("doc-a", "r1"), 1), IsOk());
  ASSERT_THAT(store_->ApplyLogEntry(WriteEntry("doc-b", "r2"), 2), IsOk());
  Reopen();
  EXPECT_EQ(store_->AppliedSequence(), 2);
  ASSERT_THAT(store_->ApplyLogEntry(WriteEntry("doc-b", "r2"), 2), IsOk());
  absl::StatusOr<v1::Document> doc = store_->GetDocument("doc-b");
  ASSERT_THAT(doc.status(), IsOk());
  EXPECT_EQ(doc->revision(), 1);
}

TEST_F(LogApplyTest, ARepeatedRequestIdMovesTheSequenceWithoutARevision) {
  ASSERT_THAT(store_->ApplyLogEntry(WriteEntry("doc-a", "r1"), 1), IsOk());
  // The same write published again after the stream's duplicate window.
  ASSERT_THAT(store_->ApplyLogEntry(WriteEntry("doc-a", "r1"), 2), IsOk());
  EXPECT_EQ(store_->AppliedSequence(), 2);
  EXPECT_EQ(store_->GetDocument("doc-a")->revision(), 1);
  absl::StatusOr<internal::v1::WriteDocumentResponse> outcome =
      store_->AppliedOutcome("r1", "doc-a");
  ASSERT_THAT(outcome.status(), IsOk());
  EXPECT_EQ(outcome->revision(), 1);
}

TEST_F(LogApplyTest, RefusedEntriesAreRecordedAndPassed) {
  internal::v1::LogEntry empty = WriteEntry("doc-a", "r1");
  empty.mutable_write()->mutable_document()->clear_paragraphs();
  empty.mutable_write()->clear_paragraph_terms();
  ASSERT_THAT(store_->ApplyLogEntry(empty, 1), IsOk());
  EXPECT_EQ(store_->AppliedSequence(), 1);
  EXPECT_THAT(store_->AppliedOutcome("r1", "doc-a").status(),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(store_->GetDocument("doc-a").status(),
              StatusIs(absl::StatusCode::kNotFound));
  // An entry holding no change (a malformed message) is passed too.
  ASSERT_THAT(store_->ApplyLogEntry(internal::v1::LogEntry(), 2), IsOk());
  EXPECT_EQ(store_->AppliedSequence(), 2);
  // So is a delete of nothing.
  internal::v1::LogEntry remove;
  remove.mutable_delete_()->set_name("documents/doc-z");
  ASSERT_THAT(store_->ApplyLogEntry(remove, 3), IsOk());
  EXPECT_EQ(store_->AppliedSequence(), 3);
}

// The request id says "closed", as the error of a closed store does: the
// refusal is still told from the store's own trouble, and passed.
TEST_F(LogApplyTest, ARequestIdReusedForAnotherDocumentIsRefused) {
  ASSERT_THAT(store_->ApplyLogEntry(WriteEntry("doc-a", "closed-1"), 1),
              IsOk());
  ASSERT_THAT(store_->ApplyLogEntry(WriteEntry("doc-b", "closed-1"), 2),
              IsOk());
  EXPECT_EQ(store_->AppliedSequence(), 2);
  EXPECT_THAT(store_->GetDocument("doc-b").status(),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(store_->AppliedOutcome("closed-1", "doc-b").status(),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("already used")));
  EXPECT_THAT(store_->AppliedOutcome("closed-1", "doc-a").status(), IsOk());
  EXPECT_THAT(store_->AppliedOutcome("r9", "doc-a").status(),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_FALSE(IsRefusal(store_->AppliedOutcome("r9", "doc-a").status()));
  EXPECT_TRUE(IsRefusal(store_->AppliedOutcome("closed-1", "doc-b").status()));
}

TEST_F(LogApplyTest, DeletesApplyFromTheLog) {
  ASSERT_THAT(store_->ApplyLogEntry(WriteEntry("doc-a", "r1"), 1), IsOk());
  internal::v1::LogEntry remove;
  remove.mutable_delete_()->set_name("documents/doc-a");
  ASSERT_THAT(store_->ApplyLogEntry(remove, 2), IsOk());
  EXPECT_THAT(store_->GetDocument("doc-a").status(),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_EQ(store_->AppliedSequence(), 2);
}

TEST_F(LogApplyTest, AClosedStoreChangesNothingAndSaysSo) {
  ASSERT_THAT(store_->Close(), IsOk());
  EXPECT_THAT(store_->ApplyLogEntry(WriteEntry("doc-a", "r1"), 1),
              StatusIs(absl::StatusCode::kUnavailable, "storage is closed"));
  Reopen();
  EXPECT_EQ(store_->AppliedSequence(), 0);
}

TEST_F(LogApplyTest, AStoreAppliesOneLog) {
  ASSERT_THAT(store_->BindLog("RAPPORTEUR_P0@1"), IsOk());
  ASSERT_THAT(store_->BindLog("RAPPORTEUR_P0@1"), IsOk());
  EXPECT_THAT(
      store_->BindLog("RAPPORTEUR_P0@2"),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("made again")));
}

TEST_F(LogApplyTest, SequenceZeroIsNoLogEntry) {
  EXPECT_THAT(store_->ApplyLogEntry(WriteEntry("doc-a", "r1"), 0),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace rapporteur::storage
