#include "lib/analysis/stemmer.h"

#include <libstemmer.h>

#include <memory>

#include "absl/container/flat_hash_map.h"

namespace rapporteur::analysis {
namespace {

struct StemmerDeleter {
  void operator()(sb_stemmer* stemmer) const { sb_stemmer_delete(stemmer); }
};
using StemmerPtr = std::unique_ptr<sb_stemmer, StemmerDeleter>;

// This thread's stemmer for `language`; null when libstemmer has none.
sb_stemmer* StemmerFor(absl::string_view language) {
  // Most text is English: skip the map for it.
  thread_local StemmerPtr english(sb_stemmer_new("english", "UTF_8"));
  if (language == "english") {
    return english.get();
  }
  thread_local absl::flat_hash_map<std::string, StemmerPtr> stemmers;
  auto it = stemmers.find(language);
  if (it == stemmers.end()) {
    const std::string name(language);
    it = stemmers
             .emplace(name, StemmerPtr(sb_stemmer_new(name.c_str(), "UTF_8")))
             .first;
  }
  return it->second.get();
}

}  // namespace

std::string Stem(absl::string_view language, std::string word) {
  if (language.empty()) {
    return word;
  }
  sb_stemmer* stemmer = StemmerFor(language);
  if (stemmer == nullptr) {
    return word;
  }
  const sb_symbol* stemmed =
      sb_stemmer_stem(stemmer, reinterpret_cast<const sb_symbol*>(word.data()),
                      static_cast<int>(word.size()));
  const int length = sb_stemmer_length(stemmer);
  // Null when out of memory; Snowball's Greek stemmer leaves nothing of
  // some short words ("είτε"): a word is better than no term.
  if (stemmed == nullptr || length <= 0) {
    return word;
  }
  word.assign(reinterpret_cast<const char*>(stemmed),
              static_cast<size_t>(length));
  return word;
}

}  // namespace rapporteur::analysis
