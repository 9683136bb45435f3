#ifndef RAPPORTEUR_LIB_CASES_PSEUDONYMS_H_
#define RAPPORTEUR_LIB_CASES_PSEUDONYMS_H_

#include "rapporteur/v1/cases.pb.h"

namespace rapporteur::cases {

// Gives each person of `record` a pseudonym from its first role and a
// number (`Victim 1`, `Perpetrator 2`, `Person 3` without a role). A person
// of `previous` (the case before an update; may be null) keeps the one it
// had, so that a pseudonym names the same person for as long as the case
// lives; new persons take the next free number of their role.
void AssignPseudonyms(v1::Case* record, const v1::Case* previous);

// Removes every identifying value of `record` (identifying_fields.h),
// leaving pseudonyms, and marks it redacted.
void Redact(v1::Case* record);

}  // namespace rapporteur::cases

#endif  // RAPPORTEUR_LIB_CASES_PSEUDONYMS_H_
