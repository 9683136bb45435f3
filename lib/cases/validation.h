#ifndef RAPPORTEUR_LIB_CASES_VALIDATION_H_
#define RAPPORTEUR_LIB_CASES_VALIDATION_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "rapporteur/v1/cases.pb.h"

namespace rapporteur::cases {

// OK when `record` can be stored; INVALID_ARGUMENT naming the first field
// that cannot, by its path (`case.acts[1].victim`) and why: person and act
// ids unique and well formed, links to persons and acts that exist,
// violation types of the vocabulary (Act.type), ISO 3166 alpha-3
// countries, ISO 8601 dates (a year, a month or a day), paragraph names,
// an access list of principals, values of bounded size. Output-only fields
// are not looked at.
absl::Status ValidateCase(const v1::Case& record);

// Whether `type` is a violation type of the controlled vocabulary.
bool IsViolationType(absl::string_view type);

// A case from its protobuf JSON (as `rapporteur cases create --file`
// reads it). INVALID_ARGUMENT naming what is wrong, for JSON that does not
// parse or names an unknown field; the service validates the case when it
// is written (its access list gains the writer first).
absl::StatusOr<v1::Case> CaseFromJson(absl::string_view json);

}  // namespace rapporteur::cases

#endif  // RAPPORTEUR_LIB_CASES_VALIDATION_H_
