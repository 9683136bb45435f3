#include "lib/storage/rocks_db.h"

#include <rocksdb/statistics.h>
#include <rocksdb/table.h>

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "lib/storage/counter_merge.h"
#include "lib/storage/rocks_status.h"

namespace rapporteur::storage {
namespace {

// Names of the column families, indexed by Cf.
constexpr const char* kCfNames[] = {
    "default", "documents",     "paragraphs", "postings",
    "meta",    "history",       "records",    "paragraph_ids",
    "terms",   "pending_terms", "cases",      "case_audit"};

}  // namespace

rocksdb::Options MakeRocksOptions(const StoreConfig& config) {
  rocksdb::Options options;
  options.create_if_missing = true;
  // Document frequencies are added to, never read back on write.
  options.merge_operator = CounterAddOperator();
  options.create_missing_column_families = true;
  options.IncreaseParallelism(2);
  options.OptimizeLevelStyleCompaction();
  // Tickers for the block cache hit ratio of the metrics; the cost is a few
  // atomic increments per read.
  options.statistics = rocksdb::CreateDBStatistics();
  // Zstandard at every level. OptimizeLevelStyleCompaction leaves levels 0
  // and 1 uncompressed (compression_per_level, which overrides
  // `compression`), where a small shard keeps everything, and LZ4 leaves
  // per-document term lists and varint posting blocks almost as they are
  // (it only finds repeats; Zstandard's entropy coding took a third off the
  // term lists and an eighth off the blocks of the search benchmark). The
  // block cache holds blocks uncompressed, so searches pay for it only on
  // a miss, and the few MB/s a shard writes cost little to compress.
  options.compression_per_level.clear();
  options.compression = rocksdb::kZSTD;
  options.bottommost_compression = rocksdb::kZSTD;
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = rocksdb::NewLRUCache(config.block_cache_bytes);
  options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  return options;
}

absl::StatusOr<std::unique_ptr<RocksDb>> RocksDb::Open(
    const StoreConfig& config) {
  if (config.path.empty()) {
    return absl::InvalidArgumentError("storage path is empty");
  }
  std::unique_ptr<RocksDb> db(new RocksDb(config));
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const char* name : kCfNames) {
    descriptors.emplace_back(name, rocksdb::ColumnFamilyOptions(db->options_));
  }
  rocksdb::DB* raw_db = nullptr;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::Status s =
      rocksdb::DB::Open(rocksdb::DBOptions(db->options_), config.path,
                        descriptors, &handles, &raw_db);
  if (!s.ok()) {
    return absl::Status(FromRocks(s).code(),
                        absl::StrCat("cannot open storage at ", config.path,
                                     ": ", s.ToString()));
  }
  WriterLock lock(&db->mu_);
  db->db_.reset(raw_db);
  db->handles_ = std::move(handles);
  db->closed_ = false;
  return db;
}

RocksDb::RocksDb(const StoreConfig& config)
    : options_(MakeRocksOptions(config)) {
  write_options_.sync = config.sync_writes;
}

RocksDb::~RocksDb() {
  WriterLock lock(&mu_);
  Close().IgnoreError();
}

absl::Status RocksDb::CheckOpen() const {
  if (closed_) {
    return absl::UnavailableError("storage is closed");
  }
  return absl::OkStatus();
}

absl::Status RocksDb::Close() {
  if (closed_) {
    return absl::OkStatus();
  }
  closed_ = true;
  absl::Status status;
  for (rocksdb::ColumnFamilyHandle* handle : handles_) {
    rocksdb::Status s = db_->DestroyColumnFamilyHandle(handle);
    if (status.ok()) {
      status = FromRocks(s);
    }
  }
  handles_.clear();
  rocksdb::Status s = db_->Close();
  if (status.ok()) {
    status = FromRocks(s);
  }
  db_.reset();
  return status;
}

StoreHealth RocksDb::ReadHealth() const {
  StoreHealth health;
  if (closed_) {
    return health;
  }
  uint64_t value = 0;
  if (db_->GetAggregatedIntProperty("rocksdb.total-sst-files-size", &value)) {
    health.sst_bytes = static_cast<double>(value);
  }
  for (Cf text : {Cf::kDocuments, Cf::kParagraphs, Cf::kHistory}) {
    if (db_->GetIntProperty(cf(text), "rocksdb.total-sst-files-size", &value)) {
      health.stored_text_sst_bytes += static_cast<double>(value);
    }
  }
  if (db_->GetAggregatedIntProperty("rocksdb.estimate-pending-compaction-bytes",
                                    &value)) {
    health.pending_compaction_bytes = static_cast<double>(value);
  }
  const std::shared_ptr<rocksdb::Statistics>& statistics =
      db_->GetOptions().statistics;
  if (statistics != nullptr) {
    health.block_cache_hits = static_cast<double>(
        statistics->getTickerCount(rocksdb::BLOCK_CACHE_HIT));
    health.block_cache_misses = static_cast<double>(
        statistics->getTickerCount(rocksdb::BLOCK_CACHE_MISS));
  }
  return health;
}

}  // namespace rapporteur::storage
