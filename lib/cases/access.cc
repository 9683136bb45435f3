#include "lib/cases/access.h"

#include <algorithm>

namespace rapporteur::cases {

bool OnAccessList(const v1::Case& record, const std::string& principal) {
  return std::find(record.access_list().begin(), record.access_list().end(),
                   principal) != record.access_list().end();
}

bool MayWrite(const v1::Case& record, const Principal& caller) {
  return Grants(caller.role, Permission::kWriteCases) &&
         OnAccessList(record, caller.name);
}

Visibility VisibilityOf(const v1::Case& record, const Principal& caller) {
  if (!Grants(caller.role, Permission::kRead)) {
    return Visibility::kNone;
  }
  const bool team = OnAccessList(record, caller.name);
  if (team && Grants(caller.role, Permission::kWriteCases)) {
    return Visibility::kIdentities;
  }
  switch (record.confidentiality()) {
    case v1::CONFIDENTIALITY_INTERNAL:
      return Visibility::kPseudonyms;
    case v1::CONFIDENTIALITY_STRICTLY_CONFIDENTIAL:
      return Visibility::kNone;
    default:  // CONFIDENTIAL, or unspecified, which means it
      return team ? Visibility::kPseudonyms : Visibility::kNone;
  }
}

}  // namespace rapporteur::cases
