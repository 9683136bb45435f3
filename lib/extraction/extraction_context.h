#ifndef RAPPORTEUR_LIB_EXTRACTION_EXTRACTION_CONTEXT_H_
#define RAPPORTEUR_LIB_EXTRACTION_EXTRACTION_CONTEXT_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace rapporteur::ingest {

// What the fact finders (recommendations, communications, visits) need to
// know about the document beyond its text. Plain data: the caller owns the
// country lookup and keeps it valid while a finder runs.
struct ExtractionContext {
  // ISO3 code of a country name as written ("Japan", "the Republic of
  // Korea", "Mongolia", "the Democratic People’s Republic of Korea"); ""
  // when unknown. In production this is Vocabulary::CountryCode.
  std::function<std::string(absl::string_view)> country_code;
  // ISO3 codes of the countries the document is about (from metadata), e.g.
  // {"PRK"}: "the country", "the country in question" refer to the first.
  std::vector<std::string> document_countries;
  // Date of the document, YYYY-MM-DD, to complete dates written without a
  // year; may be empty.
  std::string document_date;
};

}  // namespace rapporteur::ingest

#endif  // RAPPORTEUR_LIB_EXTRACTION_EXTRACTION_CONTEXT_H_
