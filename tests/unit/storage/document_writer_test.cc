#include "lib/storage/document_writer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "lib/base/shared_mutex.h"
#include "lib/storage/document_reader.h"
#include "lib/storage/index_writer.h"
#include "lib/storage/rocks_db.h"
#include "tests/testing/documents.h"
#include "tests/testing/files.h"
#include "tests/testing/status_matchers.h"

namespace rapporteur::storage {
namespace {

using ::rapporteur::testing::IsOk;
using ::rapporteur::testing::MakeWrite;
using ::rapporteur::testing::StatusIs;
using ::testing::HasSubstr;

class DocumentWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    StoreConfig config;
    config.path = dir_.path() + "/db";
    config.compact_after_removed_paragraphs = 0;
    auto db = RocksDb::Open(config);
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = std::move(*db);
    index_ = std::make_unique<IndexWriter>(config);
    writer_ = std::make_unique<DocumentWriter>(db_.get(), index_.get());
  }

  absl::StatusOr<v1::Document> Revision(const std::string& id,
                                        int64_t revision) {
    ReaderLock open(db_->mu());
    return GetRevision(*db_, id, revision);
  }

  rapporteur::testing::TempDir dir_;
  std::unique_ptr<RocksDb> db_;
  std::unique_ptr<IndexWriter> index_;
  std::unique_ptr<DocumentWriter> writer_;
};

TEST_F(DocumentWriterTest, ARepeatedRequestIdIsAnsweredNotApplied) {
  internal::v1::WriteDocumentRequest write = MakeWrite("doc-a", {"first"});
  write.set_request_id("req-1");
  auto first = writer_->Write(write);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->revision(), 1);
  auto retry = writer_->Write(write);
  ASSERT_TRUE(retry.ok()) << retry.status();
  EXPECT_EQ(retry->revision(), 1);
  EXPECT_EQ(retry->replaced_revision(), 0);
  EXPECT_THAT(Revision("doc-a", 2), StatusIs(absl::StatusCode::kNotFound));

  // The same id for another document is a client's mistake.
  internal::v1::WriteDocumentRequest other = MakeWrite("doc-b", {"other"});
  other.set_request_id("req-1");
  EXPECT_THAT(writer_->Write(other),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("documents/doc-a")));
}

TEST_F(DocumentWriterTest, RevisionsGrowAcrossReplacementsAndDeletions) {
  ASSERT_THAT(writer_->Write(MakeWrite("doc-a", {"one"})), IsOk());
  auto second = writer_->Write(MakeWrite("doc-a", {"two"}));
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(second->revision(), 2);
  EXPECT_EQ(second->replaced_revision(), 1);
  ASSERT_THAT(writer_->Delete("doc-a"), IsOk());
  EXPECT_THAT(writer_->Delete("doc-a"), StatusIs(absl::StatusCode::kNotFound));
  auto third = writer_->Write(MakeWrite("doc-a", {"three"}));
  ASSERT_TRUE(third.ok()) << third.status();
  EXPECT_EQ(third->revision(), 3);
  EXPECT_EQ(third->replaced_revision(), 0);

  // Every revision is kept: the replaced and deleted ones in the history.
  for (int revision = 1; revision <= 3; ++revision) {
    auto doc = Revision("doc-a", revision);
    ASSERT_TRUE(doc.ok()) << doc.status();
    EXPECT_EQ(doc->revision(), revision);
    EXPECT_EQ(doc->paragraphs_size(), 1);
  }
}

TEST_F(DocumentWriterTest, AMalformedWriteWritesNothing) {
  internal::v1::WriteDocumentRequest write = MakeWrite("doc-a", {"one"});
  write.mutable_paragraph_terms(0)->set_boost(-1);
  EXPECT_THAT(writer_->Write(write),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("boost")));
  EXPECT_THAT(Revision("doc-a", 1), StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(DocumentWriterTest, WritesFailOnceTheDatabaseIsClosed) {
  {
    WriterLock close(db_->mu());
    ASSERT_THAT(db_->Close(), IsOk());
  }
  EXPECT_THAT(writer_->Write(MakeWrite("doc-a", {"one"})),
              StatusIs(absl::StatusCode::kUnavailable, "storage is closed"));
  EXPECT_THAT(writer_->Delete("doc-a"),
              StatusIs(absl::StatusCode::kUnavailable, "storage is closed"));
}

}  // namespace
}  // namespace rapporteur::storage
