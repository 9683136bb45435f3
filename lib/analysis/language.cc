#include "lib/analysis/language.h"

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"

namespace rapporteur::analysis {
namespace {

struct Algorithm {
  absl::string_view name;  // as sb_stemmer_list() spells it
  // ISO 639-1, 639-2/B, 639-2/T and 639-3 codes, with the codes of the
  // individual languages UN documents use for a macrolanguage (Standard
  // Arabic "arb", Bokmål "nob").
  std::initializer_list<absl::string_view> codes;
};

// Snowball's algorithms in libstemmer 2.2 (Debian 12), less "porter" (an
// older English one).
const Algorithm kAlgorithms[] = {
    {"arabic", {"ar", "ara", "arb"}},
    {"armenian", {"hy", "hye", "arm", "hyw"}},
    {"basque", {"eu", "eus", "baq"}},
    {"catalan", {"ca", "cat"}},
    {"danish", {"da", "dan"}},
    {"dutch", {"nl", "nld", "dut"}},
    {"english", {"en", "eng"}},
    {"finnish", {"fi", "fin"}},
    {"french", {"fr", "fra", "fre"}},
    {"german", {"de", "deu", "ger"}},
    {"greek", {"el", "ell", "gre"}},
    {"hindi", {"hi", "hin"}},
    {"hungarian", {"hu", "hun"}},
    {"indonesian", {"id", "ind"}},
    {"irish", {"ga", "gle"}},
    {"italian", {"it", "ita"}},
    {"lithuanian", {"lt", "lit"}},
    {"nepali", {"ne", "nep", "npi"}},
    {"norwegian", {"no", "nor", "nb", "nob", "nn", "nno"}},
    {"portuguese", {"pt", "por"}},
    {"romanian", {"ro", "ron", "rum"}},
    {"russian", {"ru", "rus"}},
    {"serbian", {"sr", "srp"}},
    {"spanish", {"es", "spa"}},
    {"swedish", {"sv", "swe"}},
    {"tamil", {"ta", "tam"}},
    {"turkish", {"tr", "tur"}},
    {"yiddish", {"yi", "yid", "ydd"}},
};

const absl::flat_hash_map<std::string, std::string>& AlgorithmOf() {
  static const auto* const map = [] {
    auto* result = new absl::flat_hash_map<std::string, std::string>;
    for (const Algorithm& algorithm : kAlgorithms) {
      result->emplace(algorithm.name, algorithm.name);
      for (absl::string_view code : algorithm.codes) {
        result->emplace(code, algorithm.name);
      }
    }
    return result;
  }();
  return *map;
}

}  // namespace

std::string CanonicalLanguage(absl::string_view tag) {
  const absl::string_view primary = tag.substr(0, tag.find_first_of("-_"));
  if (primary.empty()) {
    return "english";
  }
  const auto& algorithms = AlgorithmOf();
  auto it = algorithms.find(absl::AsciiStrToLower(primary));
  return it != algorithms.end() ? it->second : "";
}

}  // namespace rapporteur::analysis
