#ifndef RAPPORTEUR_TESTS_TESTING_EXTRACTION_CONTEXT_H_
#define RAPPORTEUR_TESTS_TESTING_EXTRACTION_CONTEXT_H_

// The context the fact finders get in production, with a fixed country
// table instead of the vocabularies, so that their tests do not depend on
// the data files.

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/string_view.h"
#include "lib/extraction/extraction_context.h"

namespace rapporteur::testing {

using ::rapporteur::ingest::ExtractionContext;

// A stand-in for Vocabulary::CountryCode: the names these documents use.
inline std::string FakeCountryCode(absl::string_view name) {
  static const auto* const kCodes = new std::map<std::string, std::string>{
      {"democratic people's republic of korea", "PRK"},
      {"republic of korea", "KOR"},
      {"japan", "JPN"},
      {"mongolia", "MNG"},
      {"china", "CHN"},
      {"slovenia", "SVN"},
      {"algeria", "DZA"},
      {"egypt", "EGY"},
      {"bosnia and herzegovina", "BIH"},
      {"argentina", "ARG"},
      {"spain", "ESP"},
      {"nicaragua", "NIC"},
      {"netherlands", "NLD"},
      {"colombia", "COL"},
      {"canada", "CAN"},
      {"norway", "NOR"},
      {"philippines", "PHL"},
      {"qatar", "QAT"},
      {"moldova", "MDA"},
      {"united kingdom", "GBR"},
      {"united kingdom of great britain and northern ireland", "GBR"},
      {"czech republic", "CZE"},
      {"islamic republic of iran", "IRN"},
      {"malaysia", "MYS"},
      {"pakistan", "PAK"},
      {"russian federation", "RUS"},
      {"mexico", "MEX"},
      {"uzbekistan", "UZB"},
      {"portugal", "PRT"},
      {"bhutan", "BTN"},
      {"azerbaijan", "AZE"},
      {"italy", "ITA"},
      {"saudi arabia", "SAU"},
      {"iraq", "IRQ"},
      {"zambia", "ZMB"},
      {"france", "FRA"},
      {"kazakhstan", "KAZ"},
      {"ghana", "GHA"},
      {"united states", "USA"},
      {"united states of america", "USA"},
      {"kyrgyzstan", "KGZ"},
      {"belarus", "BLR"},
      {"ukraine", "UKR"},
      {"australia", "AUS"},
      {"chile", "CHL"},
      {"turkey", "TUR"},
      {"morocco", "MAR"},
      {"albania", "ALB"},
      {"slovakia", "SVK"},
      {"poland", "POL"},
      {"serbia", "SRB"},
      {"india", "IND"},
      {"austria", "AUT"},
      {"jordan", "JOR"}};
  std::string key =
      absl::AsciiStrToLower(absl::StrReplaceAll(name, {{"\xE2\x80\x99", "'"}}));
  if (absl::StartsWith(key, "the ")) {
    key = key.substr(4);
  }
  auto it = kCodes->find(key);
  return it == kCodes->end() ? "" : it->second;
}

inline ExtractionContext Context(std::vector<std::string> countries,
                                 std::string date) {
  ExtractionContext context;
  context.country_code = FakeCountryCode;
  context.document_countries = std::move(countries);
  context.document_date = std::move(date);
  return context;
}

}  // namespace rapporteur::testing

#endif  // RAPPORTEUR_TESTS_TESTING_EXTRACTION_CONTEXT_H_
