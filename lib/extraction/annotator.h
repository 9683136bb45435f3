#ifndef RAPPORTEUR_LIB_EXTRACTION_ANNOTATOR_H_
#define RAPPORTEUR_LIB_EXTRACTION_ANNOTATOR_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "lib/extraction/figures.h"
#include "lib/extraction/recommendations.h"
#include "lib/extraction/records.h"
#include "lib/extraction/report_text.h"
#include "lib/extraction/vocabulary.h"

namespace rapporteur::ingest {

// What the fact finders found in a report, beside its structure.
struct Annotations {
  std::vector<TextReference> references;
  std::vector<FootnoteLinks> footnote_links;
  std::vector<TextRecommendation> recommendations;
  std::vector<TextCommunication> communications;
  std::vector<TextVisit> visits;
  std::vector<TextFigure> figures;
  std::vector<TextEntity> entities;
  // Parallel to ReportText::paragraphs.
  std::vector<std::vector<std::string>> paragraph_themes;
  std::vector<std::vector<std::string>> paragraph_entities;
  // What the finders could not place (a visit without dates, ...).
  std::vector<TextWarning> warnings;
};

// Metadata the finders use: the countries and date of the document.
struct DocumentFacts {
  std::vector<std::string> countries;  // ISO3, the subject first
  std::string date;                    // YYYY-MM-DD or ""
};

// Runs every fact finder over a parsed report with the built-in
// vocabularies. Thread-safe.
class Annotator {
 public:
  // The annotator of the vocabularies compiled into this binary; INTERNAL
  // if they do not parse (a build error that tests catch).
  static absl::StatusOr<const Annotator*> Builtin();

  Annotations Annotate(const ReportText& text,
                       const DocumentFacts& facts) const;

  const Vocabulary& vocabulary() const { return *vocabulary_; }

 private:
  Annotator(const Vocabulary* vocabulary, UnitTable units,
            RecommendationCues cues, std::vector<std::string> subject_aliases)
      : vocabulary_(vocabulary),
        units_(std::move(units)),
        cues_(std::move(cues)),
        subject_aliases_(std::move(subject_aliases)) {}

  const Vocabulary* vocabulary_;
  const UnitTable units_;
  const RecommendationCues cues_;
  // Phrases naming the document's own country ("the country in question").
  const std::vector<std::string> subject_aliases_;
};

}  // namespace rapporteur::ingest

#endif  // RAPPORTEUR_LIB_EXTRACTION_ANNOTATOR_H_
