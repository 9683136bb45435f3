#ifndef RAPPORTEUR_LIB_ANALYSIS_STEMMER_H_
#define RAPPORTEUR_LIB_ANALYSIS_STEMMER_H_

#include <string>

#include "absl/strings/string_view.h"

namespace rapporteur::analysis {

// The Snowball stem of a case-folded, well-formed UTF-8 word in
// `language`, a Snowball algorithm name ("english"). A language libstemmer
// does not know, or "", leaves the word as it is. Thread-safe: libstemmer's
// stemmers keep state between calls, so each thread keeps one per language.
std::string Stem(absl::string_view language, std::string word);

}  // namespace rapporteur::analysis

#endif  // RAPPORTEUR_LIB_ANALYSIS_STEMMER_H_
