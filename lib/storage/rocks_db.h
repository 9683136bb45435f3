#ifndef RAPPORTEUR_LIB_STORAGE_ROCKS_DB_H_
#define RAPPORTEUR_LIB_STORAGE_ROCKS_DB_H_

#include <rocksdb/db.h>
#include <rocksdb/options.h>

#include <cstdint>
#include <memory>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "lib/base/shared_mutex.h"
#include "lib/storage/store_config.h"

namespace rapporteur::storage {

// Column families, in handle order. Append only: the order is the handle
// index of a database already on disk.
enum class Cf : uint32_t {
  kDefault,
  kDocuments,
  kParagraphs,
  kPostings,
  kMeta,
  kHistory,
  kRecords,
  kParagraphIds,
  kTerms,
  kPendingTerms,
  kCases,
  kCaseAudit,
};

// All RocksDB tuning, in one place: the options the database is opened
// with and the table files a flush writes are made with.
rocksdb::Options MakeRocksOptions(const StoreConfig& config);

// Figures for monitoring, read from RocksDB's properties and statistics.
struct StoreHealth {
  double sst_bytes = 0;  // size of the table files
  // Of those, the files of the text kept to show hits (documents,
  // paragraphs, revisions): what the index alone takes is the difference.
  double stored_text_sst_bytes = 0;
  double pending_compaction_bytes = 0;  // estimate of compaction debt
  // Since the database opened: counters, so that Prometheus can take the
  // hit ratio over any window, not only since start.
  double block_cache_hits = 0;
  double block_cache_misses = 0;
};

// The RocksDB database of a shard with a handle per column family, from
// Open() until Close().
//
// Invariants: while open, handles_ holds one handle per Cf, in Cf order,
// and db_ is non-null; after Close() both are empty and closed_ is true,
// for good.
//
// Locking: mu() is the database's lifetime lock. Every use of db() or
// cf() holds it shared for as long as it uses what they return (the
// pointers, and snapshots and iterators made from them); Close() holds it
// exclusively, so it waits for every such use to end and none begins
// before CheckOpen() reports the database closed. Holders of mu() shared
// must not ask for it again (it is writer-preferring, not recursive).
class RocksDb {
 public:
  // Opens (creating when missing) the database at config.path with every
  // column family. INVALID_ARGUMENT for an empty path; RocksDB's error,
  // converted, otherwise.
  static absl::StatusOr<std::unique_ptr<RocksDb>> Open(
      const StoreConfig& config);

  RocksDb(const RocksDb&) = delete;
  RocksDb& operator=(const RocksDb&) = delete;
  // Closes the database if Close() did not.
  ~RocksDb();

  // The lifetime lock (see the class comment).
  WriterPreferringSharedMutex* mu() const ABSL_LOCK_RETURNED(mu_) {
    return &mu_;
  }

  // UNAVAILABLE "storage is closed" after Close() (another replica, or
  // this one reopened, may answer); OK before.
  absl::Status CheckOpen() const ABSL_SHARED_LOCKS_REQUIRED(mu_);

  // REQUIRES: CheckOpen() is OK.
  rocksdb::DB* db() const ABSL_SHARED_LOCKS_REQUIRED(mu_) { return db_.get(); }
  rocksdb::ColumnFamilyHandle* cf(Cf family) const
      ABSL_SHARED_LOCKS_REQUIRED(mu_) {
    return handles_[static_cast<uint32_t>(family)];
  }
  const std::vector<rocksdb::ColumnFamilyHandle*>& handles() const
      ABSL_SHARED_LOCKS_REQUIRED(mu_) {
    return handles_;
  }

  // The options the database was opened with (for the table files a
  // flush writes itself), and those of every write that must be durable.
  const rocksdb::Options& options() const { return options_; }
  const rocksdb::WriteOptions& write_options() const { return write_options_; }

  // Reads the health figures; all 0 once closed.
  StoreHealth ReadHealth() const ABSL_SHARED_LOCKS_REQUIRED(mu_);

  // Destroys the column family handles, then closes the database; the
  // first error of the two. A second call does nothing and returns OK.
  absl::Status Close() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

 private:
  // Closed until Open() succeeds.
  explicit RocksDb(const StoreConfig& config);

  const rocksdb::Options options_;
  rocksdb::WriteOptions write_options_;
  mutable WriterPreferringSharedMutex mu_;
  std::unique_ptr<rocksdb::DB> db_ ABSL_GUARDED_BY(mu_);
  std::vector<rocksdb::ColumnFamilyHandle*> handles_
      ABSL_GUARDED_BY(mu_);  // indexed by Cf
  bool closed_ ABSL_GUARDED_BY(mu_) = true;
};

// A snapshot of `db`, released at the end of the scope. REQUIRES: the
// database's lifetime lock is held shared for the whole scope.
class ScopedSnapshot {
 public:
  explicit ScopedSnapshot(rocksdb::DB* db)
      : db_(db), snapshot_(db->GetSnapshot()) {}
  ~ScopedSnapshot() { db_->ReleaseSnapshot(snapshot_); }
  ScopedSnapshot(const ScopedSnapshot&) = delete;
  ScopedSnapshot& operator=(const ScopedSnapshot&) = delete;

  const rocksdb::Snapshot* get() const { return snapshot_; }

 private:
  rocksdb::DB* const db_;
  const rocksdb::Snapshot* const snapshot_;
};

}  // namespace rapporteur::storage

#endif  // RAPPORTEUR_LIB_STORAGE_ROCKS_DB_H_
