#include "services/ingest/annotator.h"

#include <map>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "services/ingest/communications.h"
#include "services/ingest/references.h"
#include "services/ingest/visits.h"
#include "services/ingest/vocabulary_data.h"

namespace rapporteur::ingest {
namespace {

// Entities of every paragraph: ids per paragraph, and each entity once with
// the paragraphs naming it, in order of first mention.
void FindEntities(const ReportText& text, const Vocabulary& vocabulary,
                  Annotations* out) {
  absl::flat_hash_map<std::string, size_t> index;  // id -> out->entities
  // Each paragraph counts once per entity, unnumbered ones (number 0)
  // included: the last ordinal added, per entity.
  std::vector<int> last_ordinal;
  int ordinal = -1;
  for (const TextParagraph& paragraph : text.paragraphs) {
    ++ordinal;
    std::vector<std::string> ids;
    for (const Mention& mention : vocabulary.FindMentions(paragraph.text)) {
      const VocabularyEntry& entry = *mention.entry;
      auto [it, inserted] = index.emplace(entry.id, out->entities.size());
      if (inserted) {
        out->entities.push_back(TextEntity{entry.id, entry.kind, entry.name, {}});
        last_ordinal.push_back(-1);
      }
      if (last_ordinal[it->second] != ordinal) {
        last_ordinal[it->second] = ordinal;
        out->entities[it->second].paragraphs.push_back(paragraph.number);
      }
      if (std::find(ids.begin(), ids.end(), entry.id) == ids.end()) {
        ids.push_back(entry.id);
      }
    }
    out->paragraph_entities.push_back(std::move(ids));
  }
}

}  // namespace

absl::StatusOr<const Annotator*> Annotator::Builtin() {
  static const absl::StatusOr<const Annotator*> annotator =
      []() -> absl::StatusOr<const Annotator*> {
    const VocabularyData& data = BuiltinVocabularyData();
    absl::StatusOr<UnitTable> units = ParseUnits(data.units_tsv);
    if (!units.ok()) {
      return absl::InternalError(
          absl::StrCat("built-in units.tsv: ", units.status().message()));
    }
    absl::StatusOr<RecommendationCues> cues =
        ParseRecommendationCues(data.recommendation_cues_tsv);
    if (!cues.ok()) {
      return absl::InternalError(absl::StrCat(
          "built-in recommendation_cues.tsv: ", cues.status().message()));
    }
    return new Annotator(&Vocabulary::Builtin(), *std::move(units),
                         *std::move(cues));
  }();
  return annotator;
}

Annotations Annotator::Annotate(const ReportText& text,
                                const DocumentFacts& facts) const {
  Annotations out;
  ExtractionContext context;
  context.country_code = [this](absl::string_view name) {
    return vocabulary_->CountryCode(name);
  };
  context.document_countries = facts.countries;
  context.document_date = facts.date;

  out.references = FindReferences(text);
  out.footnote_links = LinkFootnotes(text);
  out.figures = FindFigures(text, units_);
  out.recommendations =
      FindRecommendations(text, context, cues_, &out.warnings);
  for (TextRecommendation& recommendation : out.recommendations) {
    recommendation.themes = vocabulary_->ThemesOf(recommendation.text);
  }
  out.communications = FindCommunications(text, context, &out.warnings);
  out.visits = FindVisits(text, context, &out.warnings);
  FindEntities(text, *vocabulary_, &out);
  for (const TextParagraph& paragraph : text.paragraphs) {
    out.paragraph_themes.push_back(vocabulary_->ThemesOf(paragraph.text));
  }
  return out;
}

}  // namespace rapporteur::ingest
