#include "lib/cases/validation.h"

#include <google/protobuf/util/json_util.h>

#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "lib/base/quote.h"
#include "lib/base/status_macros.h"
#include "lib/schema/country_codes.h"
#include "lib/schema/resource_names.h"

namespace rapporteur::cases {
namespace {

constexpr size_t kMaxTextBytes = 64 * 1024;  // a summary, a testimony
constexpr size_t kMaxShortBytes = 512;       // a name, a place
constexpr int kMaxListed = 1000;             // persons, acts, links...
constexpr size_t kMaxJsonBytes = 16 * 1024 * 1024;

constexpr absl::string_view kViolationTypes[] = {"arbitrary_detention",
                                                 "enforced_disappearance",
                                                 "torture",
                                                 "extrajudicial_execution",
                                                 "public_execution",
                                                 "forced_return",
                                                 "forced_labour",
                                                 "sexual_violence",
                                                 "restriction_of_movement",
                                                 "denial_of_food",
                                                 "restriction_of_expression",
                                                 "restriction_of_religion",
                                                 "ill_treatment_in_detention",
                                                 "abduction",
                                                 "other"};

absl::Status Invalid(absl::string_view path, absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat("case.", path, ": ", why));
}

// Person and act ids, which paths of sealed values name.
bool IsValidLocalId(absl::string_view id) { return IsWordId(id, 32); }

// A year, year-month or date of ISO 8601, or empty.
bool IsPartialDate(absl::string_view date) {
  if (date.empty()) {
    return true;
  }
  const auto digits = [&](size_t from, size_t n) {
    for (size_t i = from; i < from + n; ++i) {
      if (i >= date.size() || !absl::ascii_isdigit(date[i])) {
        return false;
      }
    }
    return true;
  };
  if (date.size() == 4) return digits(0, 4);
  if (date.size() == 7) return digits(0, 4) && date[4] == '-' && digits(5, 2);
  if (date.size() == 10) {
    return digits(0, 4) && date[4] == '-' && digits(5, 2) && date[7] == '-' &&
           digits(8, 2);
  }
  return false;
}

absl::Status CheckSize(absl::string_view path, absl::string_view value,
                       size_t limit) {
  if (value.size() > limit) {
    return Invalid(path, absl::StrCat("is ", value.size(), " bytes, over the ",
                                      limit, " allowed"));
  }
  return absl::OkStatus();
}

absl::Status CheckDate(absl::string_view path, absl::string_view date) {
  if (!IsPartialDate(date)) {
    // Not quoted: a birth date identifies, and errors are logged.
    return Invalid(path, "is not a date (YYYY, YYYY-MM or YYYY-MM-DD)");
  }
  return absl::OkStatus();
}

absl::Status CheckCountry(absl::string_view path, absl::string_view code) {
  if (!code.empty() && !IsIsoCountryCode(code)) {
    return Invalid(path, absl::StrCat(QuoteValue(code),
                                      " is not an ISO 3166-1 alpha-3 code"));
  }
  return absl::OkStatus();
}

absl::Status CheckLocation(absl::string_view path,
                           const v1::Location& location) {
  if (absl::Status s =
          CheckCountry(absl::StrCat(path, ".country"), location.country());
      !s.ok()) {
    return s;
  }
  return CheckSize(absl::StrCat(path, ".place"), location.place(),
                   kMaxShortBytes);
}

absl::Status CheckParagraph(absl::string_view path, const std::string& name) {
  absl::StatusOr<ParagraphRef> ref = ParseParagraphName(name);
  if (!ref.ok()) {
    return Invalid(path, ref.status().message());
  }
  return absl::OkStatus();
}

template <typename List>
absl::Status CheckCount(absl::string_view path, const List& list) {
  if (list.size() > kMaxListed) {
    return Invalid(path,
                   absl::StrCat("holds ", list.size(), " entries, over the ",
                                kMaxListed, " allowed"));
  }
  return absl::OkStatus();
}

absl::Status CheckEvent(const v1::Event& event) {
  ABSL_RETURN_IF_ERROR(CheckSize("event.title", event.title(), kMaxShortBytes));
  ABSL_RETURN_IF_ERROR(
      CheckSize("event.summary", event.summary(), kMaxTextBytes));
  ABSL_RETURN_IF_ERROR(CheckDate("event.start_date", event.start_date()));
  ABSL_RETURN_IF_ERROR(CheckDate("event.end_date", event.end_date()));
  ABSL_RETURN_IF_ERROR(CheckLocation("event.location", event.location()));
  for (int i = 0; i < event.violation_types_size(); ++i) {
    if (!IsViolationType(event.violation_types(i))) {
      return Invalid(absl::StrCat("event.violation_types[", i, "]"),
                     absl::StrCat(QuoteValue(event.violation_types(i)),
                                  " is not a violation type (see Act.type)"));
    }
  }
  return absl::OkStatus();
}

absl::Status CheckPerson(absl::string_view path, const v1::Person& person) {
  ABSL_RETURN_IF_ERROR(
      CheckSize(absl::StrCat(path, ".name"), person.name(), kMaxShortBytes));
  ABSL_RETURN_IF_ERROR(
      CheckCount(absl::StrCat(path, ".aliases"), person.aliases()));
  for (int i = 0; i < person.aliases_size(); ++i) {
    ABSL_RETURN_IF_ERROR(CheckSize(absl::StrCat(path, ".aliases[", i, "]"),
                                   person.aliases(i), kMaxShortBytes));
  }
  if (person.sex() != "" && person.sex() != "female" &&
      person.sex() != "male" && person.sex() != "other") {
    return Invalid(absl::StrCat(path, ".sex"),
                   "must be female, male, other or empty");
  }
  ABSL_RETURN_IF_ERROR(
      CheckDate(absl::StrCat(path, ".date_of_birth"), person.date_of_birth()));
  ABSL_RETURN_IF_ERROR(
      CheckCountry(absl::StrCat(path, ".nationality"), person.nationality()));
  return CheckSize(absl::StrCat(path, ".contact"), person.contact(),
                   kMaxShortBytes);
}

}  // namespace

bool IsViolationType(absl::string_view type) {
  for (absl::string_view known : kViolationTypes) {
    if (type == known) {
      return true;
    }
  }
  return false;
}

absl::Status ValidateCase(const v1::Case& record) {
  ABSL_RETURN_IF_ERROR(CheckEvent(record.event()));
  ABSL_RETURN_IF_ERROR(CheckCount("persons", record.persons()));
  ABSL_RETURN_IF_ERROR(CheckCount("acts", record.acts()));
  ABSL_RETURN_IF_ERROR(CheckCount("involvements", record.involvements()));
  ABSL_RETURN_IF_ERROR(CheckCount("sources", record.sources()));
  ABSL_RETURN_IF_ERROR(CheckCount("interventions", record.interventions()));
  ABSL_RETURN_IF_ERROR(CheckCount("paragraphs", record.paragraphs()));
  ABSL_RETURN_IF_ERROR(CheckCount("access_list", record.access_list()));
  absl::flat_hash_set<std::string> persons;
  for (int i = 0; i < record.persons_size(); ++i) {
    const v1::Person& person = record.persons(i);
    const std::string path = absl::StrCat("persons[", i, "]");
    if (!IsValidLocalId(person.id())) {
      return Invalid(absl::StrCat(path, ".id"),
                     "must be 1-32 letters, digits, '-' and '_'");
    }
    if (!persons.insert(person.id()).second) {
      return Invalid(absl::StrCat(path, ".id"),
                     absl::StrCat("person id ", person.id(), " is used twice"));
    }
    ABSL_RETURN_IF_ERROR(CheckPerson(path, person));
  }
  const auto is_person = [&](absl::string_view path, const std::string& id) {
    return persons.contains(id)
               ? absl::OkStatus()
               : Invalid(path, absl::StrCat(QuoteValue(id),
                                            " is not the id of a person of "
                                            "the case"));
  };
  absl::flat_hash_set<std::string> acts;
  for (int i = 0; i < record.acts_size(); ++i) {
    const v1::Act& act = record.acts(i);
    const std::string path = absl::StrCat("acts[", i, "]");
    if (!IsValidLocalId(act.id())) {
      return Invalid(absl::StrCat(path, ".id"),
                     "must be 1-32 letters, digits, '-' and '_'");
    }
    if (!acts.insert(act.id()).second) {
      return Invalid(absl::StrCat(path, ".id"),
                     absl::StrCat("act id ", act.id(), " is used twice"));
    }
    if (!IsViolationType(act.type())) {
      return Invalid(absl::StrCat(path, ".type"),
                     absl::StrCat(QuoteValue(act.type()),
                                  " is not a violation type of the "
                                  "vocabulary (see Act.type)"));
    }
    ABSL_RETURN_IF_ERROR(
        is_person(absl::StrCat(path, ".victim"), act.victim()));
    ABSL_RETURN_IF_ERROR(CheckDate(absl::StrCat(path, ".date"), act.date()));
    ABSL_RETURN_IF_ERROR(
        CheckLocation(absl::StrCat(path, ".location"), act.location()));
  }
  for (int i = 0; i < record.involvements_size(); ++i) {
    const v1::Involvement& involvement = record.involvements(i);
    const std::string path = absl::StrCat("involvements[", i, "]");
    ABSL_RETURN_IF_ERROR(is_person(absl::StrCat(path, ".perpetrator"),
                                   involvement.perpetrator()));
    if (!acts.contains(involvement.act())) {
      return Invalid(absl::StrCat(path, ".act"),
                     absl::StrCat(QuoteValue(involvement.act()),
                                  " is not the id of an act of the case"));
    }
    ABSL_RETURN_IF_ERROR(CheckSize(absl::StrCat(path, ".affiliation"),
                                   involvement.affiliation(), kMaxShortBytes));
  }
  for (int i = 0; i < record.sources_size(); ++i) {
    const v1::Source& source = record.sources(i);
    const std::string path = absl::StrCat("sources[", i, "]");
    ABSL_RETURN_IF_ERROR(
        is_person(absl::StrCat(path, ".person"), source.person()));
    ABSL_RETURN_IF_ERROR(CheckDate(absl::StrCat(path, ".date"), source.date()));
    ABSL_RETURN_IF_ERROR(CheckSize(absl::StrCat(path, ".testimony"),
                                   source.testimony(), kMaxTextBytes));
  }
  for (int i = 0; i < record.interventions_size(); ++i) {
    const v1::Intervention& intervention = record.interventions(i);
    const std::string path = absl::StrCat("interventions[", i, "]");
    ABSL_RETURN_IF_ERROR(
        CheckDate(absl::StrCat(path, ".date"), intervention.date()));
    ABSL_RETURN_IF_ERROR(CheckDate(absl::StrCat(path, ".reply_date"),
                                   intervention.reply_date()));
    ABSL_RETURN_IF_ERROR(CheckSize(absl::StrCat(path, ".recipient"),
                                   intervention.recipient(), kMaxShortBytes));
    ABSL_RETURN_IF_ERROR(CheckCount(absl::StrCat(path, ".paragraphs"),
                                    intervention.paragraphs()));
    for (int j = 0; j < intervention.paragraphs_size(); ++j) {
      ABSL_RETURN_IF_ERROR(
          CheckParagraph(absl::StrCat(path, ".paragraphs[", j, "]"),
                         intervention.paragraphs(j)));
    }
  }
  for (int i = 0; i < record.paragraphs_size(); ++i) {
    ABSL_RETURN_IF_ERROR(CheckParagraph(absl::StrCat("paragraphs[", i, "]"),
                                        record.paragraphs(i)));
  }
  if (record.access_list_size() == 0) {
    return Invalid("access_list", "must name at least one principal");
  }
  for (int i = 0; i < record.access_list_size(); ++i) {
    const std::string& principal = record.access_list(i);
    if (principal.empty() || principal.size() > 128 ||
        principal.find_first_of(" \t\n") != std::string::npos) {
      return Invalid(absl::StrCat("access_list[", i, "]"),
                     "a principal is 1-128 characters without spaces");
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<v1::Case> CaseFromJson(absl::string_view json) {
  if (json.size() > kMaxJsonBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("a case's JSON is ", json.size(), " bytes, over the ",
                     kMaxJsonBytes, " allowed"));
  }
  v1::Case record;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  const auto parsed = google::protobuf::util::JsonStringToMessage(
      google::protobuf::StringPiece(json.data(), json.size()), &record,
      options);
  if (!parsed.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("the case's JSON does not parse as a rapporteur.v1.Case: ",
                     std::string(parsed.message())));
  }
  return record;
}

}  // namespace rapporteur::cases
