#include "lib/extraction/annotator.h"

#include <algorithm>
#include <map>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "lib/extraction/communications.h"
#include "lib/extraction/references.h"
#include "lib/extraction/visits.h"
#include "lib/extraction/vocabulary_data.h"

namespace rapporteur::ingest {
namespace {

// The phrases of subject_aliases.tsv: one a line, # comments.
std::vector<std::string> ParsePhrases(absl::string_view tsv) {
  std::vector<std::string> phrases;
  for (absl::string_view line : absl::StrSplit(tsv, '\n')) {
    line = absl::StripAsciiWhitespace(line);
    if (!line.empty() && line[0] != '#') {
      phrases.push_back(absl::AsciiStrToLower(line));
    }
  }
  return phrases;
}

// Mentions of `subject` by the phrases of `aliases` in `text`, as whole
// words, case-insensitively.
void AddSubjectMentions(absl::string_view text,
                        const std::vector<std::string>& aliases,
                        const VocabularyEntry* subject,
                        std::vector<Mention>* mentions) {
  const std::string lower = absl::AsciiStrToLower(text);
  for (const std::string& alias : aliases) {
    for (size_t at = lower.find(alias); at != std::string::npos;
         at = lower.find(alias, at + 1)) {
      const size_t end = at + alias.size();
      const bool starts_word =
          at == 0 ||
          !absl::ascii_isalnum(static_cast<unsigned char>(lower[at - 1]));
      const bool ends_word =
          end == lower.size() ||
          !absl::ascii_isalnum(static_cast<unsigned char>(lower[end]));
      if (starts_word && ends_word) {
        mentions->push_back(Mention{subject, at, end});
      }
    }
  }
}

// Entities of every paragraph: ids per paragraph, and each entity once with
// the paragraphs naming it, in order of first mention. `subject` (may be
// null) is the document's country, named also by `subject_aliases`.
void FindEntities(const ReportText& text, const Vocabulary& vocabulary,
                  const VocabularyEntry* subject,
                  const std::vector<std::string>& subject_aliases,
                  Annotations* out) {
  absl::flat_hash_map<std::string, size_t> index;  // id -> out->entities
  // Each paragraph counts once per entity, unnumbered ones (number 0)
  // included: the last ordinal added, per entity.
  std::vector<int> last_ordinal;
  int ordinal = -1;
  for (const TextParagraph& paragraph : text.paragraphs) {
    ++ordinal;
    std::vector<std::string> ids;
    std::vector<Mention> mentions = vocabulary.FindMentions(paragraph.text);
    if (subject != nullptr) {
      AddSubjectMentions(paragraph.text, subject_aliases, subject, &mentions);
      std::stable_sort(
          mentions.begin(), mentions.end(),
          [](const Mention& a, const Mention& b) { return a.begin < b.begin; });
    }
    for (const Mention& mention : mentions) {
      const VocabularyEntry& entry = *mention.entry;
      auto [it, inserted] = index.emplace(entry.id, out->entities.size());
      if (inserted) {
        out->entities.push_back(
            TextEntity{entry.id, entry.kind, entry.name, {}});
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
                         *std::move(cues),
                         ParsePhrases(data.subject_aliases_tsv));
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
  const VocabularyEntry* subject =
      facts.countries.empty() ? nullptr : vocabulary_->Find(facts.countries[0]);
  FindEntities(text, *vocabulary_, subject, subject_aliases_, &out);
  for (const TextParagraph& paragraph : text.paragraphs) {
    out.paragraph_themes.push_back(vocabulary_->ThemesOf(paragraph.text));
  }
  return out;
}

}  // namespace rapporteur::ingest
