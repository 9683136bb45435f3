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

// Most words a thread remembers the stem of, per language. Word frequencies
// follow Zipf's law, so a few thousand words are most of any text, and a
// lookup costs a fraction of a Snowball stemming (searches stem every word
// of each hit they show a snippet of). Emptied when full: simpler than an
// LRU and, with this skew, about as good.
constexpr size_t kCachedStems = 1 << 15;
// Longer words are stemmed every time: they are rare, and a script written
// without spaces makes "words" of whole sentences, which would fill the
// cache with megabytes.
constexpr size_t kMaxCachedWordBytes = 48;

// A thread's stemmer for one language and the stems it made.
struct Stemmer {
  StemmerPtr stemmer;
  absl::flat_hash_map<std::string, std::string> stems;
};

// This thread's stemmer for `language`; its `stemmer` is null when
// libstemmer has none.
Stemmer& StemmerFor(absl::string_view language) {
  // Most text is English: skip the map for it.
  thread_local Stemmer english{StemmerPtr(sb_stemmer_new("english", "UTF_8")),
                               {}};
  if (language == "english") {
    return english;
  }
  thread_local absl::flat_hash_map<std::string, Stemmer> stemmers;
  auto it = stemmers.find(language);
  if (it == stemmers.end()) {
    const std::string name(language);
    it = stemmers
             .emplace(
                 name,
                 Stemmer{StemmerPtr(sb_stemmer_new(name.c_str(), "UTF_8")), {}})
             .first;
  }
  return it->second;
}

}  // namespace

std::string Stem(absl::string_view language, std::string word) {
  if (language.empty()) {
    return word;
  }
  Stemmer& stemmer = StemmerFor(language);
  if (stemmer.stemmer == nullptr) {
    return word;
  }
  const bool cacheable = word.size() <= kMaxCachedWordBytes;
  if (cacheable) {
    if (auto cached = stemmer.stems.find(word); cached != stemmer.stems.end()) {
      return cached->second;
    }
  }
  const sb_symbol* stemmed = sb_stemmer_stem(
      stemmer.stemmer.get(), reinterpret_cast<const sb_symbol*>(word.data()),
      static_cast<int>(word.size()));
  const int length = sb_stemmer_length(stemmer.stemmer.get());
  // Null when out of memory; Snowball's Greek stemmer leaves nothing of
  // some short words ("είτε"): a word is better than no term.
  if (stemmed == nullptr || length <= 0) {
    return word;
  }
  std::string stem(reinterpret_cast<const char*>(stemmed),
                   static_cast<size_t>(length));
  if (cacheable) {
    if (stemmer.stems.size() == kCachedStems) {
      stemmer.stems.clear();
    }
    stemmer.stems.emplace(std::move(word), stem);
  }
  return stem;
}

}  // namespace rapporteur::analysis
