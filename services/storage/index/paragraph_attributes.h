#ifndef RAPPORTEUR_SERVICES_STORAGE_INDEX_PARAGRAPH_ATTRIBUTES_H_
#define RAPPORTEUR_SERVICES_STORAGE_INDEX_PARAGRAPH_ATTRIBUTES_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "rapporteur/v1/document.pb.h"

namespace rapporteur::storage::index {

// What filters and facets know of each paragraph of `doc`, as attribute
// keys (AttributeKey), parallel to doc.paragraphs:
//   symbol     the document's symbol
//   document   the document id
//   year       the year of the document's date
//   country    countries the paragraph names, and the document's countries
//   theme      the paragraph's themes
//   kind       `paragraph`, and `recommendation` / `communication` / `visit`
//              / `figure` for each kind of record the paragraph holds
//   addressee  addressees of its recommendations (ISO3 or a named body)
//   section    the analyzed words of its section path
std::vector<std::vector<std::string>> ParagraphAttributes(
    const v1::Document& doc, const std::string& doc_id);

// Static rank factor of a paragraph, multiplied into its BM25 score:
// paragraphs holding recommendations rank 1.25× (what analysts cite most),
// others 1.0.
float ParagraphBoost(const std::vector<std::string>& attributes);

}  // namespace rapporteur::storage::index

#endif  // RAPPORTEUR_SERVICES_STORAGE_INDEX_PARAGRAPH_ATTRIBUTES_H_
