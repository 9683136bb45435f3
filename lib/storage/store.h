#ifndef RAPPORTEUR_LIB_STORAGE_STORE_H_
#define RAPPORTEUR_LIB_STORAGE_STORE_H_

#include <rocksdb/db.h>

#include <atomic>
#include <condition_variable>
#include <thread>
#include <shared_mutex>
#include <cstdint>
#include <memory>
#include <string>
#include "absl/strings/string_view.h"
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "rapporteur/v1/document.pb.h"
#include "rapporteur/internal/v1/shard.pb.h"
#include "lib/base/mutex.h"
#include "lib/base/shared_mutex.h"
#include "lib/storage/index/doc_iterator.h"
#include "lib/storage/index/paragraph_table.h"
#include "lib/storage/index/pending_postings.h"

namespace rapporteur::storage {

struct StoreConfig {
  // Directory of the RocksDB database; created when missing.
  std::string path;
  // Sync the write-ahead log before a write returns. Off loses the last
  // writes on a machine crash (not on a process crash); only benchmarks
  // that measure the cost of durability turn it off.
  bool sync_writes = true;
  // Block cache for documents, paragraphs and postings.
  size_t block_cache_bytes = 64 << 20;
  // Paragraphs deleted or replaced between two background runs of
  // CompactIndex(), which drops their postings; 0 turns the background
  // merge off. (Flushes keep blocks full: only removals leave garbage.)
  uint64_t compact_after_removed_paragraphs = 20000;
  // Paragraphs whose postings are held in memory before they are written
  // as full blocks (each write stores their terms too, for recovery); 0
  // writes blocks with every document.
  size_t index_buffer_paragraphs = 10000;
};

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
};

// One storage shard: documents, paragraphs and the inverted index of its
// documents in one RocksDB database.
//
// Thread-safe. Writes are serialized (each is one synced WriteBatch);
// reads run concurrently on snapshots and see a document all or not at all.
class Store {
 public:
  // Opens (creating when missing) the database at config.path.
  static absl::StatusOr<std::unique_ptr<Store>> Open(const StoreConfig& config);

  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;
  ~Store();

  // Writes request.document (named documents/{id}) with its paragraphs and
  // postings in one atomic, durable write. A current revision of the same
  // document is moved to the history and its postings removed in the same
  // write. Returns the new and the replaced revision (0 if none).
  // INVALID_ARGUMENT names the first malformed field; nothing is written.
  absl::StatusOr<internal::v1::WriteDocumentResponse> WriteDocument(
      const internal::v1::WriteDocumentRequest& request);

  // The current revision of document `doc_id`, with its paragraphs unless
  // `summary_only`; NOT_FOUND when there is none.
  absl::StatusOr<v1::Document> GetDocument(absl::string_view doc_id,
                                           bool summary_only = false);

  // A paragraph by number ("26") or unnumbered ordinal ("u0").
  absl::StatusOr<v1::Paragraph> GetParagraph(absl::string_view doc_id,
                                             absl::string_view paragraph_id);

  // An earlier (or the current) revision of a document, with paragraphs.
  absl::StatusOr<v1::Document> GetRevision(absl::string_view doc_id,
                                           int64_t revision);

  // Removes the current revision and its postings in one write; the
  // revision stays in the history. NOT_FOUND when there is none.
  absl::Status DeleteDocument(absl::string_view doc_id);

  // Paragraphs matching request.query, best BM25 first (see SearchIndex in
  // index/searcher.h), with their documents' symbol, title and date.
  absl::StatusOr<internal::v1::SearchShardResponse> Search(
      const internal::v1::SearchShardRequest& request);

  // This shard's share of the statistics of request.query.
  absl::StatusOr<internal::v1::CollectionStats> GetCollectionStats(
      const internal::v1::GetCollectionStatsRequest& request);

  // Writes the pending postings as blocks and RocksDB's memtables as table
  // files, so that the directory holds the index compacted (and the write-
  // ahead log can be recycled). Writes are durable without it.
  absl::Status Flush();

  // Rewrites each term's postings into full blocks without the paragraphs
  // of deleted or replaced revisions. Runs beside reads and writes; returns
  // the number of terms rewritten.
  absl::StatusOr<int64_t> CompactIndex();

  // Up to request.limit records of request.kind passing request.filter,
  // after record request.after, in name order.
  absl::StatusOr<internal::v1::ListRecordsResponse> ListRecords(
      const internal::v1::ListRecordsRequest& request);

  // Backs the store up into `backup_dir` (created when missing) after a
  // flush, consistently across column families. INVALID_ARGUMENT for an
  // empty path; the RocksDB error otherwise.
  absl::StatusOr<internal::v1::CreateBackupResponse> CreateBackup(
      const internal::v1::CreateBackupRequest& request);

  // Restores backup request.backup_id (0: latest) of request.backup_dir into
  // request.target_dir, which must not exist or be empty and is never this
  // store's own directory. NOT_FOUND for a missing backup.
  absl::StatusOr<internal::v1::RestoreBackupResponse> RestoreBackup(
      const internal::v1::RestoreBackupRequest& request) const;

  // Figures for monitoring, read from RocksDB's properties and statistics.
  struct Health {
    double sst_bytes = 0;                 // size of the table files
    double pending_compaction_bytes = 0;  // estimate of compaction debt
    double block_cache_hit_ratio = 0;     // hits / (hits + misses), 0 if none
  };
  Health ReadHealth();

  // Flushes nothing (the WAL is synced) and closes the database. Calls after
  // Close() fail with FAILED_PRECONDITION.
  absl::Status Close();

 private:
  Store(StoreConfig config, std::unique_ptr<rocksdb::DB> db,
        std::vector<rocksdb::ColumnFamilyHandle*> handles);

  rocksdb::ColumnFamilyHandle* cf(Cf family) const {
    return handles_[static_cast<uint32_t>(family)];
  }
  absl::Status CheckOpen() const;

  // What the index code reads for one search, as of `snapshot`.
  // REQUIRES: table_mu_ is held, shared, while the context is used.
  index::SearchContext IndexContext(const rocksdb::Snapshot* snapshot) const;

  // Loads the paragraph table, term frequencies and pending postings at
  // open.
  absl::Status LoadIndex();

  // Writes the pending postings as blocks, drops their recovery rows, and
  // empties the buffer. REQUIRES: write_mu_ is held.
  absl::Status FlushPending() ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);

  // Reads the document and its paragraphs as of `snapshot`.
  absl::StatusOr<v1::Document> ReadDocument(const rocksdb::Snapshot* snapshot,
                                            absl::string_view doc_id,
                                            bool summary_only);

  // Adds to `batch` the removal of the current revision of `doc_id` (rows,
  // paragraph ids, records) and its copy into the history; adds to
  // `frequency_deltas` the document frequencies it took away.
  // REQUIRES: write_mu_ is held.
  absl::Status RemoveCurrent(
      const v1::Document& current, rocksdb::WriteBatch* batch,
      absl::flat_hash_map<std::string, int64_t>* frequency_deltas)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);


  // The background merge: runs CompactIndex() when enough paragraphs were
  // removed since its last run, until Close().
  void CompactInBackground();
  // Counts `removed` paragraphs toward the next background merge.
  void NoteRemoved(size_t removed);

  const StoreConfig config_;
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;  // indexed by Cf
  rocksdb::WriteOptions write_options_;
  // The options the database was opened with, for the table files a flush
  // writes itself.
  rocksdb::Options options_;
  // Serializes read-modify-write of a document and of the index.
  Mutex write_mu_;
  // Guards table_: searches share it, a write takes it alone only to
  // publish what it has durably written. Only writers (holding write_mu_)
  // change table_, so they may read it without this lock.
  mutable WriterPreferringSharedMutex table_mu_;
  index::ParagraphTable table_;
  index::PendingPostings pending_;  // guarded by table_mu_ as table_ is

  Mutex compact_mu_;
  std::condition_variable_any compact_wanted_;
  uint64_t removed_since_compaction_ ABSL_GUARDED_BY(compact_mu_) = 0;
  bool stopping_ ABSL_GUARDED_BY(compact_mu_) = false;
  std::thread compactor_;
  std::atomic<bool> closed_{false};
};

}  // namespace rapporteur::storage

#endif  // RAPPORTEUR_LIB_STORAGE_STORE_H_
