#include "lib/storage/store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "tests/testing/documents.h"
#include "tests/testing/files.h"
#include "tests/testing/status_matchers.h"

namespace rapporteur::storage {
namespace {

using ::rapporteur::testing::IsOk;
using ::rapporteur::testing::MakeWrite;
using ::rapporteur::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override { Reopen(); }

  void Reopen() {
    store_.reset();
    auto store = Store::Open({.path = dir_.path() + "/db"});
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = std::move(*store);
  }

  // Numbers of the paragraphs matching `terms`, best first.
  std::vector<int> Search(std::vector<std::string> terms, int limit = 10) {
    internal::v1::SearchShardRequest request;
    for (const std::string& term : terms) {
      request.add_terms(term);
    }
    request.set_limit(limit);
    auto response = store_->Search(request);
    EXPECT_TRUE(response.ok()) << response.status();
    std::vector<int> numbers;
    if (response.ok()) {
      for (const internal::v1::ShardHit& hit : response->hits()) {
        numbers.push_back(hit.paragraph().number());
      }
    }
    return numbers;
  }

  rapporteur::testing::TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(StoreTest, WritesAndReadsADocument) {
  auto written = store_->WriteDocument(
      MakeWrite("doc-a", {"First paragraph.", "Second paragraph."}));
  ASSERT_TRUE(written.ok()) << written.status();
  EXPECT_EQ(written->revision(), 1);
  EXPECT_EQ(written->replaced_revision(), 0);

  auto doc = store_->GetDocument("doc-a");
  ASSERT_TRUE(doc.ok()) << doc.status();
  EXPECT_EQ(doc->name(), "documents/doc-a");
  EXPECT_EQ(doc->revision(), 1);
  EXPECT_TRUE(doc->has_create_time());
  ASSERT_EQ(doc->paragraphs_size(), 2);
  EXPECT_EQ(doc->paragraphs(1).text(), "Second paragraph.");
  EXPECT_EQ(doc->paragraphs(1).ordinal(), 1);
  EXPECT_EQ(doc->paragraphs(1).name(), "documents/doc-a/paragraphs/2");

  auto summary = store_->GetDocument("doc-a", /*summary_only=*/true);
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(summary->paragraphs_size(), 0);
  EXPECT_EQ(summary->paragraph_count(), 2);

  auto paragraph = store_->GetParagraph("doc-a", "1");
  ASSERT_TRUE(paragraph.ok()) << paragraph.status();
  EXPECT_EQ(paragraph->text(), "First paragraph.");
  EXPECT_THAT(store_->GetParagraph("doc-a", "9"),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("paragraphs/9")));
  EXPECT_THAT(
      store_->GetDocument("missing"),
      StatusIs(absl::StatusCode::kNotFound, HasSubstr("documents/missing")));
}

TEST_F(StoreTest, ReplaceBumpsRevisionKeepsTheOldOneAndReindexes) {
  ASSERT_THAT(
      store_->WriteDocument(MakeWrite("doc-a", {"famine in the north"})),
      IsOk());
  auto second =
      store_->WriteDocument(MakeWrite("doc-a", {"floods in the south"}));
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(second->revision(), 2);
  EXPECT_EQ(second->replaced_revision(), 1);

  EXPECT_THAT(Search({"famin"}), ElementsAre());  // old postings are gone
  EXPECT_THAT(Search({"flood"}), ElementsAre(1));
  auto old = store_->GetRevision("doc-a", 1);
  ASSERT_TRUE(old.ok()) << old.status();
  ASSERT_EQ(old->paragraphs_size(), 1);
  EXPECT_EQ(old->paragraphs(0).text(), "famine in the north");
  auto current = store_->GetDocument("doc-a");
  ASSERT_TRUE(current.ok());
  EXPECT_EQ(current->paragraphs(0).text(), "floods in the south");
}

TEST_F(StoreTest, DeleteRemovesDocumentAndPostingsButKeepsHistory) {
  ASSERT_THAT(
      store_->WriteDocument(MakeWrite("doc-a", {"torture in detention"})),
      IsOk());
  ASSERT_THAT(store_->DeleteDocument("doc-a"), IsOk());
  EXPECT_THAT(store_->GetDocument("doc-a"),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(Search({"tortur"}), ElementsAre());
  EXPECT_THAT(store_->GetRevision("doc-a", 1), IsOk());
  EXPECT_THAT(store_->DeleteDocument("doc-a"),
              StatusIs(absl::StatusCode::kNotFound));
  // Re-ingest after delete continues the revision count.
  auto again = store_->WriteDocument(MakeWrite("doc-a", {"again"}));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->revision(), 2);
}

TEST_F(StoreTest, MalformedWriteWritesNothing) {
  internal::v1::WriteDocumentRequest write = MakeWrite("doc-a", {"one", "two"});
  write.mutable_paragraph_terms()->RemoveLast();
  EXPECT_THAT(store_->WriteDocument(write),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("paragraph_terms has 1 entries for 2")));
  write = MakeWrite("doc-a", {"one"});
  write.mutable_paragraph_terms(0)->mutable_terms(0)->set_term(
      std::string("a\0b", 3));
  EXPECT_THAT(store_->WriteDocument(write),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("NUL")));
  write = MakeWrite("doc-a", {"one"});
  write.mutable_document()->set_name("documents/Bad Id");
  EXPECT_THAT(store_->WriteDocument(write),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(store_->GetDocument("doc-a"),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(StoreTest, ReadersSeeAWholeRevisionOrNone) {
  // Revision r has r paragraphs, each saying "r". A reader racing the
  // writer must never see paragraphs of two revisions, or a count that
  // disagrees with the paragraphs.
  std::atomic<bool> done{false};
  std::atomic<int> torn{0}, reads{0};
  std::thread reader([&] {
    while (!done.load()) {
      auto doc = store_->GetDocument("doc-a");
      if (!doc.ok()) {
        continue;
      }
      reads.fetch_add(1);
      const std::string expected = absl::StrCat("rev ", doc->revision());
      bool whole = doc->paragraph_count() == doc->paragraphs_size() &&
                   doc->paragraphs_size() == doc->revision();
      for (const v1::Paragraph& paragraph : doc->paragraphs()) {
        whole = whole && paragraph.text() == expected;
      }
      if (!whole) {
        torn.fetch_add(1);
      }
    }
  });
  for (int revision = 1; revision <= 40; ++revision) {
    std::vector<std::string> texts(revision, absl::StrCat("rev ", revision));
    ASSERT_THAT(store_->WriteDocument(MakeWrite("doc-a", texts)), IsOk());
  }
  while (reads.load() == 0) {
    std::this_thread::yield();
  }
  done.store(true);
  reader.join();
  EXPECT_EQ(torn.load(), 0);
}

TEST_F(StoreTest, ReopenAfterCloseKeepsEverything) {
  ASSERT_THAT(store_->WriteDocument(MakeWrite("doc-a", {"refugees returned"})),
              IsOk());
  ASSERT_THAT(store_->WriteDocument(MakeWrite("doc-a", {"refugees detained"})),
              IsOk());
  ASSERT_THAT(store_->Close(), IsOk());
  EXPECT_THAT(store_->GetDocument("doc-a"),
              StatusIs(absl::StatusCode::kUnavailable));
  Reopen();
  auto doc = store_->GetDocument("doc-a");
  ASSERT_TRUE(doc.ok()) << doc.status();
  EXPECT_EQ(doc->revision(), 2);
  EXPECT_THAT(Search({"refuge", "detain"}), ElementsAre(1));
  EXPECT_THAT(store_->GetRevision("doc-a", 1), IsOk());
}

TEST_F(StoreTest, ReadsRacingCloseSucceedOrFailCleanly) {
  // Every kind of read, on several threads, while another closes the
  // store: each read either completes or fails FAILED_PRECONDITION; none
  // may touch the database Close() released.
  ASSERT_THAT(store_->WriteDocument(MakeWrite(
                  "doc-a", {"torture in detention", "food shortages"})),
              IsOk());
  constexpr int kReaders = 4;
  constexpr int kKinds = 7;
  std::atomic<int> reads{0};
  std::atomic<int> unexpected{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < kReaders; ++t) {
    readers.emplace_back([&, t] {
      for (int i = t;; ++i) {
        absl::Status status;
        switch (i % kKinds) {
          case 0:
            status = store_->GetDocument("doc-a").status();
            break;
          case 1:
            status = store_->GetParagraph("doc-a", "2").status();
            break;
          case 2:
            status = store_->GetRevision("doc-a", 1).status();
            break;
          case 3: {
            internal::v1::SearchShardRequest request;
            request.add_terms("tortur");
            request.set_limit(10);
            status = store_->Search(request).status();
            break;
          }
          case 4: {
            internal::v1::GetCollectionStatsRequest request;
            request.mutable_query()->set_term("food");
            status = store_->GetCollectionStats(request).status();
            break;
          }
          case 5: {
            internal::v1::ListRecordsRequest request;
            request.set_kind(internal::v1::RECORD_KIND_RECOMMENDATION);
            request.set_limit(10);
            status = store_->ListRecords(request).status();
            break;
          }
          default:
            (void)store_->ReadHealth();
            break;
        }
        if (status.ok()) {
          reads.fetch_add(1);
          continue;
        }
        if (status.code() != absl::StatusCode::kUnavailable ||
            status.message() != "storage is closed") {
          ADD_FAILURE() << status;
          unexpected.fetch_add(1);
        }
        return;  // closed: every later read fails the same way
      }
    });
  }
  // Close while the readers are in full swing.
  while (reads.load() < 4 * kReaders * kKinds) {
    std::this_thread::yield();
  }
  EXPECT_THAT(store_->Close(), IsOk());
  for (std::thread& reader : readers) {
    reader.join();
  }
  EXPECT_EQ(unexpected.load(), 0);
  EXPECT_THAT(store_->GetDocument("doc-a"),
              StatusIs(absl::StatusCode::kUnavailable, "storage is closed"));
}

TEST_F(StoreTest, Bm25RanksOnATinyCorpus) {
  // Paragraph 1 says "food" once in a long text; 2 says it twice in a
  // short one; 3 says it once in a short one; 4 never.
  ASSERT_THAT(
      store_->WriteDocument(MakeWrite(
          "doc-a",
          {"food aid was delivered to several provinces and many other "
           "regions during the long winter months of that difficult year",
           "food shortages and food aid", "food shortages", "prison camps"})),
      IsOk());
  EXPECT_THAT(Search({"food"}), ElementsAre(2, 3, 1));
  // Terms are ANDed; the rarer term weighs more.
  EXPECT_THAT(Search({"food", "shortag"}), UnorderedElementsAre(2, 3));
  EXPECT_THAT(Search({"food", "prison"}), ElementsAre());
  EXPECT_THAT(Search({"food"}, /*limit=*/1), ElementsAre(2));
}

TEST_F(StoreTest, SearchStatisticsSpanDocuments) {
  ASSERT_THAT(store_->WriteDocument(MakeWrite("doc-a", {"camps camps"})),
              IsOk());
  ASSERT_THAT(store_->WriteDocument(MakeWrite("doc-b", {"camps", "other"})),
              IsOk());
  internal::v1::SearchShardRequest request;
  request.add_terms("camp");
  request.set_limit(10);
  auto response = store_->Search(request);
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->total_matches(), 2);
  ASSERT_EQ(response->hits_size(), 2);
  EXPECT_EQ(response->hits(0).paragraph().name(),
            "documents/doc-a/paragraphs/1");
  EXPECT_EQ(response->hits(0).symbol(), "TEST/doc-a");
  EXPECT_GT(response->hits(0).score(), response->hits(1).score());
}

TEST_F(StoreTest, BackupRestoresIntoAFreshDirectory) {
  ASSERT_THAT(store_->WriteDocument(MakeWrite("doc-a", {"before the backup"})),
              IsOk());
  const std::string backups = dir_.path() + "/backups/nightly";
  auto created = store_->CreateBackup(backups);
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_EQ(created->backup_id(), 1u);
  EXPECT_GT(created->file_count(), 0u);
  ASSERT_THAT(store_->WriteDocument(MakeWrite("doc-b", {"after the backup"})),
              IsOk());

  const std::string target = dir_.path() + "/restored";
  auto restored = store_->RestoreBackup(backups, 0, target);
  ASSERT_TRUE(restored.ok()) << restored.status();
  EXPECT_EQ(restored->backup_id(), 1u);
  auto copy = Store::Open({.path = target});
  ASSERT_TRUE(copy.ok()) << copy.status();
  EXPECT_THAT((*copy)->GetDocument("doc-a"), IsOk());
  EXPECT_THAT((*copy)->GetDocument("doc-b"),
              StatusIs(absl::StatusCode::kNotFound));

  // Never over data: not the shard's own directory, not a used one.
  EXPECT_THAT(
      store_->RestoreBackup(backups, 0, dir_.path() + "/db"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("own directory")));
  EXPECT_THAT(store_->RestoreBackup(backups, 0, target),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(store_->RestoreBackup(backups, 7, dir_.path() + "/other"),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(StoreTest, RejectsEmptySearch) {
  EXPECT_THAT(store_->Search(internal::v1::SearchShardRequest()),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(StoreTest, GetParagraphReadsOneRowByNumberOrOrdinal) {
  internal::v1::WriteDocumentRequest write =
      MakeWrite("doc-p", {"One.", "Two.", "Three."});
  write.mutable_document()->mutable_paragraphs(0)->set_number(0);  // unnumbered
  ASSERT_THAT(store_->WriteDocument(write), IsOk());
  EXPECT_EQ(store_->GetParagraph("doc-p", "u0")->text(), "One.");
  EXPECT_EQ(store_->GetParagraph("doc-p", "3")->text(), "Three.");
  EXPECT_THAT(store_->GetParagraph("doc-p", "1"),
              StatusIs(absl::StatusCode::kNotFound,
                       HasSubstr("documents/doc-p/paragraphs/1")));
  EXPECT_THAT(store_->GetParagraph("doc-p", "x7"),
              StatusIs(absl::StatusCode::kNotFound));
  // A new revision with fewer paragraphs: the old numbers are gone.
  ASSERT_THAT(store_->WriteDocument(MakeWrite("doc-p", {"Only one."})), IsOk());
  EXPECT_EQ(store_->GetParagraph("doc-p", "1")->text(), "Only one.");
  EXPECT_THAT(store_->GetParagraph("doc-p", "3"),
              StatusIs(absl::StatusCode::kNotFound));
  ASSERT_TRUE(store_->DeleteDocument("doc-p").ok());
  EXPECT_THAT(store_->GetParagraph("doc-p", "1"),
              StatusIs(absl::StatusCode::kNotFound));
}

}  // namespace
}  // namespace rapporteur::storage
