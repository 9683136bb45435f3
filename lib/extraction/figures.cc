#include "lib/extraction/figures.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "lib/analysis/stop_words.h"

namespace rapporteur::ingest {
namespace {

// English number grammar, not domain vocabulary (the units are in
// units.tsv): scale words, hedges before an amount, and the words after
// which a number is a citation or an age rather than a quantity.
struct Scale {
  absl::string_view word;
  double factor;
};
constexpr Scale kScales[] = {
    {"thousand", 1e3}, {"million", 1e6}, {"billion", 1e9}, {"trillion", 1e12}};
// Numbers written as words count only with a scale ("three and a half
// million") or as the low end of a range ("two to three million"): alone,
// "one" or "two" are too often no quantity at all.
struct NumberWord {
  absl::string_view word;
  double value;
};
constexpr NumberWord kNumberWords[] = {
    {"one", 1},      {"two", 2},       {"three", 3},   {"four", 4},
    {"five", 5},     {"six", 6},       {"seven", 7},   {"eight", 8},
    {"nine", 9},     {"ten", 10},      {"eleven", 11}, {"twelve", 12},
    {"fifteen", 15}, {"twenty", 20},   {"thirty", 30}, {"forty", 40},
    {"fifty", 50},   {"hundred", 100}, {"several", 0}, {"a", 1}};
constexpr absl::string_view kHedges[] = {
    "some",  "about", "around",  "approximately", "nearly", "almost",
    "over",  "under", "roughly", "more",          "less",   "than",
    "least", "up",    "another", "only",          "just",   "estimated"};
constexpr absl::string_view kCitationWords[] = {
    "para",      "paras",    "paragraph",  "paragraphs",  "p",
    "pp",        "no",       "nos",        "art",         "arts",
    "article",   "articles", "resolution", "resolutions", "decision",
    "decisions", "note",     "notes",      "chapter",     "section",
    "annex",     "rule",     "rules",      "session",     "item",
    "items",     "meeting",  "aged",       "age",         "ages"};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiAlpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool IsAsciiAlnum(char c) { return IsDigit(c) || IsAsciiAlpha(c); }
bool IsHighByte(char c) { return static_cast<unsigned char>(c) >= 0x80; }

bool Contains(absl::Span<const absl::string_view> list, absl::string_view w) {
  return std::find(list.begin(), list.end(), w) != list.end();
}

// Case-insensitive `phrase` at `i`, ending at a word boundary when it ends
// with a letter or digit.
bool PhraseAt(absl::string_view t, size_t i, absl::string_view phrase) {
  if (phrase.empty() || i + phrase.size() > t.size()) return false;
  if (!absl::EqualsIgnoreCase(t.substr(i, phrase.size()), phrase)) {
    return false;
  }
  size_t end = i + phrase.size();
  if (!IsAsciiAlnum(phrase.back()) || end == t.size()) return true;
  return !IsAsciiAlnum(t[end]) && !IsHighByte(t[end]);
}

std::string Fold(absl::string_view word) { return absl::AsciiStrToLower(word); }

// A word of `t` ending just before `end` (spaces skipped): its start, or
// npos when none.
size_t PreviousWord(absl::string_view t, size_t end, absl::string_view* word) {
  while (end > 0 && t[end - 1] == ' ') --end;
  size_t start = end;
  while (start > 0 && t[start - 1] != ' ') --start;
  if (start == end) return absl::string_view::npos;
  *word = t.substr(start, end - start);
  return start;
}

bool IsStop(absl::string_view folded) {
  return analysis::IsEnglishStopWord(folded);
}

struct Number {
  size_t begin = 0;  // first digit (or the "a" of "a million")
  size_t end = 0;    // after the digits and the scale word
  double value = 0;
  double scale = 1;
  bool plain = true;  // no comma, no decimals, no scale
};

// The number word at `i`, or nullptr.
const NumberWord* NumberWordAt(absl::string_view t, size_t i) {
  for (const NumberWord& w : kNumberWords) {
    if (w.value > 0 && PhraseAt(t, i, w.word)) {
      return &w;
    }
  }
  return nullptr;
}

// Reads a number at `i` (digits, or words: "a million", "three and a half
// million"). False when none.
bool ReadNumber(absl::string_view t, size_t i, Number* n) {
  n->begin = i;
  size_t p = i;
  const NumberWord* word = IsAsciiAlpha(t[i]) ? NumberWordAt(t, i) : nullptr;
  if (word != nullptr) {
    n->value = word->value;
    p = i + word->word.size();
    n->plain = false;  // never a year
    if (PhraseAt(t, p, " and a half")) {
      n->value += 0.5;
      p += std::string_view(" and a half").size();
    } else if (PhraseAt(t, p, " and a quarter")) {
      n->value += 0.25;
      p += std::string_view(" and a quarter").size();
    }
  } else {
    std::string digits;
    while (p < t.size() && IsDigit(t[p])) digits += t[p++];
    while (p + 3 < t.size() && t[p] == ',' && IsDigit(t[p + 1]) &&
           IsDigit(t[p + 2]) && IsDigit(t[p + 3]) &&
           (p + 4 == t.size() || !IsDigit(t[p + 4]))) {
      digits.append(t.data() + p + 1, 3);
      p += 4;
      n->plain = false;
    }
    if (p + 1 < t.size() && t[p] == '.' && IsDigit(t[p + 1])) {
      digits += '.';
      ++p;
      while (p < t.size() && IsDigit(t[p])) digits += t[p++];
      n->plain = false;
    }
    // Dates, symbols and compounds: "15/12", "100-day", "2005–2006",
    // "103rd".
    if (p < t.size() && (t[p] == '/' || t[p] == '-' || IsAsciiAlpha(t[p]) ||
                         absl::StartsWith(t.substr(p), "\xE2\x80\x93"))) {
      return false;
    }
    n->value = std::strtod(digits.c_str(), nullptr);
  }
  n->end = p;
  if (p < t.size() && t[p] == ' ') {
    for (const Scale& scale : kScales) {
      if (PhraseAt(t, p + 1, scale.word)) {
        n->scale = scale.factor;
        n->end = p + 1 + scale.word.size();
        n->plain = false;
        break;
      }
    }
  }
  // A number word needs a scale, or to open a range ("two to three
  // million").
  return word == nullptr || n->scale > 1 || PhraseAt(t, n->end, " to ");
}

// A number start: a digit not glued to a word, symbol or other number; or
// the word "a" before a scale word.
bool NumberStartsAt(absl::string_view t, size_t i) {
  if (i > 0) {
    char prev = t[i - 1];
    if (IsAsciiAlnum(prev) || IsHighByte(prev) || prev == '/' || prev == '.' ||
        prev == ',' || prev == '-' || prev == '_') {
      return false;
    }
  }
  if (IsDigit(t[i])) return true;
  return IsAsciiAlpha(t[i]) && NumberWordAt(t, i) != nullptr;
}

struct UnitMatch {
  const UnitPhrase* phrase = nullptr;
  size_t begin = 0;  // of the unit words (or of an adjective before them)
  size_t end = 0;
};

// The unit written after the number ending at `end`.
bool UnitAfter(absl::string_view t, size_t end, const UnitTable& units,
               UnitMatch* match) {
  size_t p = end;
  while (p < t.size() && t[p] == ' ') ++p;
  for (const UnitPhrase& u : units.after) {
    // Words need a space before them; "%" may be glued.
    if (p == end && IsAsciiAlpha(u.phrase[0])) continue;
    if (PhraseAt(t, p, u.phrase)) {
      *match = {&u, p, p + u.phrase.size()};
      return true;
    }
  }
  if (p == end) return false;
  // One describing word before a count unit: "1 million armed personnel".
  size_t q = p;
  while (q < t.size() && (IsAsciiAlpha(t[q]) || t[q] == '-')) ++q;
  if (q == p || q >= t.size() || t[q] != ' ') return false;
  std::string folded = Fold(t.substr(p, q - p));
  if (IsStop(folded) || folded == "per" || Contains(kHedges, folded)) {
    return false;
  }
  for (const Scale& scale : kScales) {
    if (folded == scale.word) return false;
  }
  for (const UnitPhrase& u : units.after) {
    if (u.count && PhraseAt(t, q + 1, u.phrase)) {
      *match = {&u, p, q + 1 + u.phrase.size()};
      return true;
    }
  }
  return false;
}

// The unit written before the number starting at `begin`; match->begin is
// where the figure's text starts.
bool UnitBefore(absl::string_view t, size_t begin, const UnitTable& units,
                UnitMatch* match) {
  // Adjacent signs: "$914", "US$ 5", "€10".
  for (size_t gap = 0; gap <= 1 && gap <= begin; ++gap) {
    if (gap == 1 && t[begin - 1] != ' ') break;
    size_t end = begin - gap;
    for (const UnitPhrase& u : units.before) {
      if (u.phrase.size() > end) continue;
      size_t start = end - u.phrase.size();
      if (!absl::EqualsIgnoreCase(t.substr(start, u.phrase.size()), u.phrase)) {
        continue;
      }
      if (start > 0 &&
          (IsAsciiAlnum(t[start - 1]) ||
           (IsAsciiAlnum(u.phrase[0]) && IsHighByte(t[start - 1])))) {
        continue;
      }
      // A word phrase ("population of") needs its space; a sign does not.
      if (IsAsciiAlpha(u.phrase.back()) != (gap == 1)) continue;
      *match = {&u, start, end};
      return true;
    }
  }
  // Words, past hedges: "a population of some 23 million".
  size_t end = begin;
  absl::string_view word;
  size_t start = PreviousWord(t, end, &word);
  while (start != absl::string_view::npos && Contains(kHedges, Fold(word))) {
    end = start;
    start = PreviousWord(t, end, &word);
  }
  while (end > 0 && t[end - 1] == ' ') --end;
  for (const UnitPhrase& u : units.before) {
    if (!IsAsciiAlpha(u.phrase[0]) || u.phrase.size() > end) continue;
    size_t s = end - u.phrase.size();
    if (s > 0 && t[s - 1] != ' ') continue;
    if (absl::EqualsIgnoreCase(t.substr(s, u.phrase.size()), u.phrase)) {
      *match = {&u, s, end};
      return true;
    }
  }
  return false;
}

// Rounds away binary noise: 1.001 * 1e9 is 1000999999.9999999 in a double.
double Normalized(double value) { return std::round(value * 1e6) / 1e6; }

// The word before `i` when it marks a citation or age ("para. 47").
bool AfterCitationWord(absl::string_view t, size_t i) {
  absl::string_view word;
  if (PreviousWord(t, i, &word) == absl::string_view::npos) return false;
  std::string folded = Fold(word);
  while (!folded.empty() && (folded.back() == '.' || folded.back() == '(')) {
    folded.pop_back();
  }
  return Contains(kCitationWords, folded);
}

// [begin, end) of the sentence around [from, to).
std::pair<size_t, size_t> SentenceAround(absl::string_view t, size_t from,
                                         size_t to) {
  auto is_end = [&](size_t k) {  // t[k] ends a sentence
    if (t[k] != '.' && t[k] != '?' && t[k] != '!') return false;
    if (k + 2 >= t.size()) return k + 1 >= t.size() || t[k + 1] == ' ';
    if (t[k + 1] != ' ') return false;
    char next = t[k + 2];
    return !(next >= 'a' && next <= 'z');
  };
  size_t begin = from;
  while (begin > 0 && !is_end(begin - 1)) --begin;
  size_t end = to;
  while (end < t.size() && !is_end(end)) ++end;
  return {begin, end};
}

struct YearSpan {
  size_t begin = 0;
  size_t end = 0;
  std::string text;  // "2005-2006"
};

bool FourDigitYear(absl::string_view t, size_t i) {
  if (i + 4 > t.size()) return false;
  for (size_t k = i; k < i + 4; ++k) {
    if (!IsDigit(t[k])) return false;
  }
  int year = std::atoi(std::string(t.substr(i, 4)).c_str());
  return year >= 1900 && year <= 2099;
}

std::vector<YearSpan> YearsIn(absl::string_view t, size_t begin, size_t end) {
  std::vector<YearSpan> years;
  for (size_t i = begin; i + 4 <= end; ++i) {
    if (i > 0 && (IsAsciiAlnum(t[i - 1]) || t[i - 1] == '/' ||
                  t[i - 1] == '.' || t[i - 1] == ',' || t[i - 1] == '$')) {
      continue;
    }
    if (!FourDigitYear(t, i)) continue;
    size_t p = i + 4;
    if (p < t.size() &&
        (IsDigit(t[p]) || t[p] == '/' ||
         (t[p] == ',' && p + 1 < t.size() && IsDigit(t[p + 1])))) {
      continue;
    }
    YearSpan year{i, p, std::string(t.substr(i, 4))};
    size_t dash = 0;
    if (p < t.size() && t[p] == '-') dash = 1;
    if (absl::StartsWith(t.substr(p), "\xE2\x80\x93")) dash = 3;
    if (dash > 0 && FourDigitYear(t, p + dash) &&
        (p + dash + 4 == t.size() || !IsDigit(t[p + dash + 4]))) {
      year.text = absl::StrCat(year.text, "-", t.substr(p + dash, 4));
      year.end = p + dash + 4;
    }
    i = year.end - 1;
    years.push_back(std::move(year));
  }
  return years;
}

std::string PeriodOf(absl::string_view t, size_t begin, size_t end,
                     std::pair<size_t, size_t> sentence) {
  std::string best;
  size_t best_distance = absl::string_view::npos;
  for (const YearSpan& y : YearsIn(t, sentence.first, sentence.second)) {
    if (y.begin >= begin && y.end <= end) continue;  // inside the figure
    // A year after the figure ("$573 in 1998") wins a tie.
    size_t distance = y.begin >= end ? 2 * (y.begin - end)
                                     : 2 * (begin - std::min(begin, y.end)) + 1;
    if (distance < best_distance) {
      best_distance = distance;
      best = y.text;
    }
  }
  return best;
}

bool EndsClause(absl::string_view token) {
  char last = token.back();
  return last == ',' || last == ';' || last == ':' || last == '.' ||
         last == '!' || last == '?';
}

bool IsVerbForm(absl::string_view folded) {
  return folded.size() > 4 &&
         (absl::EndsWith(folded, "ed") || absl::EndsWith(folded, "ing"));
}

bool IsNumeric(absl::string_view token) {
  return !token.empty() &&
         (IsDigit(token[0]) || token[0] == '$' ||
          (IsHighByte(token[0]) && token.size() > 3 && IsDigit(token[3])));
}

// Rule 3: the words after "of" following the unit.
std::string SubjectAfterOf(absl::string_view t, size_t end) {
  size_t p = end;
  if (!absl::StartsWith(t.substr(p), " of ")) return "";
  std::vector<absl::string_view> tokens =
      absl::StrSplit(t.substr(p + 4, 200), ' ', absl::SkipEmpty());
  std::vector<std::string> words;
  for (absl::string_view token : tokens) {
    std::string folded = Fold(token);
    if (words.empty() && IsStop(folded)) continue;  // "of the"
    if (IsStop(folded) || IsNumeric(token)) break;
    bool last = EndsClause(token);
    if (last) token.remove_suffix(1);
    if (!token.empty()) words.emplace_back(token);
    if (last || words.size() == 6) break;
  }
  return absl::StrJoin(words, " ");
}

// Rule 4: the noun phrase before `begin`.
std::string SubjectBefore(absl::string_view t, size_t begin,
                          size_t sentence_begin) {
  std::vector<absl::string_view> tokens = absl::StrSplit(
      t.substr(sentence_begin, begin - sentence_begin), ' ', absl::SkipEmpty());
  std::vector<absl::string_view> words;
  bool collecting = false;
  for (size_t k = tokens.size(); k-- > 0;) {
    absl::string_view token = tokens[k];
    std::string folded = Fold(token);
    if (EndsClause(token)) break;
    bool skippable = IsStop(folded) || Contains(kHedges, folded) ||
                     IsNumeric(token) || IsVerbForm(folded) || folded == "per";
    for (const Scale& scale : kScales) skippable |= folded == scale.word;
    if (!collecting) {
      if (skippable && !absl::StartsWith(token, "(")) continue;
      collecting = true;
    } else if (skippable && folded != "per") {
      break;
    }
    words.push_back(token);
    if (words.size() == 6) break;
  }
  std::reverse(words.begin(), words.end());
  return absl::StrJoin(words, " ");
}

std::string WithoutFunctionWords(absl::string_view phrase) {
  std::vector<std::string> words;
  for (absl::string_view w : absl::StrSplit(phrase, ' ', absl::SkipEmpty())) {
    if (!IsStop(Fold(w))) words.emplace_back(w);
  }
  return absl::StrJoin(words, " ");
}

void FiguresOf(const TextParagraph& paragraph, const UnitTable& units,
               std::vector<TextFigure>* out) {
  absl::string_view t = paragraph.text;
  struct Pending {
    Number number;
    bool valid = false;
  } pending;
  size_t sentence_of_last = absl::string_view::npos;
  size_t first_of_paragraph = out->size();
  for (size_t i = 0; i < t.size(); ++i) {
    if (!NumberStartsAt(t, i)) continue;
    Number n;
    if (!ReadNumber(t, i, &n)) {
      while (i + 1 < t.size() && IsAsciiAlnum(t[i + 1])) ++i;
      continue;
    }
    size_t next = n.end;
    UnitMatch before;
    UnitMatch after;
    bool has_before = UnitBefore(t, n.begin, units, &before);
    bool has_after = UnitAfter(t, n.end, units, &after);
    bool year_like = n.plain && n.value >= 1800 && n.value <= 2100;
    // A sign or code ("$", "US$", "USD") belongs to the amount; words
    // ("population of") only introduce it.
    bool sign_before =
        has_before &&
        std::none_of(before.phrase->phrase.begin(), before.phrase->phrase.end(),
                     [](char c) { return c >= 'a' && c <= 'z'; });
    if ((year_like && !sign_before) || AfterCitationWord(t, n.begin) ||
        (!has_before && !has_after)) {
      pending.valid = !year_like && !has_before && !has_after;
      pending.number = n;
      i = next - 1;
      continue;
    }
    const UnitMatch& unit = has_before ? before : after;
    // The figure's words start at a sign ("$914") but not at words before
    // the number ("population of some 23 million" is "23 million").
    size_t begin = sign_before ? before.begin : n.begin;
    size_t end = has_after ? after.end : n.end;
    // A range: "1,500 to 2,500 trafficked women".
    bool range = false;
    if (pending.valid) {
      absl::string_view between =
          t.substr(pending.number.end, begin - pending.number.end);
      range = between == " to " || between == " and " || between == " or ";
    }
    if (range) begin = pending.number.begin;
    std::pair<size_t, size_t> sentence = SentenceAround(t, begin, end);
    TextFigure figure;
    figure.paragraph = paragraph.number;
    figure.unit = unit.phrase->unit;
    figure.value = Normalized(n.value * n.scale);
    figure.source_text = std::string(t.substr(begin, end - begin));
    figure.period = PeriodOf(t, begin, end, sentence);
    if (has_after && after.phrase->count) {
      figure.subject =
          std::string(t.substr(after.begin, after.end - after.begin));
    } else if (has_before && IsAsciiAlpha(before.phrase->phrase[0])) {
      figure.subject = WithoutFunctionWords(before.phrase->phrase);
    } else {
      figure.subject = SubjectAfterOf(t, end);
      if (figure.subject.empty()) {
        figure.subject = SubjectBefore(t, begin, sentence.first);
      }
    }
    if (figure.subject.empty() && sentence_of_last == sentence.first &&
        out->size() > first_of_paragraph && out->back().unit == figure.unit) {
      figure.subject = out->back().subject;
    }
    if (range) {
      TextFigure low = figure;
      double scale = pending.number.scale > 1 ? pending.number.scale : n.scale;
      low.value = Normalized(pending.number.value * scale);
      out->push_back(std::move(low));
    }
    out->push_back(std::move(figure));
    sentence_of_last = sentence.first;
    pending.valid = false;
    i = std::max(next, end) - 1;
  }
}

}  // namespace

absl::StatusOr<UnitTable> ParseUnits(absl::string_view tsv) {
  UnitTable table;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(tsv, '\n')) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (absl::StripAsciiWhitespace(line).empty() ||
        absl::StartsWith(line, "#")) {
      continue;
    }
    std::vector<absl::string_view> columns = absl::StrSplit(line, '\t');
    if (columns.size() < 2 || columns.size() > 4 || columns[0].empty() ||
        columns[1].empty()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "units.tsv line ", line_number,
          ": expected unit<TAB>phrases[<TAB>phrases before[<TAB>count]]"));
    }
    bool count = false;
    if (columns.size() == 4) {
      if (columns[3] != "count" && !columns[3].empty()) {
        return absl::InvalidArgumentError(
            absl::StrCat("units.tsv line ", line_number, ": unknown flag \"",
                         columns[3], "\""));
      }
      count = columns[3] == "count";
    }
    std::string unit(columns[0]);
    for (absl::string_view phrase :
         absl::StrSplit(columns[1], '|', absl::SkipEmpty())) {
      table.after.push_back({unit, std::string(phrase), count});
    }
    if (columns.size() >= 3) {
      for (absl::string_view phrase :
           absl::StrSplit(columns[2], '|', absl::SkipEmpty())) {
        table.before.push_back({unit, std::string(phrase), false});
      }
    }
  }
  auto longest_first = [](const UnitPhrase& a, const UnitPhrase& b) {
    return a.phrase.size() > b.phrase.size();
  };
  std::stable_sort(table.after.begin(), table.after.end(), longest_first);
  std::stable_sort(table.before.begin(), table.before.end(), longest_first);
  return table;
}

std::vector<TextFigure> FindFigures(const ReportText& text,
                                    const UnitTable& units) {
  std::vector<TextFigure> figures;
  for (const TextParagraph& paragraph : text.paragraphs) {
    FiguresOf(paragraph, units, &figures);
  }
  return figures;
}

}  // namespace rapporteur::ingest
