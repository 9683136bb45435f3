#include "lib/storage/document_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "lib/base/shared_mutex.h"
#include "lib/storage/document_writer.h"
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

class DocumentReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    StoreConfig config;
    config.path = dir_.path() + "/db";
    config.compact_after_removed_paragraphs = 0;
    auto db = RocksDb::Open(config);
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = std::move(*db);
    index_ = std::make_unique<IndexWriter>(config);
    DocumentWriter writer(db_.get(), index_.get());
    internal::v1::WriteDocumentRequest write =
        MakeWrite("doc-p", {"One.", "Two.", "Three."});
    write.mutable_document()->mutable_paragraphs(0)->set_number(0);
    ASSERT_THAT(writer.Write(write), IsOk());
    ASSERT_THAT(writer.Write(MakeWrite("doc-q", {"Old."})), IsOk());
    ASSERT_THAT(writer.Write(MakeWrite("doc-q", {"New.", "Newer."})), IsOk());
  }

  rapporteur::testing::TempDir dir_;
  std::unique_ptr<RocksDb> db_;
  std::unique_ptr<IndexWriter> index_;
};

TEST_F(DocumentReaderTest, ReadsAWholeDocumentOrItsSummary) {
  ReaderLock open(db_->mu());
  auto doc = GetDocument(*db_, "doc-q", false);
  ASSERT_TRUE(doc.ok()) << doc.status();
  EXPECT_EQ(doc->revision(), 2);
  ASSERT_EQ(doc->paragraphs_size(), 2);
  EXPECT_EQ(doc->paragraphs(1).text(), "Newer.");
  auto summary = GetDocument(*db_, "doc-q", true);
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(summary->paragraphs_size(), 0);
  EXPECT_EQ(summary->paragraph_count(), 2);
  EXPECT_THAT(
      GetDocument(*db_, "none", false),
      StatusIs(absl::StatusCode::kNotFound, HasSubstr("documents/none")));
}

TEST_F(DocumentReaderTest, FindsAParagraphByNumberOrOrdinal) {
  ReaderLock open(db_->mu());
  auto paragraph = GetParagraph(*db_, "doc-p", "u0");
  ASSERT_TRUE(paragraph.ok()) << paragraph.status();
  EXPECT_EQ(paragraph->text(), "One.");
  paragraph = GetParagraph(*db_, "doc-p", "3");
  ASSERT_TRUE(paragraph.ok()) << paragraph.status();
  EXPECT_EQ(paragraph->text(), "Three.");
  for (const char* id : {"1", "u9", "x7", "", "u"}) {
    EXPECT_THAT(GetParagraph(*db_, "doc-p", id),
                StatusIs(absl::StatusCode::kNotFound, HasSubstr("doc-p")))
        << id;
  }
}

TEST_F(DocumentReaderTest, ReadsEveryRevisionFromTheHistoryOrTheCurrent) {
  ReaderLock open(db_->mu());
  auto old = GetRevision(*db_, "doc-q", 1);
  ASSERT_TRUE(old.ok()) << old.status();
  EXPECT_EQ(old->paragraphs(0).text(), "Old.");
  auto current = GetRevision(*db_, "doc-q", 2);
  ASSERT_TRUE(current.ok()) << current.status();
  EXPECT_EQ(current->paragraphs_size(), 2);
  EXPECT_THAT(GetRevision(*db_, "doc-q", 3),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("revision 3")));
}

}  // namespace
}  // namespace rapporteur::storage
