#ifndef RAPPORTEUR_LIB_ANALYSIS_LANGUAGE_H_
#define RAPPORTEUR_LIB_ANALYSIS_LANGUAGE_H_

#include <string>

#include "absl/strings/string_view.h"

namespace rapporteur::analysis {

// The Snowball algorithm name ("english", "french", ...) of a language
// given as a BCP 47 tag ("en", "pt-BR", "de-1996"), an ISO 639-1, 639-2 or
// 639-3 code ("fr", "fre", "fra", "arb") or a Snowball name ("Russian"),
// in any case. Only the primary subtag counts.
//  - An empty tag is English: UN documents without metadata are mostly
//    English, and queries carry no language.
//  - A language Snowball has no algorithm for ("zh", "ko", "und") gives
//    "": its text is segmented and folded, not stemmed, and has no stop
//    words.
std::string CanonicalLanguage(absl::string_view tag);

// Whether `tag` names a language as CanonicalLanguage reads one: empty, a
// well-formed BCP 47 tag (a primary subtag of 2 or 3 letters, then subtags
// of 1 to 8 letters or digits after "-": "en", "pt-BR", "zh-Hant-TW"), or a
// Snowball name ("russian"). Not "klingon", "e", "en--us" or "fr\0".
bool IsLanguageTag(absl::string_view tag);

}  // namespace rapporteur::analysis

#endif  // RAPPORTEUR_LIB_ANALYSIS_LANGUAGE_H_
