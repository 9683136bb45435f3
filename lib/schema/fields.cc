#include "lib/schema/fields.h"

#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "lib/analysis/analyzer.h"
#include "lib/analysis/normalize.h"
#include "lib/schema/country_codes.h"
#include "lib/schema/resource_names.h"

namespace rapporteur::schema {
namespace {

using Out = std::vector<std::string>;

// The values of each field: one function a field, named after it.

void DocumentValues(const ParagraphView& p, Out* out) {
  out->emplace_back(p.document_id);
}

void SymbolValues(const ParagraphView& p, Out* out) {
  if (!p.document.symbol().empty()) {
    out->push_back(p.document.symbol());
  }
}

void YearValues(const ParagraphView& p, Out* out) {
  const std::string& date = p.document.date();
  int year = 0;
  if (date.size() >= 4 && absl::SimpleAtoi(date.substr(0, 4), &year)) {
    out->push_back(date.substr(0, 4));
  }
}

// The document's countries, and those its paragraph names.
void CountryValues(const ParagraphView& p, Out* out) {
  for (const std::string& country : p.document.countries()) {
    out->push_back(country);
  }
  for (const std::string& entity : p.paragraph.entities()) {
    if (std::find(p.country_entities.begin(), p.country_entities.end(),
                  entity) != p.country_entities.end()) {
      out->push_back(entity);
    }
  }
}

// The paragraph's themes and those of its recommendations.
void ThemeValues(const ParagraphView& p, Out* out) {
  for (const std::string& theme : p.paragraph.themes()) {
    out->push_back(theme);
  }
  for (const v1::Recommendation* r : p.recommendations) {
    for (const std::string& theme : r->themes()) {
      out->push_back(theme);
    }
  }
}

// `paragraph` always, and each kind of record the paragraph holds.
void KindValues(const ParagraphView& p, Out* out) {
  out->push_back("paragraph");
  if (!p.recommendations.empty()) out->push_back("recommendation");
  if (p.has_communication) out->push_back("communication");
  if (p.has_visit) out->push_back("visit");
  if (p.has_figure) out->push_back("figure");
}

void AddresseeValues(const ParagraphView& p, Out* out) {
  for (const v1::Recommendation* r : p.recommendations) {
    if (!r->addressee().empty()) {
      out->push_back(analysis::NormalizeAddressee(r->addressee()));
    }
  }
}

// What the State under review answered to the paragraph's recommendations
// (Universal Periodic Review lists): the enum value's name without its
// prefix, lower-case ("supported", "to_be_examined").
void ResponseValues(const ParagraphView& p, Out* out) {
  for (const v1::Recommendation* r : p.recommendations) {
    if (r->response() == v1::RECOMMENDATION_RESPONSE_UNSPECIFIED) continue;
    std::string name(
        absl::StripPrefix(v1::RecommendationResponse_Name(r->response()),
                          "RECOMMENDATION_RESPONSE_"));
    out->push_back(absl::AsciiStrToLower(name));
  }
}

// The analyzed words of the section path, in the document's language.
void SectionValues(const ParagraphView& p, Out* out) {
  for (std::string& word :
       analysis::AnalyzeTerms(p.paragraph.section(), p.document.language())) {
    out->push_back(std::move(word));
  }
}

// The document's language as its primary subtag (`fr` of `fr-CA`), English
// when none is given, as the analyzer reads the document.
void LanguageValues(const ParagraphView& p, Out* out) {
  std::string tag = absl::AsciiStrToLower(p.document.language());
  tag = tag.substr(0, tag.find_first_of("-_"));
  out->push_back(tag.empty() ? "en" : tag);
}

bool AllOf(absl::string_view text, bool (*ok)(unsigned char)) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [ok](char c) {
    return ok(static_cast<unsigned char>(c));
  });
}

bool IsThemeChar(unsigned char c) {
  return absl::ascii_islower(c) || absl::ascii_isdigit(c) || c == '-';
}
bool IsAlpha(unsigned char c) { return absl::ascii_isalpha(c); }

const std::vector<Field>* MakeFields() {
  auto* fields = new std::vector<Field>{
      {.name = "addressee",
       .syntax = ValueSyntax::kAddressee,
       .facet = true,
       .expected = "an ISO 3166-1 code or a named body",
       .values = AddresseeValues},
      {.name = "country",
       .syntax = ValueSyntax::kIsoCountry,
       .facet = true,
       .expected = "a three-letter ISO 3166-1 code such as PRK",
       .values = CountryValues},
      {.name = "document",
       .syntax = ValueSyntax::kDocumentId,
       .facet = true,
       .expected = "a document id such as a-hrc-7-20",
       .values = DocumentValues},
      {.name = "kind",
       .syntax = ValueSyntax::kKeyword,
       .facet = true,
       .expected = "",  // the keywords
       .keywords = {"recommendation", "communication", "visit", "figure",
                    "paragraph"},
       .values = KindValues},
      {.name = "language",
       .syntax = ValueSyntax::kLanguageTag,
       .facet = true,
       .expected = "a language subtag such as en or fr",
       .values = LanguageValues},
      {.name = "response",
       .syntax = ValueSyntax::kKeyword,
       .facet = true,
       .expected = "",  // the keywords
       .keywords = {"supported", "noted", "rejected", "to_be_examined"},
       .values = ResponseValues},
      {.name = "section",
       .syntax = ValueSyntax::kAnalyzedWords,
       .facet = false,
       .expected = "words of a section heading",
       .values = SectionValues},
      {.name = "symbol",
       .syntax = ValueSyntax::kSymbol,
       .facet = false,
       .expected = "a UN symbol such as A/HRC/7/20",
       .values = SymbolValues},
      {.name = "theme",
       .syntax = ValueSyntax::kThemeId,
       .facet = true,
       .expected = "a theme id such as food or death-penalty",
       .values = ThemeValues},
      {.name = "year",
       .syntax = ValueSyntax::kYear,
       .facet = true,
       .expected = "a year such as 2008 or a range such as 2007..2008",
       .values = YearValues},
  };
  std::sort(fields->begin(), fields->end(),
            [](const Field& a, const Field& b) { return a.name < b.name; });
  return fields;
}

// Runs of spaces as one space, ends trimmed: a quoted value as typed.
std::string CollapseSpaces(absl::string_view text) {
  return absl::StrJoin(
      absl::StrSplit(text, absl::ByAnyChar(" \t\r\n"), absl::SkipEmpty()), " ");
}

}  // namespace

const std::vector<Field>& Fields() {
  static const std::vector<Field>* const kFields = MakeFields();
  return *kFields;
}

const Field* FindField(absl::string_view name) {
  for (const Field& field : Fields()) {
    if (field.name == name) {
      return &field;
    }
  }
  return nullptr;
}

std::vector<std::string> FieldNames() {
  std::vector<std::string> names;
  for (const Field& field : Fields()) {
    names.emplace_back(field.name);
  }
  return names;
}

std::vector<std::string> FacetNames() {
  std::vector<std::string> names;
  for (const Field& field : Fields()) {
    if (field.facet) {
      names.emplace_back(field.name);
    }
  }
  return names;
}

absl::StatusOr<std::string> NormalizeValue(const Field& field,
                                           absl::string_view text) {
  const std::string value = CollapseSpaces(text);
  auto invalid = [&field]() {
    return absl::InvalidArgumentError(
        field.syntax == ValueSyntax::kKeyword
            ? absl::StrCat("one of ", absl::StrJoin(field.keywords, ", "))
            : std::string(field.expected));
  };
  switch (field.syntax) {
    case ValueSyntax::kIsoCountry: {
      std::string code = absl::AsciiStrToUpper(value);
      if (!IsIsoCountryCode(code)) {
        return invalid();
      }
      return code;
    }
    case ValueSyntax::kThemeId: {
      std::string theme = absl::AsciiStrToLower(value);
      if (!AllOf(theme, IsThemeChar)) {
        return invalid();
      }
      return theme;
    }
    case ValueSyntax::kKeyword: {
      std::string keyword = absl::AsciiStrToLower(value);
      if (std::find(field.keywords.begin(), field.keywords.end(), keyword) ==
          field.keywords.end()) {
        return invalid();
      }
      return keyword;
    }
    case ValueSyntax::kSymbol:
      // As the document writes it: "A/HRC/7/20/Add.1" mixes cases.
      if (value.find(' ') != std::string::npos) {
        return invalid();
      }
      return value;
    case ValueSyntax::kDocumentId: {
      // An id, a resource name or a symbol: all give the same id.
      absl::string_view id = value;
      absl::ConsumePrefix(&id, "documents/");
      std::string normalized = DocumentIdFromSymbol(id);
      if (!IsValidDocumentId(normalized)) {
        return invalid();
      }
      return normalized;
    }
    case ValueSyntax::kAddressee:
      // As ingest stored it: a State by its code, or a named body
      // case-insensitively.
      return analysis::NormalizeAddressee(value);
    case ValueSyntax::kLanguageTag: {
      std::string tag = absl::AsciiStrToLower(value);
      if (tag.size() < 2 || tag.size() > 3 || !AllOf(tag, IsAlpha)) {
        return invalid();
      }
      return tag;
    }
    case ValueSyntax::kYear:
    case ValueSyntax::kAnalyzedWords:
      break;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("field ", field.name, " has no single-value form"));
}

std::vector<std::vector<std::string>> ParagraphAttributes(
    const v1::Document& doc, absl::string_view doc_id) {
  std::vector<std::string> country_entities;
  for (const v1::Entity& entity : doc.entities()) {
    if (entity.kind() == v1::ENTITY_KIND_COUNTRY) {
      country_entities.push_back(entity.id());
    }
  }
  // Records by the number of the paragraph holding them: every paragraph
  // of that number holds them (a number split by a page break is one
  // paragraph in two parts), unnumbered ones none.
  struct Held {
    std::vector<const v1::Recommendation*> recommendations;
    bool communication = false;
    bool visit = false;
    bool figure = false;
  };
  absl::flat_hash_map<int, Held> held;
  for (const v1::Recommendation& r : doc.recommendations()) {
    held[r.paragraph()].recommendations.push_back(&r);
  }
  for (const v1::Communication& c : doc.communications()) {
    held[c.paragraph()].communication = true;
  }
  for (const v1::Visit& v : doc.visits()) {
    held[v.paragraph()].visit = true;
  }
  for (const v1::Figure& f : doc.figures()) {
    held[f.paragraph()].figure = true;
  }
  static const Held* const kNone = new Held;

  std::vector<std::vector<std::string>> out;
  out.reserve(doc.paragraphs_size());
  for (const v1::Paragraph& paragraph : doc.paragraphs()) {
    const Held* records = kNone;
    if (paragraph.number() > 0) {
      auto it = held.find(paragraph.number());
      if (it != held.end()) {
        records = &it->second;
      }
    }
    const ParagraphView view{.document = doc,
                             .document_id = doc_id,
                             .paragraph = paragraph,
                             .country_entities = country_entities,
                             .recommendations = records->recommendations,
                             .has_communication = records->communication,
                             .has_visit = records->visit,
                             .has_figure = records->figure};
    std::vector<std::string> attributes;
    std::vector<std::string> values;
    for (const Field& field : Fields()) {
      values.clear();
      field.values(view, &values);
      for (const std::string& value : values) {
        attributes.push_back(AttributeKey(field.name, value));
      }
    }
    std::sort(attributes.begin(), attributes.end());
    attributes.erase(std::unique(attributes.begin(), attributes.end()),
                     attributes.end());
    out.push_back(std::move(attributes));
  }
  return out;
}

float ParagraphBoost(const std::vector<std::string>& attributes) {
  static const std::string* const kRecommendation =
      new std::string(AttributeKey("kind", "recommendation"));
  // Attributes are sorted (ParagraphAttributes).
  return std::binary_search(attributes.begin(), attributes.end(),
                            *kRecommendation)
             ? 1.25f
             : 1.0f;
}

std::string FacetDisplayValue(const Field& field, absl::string_view value) {
  return field.syntax == ValueSyntax::kDocumentId ? DocumentName(value)
                                                  : std::string(value);
}

}  // namespace rapporteur::schema
