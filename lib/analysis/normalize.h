#ifndef RAPPORTEUR_LIB_ANALYSIS_NORMALIZE_H_
#define RAPPORTEUR_LIB_ANALYSIS_NORMALIZE_H_

#include <string>

#include "absl/strings/string_view.h"

namespace rapporteur::analysis {

// `word` NFKC-normalized and case-folded (ICU's NFKC_Casefold): "ﬁ" is
// "fi", "Ｌａｔｉｎ" is "latin", "ПРАВА" is "права". Ignorable code points
// (soft hyphen, zero-width joiners) are removed, so the result may be
// empty. Invalid UTF-8 becomes U+FFFD.
std::string FoldCase(absl::string_view word);

// A recommendation's addressee as filters compare it, the same at ingest
// and in queries: spaces collapsed; a three-letter code upper-cased
// (`PRK`); a named body case-folded (`international community`).
std::string NormalizeAddressee(absl::string_view addressee);

}  // namespace rapporteur::analysis

#endif  // RAPPORTEUR_LIB_ANALYSIS_NORMALIZE_H_
