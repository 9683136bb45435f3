#ifndef RAPPORTEUR_LIB_QUERY_RECORD_LISTER_H_
#define RAPPORTEUR_LIB_QUERY_RECORD_LISTER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/routing/shard.h"
#include "rapporteur/internal/v1/shard.pb.h"
#include "rapporteur/v1/query.pb.h"

namespace rapporteur::query {

// One page of records merged from every shard.
struct RecordPage {
  std::vector<internal::v1::Record> records;  // in name order
  std::string next_page_token;                // empty on the last page
};

// Lists records of `kind` passing `filter` across `shards`, in name order
// (document id, then position): each shard returns its next `page_size`
// records after the token's cursor, and the merge keeps the first
// `page_size`. page_size 0 means 50; larger than 1000 is coerced.
absl::StatusOr<RecordPage> ListRecords(
    const std::vector<storage::Shard*>& shards, internal::v1::RecordKind kind,
    const v1::RecordFilter& filter, int page_size,
    const std::string& page_token);

// The page size ListRecords uses for a requested `page_size`: 50 for 0,
// at most 1000. INVALID_ARGUMENT when negative.
absl::StatusOr<int> RecordPageSize(int page_size);

// A page token with which ListRecords, given the same kind and filter,
// resumes right after the record named `name` (a listing that keeps only
// some of the records it reads ends its page where it wants).
std::string RecordPageTokenAfter(internal::v1::RecordKind kind,
                                 const v1::RecordFilter& filter,
                                 absl::string_view name);

}  // namespace rapporteur::query

#endif  // RAPPORTEUR_LIB_QUERY_RECORD_LISTER_H_
