#ifndef RAPPORTEUR_LIB_CASES_CASE_ENGINE_H_
#define RAPPORTEUR_LIB_CASES_CASE_ENGINE_H_

#include <vector>

#include "absl/status/statusor.h"
#include "lib/base/principal.h"
#include "lib/cases/keyring.h"
#include "lib/routing/shard.h"
#include "rapporteur/v1/cases.pb.h"

namespace rapporteur::cases {

// The CaseService's calls over the storage shards: checks who may do what
// (access.h), validates (validation.h), seals what goes to storage and
// opens what comes back (sealing.h), pseudonymizes for those who may not
// see identities, and writes an audit entry for every case read or
// written, in the same storage write as the change, or before a read's
// answer is returned (a read that cannot be audited fails).
//
// A case lives on the shard ShardFor(its id) picks; lists and the audit
// log are merged across shards.
//
// Thread-safe. Does not own its arguments, which must outlive it. Without
// `keys` (no --case_keys), every call is FAILED_PRECONDITION.
class CaseEngine {
 public:
  CaseEngine(std::vector<storage::Shard*> shards, const Keyring* keys)
      : shards_(std::move(shards)), keys_(keys) {}

  absl::StatusOr<v1::Case> CreateCase(
      const Principal& caller, const v1::CreateCaseRequest& request) const;
  absl::StatusOr<v1::Case> GetCase(const Principal& caller,
                                   const v1::GetCaseRequest& request) const;
  absl::StatusOr<v1::Case> UpdateCase(
      const Principal& caller, const v1::UpdateCaseRequest& request) const;
  absl::StatusOr<v1::ListCasesResponse> ListCases(
      const Principal& caller, const v1::ListCasesRequest& request) const;
  absl::Status DeleteCase(const Principal& caller,
                          const v1::DeleteCaseRequest& request) const;
  absl::StatusOr<v1::ListAuditEntriesResponse> ListAuditEntries(
      const Principal& caller,
      const v1::ListAuditEntriesRequest& request) const;
  absl::StatusOr<v1::RotateCaseKeysResponse> RotateCaseKeys(
      const Principal& caller, const v1::RotateCaseKeysRequest& request) const;

 private:
  storage::Shard* ShardOf(absl::string_view case_id) const;
  absl::Status CheckReady(const Principal& caller, Permission needed) const;

  const std::vector<storage::Shard*> shards_;
  const Keyring* const keys_;
};

}  // namespace rapporteur::cases

#endif  // RAPPORTEUR_LIB_CASES_CASE_ENGINE_H_
