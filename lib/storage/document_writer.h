#ifndef RAPPORTEUR_LIB_STORAGE_DOCUMENT_WRITER_H_
#define RAPPORTEUR_LIB_STORAGE_DOCUMENT_WRITER_H_

#include <rocksdb/write_batch.h>

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
  // for a closed database or a request id used for another document;
  // nothing is written then.
  absl::StatusOr<internal::v1::WriteDocumentResponse> Write(
      const internal::v1::WriteDocumentRequest& request)
      ABSL_LOCKS_EXCLUDED(db_->mu(), index_->write_mu());

  // Removes the current revision of `doc_id` and its postings in one
  // write; the revision stays in the history. NOT_FOUND when there is
  // none; FAILED_PRECONDITION for a closed database.
  absl::Status Delete(absl::string_view doc_id)
      ABSL_LOCKS_EXCLUDED(db_->mu(), index_->write_mu());

 private:
  // Adds to `batch` the removal of the current revision `current` (rows,
  // paragraph numbers, records, index rows) and its copy into the history;
  // adds to `deltas` the document frequencies it took away.
  absl::Status RemoveCurrent(const v1::Document& current,
                             rocksdb::WriteBatch* batch,
                             FrequencyDeltas* deltas)
      ABSL_SHARED_LOCKS_REQUIRED(db_->mu())
          ABSL_EXCLUSIVE_LOCKS_REQUIRED(index_->write_mu());

  RocksDb* const db_;
  IndexWriter* const index_;
};

}  // namespace rapporteur::storage

#endif  // RAPPORTEUR_LIB_STORAGE_DOCUMENT_WRITER_H_
