#ifndef RAPPORTEUR_LIB_STORAGE_INDEX_WRITER_H_
#define RAPPORTEUR_LIB_STORAGE_INDEX_WRITER_H_

#include <rocksdb/write_batch.h>

#include <condition_variable>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/base/mutex.h"
#include "lib/base/shared_mutex.h"
#include "lib/storage/index/doc_iterator.h"
#include "lib/storage/index/paragraph_table.h"
#include "lib/storage/index/pending_postings.h"
#include "lib/storage/rocks_db.h"
#include "lib/storage/store_config.h"
#include "rapporteur/internal/v1/shard.pb.h"

namespace rapporteur::storage {

// Changes to document frequencies, by term.
using FrequencyDeltas = absl::flat_hash_map<std::string, int64_t>;

// A document's paragraphs as a write adds them to the index.
struct IndexedParagraphs {
  index::ParagraphId first_id = 0;  // of paragraph 0; the others follow
  std::vector<index::ParagraphEntry> entries;  // by ordinal
  uint64_t tokens = 0;                         // the sum of their lengths
};

// The writing side of a shard's inverted index: the in-memory paragraph
// table and pending postings, their rows (`paragraph_ids`,
// `pending_terms`, `terms`, the `terms/{doc}` and id watermarks of `meta`),
// the flush of pending postings as a table file RocksDB ingests, and the
// merge that drops postings of removed paragraphs (CompactIndex), run by a
// background thread.
//
// Invariants: ids below pending().first_id() have their postings in
// blocks and their frequencies in `terms`; ids from it on have their terms
// in `pending_terms` and their postings in pending(). The table and the
// pending postings change only after the rows saying the same are durable.
//
// Locking, outermost first (a thread takes them in this order only):
//  1. the database's lifetime lock, RocksDb::mu(), shared: by everything
//     that uses the database (see RocksDb), which methods take as their
//     `db` parameter, the lock held by the caller or, for CompactIndex(),
//     taken per term;
//  2. write_mu(): serializes the read-modify-write of documents and of the
//     index: document writes, flushes, each term of a compaction;
//  3. table_mu(): guards the table and the pending postings; searches
//     hold it shared for their duration, the holder of write_mu() takes it
//     shared to read them and exclusively, briefly, to publish what it
//     has durably written;
//  4. compact_mu_: the background merge's counter and stop flag.
class IndexWriter {
 public:
  explicit IndexWriter(const StoreConfig& config);
  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;
  // Stops the background merge.
  ~IndexWriter();

  Mutex* write_mu() ABSL_LOCK_RETURNED(write_mu_) { return &write_mu_; }
  WriterPreferringSharedMutex* table_mu() const ABSL_LOCK_RETURNED(table_mu_) {
    return &table_mu_;
  }

  // Loads the paragraph table, term frequencies and pending postings (the
  // latter rebuilt from their stored terms). Once, at open, before any
  // other call; DATA_LOSS for a malformed row. First deletes the table
  // files (flush-N.sst) of flushes a crash interrupted, whose postings are
  // still pending; INTERNAL when one cannot be deleted.
  absl::Status Load(const RocksDb& db) ABSL_SHARED_LOCKS_REQUIRED(db.mu())
      ABSL_LOCKS_EXCLUDED(table_mu_);

  // Starts the background merge of `db` when the config asks for one.
  // REQUIRES: `db` outlives StopCompactor().
  void StartCompactor(RocksDb* db) ABSL_LOCKS_EXCLUDED(thread_mu_);
  // Stops the background merge, waiting for a run in progress to end. A
  // second call does nothing.
  void StopCompactor() ABSL_LOCKS_EXCLUDED(thread_mu_, compact_mu_);

  // The next paragraph id to give.
  index::ParagraphId next_id() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_)
      ABSL_LOCKS_EXCLUDED(table_mu_);

  // Adds to `batch` the removal of the index rows of the current revision
  // of `doc_id` (its paragraph ids, its terms, their frequencies or
  // pending terms), and to `deltas` the document frequencies it took away.
  // Its postings stay in their blocks until CompactIndex(). DATA_LOSS for
  // malformed stored terms.
  absl::Status RemoveDocument(const RocksDb& db, absl::string_view doc_id,
                              rocksdb::WriteBatch* batch,
                              FrequencyDeltas* deltas)
      ABSL_SHARED_LOCKS_REQUIRED(db.mu())
          ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_)
              ABSL_LOCKS_EXCLUDED(table_mu_);

  // Adds to `batch` the index rows of the paragraphs of request.document
  // (named `doc_id`), given ids from next_id() on: their entries, their
  // terms kept pending, the document's terms and the new next id; adds
  // their document frequencies to `deltas`. REQUIRES: RemoveDocument()
  // was added to `batch` first if the document had a current revision.
  absl::StatusOr<IndexedParagraphs> AddDocument(
      const RocksDb& db, absl::string_view doc_id,
      const internal::v1::WriteDocumentRequest& request,
      rocksdb::WriteBatch* batch,
      FrequencyDeltas* deltas) ABSL_SHARED_LOCKS_REQUIRED(db.mu())
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_) ABSL_LOCKS_EXCLUDED(table_mu_);

  // After the batch of RemoveDocument() and AddDocument() is durable:
  // makes searches see it. Marks the former paragraphs of `doc_id` dead,
  // adds `added` (null for a deletion) with the terms of
  // request.paragraph_terms, and applies `deltas`.
  void Publish(absl::string_view doc_id, const IndexedParagraphs* added,
               const internal::v1::WriteDocumentRequest* request,
               const FrequencyDeltas& deltas)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_) ABSL_LOCKS_EXCLUDED(table_mu_);

  // Flushes when the pending postings reached the configured buffer; a
  // failed flush is logged and leaves them pending, for a later write or
  // the next open.
  void FlushIfFull(RocksDb& db) ABSL_SHARED_LOCKS_REQUIRED(db.mu())
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_) ABSL_LOCKS_EXCLUDED(table_mu_);

  // Writes the pending postings as blocks (one table file RocksDB
  // ingests), drops their recovery rows, moves the watermark and empties
  // the buffer. The RocksDB error otherwise, the postings still pending
  // and the table file deleted.
  absl::Status FlushPending(RocksDb& db) ABSL_SHARED_LOCKS_REQUIRED(db.mu())
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_) ABSL_LOCKS_EXCLUDED(table_mu_);

  // Rewrites each term's postings into full blocks without the paragraphs
  // of deleted or replaced revisions, one term per turn of the locks (so
  // writes, and Close(), wait for one term at most); returns the number of
  // terms rewritten. UNAVAILABLE once the database is closed.
  absl::StatusOr<int64_t> CompactIndex(RocksDb& db)
      ABSL_LOCKS_EXCLUDED(db.mu(), write_mu_, table_mu_);

  // What the index code reads for one search, as of `snapshot`. The
  // context points into this object: REQUIRES both locks held while it is
  // used.
  index::SearchContext Context(const RocksDb& db,
                               const rocksdb::Snapshot* snapshot) const
      ABSL_SHARED_LOCKS_REQUIRED(db.mu(), table_mu_);
  const index::ParagraphTable& table() const
      ABSL_SHARED_LOCKS_REQUIRED(table_mu_) {
    return table_;
  }

 private:
  // The background merge: runs CompactIndex() when enough paragraphs were
  // removed since its last run, until StopCompactor().
  void CompactInBackground(RocksDb* db) ABSL_LOCKS_EXCLUDED(compact_mu_);
  // Counts `removed` paragraphs toward the next background merge.
  void NoteRemoved(size_t removed) ABSL_LOCKS_EXCLUDED(compact_mu_);

  const StoreConfig config_;

  Mutex write_mu_;
  mutable WriterPreferringSharedMutex table_mu_ ABSL_ACQUIRED_AFTER(write_mu_);
  index::ParagraphTable table_ ABSL_GUARDED_BY(table_mu_);
  index::PendingPostings pending_ ABSL_GUARDED_BY(table_mu_);

  Mutex compact_mu_ ABSL_ACQUIRED_AFTER(table_mu_);
  std::condition_variable_any compact_wanted_;
  uint64_t removed_since_compaction_ ABSL_GUARDED_BY(compact_mu_) = 0;
  bool stopping_ ABSL_GUARDED_BY(compact_mu_) = false;
  // Serializes starting and joining the thread.
  Mutex thread_mu_;
  std::thread compactor_ ABSL_GUARDED_BY(thread_mu_);
};

}  // namespace rapporteur::storage

#endif  // RAPPORTEUR_LIB_STORAGE_INDEX_WRITER_H_
