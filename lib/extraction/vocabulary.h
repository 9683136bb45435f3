#ifndef RAPPORTEUR_LIB_EXTRACTION_VOCABULARY_H_
#define RAPPORTEUR_LIB_EXTRACTION_VOCABULARY_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/extraction/records.h"

namespace rapporteur::ingest {

// One entry of a controlled vocabulary.
struct VocabularyEntry {
  std::string id;  // "PRK", "WFP", "ICCPR", "food"
  EntityKind kind = EntityKind::kCountry;
  std::string name;                  // usual name
  std::vector<std::string> aliases;  // other names and acronyms, as written
};

// A name found in a text.
struct Mention {
  const VocabularyEntry* entry = nullptr;
  size_t begin = 0;  // byte range in the text searched
  size_t end = 0;
};

// The controlled vocabularies of extraction: countries (ISO 3166-1 alpha-3
// with names and aliases), UN bodies and agencies, treaties, and the theme
// taxonomy. They live in data files (data/vocabularies/*.tsv), compiled
// into the binary and parsed at start, never in parsing code.
//
// Thread-safe after construction (read-only).
class Vocabulary {
 public:
  // The vocabularies built into this binary. Parsed once; never fails at
  // run time (their parse is tested).
  static const Vocabulary& Builtin();

  // Parses vocabularies from the text of the data files. INVALID_ARGUMENT
  // naming file and line for a malformed row.
  static absl::StatusOr<std::unique_ptr<Vocabulary>> Parse(
      absl::string_view countries_tsv, absl::string_view un_bodies_tsv,
      absl::string_view treaties_tsv, absl::string_view themes_tsv,
      absl::string_view places_tsv = "");

  // The ISO3 code of a country name or alias as written ("Japan", "the
  // Republic of Korea", "North Korea", "DPRK"), case-insensitive, leading
  // "the" ignored; "" when unknown.
  std::string CountryCode(absl::string_view name) const;

  // The countries, UN bodies, treaties and places (not the themes), in
  // file order.
  std::vector<const VocabularyEntry*> NamedEntries() const;

  // The entry with `id` in any vocabulary; nullptr when none.
  const VocabularyEntry* Find(absl::string_view id) const;

  // Every mention of a country, UN body or treaty in `text`, longest match
  // first at each position, in text order, not overlapping.
  std::vector<Mention> FindMentions(absl::string_view text) const;

  // Themes of `text`: ids from themes.tsv whose keywords occur.
  std::vector<std::string> ThemesOf(absl::string_view text) const;

 private:
  Vocabulary() = default;
  struct Impl;
  std::shared_ptr<const Impl> impl_;
};

}  // namespace rapporteur::ingest

#endif  // RAPPORTEUR_LIB_EXTRACTION_VOCABULARY_H_
