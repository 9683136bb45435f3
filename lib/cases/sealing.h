#ifndef RAPPORTEUR_LIB_CASES_SEALING_H_
#define RAPPORTEUR_LIB_CASES_SEALING_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/cases/keyring.h"
#include "rapporteur/internal/v1/case_store.pb.h"
#include "rapporteur/v1/cases.pb.h"

namespace rapporteur::cases {

// A case record as it goes to storage and back: each identifying value
// (identifying_fields.h) encrypted on its own under a fresh data key of
// the case, with the case's name and the value's path as associated data;
// the data key wrapped by the current key-encryption key; the names and
// aliases of persons as blind-index digests.

// `record` (named) sealed. Its identifying values are empty in
// StoredCase.case, each in a SealedField.
absl::StatusOr<internal::v1::StoredCase> SealCase(const v1::Case& record,
                                                  const KeyWrapper& keys,
                                                  absl::string_view index_key);

// A case opened, and the paths of the identifying values it holds.
struct OpenedCase {
  v1::Case record;
  std::vector<std::string> identifying_paths;
};

// The case in clear. DATA_LOSS when a sealed value does not decrypt under
// this case's key at its path (tampered, or moved from another case or
// field) or has no place in the case; the unwrap's error when the data key
// cannot be unwrapped.
absl::StatusOr<OpenedCase> OpenCase(const internal::v1::StoredCase& stored,
                                    const KeyWrapper& keys);

// Wraps `stored`'s data key again with the current key-encryption key.
// Returns false, changing nothing, when it is wrapped with it already.
absl::StatusOr<bool> RewrapCase(internal::v1::StoredCase* stored,
                                const KeyWrapper& keys);

// The blind-index digest of a person's name or alias: HMAC-SHA256 under
// `index_key` of the name case-folded (NFKC) with its spacing collapsed,
// so "Kim  Young-il" and "KIM YOUNG-IL" meet.
std::string NameDigest(absl::string_view index_key, absl::string_view name);

}  // namespace rapporteur::cases

#endif  // RAPPORTEUR_LIB_CASES_SEALING_H_
