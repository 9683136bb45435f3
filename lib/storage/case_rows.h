#ifndef RAPPORTEUR_LIB_STORAGE_CASE_ROWS_H_
#define RAPPORTEUR_LIB_STORAGE_CASE_ROWS_H_

#include <rocksdb/write_batch.h>

#include <cstdint>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "lib/base/mutex.h"
#include "lib/storage/document_writer.h"
#include "lib/storage/rocks_db.h"
#include "rapporteur/internal/v1/case_store.pb.h"

namespace rapporteur::storage {

// Case records and their audit log in a shard: the `cases` column family
// (one StoredCase per case, keyed by its id) and `case_audit` (one
// StoredAuditEntry per key, in time order). Rows arrive sealed: this code
// never sees an identifying field in clear.
//
// Invariants: a case's row, its audit entries and its request record are
// written in one synced batch; a case's revision grows by one with each
// write; nothing deletes or rewrites an audit entry.
//
// Thread-safe: commits are serialized by mu_, so that the revision a
// commit checks is the one it replaces; reads run on snapshots beside them.
class CaseRows {
 public:
  CaseRows(RocksDb* db, DocumentWriter* writer) : db_(db), writer_(writer) {}
  CaseRows(const CaseRows&) = delete;
  CaseRows& operator=(const CaseRows&) = delete;

  // Writes or deletes request.name and appends request.audit, when the
  // case's revision is request.expected_revision (-1: whatever it is).
  // ALREADY_EXISTS for a create (0) of an existing case, ABORTED for
  // another revision, NOT_FOUND for a delete or update of a missing case,
  // INVALID_ARGUMENT for a malformed request; nothing is written then.
  // A request id already applied returns its first answer.
  // `log_sequence` as for DocumentWriter::Write().
  absl::StatusOr<internal::v1::CommitCaseResponse> Commit(
      const internal::v1::CommitCaseRequest& request, uint64_t log_sequence = 0)
      ABSL_LOCKS_EXCLUDED(mu_, db_->mu());

  // The cases request.names, or a page of every case in id order.
  absl::StatusOr<internal::v1::ReadCasesResponse> Read(
      const internal::v1::ReadCasesRequest& request)
      ABSL_LOCKS_EXCLUDED(db_->mu());

  // A page of the audit log in key (time) order.
  absl::StatusOr<internal::v1::ReadAuditResponse> ReadAudit(
      const internal::v1::ReadAuditRequest& request)
      ABSL_LOCKS_EXCLUDED(db_->mu());

 private:
  // Checks `request` against the stored case and adds its rows to
  // `batch`; returns the answer. A request id applied before adds nothing
  // and returns its first answer.
  absl::StatusOr<internal::v1::CommitCaseResponse> MakeBatch(
      const internal::v1::CommitCaseRequest& request,
      rocksdb::WriteBatch* batch) ABSL_SHARED_LOCKS_REQUIRED(db_->mu());

  RocksDb* const db_;
  DocumentWriter* const writer_;
  Mutex mu_;
};

}  // namespace rapporteur::storage

#endif  // RAPPORTEUR_LIB_STORAGE_CASE_ROWS_H_
