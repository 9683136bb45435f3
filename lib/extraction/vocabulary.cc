#include "lib/extraction/vocabulary.h"

#include <utf8proc.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "lib/analysis/analyzer.h"
#include "lib/extraction/vocabulary_data.h"

namespace rapporteur::ingest {
namespace {

using absl::string_view;

constexpr size_t kNoMatch = std::string::npos;

// ---------------------------------------------------------------------------
// Words and the characters between them.
//
// Names are matched word by word, never as substrings, so that "Oman" is not
// found in "woman" nor "Niger" in "Nigeria". The characters between two
// words (the "gap") must agree too, after normalizing what PDF text varies
// in: runs of white space (line wraps, page breaks) and the typographic
// apostrophe.

// Decodes the code point at text[*pos], advancing *pos. Invalid bytes decode
// as -1 and advance by one, so callers never loop forever.
int32_t NextCodePoint(string_view text, size_t* pos) {
  utf8proc_int32_t cp = -1;
  const utf8proc_ssize_t n = utf8proc_iterate(
      reinterpret_cast<const utf8proc_uint8_t*>(text.data() + *pos),
      static_cast<utf8proc_ssize_t>(text.size() - *pos), &cp);
  *pos += n > 0 ? static_cast<size_t>(n) : 1;
  return n > 0 ? cp : -1;
}

// Letters, marks and digits, as the analyzer counts them.

bool IsUpperCodePoint(int32_t cp) {
  if (cp < 0) {
    return false;
  }
  const utf8proc_category_t category = utf8proc_category(cp);
  return category == UTF8PROC_CATEGORY_LU || category == UTF8PROC_CATEGORY_LT;
}

bool IsLowerCodePoint(int32_t cp) {
  return cp >= 0 && utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

bool IsSpaceCodePoint(int32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' ||
         cp == '\v' || cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) ||
         cp == 0x202F;
}

bool IsApostropheCodePoint(int32_t cp) {
  return cp == '\'' || cp == 0x2019 || cp == 0x2018;
}

// Case-folds a word: ASCII directly (the common case), the rest by Unicode
// NFKC case folding, as the analyzer does.
std::string Fold(string_view word) {
  const bool ascii = std::all_of(word.begin(), word.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x80;
  });
  if (ascii) {
    return absl::AsciiStrToLower(word);
  }
  const std::string copy(word);
  utf8proc_uint8_t* folded = utf8proc_NFKC_Casefold(
      reinterpret_cast<const utf8proc_uint8_t*>(copy.c_str()));
  if (folded == nullptr) {
    return copy;
  }
  std::string result(reinterpret_cast<const char*>(folded));
  std::free(folded);
  return result;
}

struct Word {
  size_t begin = 0;
  size_t end = 0;
  std::string folded;
  bool capitalized = false;  // first letter upper-case
};

std::vector<Word> SplitWords(string_view text) {
  std::vector<Word> words;
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t begin = pos;
    const int32_t first = NextCodePoint(text, &pos);
    if (!analysis::IsWordCodePoint(first)) {
      continue;
    }
    size_t end = pos;
    while (end < text.size()) {
      size_t next = end;
      if (!analysis::IsWordCodePoint(NextCodePoint(text, &next))) {
        break;
      }
      end = next;
    }
    pos = end;
    const string_view word = text.substr(begin, end - begin);
    words.push_back(Word{begin, end, Fold(word), IsUpperCodePoint(first)});
  }
  return words;
}

// The gap as compared: white-space runs become one space, apostrophes the
// straight one.
std::string NormalizeGap(string_view gap) {
  std::string out;
  size_t pos = 0;
  while (pos < gap.size()) {
    const size_t begin = pos;
    const int32_t cp = NextCodePoint(gap, &pos);
    if (IsSpaceCodePoint(cp)) {
      if (out.empty() || out.back() != ' ') {
        out.push_back(' ');
      }
    } else if (IsApostropheCodePoint(cp)) {
      out.push_back('\'');
    } else {
      out.append(gap.data() + begin, pos - begin);
    }
  }
  return out;
}

// Matches `expected` (a normalized gap) against text[pos, limit). Returns the
// end of the match, or kNoMatch.
size_t MatchGap(string_view text, size_t pos, size_t limit,
                string_view expected) {
  size_t j = 0;
  while (j < expected.size()) {
    if (pos >= limit) {
      return kNoMatch;
    }
    size_t next = pos;
    const int32_t cp = NextCodePoint(text, &next);
    if (expected[j] == ' ') {
      if (!IsSpaceCodePoint(cp)) {
        return kNoMatch;
      }
      pos = next;
      while (pos < limit) {
        size_t after = pos;
        if (!IsSpaceCodePoint(NextCodePoint(text, &after))) {
          break;
        }
        pos = after;
      }
      ++j;
    } else if (expected[j] == '\'') {
      if (!IsApostropheCodePoint(cp)) {
        return kNoMatch;
      }
      pos = next;
      ++j;
    } else {
      if (text[pos] != expected[j]) {
        return kNoMatch;
      }
      ++pos;
      ++j;
    }
  }
  return pos;
}

// ---------------------------------------------------------------------------
// Names as patterns of words.

// How a word of a name must be written in the text.
enum class CaseRule {
  kAny,          // written in lower case in the data: "of", "and"
  kCapitalized,  // "Korea": also "KOREA", never "korea" ("turkey", "china")
  kExact,        // an acronym, "WFP", "WHO": never "who"
};

struct PatternWord {
  std::string folded;
  std::string exact;  // as written, for kExact
  CaseRule rule = CaseRule::kAny;
};

struct Pattern {
  const VocabularyEntry* entry = nullptr;
  std::vector<PatternWord> words;
  std::vector<std::string> gaps;  // gaps[i] follows words[i]
  std::string tail;               // closing punctuation: the ")" of
                                  // "Iran (Islamic Republic of)"
};

CaseRule RuleOf(string_view word) {
  size_t pos = 0;
  const int32_t first = NextCodePoint(word, &pos);
  if (!IsUpperCodePoint(first)) {
    return CaseRule::kAny;
  }
  // Two or more letters, none lower-case: an acronym.
  int letters = 1;
  while (pos < word.size()) {
    const int32_t cp = NextCodePoint(word, &pos);
    if (IsLowerCodePoint(cp)) {
      return CaseRule::kCapitalized;
    }
    if (IsUpperCodePoint(cp)) {
      ++letters;
    }
  }
  return letters >= 2 ? CaseRule::kExact : CaseRule::kCapitalized;
}

// Splits a name into a pattern; false when it has no word.
bool MakePattern(string_view name, const VocabularyEntry* entry,
                 Pattern* pattern) {
  const std::vector<Word> words = SplitWords(name);
  if (words.empty()) {
    return false;
  }
  pattern->entry = entry;
  for (size_t i = 0; i < words.size(); ++i) {
    const string_view written =
        name.substr(words[i].begin, words[i].end - words[i].begin);
    pattern->words.push_back(
        PatternWord{words[i].folded, std::string(written), RuleOf(written)});
    if (i + 1 < words.size()) {
      pattern->gaps.push_back(NormalizeGap(
          name.substr(words[i].end, words[i + 1].begin - words[i].end)));
    }
  }
  pattern->tail = std::string(
      absl::StripAsciiWhitespace(NormalizeGap(name.substr(words.back().end))));
  return true;
}

// The key under which names are compared regardless of case: folded words
// joined by their normalized gaps, without a leading "the".
std::string CanonicalName(string_view name) {
  std::vector<Word> words = SplitWords(name);
  size_t first = 0;
  if (words.size() > 1 && words[0].folded == "the") {
    first = 1;
  }
  std::string key;
  for (size_t i = first; i < words.size(); ++i) {
    if (i > first) {
      absl::StrAppend(
          &key, NormalizeGap(name.substr(words[i - 1].end,
                                         words[i].begin - words[i - 1].end)));
    }
    absl::StrAppend(&key, words[i].folded);
  }
  if (!words.empty()) {
    absl::StrAppend(&key, absl::StripAsciiWhitespace(
                              NormalizeGap(name.substr(words.back().end))));
  }
  return key;
}

bool WordMatches(string_view text, const Word& word,
                 const PatternWord& expected) {
  switch (expected.rule) {
    case CaseRule::kExact:
      return text.substr(word.begin, word.end - word.begin) == expected.exact;
    case CaseRule::kCapitalized:
      return word.capitalized && word.folded == expected.folded;
    case CaseRule::kAny:
      return word.folded == expected.folded;
  }
  return false;
}

// Whether `pattern` matches the words of `text` from words[i]; if so, sets
// *end to the end of the match.
bool MatchAt(string_view text, const std::vector<Word>& words, size_t i,
             const Pattern& pattern, size_t* end) {
  const size_t n = pattern.words.size();
  if (i + n > words.size()) {
    return false;
  }
  for (size_t k = 0; k < n; ++k) {
    if (!WordMatches(text, words[i + k], pattern.words[k])) {
      return false;
    }
    if (k > 0) {
      const size_t gap_end = MatchGap(text, words[i + k - 1].end,
                                      words[i + k].begin, pattern.gaps[k - 1]);
      if (gap_end != words[i + k].begin) {
        return false;
      }
    }
  }
  size_t match_end = words[i + n - 1].end;
  if (!pattern.tail.empty()) {
    const size_t limit =
        i + n < words.size() ? words[i + n].begin : text.size();
    match_end = MatchGap(text, match_end, limit, pattern.tail);
    if (match_end == kNoMatch) {
      return false;
    }
  }
  // An acronym glued to a slash is part of a document symbol
  // ("CRC/C/PRK/4", "A/HRC/7/20", "WFP/EB.2/2007/5-F/1"), not a mention.
  const size_t begin = words[i].begin;
  if (pattern.words.front().rule == CaseRule::kExact && begin > 0 &&
      text[begin - 1] == '/') {
    return false;
  }
  if (pattern.tail.empty() && pattern.words.back().rule == CaseRule::kExact &&
      match_end < text.size() && text[match_end] == '/') {
    return false;
  }
  *end = match_end;
  return true;
}

bool IsAcronymPattern(const Pattern& pattern) {
  return pattern.words.size() == 1 &&
         pattern.words.front().rule == CaseRule::kExact;
}

// ---------------------------------------------------------------------------
// Themes.

// A keyword as analyzed terms, each with its position relative to the
// first, so that dropped stop words still count as words between them.
struct Keyword {
  std::vector<std::pair<std::string, uint32_t>> terms;
};

struct Theme {
  const VocabularyEntry* entry = nullptr;
  std::vector<Keyword> keywords;
};

// ---------------------------------------------------------------------------
// Parsing.

struct Row {
  int line = 0;
  std::string id;
  std::string name;
  std::vector<std::string> aliases;
};

// Reads the rows of one TSV file. Columns: id, name, then optional |-lists.
absl::Status ParseRows(string_view file, string_view tsv,
                       std::vector<Row>* rows) {
  int line_number = 0;
  for (string_view line : absl::StrSplit(tsv, '\n')) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    if (absl::StripAsciiWhitespace(line).empty() || line.front() == '#') {
      continue;
    }
    const std::vector<string_view> columns = absl::StrSplit(line, '\t');
    // The third column may be absent: editors strip the trailing tab of a
    // row without aliases.
    if (columns.size() < 2 || columns.size() > 3) {
      return absl::InvalidArgumentError(
          absl::StrCat(file, ":", line_number, ": expected 3 tab-separated ",
                       "columns (id, name, aliases), found ", columns.size()));
    }
    Row row;
    row.line = line_number;
    row.id = std::string(absl::StripAsciiWhitespace(columns[0]));
    row.name = std::string(absl::StripAsciiWhitespace(columns[1]));
    if (row.id.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat(file, ":", line_number, ": empty id"));
    }
    if (row.name.empty()) {
      return absl::InvalidArgumentError(absl::StrCat(
          file, ":", line_number, ": empty name for id \"", row.id, "\""));
    }
    if (columns.size() == 3) {
      for (string_view alias : absl::StrSplit(columns[2], '|')) {
        alias = absl::StripAsciiWhitespace(alias);
        if (!alias.empty()) {
          row.aliases.emplace_back(alias);
        }
      }
    }
    rows->push_back(std::move(row));
  }
  return absl::OkStatus();
}

}  // namespace

struct Vocabulary::Impl {
  // Entries never move once made: patterns and maps point into them.
  std::vector<std::unique_ptr<VocabularyEntry>> entries;
  // The entries that are not themes, in file order.
  std::vector<const VocabularyEntry*> named;
  absl::flat_hash_map<std::string, const VocabularyEntry*> by_id;
  // Where each id was defined, to name both places of a duplicate.
  absl::flat_hash_map<std::string, std::string> id_origin;
  // CanonicalName() of each country name, alias and code -> ISO3.
  absl::flat_hash_map<std::string, std::string> country_codes;
  // Names of countries, bodies and treaties by their first folded word,
  // longest first, so that a scan tries only the few names that can start
  // at a word.
  absl::flat_hash_map<std::string, std::vector<Pattern>> patterns;
  // CanonicalName() of each name -> its entry, to refuse a name given to two
  // entries.
  absl::flat_hash_map<std::string, const VocabularyEntry*> name_owner;
  std::vector<Theme> themes;

  absl::Status AddEntries(string_view file, string_view tsv, EntityKind kind,
                          bool is_theme);
  absl::Status AddName(string_view file, const Row& row, string_view name,
                       const VocabularyEntry* entry);
};

absl::Status Vocabulary::Impl::AddName(string_view file, const Row& row,
                                       string_view name,
                                       const VocabularyEntry* entry) {
  Pattern pattern;
  if (!MakePattern(name, entry, &pattern)) {
    return absl::InvalidArgumentError(
        absl::StrCat(file, ":", row.line, ": name \"", name, "\" has no word"));
  }
  // The same name written twice for one entry ("Universal Periodic Review"
  // and "universal periodic review") is two case rules, both kept.
  const std::string key = CanonicalName(name);
  auto [it, inserted] = name_owner.try_emplace(key, entry);
  if (!inserted && it->second != entry) {
    return absl::InvalidArgumentError(
        absl::StrCat(file, ":", row.line, ": name \"", name,
                     "\" already names \"", it->second->id, "\""));
  }
  patterns[pattern.words.front().folded].push_back(std::move(pattern));
  return absl::OkStatus();
}

absl::Status Vocabulary::Impl::AddEntries(string_view file, string_view tsv,
                                          EntityKind kind, bool is_theme) {
  std::vector<Row> rows;
  absl::Status status = ParseRows(file, tsv, &rows);
  if (!status.ok()) {
    return status;
  }
  for (Row& row : rows) {
    const std::string origin = absl::StrCat(file, ":", row.line);
    auto [origin_it, inserted] = id_origin.try_emplace(row.id, origin);
    if (!inserted) {
      return absl::InvalidArgumentError(
          absl::StrCat(origin, ": duplicate id \"", row.id,
                       "\" (first defined at ", origin_it->second, ")"));
    }
    auto entry = std::make_unique<VocabularyEntry>();
    entry->id = row.id;
    entry->kind = kind;
    entry->name = row.name;
    entry->aliases = row.aliases;
    const VocabularyEntry* added = entry.get();
    entries.push_back(std::move(entry));
    by_id[row.id] = added;

    if (is_theme) {
      if (row.aliases.empty()) {
        return absl::InvalidArgumentError(
            absl::StrCat(origin, ": theme \"", row.id, "\" has no keywords"));
      }
      Theme theme;
      theme.entry = added;
      for (const std::string& keyword : row.aliases) {
        const std::vector<analysis::Token> tokens = analysis::Analyze(keyword);
        if (tokens.empty()) {
          return absl::InvalidArgumentError(absl::StrCat(
              origin, ": keyword \"", keyword, "\" has only stop words"));
        }
        Keyword analyzed;
        for (const analysis::Token& token : tokens) {
          analyzed.terms.emplace_back(token.term,
                                      token.position - tokens[0].position);
        }
        theme.keywords.push_back(std::move(analyzed));
      }
      themes.push_back(std::move(theme));
      continue;
    }
    named.push_back(added);

    std::vector<std::string> names = {row.name};
    names.insert(names.end(), row.aliases.begin(), row.aliases.end());
    for (const std::string& name : names) {
      status = AddName(file, row, name, added);
      if (!status.ok()) {
        return status;
      }
      if (kind == EntityKind::kCountry) {
        country_codes.try_emplace(CanonicalName(name), row.id);
      }
    }
    if (kind == EntityKind::kCountry) {
      // The code itself resolves too, unless it is some country's name.
      country_codes.try_emplace(CanonicalName(row.id), row.id);
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<Vocabulary>> Vocabulary::Parse(
    absl::string_view countries_tsv, absl::string_view un_bodies_tsv,
    absl::string_view treaties_tsv, absl::string_view themes_tsv,
    absl::string_view places_tsv) {
  auto impl = std::make_shared<Impl>();
  absl::Status status = impl->AddEntries("countries.tsv", countries_tsv,
                                         EntityKind::kCountry, false);
  if (status.ok()) {
    status = impl->AddEntries("un_bodies.tsv", un_bodies_tsv,
                              EntityKind::kUnBody, false);
  }
  if (status.ok()) {
    status = impl->AddEntries("treaties.tsv", treaties_tsv, EntityKind::kTreaty,
                              false);
  }
  if (status.ok()) {
    status =
        impl->AddEntries("places.tsv", places_tsv, EntityKind::kPlace, false);
  }
  if (status.ok()) {
    // EntityKind has no value for themes, which are never mentions; their
    // entries keep the default kind and are told apart by their ids
    // (lower-case).
    status = impl->AddEntries("themes.tsv", themes_tsv, EntityKind{}, true);
  }
  if (!status.ok()) {
    return status;
  }
  for (auto& [first_word, candidates] : impl->patterns) {
    // Longest first: more words, then a longer closing tail.
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const Pattern& a, const Pattern& b) {
                       if (a.words.size() != b.words.size()) {
                         return a.words.size() > b.words.size();
                       }
                       return a.tail.size() > b.tail.size();
                     });
  }
  impl->name_owner.clear();  // only needed while parsing
  impl->id_origin.clear();
  std::unique_ptr<Vocabulary> vocabulary(new Vocabulary());
  vocabulary->impl_ = std::move(impl);
  return vocabulary;
}

const Vocabulary& Vocabulary::Builtin() {
  static const Vocabulary* const builtin = [] {
    const VocabularyData& data = BuiltinVocabularyData();
    absl::StatusOr<std::unique_ptr<Vocabulary>> parsed =
        Parse(data.countries_tsv, data.un_bodies_tsv, data.treaties_tsv,
              data.themes_tsv, data.places_tsv);
    if (!parsed.ok()) {
      // The built-in files are tested; reaching this is a build defect.
      std::fprintf(stderr, "built-in vocabularies: %s\n",
                   parsed.status().ToString().c_str());
      std::abort();
    }
    return parsed->release();
  }();
  return *builtin;
}

std::string Vocabulary::CountryCode(absl::string_view name) const {
  auto it = impl_->country_codes.find(CanonicalName(name));
  return it == impl_->country_codes.end() ? std::string() : it->second;
}

std::vector<const VocabularyEntry*> Vocabulary::NamedEntries() const {
  return impl_->named;
}

const VocabularyEntry* Vocabulary::Find(absl::string_view id) const {
  auto it = impl_->by_id.find(id);
  return it == impl_->by_id.end() ? nullptr : it->second;
}

std::vector<Mention> Vocabulary::FindMentions(absl::string_view text) const {
  const std::vector<Word> words = SplitWords(text);
  std::vector<Mention> mentions;
  std::vector<bool> acronym;  // parallel to mentions
  size_t i = 0;
  while (i < words.size()) {
    auto it = impl_->patterns.find(words[i].folded);
    const Pattern* found = nullptr;
    size_t end = 0;
    if (it != impl_->patterns.end()) {
      for (const Pattern& pattern : it->second) {
        if (MatchAt(text, words, i, pattern, &end)) {
          found = &pattern;
          break;
        }
      }
    }
    if (found == nullptr) {
      ++i;
      continue;
    }
    mentions.push_back(Mention{found->entry, words[i].begin, end});
    acronym.push_back(IsAcronymPattern(*found));
    i += found->words.size();
  }
  // "Name (ACRONYM)" defines the acronym as that name's: "Committee against
  // Torture (CAT)" is the committee, though "CAT" alone is the Convention.
  for (size_t k = 1; k < mentions.size(); ++k) {
    const Mention& previous = mentions[k - 1];
    Mention& current = mentions[k];
    if (!acronym[k] || acronym[k - 1] || previous.entry == current.entry) {
      continue;
    }
    const bool opened =
        MatchGap(text, previous.end, current.begin, " (") == current.begin ||
        MatchGap(text, previous.end, current.begin, "(") == current.begin;
    if (opened && current.end < text.size() && text[current.end] == ')') {
      current.entry = previous.entry;
    }
  }
  return mentions;
}

std::vector<std::string> Vocabulary::ThemesOf(absl::string_view text) const {
  const std::vector<analysis::Token> tokens = analysis::Analyze(text);
  if (tokens.empty()) {
    return {};
  }
  absl::flat_hash_map<string_view, std::vector<uint32_t>> positions;
  std::vector<bool> occupied(tokens.back().position + 1, false);
  for (const analysis::Token& token : tokens) {
    positions[token.term].push_back(token.position);
    occupied[token.position] = true;
  }
  // Whether the keyword's terms stand at `start` onwards, with only stop
  // words (free positions) between them.
  auto matches_at = [&](const Keyword& keyword, uint32_t start) {
    for (size_t t = 1; t < keyword.terms.size(); ++t) {
      const uint32_t position = start + keyword.terms[t].second;
      auto it = positions.find(keyword.terms[t].first);
      if (it == positions.end() ||
          !std::binary_search(it->second.begin(), it->second.end(), position)) {
        return false;
      }
      for (uint32_t p = start + keyword.terms[t - 1].second + 1; p < position;
           ++p) {
        if (occupied[p]) {
          return false;
        }
      }
    }
    return true;
  };
  std::vector<std::string> themes;
  for (const Theme& theme : impl_->themes) {
    bool found = false;
    for (const Keyword& keyword : theme.keywords) {
      auto it = positions.find(keyword.terms[0].first);
      if (it == positions.end()) {
        continue;
      }
      for (uint32_t start : it->second) {
        if (matches_at(keyword, start)) {
          found = true;
          break;
        }
      }
      if (found) {
        break;
      }
    }
    if (found) {
      themes.push_back(theme.entry->id);
    }
  }
  return themes;
}

}  // namespace rapporteur::ingest
