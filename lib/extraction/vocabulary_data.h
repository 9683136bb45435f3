#ifndef RAPPORTEUR_LIB_EXTRACTION_VOCABULARY_DATA_H_
#define RAPPORTEUR_LIB_EXTRACTION_VOCABULARY_DATA_H_

#include "absl/strings/string_view.h"

namespace rapporteur::ingest {

// The text of data/vocabularies/*.tsv, compiled into the binary by CMake
// (vocabulary_data.cc.in), so that no install path is needed to find them.
struct VocabularyData {
  absl::string_view countries_tsv;
  absl::string_view un_bodies_tsv;
  absl::string_view treaties_tsv;
  absl::string_view themes_tsv;
  absl::string_view units_tsv;
  absl::string_view recommendation_cues_tsv;
  absl::string_view subject_aliases_tsv;
  absl::string_view places_tsv;
};

const VocabularyData& BuiltinVocabularyData();

}  // namespace rapporteur::ingest

#endif  // RAPPORTEUR_LIB_EXTRACTION_VOCABULARY_DATA_H_
