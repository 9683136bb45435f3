#ifndef RAPPORTEUR_LIB_ANALYSIS_STOP_WORDS_DATA_H_
#define RAPPORTEUR_LIB_ANALYSIS_STOP_WORDS_DATA_H_

#include <vector>

#include "absl/strings/string_view.h"

namespace rapporteur::analysis {

// One stop word list as written in data/stopwords/{code}.txt: one word a
// line, '#' starting a comment.
struct StopWordFile {
  absl::string_view language;  // Snowball algorithm name, e.g. "french"
  absl::string_view content;
};

// The lists of data/stopwords/, compiled into the library.
const std::vector<StopWordFile>& BuiltinStopWordFiles();

}  // namespace rapporteur::analysis

#endif  // RAPPORTEUR_LIB_ANALYSIS_STOP_WORDS_DATA_H_
