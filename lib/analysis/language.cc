#include "lib/analysis/language.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"

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

bool IsLanguageTag(absl::string_view tag) {
  if (tag.empty()) {
    return true;
  }
  const std::vector<absl::string_view> subtags = absl::StrSplit(tag, '-');
  const auto letters = [](absl::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) {
      return absl::ascii_isalpha(static_cast<unsigned char>(c));
    });
  };
  if (subtags.size() == 1 && letters(tag) && !CanonicalLanguage(tag).empty()) {
    return true;  // a Snowball name, "russian"
  }
  if (subtags[0].size() < 2 || subtags[0].size() > 3 || !letters(subtags[0])) {
    return false;
  }
  for (size_t i = 1; i < subtags.size(); ++i) {
    const absl::string_view s = subtags[i];
    if (s.empty() || s.size() > 8 ||
        !std::all_of(s.begin(), s.end(), [](char c) {
          return absl::ascii_isalnum(static_cast<unsigned char>(c));
        })) {
      return false;
    }
  }
  return true;
}

}  // namespace rapporteur::analysis
