#include "lib/extraction/visits.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace rapporteur::ingest {
namespace {

// ---------------------------------------------------------------------------
// Words and tokens.

bool IsAsciiAlnum(char c) {
  return absl::ascii_isalnum(static_cast<unsigned char>(c));
}

// Letters of a word: ASCII letters and digits, any non-ASCII byte (accented
// letters, the typographic apostrophe of "People’s"), inner ' and -.
bool IsWordByte(char c) {
  return IsAsciiAlnum(c) || static_cast<unsigned char>(c) >= 0x80 ||
         c == '\'' || c == '-';
}

bool StartsWithAt(absl::string_view text, size_t pos, absl::string_view s) {
  return pos <= text.size() && text.substr(pos, s.size()) == s;
}

// En dash and em dash, which PDFs use in day ranges ("15–21 December").
constexpr absl::string_view kEnDash = "\xE2\x80\x93";
constexpr absl::string_view kEmDash = "\xE2\x80\x94";

enum class TokenKind { kWord, kNumber, kDash, kPunct };

struct Token {
  TokenKind kind;
  absl::string_view text;
  size_t begin;
  size_t end;
};

// Splits text into numbers, words, dashes and single punctuation marks.
// Hyphens are split off words here (unlike IsWordByte) so that "15-21"
// reads as number, dash, number.
std::vector<Token> Tokenize(absl::string_view text) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      ++i;
      continue;
    }
    size_t start = i;
    if (absl::ascii_isdigit(static_cast<unsigned char>(c))) {
      while (i < text.size() &&
             absl::ascii_isdigit(static_cast<unsigned char>(text[i]))) {
        ++i;
      }
      tokens.push_back(
          {TokenKind::kNumber, text.substr(start, i - start), start, i});
      continue;
    }
    if (c == '-' || StartsWithAt(text, i, kEnDash) ||
        StartsWithAt(text, i, kEmDash)) {
      i += c == '-' ? 1 : 3;
      tokens.push_back(
          {TokenKind::kDash, text.substr(start, i - start), start, i});
      continue;
    }
    if (absl::ascii_isalpha(static_cast<unsigned char>(c)) ||
        static_cast<unsigned char>(c) >= 0x80) {
      while (i < text.size() && text[i] != '-' &&
             (absl::ascii_isalpha(static_cast<unsigned char>(text[i])) ||
              static_cast<unsigned char>(text[i]) >= 0x80 || text[i] == '\'')) {
        if (StartsWithAt(text, i, kEnDash) || StartsWithAt(text, i, kEmDash)) {
          break;
        }
        ++i;
      }
      if (i == start) {  // a dash right at the start was handled above
        ++i;
      }
      tokens.push_back(
          {TokenKind::kWord, text.substr(start, i - start), start, i});
      continue;
    }
    ++i;
    tokens.push_back({TokenKind::kPunct, text.substr(start, 1), start, i});
  }
  return tokens;
}

// ---------------------------------------------------------------------------
// Dates.

constexpr std::array<absl::string_view, 12> kMonths = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

int MonthOf(const Token& t) {
  if (t.kind != TokenKind::kWord) {
    return 0;
  }
  for (size_t m = 0; m < kMonths.size(); ++m) {
    if (t.text == kMonths[m]) {
      return static_cast<int>(m) + 1;
    }
  }
  return 0;
}

int DayOf(const Token& t) {
  if (t.kind != TokenKind::kNumber || t.text.size() > 2) {
    return 0;
  }
  int d = std::atoi(std::string(t.text).c_str());
  return d >= 1 && d <= 31 ? d : 0;
}

int YearOf(const Token& t) {
  if (t.kind != TokenKind::kNumber || t.text.size() != 4) {
    return 0;
  }
  int y = std::atoi(std::string(t.text).c_str());
  return y >= 1900 && y <= 2199 ? y : 0;
}

struct Date {
  int day = 0;
  int month = 0;
  int year = 0;     // 0: not written
  size_t next = 0;  // token index after the date
};

// "22 February [2007]" or "February 22[,] [2007]" at token i.
std::optional<Date> DateAt(const std::vector<Token>& t, size_t i) {
  if (i + 1 < t.size() && DayOf(t[i]) != 0 && MonthOf(t[i + 1]) != 0) {
    Date d{DayOf(t[i]), MonthOf(t[i + 1]), 0, i + 2};
    if (i + 2 < t.size() && YearOf(t[i + 2]) != 0) {
      d.year = YearOf(t[i + 2]);
      d.next = i + 3;
    }
    return d;
  }
  if (i + 1 < t.size() && MonthOf(t[i]) != 0 && DayOf(t[i + 1]) != 0) {
    Date d{DayOf(t[i + 1]), MonthOf(t[i]), 0, i + 2};
    size_t j = i + 2;
    if (j < t.size() && t[j].text == ",") {
      ++j;
    }
    if (j < t.size() && YearOf(t[j]) != 0) {
      d.year = YearOf(t[j]);
      d.next = j + 1;
    }
    return d;
  }
  return std::nullopt;
}

bool IsRangeConnector(const Token& t) {
  return t.kind == TokenKind::kDash || t.text == "to" || t.text == "and" ||
         t.text == "until" || t.text == "till";
}

std::string FormatDate(int y, int m, int d) {
  return absl::StrFormat("%04d-%02d-%02d", y, m, d);
}

// Completes a missing year from the document's date: the latest year that
// does not put the date after the document. False when impossible.
bool CompleteYear(Date* d, absl::string_view document_date) {
  if (d->year != 0) {
    return true;
  }
  int dy = 0, dm = 0, dd = 0;
  if (document_date.size() < 10 ||
      std::sscanf(std::string(document_date).c_str(), "%d-%d-%d", &dy, &dm,
                  &dd) != 3) {
    return false;
  }
  d->year = (d->month > dm || (d->month == dm && d->day > dd)) ? dy - 1 : dy;
  return true;
}

// A range or a single date starting at token i.
std::optional<DateRange> RangeAt(const std::vector<Token>& t, size_t i,
                                 absl::string_view document_date) {
  size_t j = i;
  if (t[j].text == "from" || t[j].text == "From" || t[j].text == "between" ||
      t[j].text == "Between") {
    ++j;
    if (j >= t.size()) {
      return std::nullopt;
    }
  }
  Date start, end;
  bool found = false;
  // "15 to 21 December 2007", "15-21 December 2007".
  if (j + 2 < t.size() && DayOf(t[j]) != 0 && IsRangeConnector(t[j + 1])) {
    if (auto d2 = DateAt(t, j + 2)) {
      end = *d2;
      start = Date{DayOf(t[j]), d2->month, d2->year, 0};
      found = true;
    }
  }
  // "28 February [2008] to 3 March 2008", or a single date.
  if (!found) {
    auto d1 = DateAt(t, j);
    if (!d1) {
      return std::nullopt;
    }
    start = *d1;
    end = *d1;
    found = true;
    if (d1->next + 1 < t.size() && IsRangeConnector(t[d1->next])) {
      if (auto d2 = DateAt(t, d1->next + 1)) {
        end = *d2;
        if (start.year == 0 && end.year != 0) {
          start.year = start.month > end.month ? end.year - 1 : end.year;
        }
      }
    }
  }
  if (end.next == 0) {
    end.next = start.next;
  }
  if (!CompleteYear(&end, document_date)) {
    return std::nullopt;
  }
  if (start.year == 0) {
    start.year = start.month > end.month ? end.year - 1 : end.year;
  }
  DateRange r;
  r.start = FormatDate(start.year, start.month, start.day);
  r.end = FormatDate(end.year, end.month, end.day);
  if (r.end < r.start) {
    return std::nullopt;
  }
  r.begin = t[i].begin;
  r.end_pos = t[end.next - 1].end;
  return r;
}

// ---------------------------------------------------------------------------
// Visits.

constexpr std::array<absl::string_view, 6> kVisitWords = {
    "visit", "visits", "visited", "visiting", "mission", "missions"};

// Words that, shortly before a visit word, say the visit was not made:
// matched as case-insensitive prefixes of a word.
constexpr std::array<absl::string_view, 16> kNotMadeBefore = {
    "invit", "request", "propos", "plan",  "wish",  "hope",
    "seek",  "sought",  "refus",  "futur", "would", "should",
    "will",  "pending", "agreed", "remind"};
// Modal verbs that must be written in lower case ("may visit" but not the
// month "May").
constexpr std::array<absl::string_view, 2> kNotMadeModals = {"may", "might"};
// Words that, up to ten words after a visit word, say the same ("visit
// ..., planned for May, was postponed").
constexpr std::array<absl::string_view, 4> kNotMadeAfter = {
    "request", "postpon", "cancel", "refus"};

// Phrases meaning the document's own country.
constexpr std::array<absl::string_view, 2> kDocumentCountry = {
    "the country in question", "the country"};

bool IsVisitWord(absl::string_view w) {
  std::string lower = absl::AsciiStrToLower(w);
  return std::find(kVisitWords.begin(), kVisitWords.end(), lower) !=
         kVisitWords.end();
}

bool NotMade(const std::vector<Token>& words, size_t k) {
  size_t from = k >= 5 ? k - 5 : 0;
  for (size_t i = from; i < k; ++i) {
    std::string lower = absl::AsciiStrToLower(words[i].text);
    for (absl::string_view stem : kNotMadeBefore) {
      if (absl::StartsWith(lower, stem)) {
        return true;
      }
    }
    for (absl::string_view modal : kNotMadeModals) {
      if (words[i].text == modal) {
        return true;
      }
    }
  }
  for (size_t i = k + 1; i < words.size() && i <= k + 10; ++i) {
    std::string lower = absl::AsciiStrToLower(words[i].text);
    for (absl::string_view stem : kNotMadeAfter) {
      if (absl::StartsWith(lower, stem)) {
        return true;
      }
    }
  }
  return false;
}

struct Candidate {
  TextVisit visit;
  int line = 0;
  bool from_heading = false;
  bool dated = false;
};

size_t SkipSpaces(absl::string_view text, size_t pos) {
  while (pos < text.size() && text[pos] == ' ') {
    ++pos;
  }
  return pos;
}

// The country a visit word at [begin, end) of the sentence points to:
// "to X", "in X", "X" right after it. `*implicit` is set when it is the
// document's country by a phrase ("the country").
std::string VisitedCountry(absl::string_view sentence, size_t end,
                           const ExtractionContext& context, bool* implicit,
                           size_t* name_end) {
  *implicit = false;
  size_t pos = SkipSpaces(sentence, end);
  for (absl::string_view prep : {"to ", "in "}) {
    if (StartsWithAt(sentence, pos, prep)) {
      pos += prep.size();
      break;
    }
  }
  for (absl::string_view phrase : kDocumentCountry) {
    if (FindPhrase(sentence.substr(pos, phrase.size() + 1), phrase) == 0) {
      *implicit = true;
      *name_end = pos + phrase.size();
      return context.document_countries.empty()
                 ? ""
                 : context.document_countries.front();
    }
  }
  return CountryAt(sentence, pos, context, name_end);
}

void VisitsInParagraph(const TextParagraph& p, const ExtractionContext& context,
                       std::vector<Candidate>* out) {
  for (absl::string_view sentence : SplitSentences(p.text)) {
    std::vector<Token> tokens = Tokenize(sentence);
    std::vector<Token> words;
    for (const Token& t : tokens) {
      if (t.kind == TokenKind::kWord) {
        words.push_back(t);
      }
    }
    for (size_t k = 0; k < words.size(); ++k) {
      if (!IsVisitWord(words[k].text) || NotMade(words, k)) {
        continue;
      }
      bool implicit = false;
      size_t name_end = 0;
      std::string country =
          VisitedCountry(sentence, words[k].end, context, &implicit, &name_end);
      if (country.empty()) {
        continue;
      }
      std::optional<DateRange> dates =
          FindDateRange(sentence, context.document_date, name_end);
      if (!dates) {
        dates = FindDateRange(sentence, context.document_date, 0);
      }
      if (!dates && implicit) {
        continue;  // "his visits to the country": too vague to report
      }
      Candidate c;
      c.visit.paragraph = p.number;
      c.visit.country = country;
      c.line = p.line;
      if (dates) {
        c.visit.start = dates->start;
        c.visit.end = dates->end;
        c.dated = true;
      }
      out->push_back(std::move(c));
    }
  }
}

// "A. Mongolia (15-21 December 2007)" → "Mongolia": drops the label and
// any parenthesis.
std::string HeadingName(absl::string_view heading) {
  absl::string_view h = absl::StripAsciiWhitespace(heading);
  size_t space = h.find(' ');
  if (space != absl::string_view::npos && space <= 6 &&
      (h[space - 1] == '.' || h[space - 1] == ')')) {
    h = h.substr(space + 1);
  }
  size_t paren = h.find('(');
  if (paren != absl::string_view::npos) {
    h = h.substr(0, paren);
  }
  return std::string(absl::StripAsciiWhitespace(h));
}

bool SpeaksOfVisits(absl::string_view path) {
  for (absl::string_view w : kVisitWords) {
    if (FindPhrase(path, w) != absl::string_view::npos) {
      return true;
    }
  }
  return false;
}

void VisitsInHeadings(const ReportText& report,
                      const ExtractionContext& context,
                      std::vector<Candidate>* out) {
  for (const TextSection& s : report.sections) {
    if (!SpeaksOfVisits(s.path)) {
      continue;
    }
    std::string name = HeadingName(s.heading);
    std::string country = name.empty() ? "" : context.country_code(name);
    if (country.empty()) {
      continue;
    }
    Candidate c;
    c.from_heading = true;
    c.line = s.line;
    c.visit.country = country;
    for (const TextParagraph& p : report.paragraphs) {
      if (p.section == s.path) {
        c.visit.paragraph = p.number;
        break;
      }
    }
    if (auto dates = FindDateRange(s.heading, context.document_date)) {
      c.visit.start = dates->start;
      c.visit.end = dates->end;
      c.dated = true;
    }
    out->push_back(std::move(c));
  }
}

bool Overlap(const TextVisit& a, const TextVisit& b) {
  return a.country == b.country && a.start <= b.end && b.start <= a.end;
}

}  // namespace

size_t FindPhrase(absl::string_view text, absl::string_view phrase,
                  size_t from) {
  if (phrase.empty()) {
    return absl::string_view::npos;
  }
  for (size_t i = from; i + phrase.size() <= text.size(); ++i) {
    if (!absl::EqualsIgnoreCase(text.substr(i, phrase.size()), phrase)) {
      continue;
    }
    bool left = i == 0 || !IsAsciiAlnum(text[i - 1]);
    size_t after = i + phrase.size();
    bool right = after == text.size() || !IsAsciiAlnum(text[after]);
    if (left && right) {
      return i;
    }
  }
  return absl::string_view::npos;
}

std::optional<DateRange> FindDateRange(absl::string_view text,
                                       absl::string_view document_date,
                                       size_t from) {
  std::vector<Token> tokens = Tokenize(text);
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].begin < from) {
      continue;
    }
    if (auto r = RangeAt(tokens, i, document_date)) {
      return r;
    }
  }
  return std::nullopt;
}

std::string CountryAt(absl::string_view text, size_t pos,
                      const ExtractionContext& context, size_t* end) {
  if (!context.country_code) {
    return "";
  }
  pos = SkipSpaces(text, pos);
  for (absl::string_view article : {"the ", "The "}) {
    if (StartsWithAt(text, pos, article)) {
      pos += article.size();
      break;
    }
  }
  // Ends of the runs of capitalized words, longest tried first.
  std::vector<size_t> ends;
  size_t i = pos;
  for (int words = 0; words < 12 && i < text.size(); ++words) {
    size_t w = i;
    while (w < text.size() && IsWordByte(text[w])) {
      ++w;
    }
    absl::string_view word = text.substr(i, w - i);
    if (word.empty()) {
      break;
    }
    if (absl::ascii_isupper(static_cast<unsigned char>(word[0]))) {
      ends.push_back(w);
    } else if (ends.empty() ||
               !(word == "of" || word == "and" || word == "the" ||
                 word == "de" || word == "du" || word == "des")) {
      break;
    }
    if (w >= text.size() || text[w] != ' ') {
      break;
    }
    i = w + 1;
  }
  for (auto it = ends.rbegin(); it != ends.rend(); ++it) {
    absl::string_view name = text.substr(pos, *it - pos);
    // A possessive ("Japan’s", "Korea's") names the country too.
    for (absl::string_view s : {"\xE2\x80\x99s", "'s"}) {
      if (absl::EndsWith(name, s)) {
        name.remove_suffix(s.size());
        break;
      }
    }
    std::string code = context.country_code(name);
    if (!code.empty()) {
      *end = *it;
      return code;
    }
  }
  return "";
}

std::vector<absl::string_view> SplitSentences(absl::string_view text) {
  static constexpr std::array<absl::string_view, 14> kAbbreviations = {
      "Mr",   "Mrs",   "Ms",  "Dr",  "No", "Nos", "Art",
      "para", "paras", "e.g", "i.e", "cf", "vol", "pp"};
  std::vector<absl::string_view> sentences;
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c != '.' && c != '?' && c != '!') {
      continue;
    }
    size_t j = i + 1;
    // Closing quotes and brackets stay with the sentence they end.
    while (j < text.size() && (text[j] == ')' || text[j] == '"' ||
                               StartsWithAt(text, j, "\xE2\x80\x9D"))) {
      j += text[j] == ')' || text[j] == '"' ? 1 : 3;
    }
    if (j + 1 >= text.size() || text[j] != ' ') {
      continue;
    }
    char next = text[j + 1];
    bool opens = absl::ascii_isupper(static_cast<unsigned char>(next)) ||
                 StartsWithAt(text, j + 1, "\xE2\x80\x9C") || next == '"';
    if (!opens) {
      continue;
    }
    if (c == '.') {
      size_t w = i;
      while (w > start && (IsAsciiAlnum(text[w - 1]) || text[w - 1] == '.')) {
        --w;
      }
      absl::string_view word = text.substr(w, i - w);
      bool initial = word.size() == 1 &&
                     absl::ascii_isupper(static_cast<unsigned char>(word[0]));
      if (initial || std::find(kAbbreviations.begin(), kAbbreviations.end(),
                               word) != kAbbreviations.end()) {
        continue;
      }
    }
    sentences.push_back(text.substr(start, j - start));
    start = j + 1;
  }
  if (start < text.size()) {
    sentences.push_back(text.substr(start));
  }
  return sentences;
}

std::vector<TextVisit> FindVisits(const ReportText& report,
                                  const ExtractionContext& context,
                                  std::vector<TextWarning>* warnings) {
  std::vector<Candidate> candidates;
  VisitsInHeadings(report, context, &candidates);
  for (const TextParagraph& p : report.paragraphs) {
    VisitsInParagraph(p, context, &candidates);
  }
  std::stable_sort(
      candidates.begin(), candidates.end(),
      [](const Candidate& a, const Candidate& b) { return a.line < b.line; });

  std::vector<const Candidate*> kept;
  for (const Candidate& c : candidates) {
    if (!c.dated) {
      continue;
    }
    bool duplicate = false;
    for (const Candidate& other : candidates) {
      if (&other == &c || !other.dated || other.from_heading ||
          !Overlap(c.visit, other.visit)) {
        continue;
      }
      // A heading yields to any paragraph stating the visit; a paragraph
      // yields to an earlier paragraph stating the same visit.
      if (c.from_heading || other.line < c.line) {
        duplicate = true;
        if (c.from_heading && (c.visit.start != other.visit.start ||
                               c.visit.end != other.visit.end)) {
          warnings->push_back(
              {absl::StrCat("visit to ", c.visit.country, ": heading gives ",
                            c.visit.start, "..", c.visit.end, ", paragraph ",
                            other.visit.paragraph, " gives ", other.visit.start,
                            "..", other.visit.end),
               c.line});
        }
        break;
      }
    }
    if (!duplicate) {
      kept.push_back(&c);
    }
  }

  std::set<std::string> dated_countries;
  std::vector<TextVisit> visits;
  for (const Candidate* c : kept) {
    dated_countries.insert(c->visit.country);
    visits.push_back(c->visit);
  }
  std::set<std::pair<std::string, int>> warned;
  for (const Candidate& c : candidates) {
    if (c.dated || dated_countries.count(c.visit.country) != 0 ||
        !warned.insert({c.visit.country, c.line}).second) {
      continue;
    }
    warnings->push_back(
        {absl::StrCat("visit to ", c.visit.country, " without dates",
                      c.visit.paragraph != 0
                          ? absl::StrCat(" (paragraph ", c.visit.paragraph, ")")
                          : std::string()),
         c.line});
  }
  return visits;
}

}  // namespace rapporteur::ingest
