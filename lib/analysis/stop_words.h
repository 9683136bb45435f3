#ifndef RAPPORTEUR_LIB_ANALYSIS_STOP_WORDS_H_
#define RAPPORTEUR_LIB_ANALYSIS_STOP_WORDS_H_

#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/string_view.h"

namespace rapporteur::analysis {

// Whether a case-folded word is too common to index in `language`, a
// Snowball algorithm name as CanonicalLanguage returns it ("english",
// "french"). A language without a list (data/stopwords/) has none.
bool IsStopWord(absl::string_view language, absl::string_view folded_word);

// The stop words of `language` (as for IsStopWord), or null when it has
// none: looked up once for a text rather than once a word.
const absl::flat_hash_set<std::string>* StopWordsOf(absl::string_view language);

// IsStopWord("english", folded_word).
bool IsEnglishStopWord(absl::string_view folded_word);

}  // namespace rapporteur::analysis

#endif  // RAPPORTEUR_LIB_ANALYSIS_STOP_WORDS_H_
