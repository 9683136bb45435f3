#include "lib/storage/index_writer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "lib/base/mutex.h"
#include "lib/base/shared_mutex.h"
#include "lib/storage/rocks_db.h"
#include "lib/storage/rocks_status.h"
#include "tests/testing/documents.h"
#include "tests/testing/files.h"
#include "tests/testing/status_matchers.h"

namespace rapporteur::storage {
namespace {

using ::rapporteur::testing::IsOk;
using ::rapporteur::testing::MakeWrite;
using ::rapporteur::testing::StatusIs;

// An IndexWriter over a fresh database, driven as DocumentWriter drives
// it: rows into one batch, the batch written, then published.
class IndexWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    config_.path = dir_.path() + "/db";
    config_.compact_after_removed_paragraphs =
        0;  // no thread: the test runs it
    config_.index_buffer_paragraphs = 1000;
    Open();
  }

  void Open() {
    index_.reset();
    db_.reset();
    auto db = RocksDb::Open(config_);
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = std::move(*db);
    index_ = std::make_unique<IndexWriter>(config_);
    ReaderLock open(db_->mu());
    ASSERT_THAT(index_->Load(*db_), IsOk());
  }

  // Replaces document `id` by `texts` in the index.
  void Write(const std::string& id, const std::vector<std::string>& texts) {
    const internal::v1::WriteDocumentRequest request = MakeWrite(id, texts);
    ReaderLock open(db_->mu());
    MutexLock lock(index_->write_mu());
    rocksdb::WriteBatch batch;
    FrequencyDeltas deltas;
    ASSERT_THAT(index_->RemoveDocument(*db_, id, &batch, &deltas), IsOk());
    auto added = index_->AddDocument(*db_, id, request, &batch, &deltas);
    ASSERT_TRUE(added.ok()) << added.status();
    ASSERT_THAT(FromRocks(db_->db()->Write(db_->write_options(), &batch)),
                IsOk());
    index_->Publish(id, &*added, &request, deltas);
  }

  void Flush() {
    ReaderLock open(db_->mu());
    MutexLock lock(index_->write_mu());
    ASSERT_THAT(index_->FlushPending(*db_), IsOk());
  }

  struct Counts {
    uint64_t live = 0;
    uint64_t pending = 0;
    uint64_t frequency = 0;
  };
  Counts CountsOf(const std::string& term) {
    ReaderLock open(db_->mu());
    ReaderLock table(index_->table_mu());
    index::SearchContext context = index_->Context(*db_, nullptr);
    return Counts{context.table->live_paragraphs(),
                  context.pending->paragraphs(),
                  context.table->Frequency(term)};
  }

  std::string Row(Cf family, const std::string& key) {
    ReaderLock open(db_->mu());
    std::string value;
    rocksdb::Status s =
        db_->db()->Get(rocksdb::ReadOptions(), db_->cf(family), key, &value);
    return s.ok() ? value : "<" + s.ToString() + ">";
  }

  rapporteur::testing::TempDir dir_;
  StoreConfig config_;
  std::unique_ptr<RocksDb> db_;
  std::unique_ptr<IndexWriter> index_;
};

TEST_F(IndexWriterTest, PublishesAfterTheWriteAndFlushesIntoBlocks) {
  Write("doc-a", {"camps camps", "camps", "other"});
  Counts counts = CountsOf("camp");
  EXPECT_EQ(counts.live, 3u);
  EXPECT_EQ(counts.pending, 3u);
  EXPECT_EQ(counts.frequency, 2u);
  Flush();
  counts = CountsOf("camp");
  EXPECT_EQ(counts.pending, 0u);
  EXPECT_EQ(counts.frequency, 2u);
  // The stored frequency now counts the flushed postings.
  EXPECT_EQ(Row(Cf::kTerms, "camp").size(), 8u);
}

TEST_F(IndexWriterTest, ReplacingADocumentTakesItsFrequenciesBack) {
  Write("doc-a", {"camps", "camps"});
  Flush();
  Write("doc-a", {"floods"});
  Counts counts = CountsOf("camp");
  EXPECT_EQ(counts.live, 1u);
  EXPECT_EQ(counts.frequency, 0u);
  EXPECT_EQ(CountsOf("flood").frequency, 1u);
}

TEST_F(IndexWriterTest, PendingPostingsAreRebuiltAtOpen) {
  Write("doc-a", {"refugees returned", "refugees"});
  Write("doc-b", {"refugees detained"});
  Write("doc-b", {"detention"});  // replaced while pending
  // Closed without a flush, as after a crash: the pending terms remain.
  {
    WriterLock close(db_->mu());
    ASSERT_THAT(db_->Close(), IsOk());
  }
  Open();
  Counts counts = CountsOf("refuge");
  EXPECT_EQ(counts.live, 3u);
  EXPECT_EQ(counts.pending, 3u);
  EXPECT_EQ(counts.frequency, 2u);
  EXPECT_EQ(CountsOf("detain").frequency, 0u);
  EXPECT_EQ(CountsOf("detent").frequency, 1u);
}

// The flush-N.sst files in the database's directory.
std::vector<std::string> FlushFiles(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("flush-", 0) == 0) {
      names.push_back(name);
    }
  }
  return names;
}

TEST_F(IndexWriterTest, OpenDeletesTheTableFilesOfInterruptedFlushes) {
  Write("doc-a", {"refugees returned", "refugees"});
  Write("doc-b", {"refugees detained"});
  // A crash while a flush was writing its table file, before RocksDB took
  // it: the file stays, partial, and the postings stay pending. An earlier
  // crash left an empty one.
  {
    WriterLock close(db_->mu());
    ASSERT_THAT(db_->Close(), IsOk());
  }
  std::ofstream(config_.path + "/flush-3.sst", std::ios::binary)
      << std::string(700, 'x');
  std::ofstream(config_.path + "/flush-1.sst", std::ios::binary);
  // Not a flush's name: not ours to delete.
  std::ofstream(config_.path + "/flush-notes.txt") << "kept";
  ASSERT_EQ(FlushFiles(config_.path).size(), 3u);

  Open();
  EXPECT_THAT(FlushFiles(config_.path),
              ::testing::ElementsAre("flush-notes.txt"));
  Counts counts = CountsOf("refuge");
  EXPECT_EQ(counts.live, 3u);
  EXPECT_EQ(counts.pending, 3u);
  EXPECT_EQ(counts.frequency, 3u);
  // The next flush writes the postings as blocks.
  Flush();
  counts = CountsOf("refuge");
  EXPECT_EQ(counts.pending, 0u);
  EXPECT_EQ(counts.frequency, 3u);
  EXPECT_THAT(FlushFiles(config_.path),
              ::testing::ElementsAre("flush-notes.txt"));
}

TEST_F(IndexWriterTest, CompactionRewritesTermsWithDeadPostings) {
  for (int i = 0; i < 4; ++i) {
    Write("doc-a", {"torture", "torture in detention"});
    Flush();
  }
  auto rewritten = index_->CompactIndex(*db_);
  ASSERT_TRUE(rewritten.ok()) << rewritten.status();
  EXPECT_GT(*rewritten, 0);
  // Compact now: a second run rewrites nothing.
  rewritten = index_->CompactIndex(*db_);
  ASSERT_TRUE(rewritten.ok()) << rewritten.status();
  EXPECT_EQ(*rewritten, 0);
  EXPECT_EQ(CountsOf("tortur").frequency, 2u);

  {
    WriterLock close(db_->mu());
    ASSERT_THAT(db_->Close(), IsOk());
  }
  EXPECT_THAT(index_->CompactIndex(*db_).status(),
              StatusIs(absl::StatusCode::kUnavailable, "storage is closed"));
}

TEST_F(IndexWriterTest, StopCompactorWithoutAThreadOrTwiceIsHarmless) {
  index_->StopCompactor();
  index_->StopCompactor();
}

}  // namespace
}  // namespace rapporteur::storage
