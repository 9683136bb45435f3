#ifndef RAPPORTEUR_LIB_STORAGE_DOCUMENT_READER_H_
#define RAPPORTEUR_LIB_STORAGE_DOCUMENT_READER_H_

#include <cstdint>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/storage/rocks_db.h"
#include "rapporteur/v1/document.pb.h"

namespace rapporteur::storage {

// Reads of documents, paragraphs and revisions from the rows
// DocumentWriter writes (keys.h): the `documents`, `paragraphs` and
// `history` column families and the paragraph numbers of `meta`.
//
// Functions without state. Each requires the database's lifetime lock
// (RocksDb::mu()) held shared, so that the database cannot close under
// it, and RocksDb::CheckOpen() checked by the caller.

// The current revision of `doc_id` as of `snapshot` (null: the latest
// state), with its paragraphs unless `summary_only`. NOT_FOUND when there
// is none; DATA_LOSS for a malformed row.
absl::StatusOr<v1::Document> ReadDocument(const RocksDb& db,
                                          const rocksdb::Snapshot* snapshot,
                                          absl::string_view doc_id,
                                          bool summary_only)
    ABSL_SHARED_LOCKS_REQUIRED(db.mu());

// The same on a snapshot of its own: the document row and its paragraphs
// of the same write.
absl::StatusOr<v1::Document> GetDocument(const RocksDb& db,
                                         absl::string_view doc_id,
                                         bool summary_only)
    ABSL_SHARED_LOCKS_REQUIRED(db.mu());

// A paragraph by number ("26") or unnumbered ordinal ("u0"), read on one
// snapshot. NOT_FOUND names the paragraph when there is none or the id is
// malformed.
absl::StatusOr<v1::Paragraph> GetParagraph(const RocksDb& db,
                                           absl::string_view doc_id,
                                           absl::string_view paragraph_id)
    ABSL_SHARED_LOCKS_REQUIRED(db.mu());

// Paragraph `ordinal` of `doc_id` as `read` sees it; NOT_FOUND or another
// RocksDB error, or DATA_LOSS for a malformed row.
absl::StatusOr<v1::Paragraph> ReadParagraph(const RocksDb& db,
                                            const rocksdb::ReadOptions& read,
                                            absl::string_view doc_id,
                                            uint32_t ordinal)
    ABSL_SHARED_LOCKS_REQUIRED(db.mu());

// Revision `revision` of `doc_id` from the history, or the current one
// when it has that revision; NOT_FOUND otherwise.
absl::StatusOr<v1::Document> GetRevision(const RocksDb& db,
                                         absl::string_view doc_id,
                                         int64_t revision)
    ABSL_SHARED_LOCKS_REQUIRED(db.mu());

}  // namespace rapporteur::storage

#endif  // RAPPORTEUR_LIB_STORAGE_DOCUMENT_READER_H_
