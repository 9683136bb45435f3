#include "lib/storage/store_format.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "lib/storage/keys.h"
#include "lib/storage/store.h"
#include "rapporteur/internal/v1/stored.pb.h"
#include "tests/testing/files.h"
#include "tests/testing/status_matchers.h"

namespace rapporteur::storage {
namespace {

using ::rapporteur::testing::IsOk;
using ::rapporteur::testing::StatusIs;
using ::testing::HasSubstr;

// Opens `path` with RocksDB alone, as a tool (or another version) would,
// with a "meta" column family, and runs `body` on it.
template <typename Body>
void WithRawDatabase(const std::string& path, Body body) {
  rocksdb::Options options;
  options.create_if_missing = true;
  options.create_missing_column_families = true;
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors = {
      {rocksdb::kDefaultColumnFamilyName, rocksdb::ColumnFamilyOptions()},
      {"meta", rocksdb::ColumnFamilyOptions()}};
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* db = nullptr;
  ASSERT_TRUE(
      rocksdb::DB::Open(options, path, descriptors, &handles, &db).ok());
  body(db, handles[1]);
  for (rocksdb::ColumnFamilyHandle* handle : handles) {
    ASSERT_TRUE(db->DestroyColumnFamilyHandle(handle).ok());
  }
  ASSERT_TRUE(db->Close().ok());
  delete db;
}

std::string ReadFormatRow(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* meta) {
  std::string value;
  EXPECT_TRUE(db->Get(rocksdb::ReadOptions(), meta, kFormatKey, &value).ok());
  return value;
}

TEST(StoreFormatTest, ANewDirectoryIsStampedAndOpensAgain) {
  rapporteur::testing::TempDir dir;
  const std::string path = dir.path() + "/db";
  WithRawDatabase(path, [](rocksdb::DB* db, rocksdb::ColumnFamilyHandle* meta) {
    EXPECT_THAT(CheckStoreFormat(db, meta), IsOk());
    internal::v1::StoreFormat format;
    ASSERT_TRUE(format.ParseFromString(ReadFormatRow(db, meta)));
    EXPECT_EQ(format.version(), kStoreFormatVersion);
    // Checking again reads the row it wrote.
    EXPECT_THAT(CheckStoreFormat(db, meta), IsOk());
  });
}

TEST(StoreFormatTest, ALaterVersionIsRefusedAndAnUnreadableRowIsDataLoss) {
  rapporteur::testing::TempDir dir;
  WithRawDatabase(dir.path() + "/later", [](rocksdb::DB* db,
                                            rocksdb::ColumnFamilyHandle* meta) {
    internal::v1::StoreFormat later;
    later.set_version(kStoreFormatVersion + 1);
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), meta, kFormatKey,
                        later.SerializeAsString())
                    .ok());
    EXPECT_THAT(CheckStoreFormat(db, meta),
                StatusIs(absl::StatusCode::kFailedPrecondition,
                         HasSubstr("written by a newer Rapporteur")));
  });
  WithRawDatabase(
      dir.path() + "/garbled",
      [](rocksdb::DB* db, rocksdb::ColumnFamilyHandle* meta) {
        ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), meta, kFormatKey,
                            std::string("\xff\xff\xff", 3))
                        .ok());
        EXPECT_THAT(CheckStoreFormat(db, meta),
                    StatusIs(absl::StatusCode::kDataLoss));
      });
}

TEST(StoreFormatTest, StoreOpenChecksTheFormat) {
  rapporteur::testing::TempDir dir;
  const std::string path = dir.path() + "/db";
  {
    auto store = Store::Open({.path = path});
    ASSERT_TRUE(store.ok()) << store.status();
    ASSERT_THAT((*store)->Close(), IsOk());
  }
  // What a later version would leave: the store refuses it whole.
  rocksdb::Options options;
  std::vector<std::string> families;
  ASSERT_TRUE(rocksdb::DB::ListColumnFamilies(options, path, &families).ok());
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const std::string& name : families) {
    descriptors.emplace_back(name, rocksdb::ColumnFamilyOptions());
  }
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* db = nullptr;
  ASSERT_TRUE(
      rocksdb::DB::Open(options, path, descriptors, &handles, &db).ok());
  internal::v1::StoreFormat later;
  later.set_version(kStoreFormatVersion + 7);
  for (size_t i = 0; i < families.size(); ++i) {
    if (families[i] == "meta") {
      ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), handles[i], kFormatKey,
                          later.SerializeAsString())
                      .ok());
    }
  }
  for (rocksdb::ColumnFamilyHandle* handle : handles) {
    ASSERT_TRUE(db->DestroyColumnFamilyHandle(handle).ok());
  }
  ASSERT_TRUE(db->Close().ok());
  delete db;
  EXPECT_THAT(Store::Open({.path = path}),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("this one reads format 1 and older")));
}

}  // namespace
}  // namespace rapporteur::storage
