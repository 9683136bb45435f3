#ifndef RAPPORTEUR_LIB_CASES_ACCESS_H_
#define RAPPORTEUR_LIB_CASES_ACCESS_H_

#include "lib/base/principal.h"
#include "rapporteur/v1/cases.pb.h"

namespace rapporteur::cases {

// What a caller may see of a case, from its role, the case's
// confidentiality and its access list (the case team):
//
//   confidentiality        case team analyst/admin   case team viewer   others
//   who may read INTERNAL               identities                pseudonyms
//   pseudonyms CONFIDENTIAL (default) identities                pseudonyms
//   nothing STRICTLY_CONFIDENTIAL  identities                nothing nothing
//
// "Nothing" is answered as a missing case (NOT_FOUND), so that a caller
// cannot learn that a case exists. An ingestor reads no case.
enum class Visibility { kNone, kPseudonyms, kIdentities };

Visibility VisibilityOf(const v1::Case& record, const Principal& caller);

// Whether the caller may update or delete the case: an analyst or admin of
// its team.
bool MayWrite(const v1::Case& record, const Principal& caller);

// Whether `principal` is on the case's access list.
bool OnAccessList(const v1::Case& record, const std::string& principal);

}  // namespace rapporteur::cases

#endif  // RAPPORTEUR_LIB_CASES_ACCESS_H_
