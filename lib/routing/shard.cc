#include "lib/routing/shard.h"

#include "absl/strings/str_cat.h"

namespace rapporteur::storage {
namespace {

absl::Status NoCases(const Shard& shard) {
  return absl::UnimplementedError(
      absl::StrCat("shard ", shard.Describe(), " keeps no case records"));
}

}  // namespace

absl::StatusOr<internal::v1::CommitCaseResponse> Shard::CommitCase(
    const internal::v1::CommitCaseRequest&) {
  return NoCases(*this);
}

absl::StatusOr<internal::v1::ReadCasesResponse> Shard::ReadCases(
    const internal::v1::ReadCasesRequest&) {
  return NoCases(*this);
}

absl::StatusOr<internal::v1::ReadAuditResponse> Shard::ReadAudit(
    const internal::v1::ReadAuditRequest&) {
  return NoCases(*this);
}

}  // namespace rapporteur::storage
