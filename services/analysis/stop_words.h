#ifndef RAPPORTEUR_SERVICES_ANALYSIS_STOP_WORDS_H_
#define RAPPORTEUR_SERVICES_ANALYSIS_STOP_WORDS_H_

#include "absl/strings/string_view.h"

namespace rapporteur::analysis {

// Whether a case-folded English word is too common to index.
bool IsEnglishStopWord(absl::string_view folded_word);

}  // namespace rapporteur::analysis

#endif  // RAPPORTEUR_SERVICES_ANALYSIS_STOP_WORDS_H_
