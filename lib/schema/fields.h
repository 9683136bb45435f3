#ifndef RAPPORTEUR_LIB_SCHEMA_FIELDS_H_
#define RAPPORTEUR_LIB_SCHEMA_FIELDS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/schema/attribute_key.h"
#include "rapporteur/v1/document.pb.h"

namespace rapporteur::schema {

// The one declaration of every field a search can filter on or count
// (`country:PRK`, `facets: ["theme"]`). The query parser knows a field by
// its name here, the compiler normalizes its values by its syntax, the
// query engine accepts it as a facet when `facet` is set, and ingest
// computes each paragraph's values with `values`. Storage knows no field:
// it matches and counts the opaque AttributeKey(field, value) keys ingest
// sent. Adding a field is one entry in kFields (fields.cc) and its test.

// How a field's values are written in a query, and normalized to the values
// `values` produces.
enum class ValueSyntax {
  kIsoCountry,  // three ASCII letters, any case; stored upper-case
  kThemeId,     // an id of data/vocabularies/themes.tsv; lower-case
  kKeyword,     // one of Field::keywords, any case; lower-case
  kSymbol,      // a UN symbol exactly as written (cases mixed), no space
  kDocumentId,  // a document id, documents/{id} or a symbol: the id
  kAddressee,   // an ISO3 code or a named body (analysis::NormalizeAddressee)
  kYear,        // a year or an inclusive range a..b, either end open
  kAnalyzedWords,  // words analyzed like text; a quoted value needs them all
  kLanguageTag,    // a BCP 47 primary language subtag (en, fr); lower-case
};

// What one paragraph offers to a field's `values`.
struct ParagraphView {
  const v1::Document& document;
  absl::string_view document_id;
  const v1::Paragraph& paragraph;
  // Countries the document names as entities (ENTITY_KIND_COUNTRY ids).
  const std::vector<std::string>& country_entities;
  // The document's records held by this paragraph (same number).
  const std::vector<const v1::Recommendation*>& recommendations;
  bool has_communication = false;
  bool has_visit = false;
  bool has_figure = false;
};

struct Field {
  absl::string_view name;
  ValueSyntax syntax;
  // May be asked for in SearchRequest.facets.
  bool facet = false;
  // What a value looks like, for errors: "a three-letter ISO 3166-1 code
  // such as PRK".
  absl::string_view expected;
  // kKeyword: the values allowed, lower-case.
  std::vector<absl::string_view> keywords = {};
  // Appends the paragraph's values, already normalized (duplicates are
  // removed by the caller).
  void (*values)(const ParagraphView& paragraph,
                 std::vector<std::string>* out) = nullptr;
};

// Every field, in name order.
const std::vector<Field>& Fields();

// The field named `name` (case matters: fields are lower-case), or null.
const Field* FindField(absl::string_view name);

// The names of Fields(), and of those that are facets, in name order.
std::vector<std::string> FieldNames();
std::vector<std::string> FacetNames();

// One query value of `field` as `values` produces it: INVALID_ARGUMENT
// naming what was expected when it is not one. `language` analyzes
// kAnalyzedWords. For kYear and kAnalyzedWords, whose values become ranges
// and word lists, the query compiler has its own rules (query_compiler.cc).
absl::StatusOr<std::string> NormalizeValue(const Field& field,
                                           absl::string_view text);

// The attribute keys of every paragraph of `doc` (AttributeKey(field,
// value) over Fields()), parallel to doc.paragraphs, each sorted and
// distinct. `doc_id` is the document's id (documents/{id}).
std::vector<std::vector<std::string>> ParagraphAttributes(
    const v1::Document& doc, absl::string_view doc_id);

// Static rank factor of a paragraph with these attributes (sorted, as
// ParagraphAttributes gives them), multiplied into its BM25 score: 1.25 for
// a paragraph holding a recommendation (what analysts cite most), 1
// otherwise.
float ParagraphBoost(const std::vector<std::string>& attributes);

// The value a facet bucket shows for `value` of `field`: documents by their
// resource name (documents/{id}), others as stored.
std::string FacetDisplayValue(const Field& field, absl::string_view value);

}  // namespace rapporteur::schema

#endif  // RAPPORTEUR_LIB_SCHEMA_FIELDS_H_
