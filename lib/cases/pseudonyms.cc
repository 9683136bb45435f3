#include "lib/cases/pseudonyms.h"

#include <algorithm>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "lib/cases/identifying_fields.h"

namespace rapporteur::cases {
namespace {

absl::string_view Label(const v1::Person& person) {
  switch (person.roles_size() == 0 ? v1::PERSON_ROLE_UNSPECIFIED
                                   : person.roles(0)) {
    case v1::PERSON_ROLE_VICTIM:
      return "Victim";
    case v1::PERSON_ROLE_PERPETRATOR:
      return "Perpetrator";
    case v1::PERSON_ROLE_SOURCE:
      return "Source";
    case v1::PERSON_ROLE_WITNESS:
      return "Witness";
    default:
      return "Person";
  }
}

}  // namespace

void AssignPseudonyms(v1::Case* record, const v1::Case* previous) {
  absl::flat_hash_map<std::string, std::string> kept;  // person id -> pseudonym
  absl::flat_hash_map<std::string, int> highest;       // label -> number
  if (previous != nullptr) {
    for (const v1::Person& person : previous->persons()) {
      if (person.pseudonym().empty()) {
        continue;
      }
      kept[person.id()] = person.pseudonym();
      absl::string_view rest = person.pseudonym();
      const size_t space = rest.rfind(' ');
      int number = 0;
      if (space != absl::string_view::npos &&
          absl::SimpleAtoi(rest.substr(space + 1), &number)) {
        int& top = highest[std::string(rest.substr(0, space))];
        top = std::max(top, number);
      }
    }
  }
  for (v1::Person& person : *record->mutable_persons()) {
    if (auto it = kept.find(person.id()); it != kept.end()) {
      person.set_pseudonym(it->second);
      continue;
    }
    const absl::string_view label = Label(person);
    person.set_pseudonym(
        absl::StrCat(label, " ", ++highest[std::string(label)]));
  }
}

void Redact(v1::Case* record) {
  RewriteIdentifying(record, [](absl::string_view, const std::string&) {
    return std::string();
  });
  record->set_redacted(true);
}

}  // namespace rapporteur::cases
