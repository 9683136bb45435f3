#include "lib/query/record_lister.h"

#include <algorithm>
#include <future>
#include <tuple>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "lib/base/call_scope.h"
#include "lib/base/error_details.h"
#include "lib/base/status_macros.h"
#include "lib/query/page_token.h"

namespace rapporteur::query {
namespace {

constexpr int kDefaultPageSize = 50;
constexpr int kMaxPageSize = 1000;

const std::string& NameOf(const internal::v1::Record& record) {
  switch (record.record_case()) {
    case internal::v1::Record::kRecommendation:
      return record.recommendation().name();
    case internal::v1::Record::kCommunication:
      return record.communication().name();
    case internal::v1::Record::kVisit:
      return record.visit().name();
    default:
      return record.figure().name();
  }
}

// Name order as the shards keep it: document id, then position as a number
// ("…/recommendations/10" after "…/recommendations/9").
std::tuple<std::string, int> SortKey(const internal::v1::Record& record) {
  std::vector<absl::string_view> parts = absl::StrSplit(NameOf(record), '/');
  int n = 0;
  if (parts.size() == 4) {
    absl::SimpleAtoi(parts[3], &n);
    return {std::string(parts[1]), n};
  }
  return {NameOf(record), 0};
}

// What a token is bound to: the kind and filter it was made for.
std::string TokenContext(internal::v1::RecordKind kind,
                         const v1::RecordFilter& filter) {
  return absl::StrCat(static_cast<int>(kind), ":", filter.SerializeAsString());
}

}  // namespace

absl::StatusOr<int> RecordPageSize(int page_size) {
  if (page_size < 0) {
    return InvalidFieldError("page_size", "page_size must not be negative");
  }
  return page_size == 0 ? kDefaultPageSize : std::min(page_size, kMaxPageSize);
}

std::string RecordPageTokenAfter(internal::v1::RecordKind kind,
                                 const v1::RecordFilter& filter,
                                 absl::string_view name) {
  return EncodeCursorToken(name, TokenContext(kind, filter));
}

absl::StatusOr<RecordPage> ListRecords(
    const std::vector<storage::Shard*>& shards, internal::v1::RecordKind kind,
    const v1::RecordFilter& filter, int page_size,
    const std::string& page_token) {
  if (shards.empty()) {
    return absl::FailedPreconditionError("no storage shard is configured");
  }
  ABSL_ASSIGN_OR_RETURN(page_size, RecordPageSize(page_size));
  const std::string context = TokenContext(kind, filter);
  ABSL_ASSIGN_OR_RETURN(std::string after,
                        DecodeCursorToken(page_token, context));

  internal::v1::ListRecordsRequest request;
  request.set_kind(kind);
  *request.mutable_filter() = filter;
  request.set_limit(page_size);
  request.set_after(after);
  std::vector<std::future<absl::StatusOr<internal::v1::ListRecordsResponse>>>
      pending;
  for (storage::Shard* shard : shards) {
    // With the caller's request id and deadline (call_scope.h).
    pending.push_back(
        std::async(std::launch::async, CarryCallScope([shard, &request] {
                     return shard->ListRecords(request);
                   })));
  }
  RecordPage page;
  bool a_shard_has_more = false;
  absl::Status failed;
  for (auto& future : pending) {
    absl::StatusOr<internal::v1::ListRecordsResponse> response = future.get();
    if (!response.ok()) {
      if (failed.ok()) {
        failed = response.status();
      }
      continue;
    }
    a_shard_has_more |= response->records_size() == page_size;
    for (internal::v1::Record& record : *response->mutable_records()) {
      page.records.push_back(std::move(record));
    }
  }
  ABSL_RETURN_IF_ERROR(failed);
  std::sort(page.records.begin(), page.records.end(),
            [](const internal::v1::Record& a, const internal::v1::Record& b) {
              return SortKey(a) < SortKey(b);
            });
  const bool more =
      a_shard_has_more || page.records.size() > static_cast<size_t>(page_size);
  if (page.records.size() > static_cast<size_t>(page_size)) {
    page.records.resize(page_size);
  }
  if (more && !page.records.empty()) {
    page.next_page_token =
        EncodeCursorToken(NameOf(page.records.back()), context);
  }
  return page;
}

}  // namespace rapporteur::query
