#ifndef RAPPORTEUR_LIB_STORAGE_STORE_H_
#define RAPPORTEUR_LIB_STORAGE_STORE_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/storage/case_rows.h"
#include "lib/storage/document_writer.h"
#include "lib/storage/index_writer.h"
#include "lib/storage/rocks_db.h"
#include "lib/storage/store_config.h"
#include "rapporteur/internal/v1/replication.pb.h"
#include "rapporteur/internal/v1/shard.pb.h"
#include "rapporteur/v1/document.pb.h"

namespace rapporteur::storage {

// One storage shard: documents, paragraphs and the inverted index of its
// documents in one RocksDB database. The facade the rest of the code uses
// over the parts that do the work: RocksDb (the database, its options and
// column families), DocumentWriter (writes, revisions, history, request
// ids), document_reader.h, IndexWriter (the in-memory index, flushes,
// compaction), records.h and backup.h.
//
// Thread-safe. Writes are serialized (each is one synced WriteBatch);
// reads run concurrently on snapshots and see a document all or not at all.
// Every call that uses the database holds its lifetime lock
// (RocksDb::mu()) shared for its duration (CompactIndex() for each term),
// and Close() holds it exclusively: a call racing Close()
// either completes or fails UNAVAILABLE "storage is closed", and
// none uses the database after it is closed. Lock order: see IndexWriter.
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

  // Replicated storage, where this store holds one partition: applies
  // entry `sequence` of the partition's log. The sequence is written in the
  // same synced batch as the change, so that replay after a crash is
  // idempotent: an entry at or below AppliedSequence() changes nothing and
  // returns OK. An entry refused for good (INVALID_ARGUMENT, NOT_FOUND,
  // FAILED_PRECONDITION of a reused request id) is recorded as its
  // outcome, advances the sequence and returns OK, so that every replica
  // agrees and none stalls on it. Any other error (a closed store, an I/O
  // error) changes nothing and is returned: apply the entry again later.
  absl::Status ApplyLogEntry(const internal::v1::LogEntry& entry,
                             uint64_t sequence);

  // Binds the store to the log it applies, `log_id`, at the first call;
  // later calls check it is the same log. FAILED_PRECONDITION when the
  // store applied another log (its stream was deleted and made again):
  // its sequences mean nothing in this one, and it must be rebuilt.
  absl::Status BindLog(absl::string_view log_id);

  // The last log entry applied (0: none, or no log).
  uint64_t AppliedSequence() const { return writer_.applied_sequence(); }

  // The outcome of the applied log entry of `request_id`, a write of
  // document `doc_id`: its revisions, or the error it was refused with
  // (FAILED_PRECONDITION when the request id wrote another document).
  // NOT_FOUND when no entry applied so far had that request id.
  absl::StatusOr<internal::v1::WriteDocumentResponse> AppliedOutcome(
      absl::string_view request_id, absl::string_view doc_id);

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

  // Case records (case_rows.h): writes or deletes a sealed case and
  // appends audit entries in one durable write; reads cases; reads the
  // audit log.
  absl::StatusOr<internal::v1::CommitCaseResponse> CommitCase(
      const internal::v1::CommitCaseRequest& request) {
    return cases_.Commit(request);
  }
  absl::StatusOr<internal::v1::ReadCasesResponse> ReadCases(
      const internal::v1::ReadCasesRequest& request) {
    return cases_.Read(request);
  }
  absl::StatusOr<internal::v1::ReadAuditResponse> ReadAudit(
      const internal::v1::ReadAuditRequest& request) {
    return cases_.ReadAudit(request);
  }

  // Backs the store up into the set of backups in directory `backup_set`
  // (created when missing; see backup.h for where sets live) after a
  // flush, consistently across column families. The RocksDB error
  // otherwise.
  absl::StatusOr<internal::v1::CreateBackupResponse> CreateBackup(
      const std::string& backup_set);

  // Restores backup `backup_id` (0: latest) of the set in `backup_set` into
  // directory `target`, which must not exist or be empty and is never this
  // store's own directory. NOT_FOUND for a missing backup.
  absl::StatusOr<internal::v1::RestoreBackupResponse> RestoreBackup(
      const std::string& backup_set, uint32_t backup_id,
      const std::string& target) const;

  // Writes a consistent, openable copy of the store (every column family,
  // its applied log sequence included) into `dir`, which must not exist,
  // as hard links where it can: see checkpoint.h.
  absl::Status CreateCheckpoint(const std::string& dir);

  // The store's directory.
  const std::string& path() const { return config_.path; }

  // Figures for monitoring, read from RocksDB's properties and statistics;
  // all 0 once closed.
  using Health = StoreHealth;
  Health ReadHealth();

  // Stops the background merge, waits for calls in progress, writes the
  // pending postings as blocks (saving their rebuild at the next open; a
  // failure is logged: the WAL holds every write) and closes the database.
  // Calls after Close() fail with FAILED_PRECONDITION; a second Close()
  // returns OK.
  absl::Status Close();

 private:
  Store(StoreConfig config, std::unique_ptr<RocksDb> db);

  const StoreConfig config_;
  // Lives as long as the Store: Close() closes the database inside it, and
  // its lifetime lock still answers calls after that.
  const std::unique_ptr<RocksDb> db_;
  IndexWriter index_;
  DocumentWriter writer_;
  CaseRows cases_{db_.get(), &writer_};
};

}  // namespace rapporteur::storage

#endif  // RAPPORTEUR_LIB_STORAGE_STORE_H_
