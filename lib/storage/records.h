#ifndef RAPPORTEUR_LIB_STORAGE_RECORDS_H_
#define RAPPORTEUR_LIB_STORAGE_RECORDS_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "rapporteur/internal/v1/shard.pb.h"
#include "rapporteur/v1/document.pb.h"

namespace rapporteur::storage {

// The records of a document (recommendations, communications, visits,
// figures) as rows of the `records` column family, keyed
//   {kind:1 byte} {doc} \0 {n:be32}
// so that one kind of record is one key range in name order (document id,
// then position), and a document's records of a kind are one sub-range.

// The rows of `document`'s records: (key, serialized internal::v1::Record),
// each record named documents/{doc}/{kind}s/{n} and carrying what filters need
// of its document.
std::vector<std::pair<std::string, std::string>> RecordRows(
    absl::string_view doc_id, const v1::Document& document);

// Key range [begin, end) of a document's records of `kind`.
std::pair<std::string, std::string> DocumentRecordRange(
    internal::v1::RecordKind kind, absl::string_view doc_id);

// Key range [begin, end) of every record of `kind`.
std::pair<std::string, std::string> KindRange(internal::v1::RecordKind kind);

// The first key after record `name` (a resource name of `kind`); the start
// of a listing resumed after it. INVALID_ARGUMENT for a malformed name.
absl::StatusOr<std::string> KeyAfter(internal::v1::RecordKind kind,
                                     absl::string_view name);

// The kinds of records, for iteration.
inline constexpr internal::v1::RecordKind kRecordKinds[] = {
    internal::v1::RECORD_KIND_RECOMMENDATION,
    internal::v1::RECORD_KIND_COMMUNICATION, internal::v1::RECORD_KIND_VISIT,
    internal::v1::RECORD_KIND_FIGURE};

// "recommendations", "communications", "visits", "figures".
absl::string_view CollectionOf(internal::v1::RecordKind kind);

// INVALID_ARGUMENT when `filter` uses a field that does not apply to
// records of `kind`, or is malformed.
absl::Status CheckFilter(internal::v1::RecordKind kind,
                         const v1::RecordFilter& filter);

// Whether `record` passes `filter`. REQUIRES: CheckFilter() accepted it.
bool Matches(const internal::v1::Record& record,
             const v1::RecordFilter& filter);

}  // namespace rapporteur::storage

#endif  // RAPPORTEUR_LIB_STORAGE_RECORDS_H_
