#include "lib/storage/records.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "lib/base/error_details.h"
#include "lib/base/quote.h"
#include "lib/schema/country_codes.h"
#include "lib/schema/resource_names.h"

namespace rapporteur::storage {
namespace {

std::string KindPrefix(internal::v1::RecordKind kind) {
  return std::string(1, static_cast<char>(kind));
}

std::string RecordKey(internal::v1::RecordKind kind, absl::string_view doc_id,
                      uint32_t n) {
  std::string key = absl::StrCat(KindPrefix(kind), doc_id);
  key.push_back('\0');
  for (int shift = 24; shift >= 0; shift -= 8) {
    key.push_back(static_cast<char>((n >> shift) & 0xff));
  }
  return key;
}

// The year of "YYYY..." text; 0 when it does not start with one.
int YearOf(absl::string_view date) {
  int year = 0;
  if (date.size() >= 4 && absl::SimpleAtoi(date.substr(0, 4), &year)) {
    return year;
  }
  return 0;
}

bool Contains(const google::protobuf::RepeatedPtrField<std::string>& values,
              absl::string_view value) {
  return std::any_of(values.begin(), values.end(), [&](const std::string& v) {
    return absl::EqualsIgnoreCase(v, value);
  });
}

template <typename Message>
void AddRows(internal::v1::RecordKind kind, absl::string_view doc_id,
             const google::protobuf::RepeatedPtrField<Message>& records,
             const v1::Document& document,
             void (*set)(internal::v1::Record*, const Message&),
             std::vector<std::pair<std::string, std::string>>* rows) {
  uint32_t n = 0;
  for (const Message& message : records) {
    ++n;
    internal::v1::Record record;
    set(&record, message);
    *record.mutable_document_countries() = document.countries();
    record.set_document_year(YearOf(document.date()));
    rows->emplace_back(RecordKey(kind, doc_id, n), record.SerializeAsString());
  }
}

}  // namespace

absl::string_view CollectionOf(internal::v1::RecordKind kind) {
  switch (kind) {
    case internal::v1::RECORD_KIND_RECOMMENDATION:
      return "recommendations";
    case internal::v1::RECORD_KIND_COMMUNICATION:
      return "communications";
    case internal::v1::RECORD_KIND_VISIT:
      return "visits";
    case internal::v1::RECORD_KIND_FIGURE:
      return "figures";
    default:
      return "";
  }
}

std::vector<std::pair<std::string, std::string>> RecordRows(
    absl::string_view doc_id, const v1::Document& document) {
  std::vector<std::pair<std::string, std::string>> rows;
  AddRows<v1::Recommendation>(
      internal::v1::RECORD_KIND_RECOMMENDATION, doc_id,
      document.recommendations(), document,
      [](internal::v1::Record* r, const v1::Recommendation& m) {
        *r->mutable_recommendation() = m;
      },
      &rows);
  AddRows<v1::Communication>(
      internal::v1::RECORD_KIND_COMMUNICATION, doc_id,
      document.communications(), document,
      [](internal::v1::Record* r, const v1::Communication& m) {
        *r->mutable_communication() = m;
      },
      &rows);
  AddRows<v1::Visit>(
      internal::v1::RECORD_KIND_VISIT, doc_id, document.visits(), document,
      [](internal::v1::Record* r, const v1::Visit& m) {
        *r->mutable_visit() = m;
      },
      &rows);
  AddRows<v1::Figure>(
      internal::v1::RECORD_KIND_FIGURE, doc_id, document.figures(), document,
      [](internal::v1::Record* r, const v1::Figure& m) {
        *r->mutable_figure() = m;
      },
      &rows);
  return rows;
}

std::pair<std::string, std::string> DocumentRecordRange(
    internal::v1::RecordKind kind, absl::string_view doc_id) {
  std::string begin = absl::StrCat(KindPrefix(kind), doc_id);
  std::string end = begin;
  begin.push_back('\0');
  end.push_back('\1');
  return {begin, end};
}

std::pair<std::string, std::string> KindRange(internal::v1::RecordKind kind) {
  return {KindPrefix(kind), std::string(1, static_cast<char>(kind + 1))};
}

absl::StatusOr<std::string> KeyAfter(internal::v1::RecordKind kind,
                                     absl::string_view name) {
  std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  uint32_t n = 0;
  if (parts.size() != 4 || parts[0] != "documents" ||
      !IsValidDocumentId(parts[1]) || parts[2] != CollectionOf(kind) ||
      !absl::SimpleAtoi(parts[3], &n)) {
    return InvalidFieldError(
        "page_token",
        absl::StrCat(QuoteValue(name), " is not the name of one of the ",
                     CollectionOf(kind)),
        "INVALID_PAGE_TOKEN");
  }
  // Keys of the same document and kind differ in their last 4 bytes: the
  // next n is the first key after this record.
  return RecordKey(kind, parts[1], n + 1);
}

absl::Status CheckFilter(internal::v1::RecordKind kind,
                         const v1::RecordFilter& filter) {
  if (CollectionOf(kind).empty()) {
    return absl::InvalidArgumentError("record kind is not set");
  }
  const bool recommendations = kind == internal::v1::RECORD_KIND_RECOMMENDATION;
  for (const auto& [value, field] :
       {std::pair{&filter.addressee(), "addressee"},
        std::pair{&filter.recommended_by(), "recommended_by"},
        std::pair{&filter.theme(), "theme"}}) {
    if (!value->empty() && !recommendations) {
      return InvalidFieldError(
          absl::StrCat("filter.", field),
          absl::StrCat("filter.", field, " applies to recommendations, not to ",
                       CollectionOf(kind)));
    }
  }
  if ((filter.response() != v1::RECOMMENDATION_RESPONSE_UNSPECIFIED ||
       filter.recurring()) &&
      !recommendations) {
    return InvalidFieldError(
        filter.response() != v1::RECOMMENDATION_RESPONSE_UNSPECIFIED
            ? "filter.response"
            : "filter.recurring",
        absl::StrCat("filter.response and filter.recurring apply to "
                     "recommendations, not to ",
                     CollectionOf(kind)));
  }
  // A code no country has would match nothing, silently.
  for (const auto& [value, field] :
       {std::pair{&filter.country(), "country"},
        std::pair{&filter.recommended_by(), "recommended_by"}}) {
    if (!value->empty() && !IsIsoCountryCode(absl::AsciiStrToUpper(*value))) {
      return InvalidFieldError(
          absl::StrCat("filter.", field),
          absl::StrCat("filter.", field, " ", QuoteValue(*value),
                       " is not an ISO 3166-1 alpha-3 code such as PRK"));
    }
  }
  // An addressee is a State or a collective one ("international
  // community"): three letters must be a State.
  if (filter.addressee().size() == 3 &&
      !IsIsoCountryCode(absl::AsciiStrToUpper(filter.addressee()))) {
    return InvalidFieldError(
        "filter.addressee",
        absl::StrCat("filter.addressee ", QuoteValue(filter.addressee()),
                     " is not an ISO 3166-1 alpha-3 code such as PRK"));
  }
  if (!filter.document().empty() &&
      !IsValidDocumentId(absl::StripPrefix(filter.document(), "documents/"))) {
    return InvalidFieldError(
        "filter.document",
        absl::StrCat("filter.document ", QuoteValue(filter.document()),
                     " is not a document name documents/{id}"));
  }
  if (filter.start_year() < 0 || filter.end_year() < 0 ||
      (filter.end_year() != 0 && filter.start_year() > filter.end_year())) {
    // The field at fault: a negative year, or the start after the end.
    return InvalidFieldError(
        filter.end_year() < 0 ? "filter.end_year" : "filter.start_year",
        absl::StrCat("filter years ", filter.start_year(), "..",
                     filter.end_year(), " are not a range"));
  }
  return absl::OkStatus();
}

bool Matches(const internal::v1::Record& record,
             const v1::RecordFilter& filter) {
  std::string name;
  int year = record.document_year();
  bool country_ok = filter.country().empty();
  const absl::string_view country = filter.country();
  switch (record.record_case()) {
    case internal::v1::Record::kRecommendation: {
      const v1::Recommendation& r = record.recommendation();
      name = r.name();
      country_ok = country_ok ||
                   absl::EqualsIgnoreCase(r.addressee(), country) ||
                   Contains(r.recommended_by(), country);
      if (!filter.addressee().empty() &&
          !absl::EqualsIgnoreCase(r.addressee(), filter.addressee())) {
        return false;
      }
      if (!filter.recommended_by().empty() &&
          !Contains(r.recommended_by(), filter.recommended_by())) {
        return false;
      }
      if (!filter.theme().empty() && !Contains(r.themes(), filter.theme())) {
        return false;
      }
      if (filter.response() != v1::RECOMMENDATION_RESPONSE_UNSPECIFIED &&
          r.response() != filter.response()) {
        return false;
      }
      break;
    }
    case internal::v1::Record::kCommunication:
      name = record.communication().name();
      country_ok =
          country_ok ||
          absl::EqualsIgnoreCase(record.communication().recipient(), country);
      year = YearOf(record.communication().sent());
      break;
    case internal::v1::Record::kVisit:
      name = record.visit().name();
      country_ok = country_ok ||
                   absl::EqualsIgnoreCase(record.visit().country(), country);
      year = YearOf(record.visit().start());
      break;
    case internal::v1::Record::kFigure:
      name = record.figure().name();
      country_ok = country_ok || Contains(record.document_countries(), country);
      if (YearOf(record.figure().period()) != 0) {
        year = YearOf(record.figure().period());
      }
      break;
    default:
      return false;
  }
  if (!country_ok) {
    return false;
  }
  if (!filter.document().empty() &&
      !absl::StartsWith(name, absl::StrCat(filter.document(), "/"))) {
    return false;
  }
  if (filter.start_year() != 0 && year < filter.start_year()) {
    return false;
  }
  if (filter.end_year() != 0 && (year == 0 || year > filter.end_year())) {
    return false;
  }
  return true;
}

}  // namespace rapporteur::storage
