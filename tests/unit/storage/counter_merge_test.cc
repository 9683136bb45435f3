#include "lib/storage/counter_merge.h"

#include <gtest/gtest.h>
#include <rocksdb/db.h>
#include <rocksdb/options.h>

#include <cstdint>
#include <limits>
#include <memory>
#include <string>

#include "tests/testing/files.h"

namespace rapporteur::storage {
namespace {

using ::rapporteur::testing::TempDir;

TEST(CounterTest, EncodesEightBigEndianBytes) {
  EXPECT_EQ(EncodeCounter(0), std::string(8, '\0'));
  EXPECT_EQ(EncodeCounter(0x0102), std::string("\0\0\0\0\0\0\x01\x02", 8));
  EXPECT_EQ(EncodeCounter(-1), std::string(8, '\xff'));  // two's complement
}

TEST(CounterTest, RoundTrips) {
  for (int64_t value : {int64_t{0}, int64_t{1}, int64_t{-1}, int64_t{255},
                        int64_t{1} << 40, std::numeric_limits<int64_t>::max(),
                        std::numeric_limits<int64_t>::min()}) {
    EXPECT_EQ(DecodeCounter(EncodeCounter(value)), value);
  }
}

TEST(CounterTest, MalformedValuesDecodeAsZero) {
  EXPECT_EQ(DecodeCounter(""), 0);
  EXPECT_EQ(DecodeCounter(std::string(7, '\x01')), 0);
  EXPECT_EQ(DecodeCounter(std::string(9, '\x01')), 0);
}

// The operator as RocksDB runs it: merges into a real database.
class CounterAddOperatorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    rocksdb::Options options;
    options.create_if_missing = true;
    options.merge_operator = CounterAddOperator();
    rocksdb::DB* db = nullptr;
    ASSERT_TRUE(rocksdb::DB::Open(options, dir_.path() + "/db", &db).ok());
    db_.reset(db);
  }
  void TearDown() override {
    if (db_ != nullptr) {
      EXPECT_TRUE(db_->Close().ok());
    }
  }

  rocksdb::Status Add(const std::string& key, int64_t delta) {
    return db_->Merge(rocksdb::WriteOptions(), key, EncodeCounter(delta));
  }
  rocksdb::Status Get(const std::string& key, std::string* value) {
    return db_->Get(rocksdb::ReadOptions(), key, value);
  }

  TempDir dir_;
  std::unique_ptr<rocksdb::DB> db_;
};

TEST_F(CounterAddOperatorTest, AddsWithoutReading) {
  ASSERT_TRUE(Add("tortur", 3).ok());
  ASSERT_TRUE(Add("tortur", 4).ok());
  ASSERT_TRUE(Add("tortur", -2).ok());
  std::string value;
  ASSERT_TRUE(Get("tortur", &value).ok());
  EXPECT_EQ(DecodeCounter(value), 5);
}

TEST_F(CounterAddOperatorTest, AddsToAStoredValueAndSurvivesFlush) {
  ASSERT_TRUE(db_->Put(rocksdb::WriteOptions(), "t", EncodeCounter(10)).ok());
  ASSERT_TRUE(Add("t", 5).ok());
  ASSERT_TRUE(db_->Flush(rocksdb::FlushOptions()).ok());
  ASSERT_TRUE(Add("t", 1).ok());
  std::string value;
  ASSERT_TRUE(Get("t", &value).ok());
  EXPECT_EQ(DecodeCounter(value), 16);
}

TEST_F(CounterAddOperatorTest, CountersMayReachZeroAndBelow) {
  ASSERT_TRUE(Add("t", 1).ok());
  ASSERT_TRUE(Add("t", -1).ok());
  std::string value;
  ASSERT_TRUE(Get("t", &value).ok());
  EXPECT_EQ(DecodeCounter(value), 0);
  EXPECT_EQ(value.size(), 8u);  // still a counter, not an absent key
}

TEST_F(CounterAddOperatorTest, AMalformedOperandIsCorruption) {
  ASSERT_TRUE(Add("t", 1).ok());
  ASSERT_TRUE(db_->Merge(rocksdb::WriteOptions(), "t", "bad").ok());
  std::string value;
  EXPECT_TRUE(Get("t", &value).IsCorruption());
}

TEST_F(CounterAddOperatorTest, AMalformedStoredValueIsCorruption) {
  ASSERT_TRUE(db_->Put(rocksdb::WriteOptions(), "t", "not eight").ok());
  ASSERT_TRUE(Add("t", 1).ok());
  std::string value;
  EXPECT_TRUE(Get("t", &value).IsCorruption());
}

TEST(CounterAddOperatorNameTest, IsStable) {
  // RocksDB records the name in OPTIONS; renaming it breaks opening.
  EXPECT_STREQ(CounterAddOperator()->Name(), "rapporteur.CounterAdd");
}

}  // namespace
}  // namespace rapporteur::storage
