#ifndef RAPPORTEUR_LIB_STORAGE_DOCUMENT_WRITER_H_
#define RAPPORTEUR_LIB_STORAGE_DOCUMENT_WRITER_H_

#include <rocksdb/write_batch.h>

#include <atomic>
#include <cstdint>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/storage/document_reader.h"
#include "lib/storage/index_writer.h"
#include "lib/storage/rocks_db.h"
#include "rapporteur/internal/v1/shard.pb.h"
#include "rapporteur/v1/document.pb.h"

namespace rapporteur::storage {

// Writes and deletes documents: validates a write, answers a repeated
// request id from its record, numbers revisions, moves a replaced or
// deleted revision to the history, and writes the document, its
// paragraphs, its records (records.h) and its index rows (IndexWriter) in
// one synced WriteBatch; then has the index publish it.
//
// Invariants: a document's rows, its records, its index rows, its
// revision counter and its request record change together or not at all
// (one batch); revisions of a document only grow, across deletions; the
// current revision is never lost, only moved to the history.
//
// Locking: each write holds the database's lifetime lock shared and then
// the index's write_mu() for its whole read-modify-write (see
// IndexWriter for the order).
class DocumentWriter {
 public:
  DocumentWriter(RocksDb* db, IndexWriter* index) : db_(db), index_(index) {}
  DocumentWriter(const DocumentWriter&) = delete;
  DocumentWriter& operator=(const DocumentWriter&) = delete;

  // Writes request.document (named documents/{id}) with its paragraphs and
  // postings in one atomic, durable write. A current revision of the same
  // document is moved to the history and its postings removed in the same
  // write. Returns the new and the replaced revision (0 if none); a
  // request id already applied returns its first answer, writing nothing.
  // INVALID_ARGUMENT names the first malformed field; FAILED_PRECONDITION
  // for a request id used for another document, UNAVAILABLE for a closed
  // database;
  // nothing is written then.
  //
  // `log_sequence` > 0: the write is entry `log_sequence` of this shard's
  // partition log (replicated storage), and the sequence is written in the
  // same batch, so that a crash neither loses nor repeats an entry. An
  // entry at or below applied_sequence() writes nothing and returns
  // ALREADY_EXISTS; a repeated request id still advances the sequence.
  absl::StatusOr<internal::v1::WriteDocumentResponse> Write(
      const internal::v1::WriteDocumentRequest& request,
      uint64_t log_sequence = 0)
      ABSL_LOCKS_EXCLUDED(db_->mu(), index_->write_mu());

  // Removes the current revision of `doc_id` and its postings in one
  // write; the revision stays in the history. NOT_FOUND when there is
  // none; UNAVAILABLE for a closed database. `log_sequence` as
  // for Write().
  absl::Status Delete(absl::string_view doc_id, uint64_t log_sequence = 0)
      ABSL_LOCKS_EXCLUDED(db_->mu(), index_->write_mu());

  // Records that log entry `log_sequence`, a write of `request_id`, was
  // refused with `refusal`, and advances the applied sequence past it, in
  // one synced write: every replica refuses the same entries, so none
  // stalls on one, and the refusal answers the client.
  absl::Status RecordRefused(uint64_t log_sequence,
                             absl::string_view request_id,
                             const absl::Status& refusal)
      ABSL_LOCKS_EXCLUDED(db_->mu(), index_->write_mu());

  // Writes `batch`, made by another writer of this store's rows (case
  // records, case_rows.h), synced, with `log_sequence` as Write() writes
  // it: ALREADY_EXISTS, writing nothing, for an entry applied before.
  // UNAVAILABLE, writing nothing, when the database was closed since the
  // batch was made (its column family handles are then not used).
  absl::Status WriteSequenced(rocksdb::WriteBatch* batch, uint64_t log_sequence)
      ABSL_LOCKS_EXCLUDED(db_->mu(), index_->write_mu());

  // Reads the applied log sequence at open. UNAVAILABLE for a closed
  // database; DATA_LOSS for a malformed value.
  absl::Status LoadAppliedSequence()
      ABSL_LOCKS_EXCLUDED(db_->mu(), index_->write_mu());

  // The last log entry applied (0: none, or not replicated storage).
  uint64_t applied_sequence() const {
    return applied_sequence_.load(std::memory_order_acquire);
  }

 private:
  // Adds to `batch` the removal of the current revision `current` (rows,
  // paragraph numbers, records, index rows) and its copy into the history;
  // adds to `deltas` the document frequencies it took away.
  absl::Status RemoveCurrent(const v1::Document& current,
                             rocksdb::WriteBatch* batch,
                             FrequencyDeltas* deltas)
      ABSL_SHARED_LOCKS_REQUIRED(db_->mu())
          ABSL_EXCLUSIVE_LOCKS_REQUIRED(index_->write_mu());

  // Adds the applied log sequence to `batch` (nothing for 0), and
  // returns ALREADY_EXISTS for an entry applied before.
  absl::Status CheckAndAddSequence(uint64_t log_sequence,
                                   rocksdb::WriteBatch* batch)
      ABSL_SHARED_LOCKS_REQUIRED(db_->mu())
          ABSL_EXCLUSIVE_LOCKS_REQUIRED(index_->write_mu());
  // Writes `batch` synced.
  absl::Status Commit(rocksdb::WriteBatch* batch)
      ABSL_SHARED_LOCKS_REQUIRED(db_->mu())
          ABSL_EXCLUSIVE_LOCKS_REQUIRED(index_->write_mu());
  // Publishes `log_sequence` (none for 0) as applied: after the batch
  // holding it is durable and the index shows its change.
  void Advance(uint64_t log_sequence)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(index_->write_mu());

  RocksDb* const db_;
  IndexWriter* const index_;
  // Written under index_->write_mu() by Advance(); read without a lock.
  std::atomic<uint64_t> applied_sequence_{0};
};

}  // namespace rapporteur::storage

#endif  // RAPPORTEUR_LIB_STORAGE_DOCUMENT_WRITER_H_
