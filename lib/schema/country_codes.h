#ifndef RAPPORTEUR_LIB_SCHEMA_COUNTRY_CODES_H_
#define RAPPORTEUR_LIB_SCHEMA_COUNTRY_CODES_H_

#include "absl/strings/string_view.h"

namespace rapporteur {

// Whether `code` is an ISO 3166-1 alpha-3 code, upper-case ("PRK"), of the
// 249 countries and territories of data/vocabularies/countries.tsv (compiled
// in). Filters and sources naming another ("ZZZ") are refused rather than
// matching nothing.
bool IsIsoCountryCode(absl::string_view code);

}  // namespace rapporteur

#endif  // RAPPORTEUR_LIB_SCHEMA_COUNTRY_CODES_H_
