#include "lib/analysis/stop_words.h"

#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "lib/analysis/stop_words_data.h"

namespace rapporteur::analysis {
namespace {

using StopWordSets =
    absl::flat_hash_map<std::string, absl::flat_hash_set<std::string>>;

// Parsed once; the lists are compiled in, so a malformed one shows in the
// tests, not at run time.
const StopWordSets& Sets() {
  static const StopWordSets* const sets = [] {
    auto* result = new StopWordSets;
    for (const StopWordFile& file : BuiltinStopWordFiles()) {
      auto& words = (*result)[std::string(file.language)];
      for (absl::string_view line : absl::StrSplit(file.content, '\n')) {
        line = absl::StripAsciiWhitespace(line);
        if (!line.empty() && line[0] != '#') {
          words.insert(std::string(line));
        }
      }
    }
    return result;
  }();
  return *sets;
}

}  // namespace

const absl::flat_hash_set<std::string>* StopWordsOf(
    absl::string_view language) {
  const StopWordSets& sets = Sets();
  auto it = sets.find(language);
  return it != sets.end() ? &it->second : nullptr;
}

bool IsStopWord(absl::string_view language, absl::string_view folded_word) {
  const absl::flat_hash_set<std::string>* words = StopWordsOf(language);
  return words != nullptr && words->contains(folded_word);
}

bool IsEnglishStopWord(absl::string_view folded_word) {
  static const absl::flat_hash_set<std::string>* const english =
      StopWordsOf("english");
  return english->contains(folded_word);
}

}  // namespace rapporteur::analysis
