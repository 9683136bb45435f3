#include "lib/storage/rocks_db.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "lib/base/shared_mutex.h"
#include "lib/storage/rocks_status.h"
#include "tests/testing/files.h"
#include "tests/testing/status_matchers.h"

namespace rapporteur::storage {
namespace {

using ::rapporteur::testing::IsOk;
using ::rapporteur::testing::StatusIs;

TEST(MakeRocksOptionsTest, CreatesMissingFamiliesAndAddsCounters) {
  StoreConfig config;
  config.path = "/unused";
  const rocksdb::Options options = MakeRocksOptions(config);
  EXPECT_TRUE(options.create_if_missing);
  EXPECT_TRUE(options.create_missing_column_families);
  EXPECT_NE(options.merge_operator, nullptr);
  EXPECT_NE(options.statistics, nullptr);
  EXPECT_EQ(options.bottommost_compression, rocksdb::kZSTD);
}

TEST(RocksDbTest, RefusesAnEmptyPath) {
  EXPECT_THAT(RocksDb::Open(StoreConfig()).status(),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(RocksDbTest, OpensEveryColumnFamilyAndClosesOnce) {
  rapporteur::testing::TempDir dir;
  StoreConfig config;
  config.path = dir.path() + "/db";
  config.sync_writes = false;
  auto db = RocksDb::Open(config);
  ASSERT_TRUE(db.ok()) << db.status();
  EXPECT_FALSE((*db)->write_options().sync);
  {
    ReaderLock open((*db)->mu());
    ASSERT_THAT((*db)->CheckOpen(), IsOk());
    EXPECT_EQ((*db)->handles().size(), static_cast<size_t>(Cf::kCaseAudit) + 1);
    EXPECT_EQ((*db)->cf(Cf::kRecords)->GetName(), "records");
    EXPECT_EQ((*db)->cf(Cf::kPendingTerms)->GetName(), "pending_terms");
    EXPECT_EQ((*db)->cf(Cf::kCases)->GetName(), "cases");
    EXPECT_EQ((*db)->cf(Cf::kCaseAudit)->GetName(), "case_audit");
    EXPECT_THAT(FromRocks((*db)->db()->Put(rocksdb::WriteOptions(),
                                           (*db)->cf(Cf::kMeta), "k", "v")),
                IsOk());
  }
  {
    WriterLock close((*db)->mu());
    EXPECT_THAT((*db)->Close(), IsOk());
    EXPECT_THAT((*db)->CheckOpen(),
                StatusIs(absl::StatusCode::kUnavailable, "storage is closed"));
    EXPECT_THAT((*db)->Close(), IsOk());  // a second Close() does nothing
  }
  {
    ReaderLock open((*db)->mu());
    EXPECT_EQ((*db)->ReadHealth().sst_bytes, 0);
  }
  db->reset();

  // The column families and what was written come back.
  auto reopened = RocksDb::Open(config);
  ASSERT_TRUE(reopened.ok()) << reopened.status();
  ReaderLock open((*reopened)->mu());
  std::string value;
  ASSERT_TRUE(
      (*reopened)
          ->db()
          ->Get(rocksdb::ReadOptions(), (*reopened)->cf(Cf::kMeta), "k", &value)
          .ok());
  EXPECT_EQ(value, "v");
}

}  // namespace
}  // namespace rapporteur::storage
