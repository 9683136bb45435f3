#include "lib/extraction/references.h"

#include <algorithm>
#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"

namespace rapporteur::ingest {
namespace {

// A citation found in one text, with its byte offset so that symbols and
// resolutions can be merged in reading order.
struct Cited {
  size_t offset = 0;
  std::string symbol;
  ReferenceKind kind = ReferenceKind::kDocument;
};

bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsAlnum(char c) { return IsDigit(c) || IsUpper(c) || IsLower(c); }

// Punctuation that wraps a symbol in running text: brackets, ASCII quotes
// and the UTF-8 curly quotes and ellipsis.
constexpr absl::string_view kWrappers[] = {"(",
                                           "[",
                                           ")",
                                           "]",
                                           "\"",
                                           "'",
                                           ".",
                                           ",",
                                           ";",
                                           ":",
                                           "\xE2\x80\x9C",
                                           "\xE2\x80\x9D",
                                           "\xE2\x80\x98",
                                           "\xE2\x80\x99",
                                           "\xE2\x80\xA6"};

absl::string_view StripLeading(absl::string_view s) {
  bool stripped = true;
  while (stripped && !s.empty()) {
    stripped = false;
    for (absl::string_view w : kWrappers) {
      // A leading "." or "," is never part of a symbol either.
      if (absl::StartsWith(s, w)) {
        s.remove_prefix(w.size());
        stripped = true;
        break;
      }
    }
  }
  return s;
}

absl::string_view StripTrailing(absl::string_view s) {
  bool stripped = true;
  while (stripped && !s.empty()) {
    stripped = false;
    for (absl::string_view w : kWrappers) {
      if (absl::EndsWith(s, w)) {
        s.remove_suffix(w.size());
        stripped = true;
        break;
      }
    }
  }
  return s;
}

// Length of the valid beginning of a part after the series: upper-case
// letters, digits, "." and "-" ("HRC", "WG.6", "5-F"), or a capitalized
// suffix with its number ("Add.1"). Returns 0 when the part is not valid
// as a whole and `*glued` is false; when a valid run ending in a digit is
// followed by a lower-case letter ("3para"), returns the run's length and
// sets `*glued`: the symbol ends there.
size_t ValidPart(absl::string_view part, bool* glued) {
  *glued = false;
  if (part.empty()) return 0;
  // "Add.1", "Corr.1", "Rev.1", "Sub.2".
  if (IsUpper(part[0]) && part.size() > 2 && IsLower(part[1])) {
    size_t i = 1;
    while (i < part.size() && IsLower(part[i])) ++i;
    if (i + 1 >= part.size() || part[i] != '.' || !IsDigit(part[i + 1])) {
      return 0;
    }
    ++i;
    while (i < part.size() && IsDigit(part[i])) ++i;
    return i == part.size() ? i : 0;
  }
  size_t i = 0;
  while (i < part.size() && (IsUpper(part[i]) || IsDigit(part[i]) ||
                             part[i] == '.' || part[i] == '-')) {
    ++i;
  }
  if (i == 0 || !IsAlnum(part[i - 1]) || !IsAlnum(part[0])) return 0;
  if (i == part.size()) return i;
  if (IsLower(part[i]) && IsDigit(part[i - 1])) {
    *glued = true;
    return i;
  }
  return 0;
}

// The symbol at the start of `token` (already stripped), or "" if none.
std::string SymbolOf(absl::string_view token) {
  std::vector<absl::string_view> parts = absl::StrSplit(token, '/');
  if (parts.size() < 3) return "";
  // The series: upper-case letters only.
  if (parts[0].empty() || parts[0].size() > 10) return "";
  for (char c : parts[0]) {
    if (!IsUpper(c)) return "";
  }
  std::string symbol(parts[0]);
  bool has_digit = false;
  size_t taken = 1;
  for (size_t p = 1; p < parts.size(); ++p) {
    bool glued = false;
    size_t length = ValidPart(parts[p], &glued);
    if (length == 0) return "";
    absl::string_view valid = parts[p].substr(0, length);
    for (char c : valid) has_digit = has_digit || IsDigit(c);
    symbol.append("/").append(valid.data(), valid.size());
    ++taken;
    if (glued) break;
  }
  if (taken < 3 || !has_digit) return "";
  return symbol;
}

struct Token {
  size_t begin = 0;
  absl::string_view text;
};

std::vector<Token> Tokens(absl::string_view text) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && IsSpace(text[i])) ++i;
    size_t begin = i;
    while (i < text.size() && !IsSpace(text[i])) ++i;
    if (i > begin) tokens.push_back({begin, text.substr(begin, i - begin)});
  }
  return tokens;
}

// "(2006)" with optional trailing punctuation: the year of a Security
// Council resolution written after its number.
bool IsBracketedYear(absl::string_view token, absl::string_view* year) {
  token = StripTrailing(token);  // also drops the ")"
  if (token.size() != 5 || token[0] != '(') return false;
  for (size_t i = 1; i < 5; ++i) {
    if (!IsDigit(token[i])) return false;
  }
  *year = token.substr(1, 4);
  return true;
}

void FindDocumentSymbols(absl::string_view text, std::vector<Cited>* out) {
  std::vector<Token> tokens = Tokens(text);
  for (size_t t = 0; t < tokens.size(); ++t) {
    absl::string_view token = StripTrailing(StripLeading(tokens[t].text));
    // A symbol broken after "/" by a line wrap was joined with a space.
    std::string joined(token);
    if (absl::EndsWith(tokens[t].text, "/") && t + 1 < tokens.size()) {
      joined = std::string(StripLeading(tokens[t].text)) +
               std::string(StripTrailing(tokens[t + 1].text));
    }
    std::string symbol = SymbolOf(joined);
    if (symbol.empty()) continue;
    absl::string_view year;
    if (absl::StrContains(symbol, "/RES/") && IsDigit(symbol.back()) &&
        t + 1 < tokens.size() && IsBracketedYear(tokens[t + 1].text, &year)) {
      symbol.append(" (").append(year.data(), year.size()).append(")");
    }
    out->push_back(
        {tokens[t].begin, std::move(symbol), ReferenceKind::kDocument});
  }
}

// Reads a resolution number at `*i`: "62/167" or "1718 (2006)"; advances
// past it. "" when there is none.
std::string ReadResolutionNumber(absl::string_view text, size_t* i) {
  size_t p = *i;
  bool bracketed = p < text.size() && text[p] == '(';
  if (bracketed) ++p;
  size_t start = p;
  while (p < text.size() && IsDigit(text[p])) ++p;
  if (p == start || p - start > 5) return "";
  std::string number(text.substr(start, p - start));
  if (p + 1 < text.size() && text[p] == '/' && IsDigit(text[p + 1])) {
    size_t second = ++p;
    while (p < text.size() && IsDigit(text[p])) ++p;
    // "5/1/2" or "5/1a" is not a resolution number.
    if (p < text.size() && (IsAlnum(text[p]) || text[p] == '/')) return "";
    number.append("/").append(text.data() + second, p - second);
  } else if (p + 6 < text.size() && text[p] == ' ' && text[p + 1] == '(' &&
             IsDigit(text[p + 2]) && IsDigit(text[p + 3]) &&
             IsDigit(text[p + 4]) && IsDigit(text[p + 5]) &&
             text[p + 6] == ')') {
    number.append(text.data() + p, 7);
    p += 7;
  } else {
    return "";
  }
  if (bracketed && p < text.size() && text[p] == ')') ++p;
  *i = p;
  return number;
}

// Case-insensitive whole word at `i`.
bool WordAt(absl::string_view text, size_t i, absl::string_view word) {
  if (i + word.size() > text.size()) return false;
  if (!absl::EqualsIgnoreCase(text.substr(i, word.size()), word)) return false;
  size_t end = i + word.size();
  return end == text.size() || !IsAlnum(text[end]);
}

void FindResolutions(absl::string_view text, std::vector<Cited>* out) {
  struct Keyword {
    absl::string_view word;
    ReferenceKind kind;
  };
  constexpr Keyword kKeywords[] = {{"resolutions", ReferenceKind::kResolution},
                                   {"resolution", ReferenceKind::kResolution},
                                   {"decisions", ReferenceKind::kDecision},
                                   {"decision", ReferenceKind::kDecision}};
  for (size_t i = 0; i < text.size(); ++i) {
    if (i > 0 && IsAlnum(text[i - 1])) continue;
    for (const Keyword& keyword : kKeywords) {
      if (!WordAt(text, i, keyword.word)) continue;
      size_t p = i + keyword.word.size();
      while (true) {
        while (p < text.size() && text[p] == ' ') ++p;
        size_t at = p;
        std::string number = ReadResolutionNumber(text, &p);
        if (number.empty()) break;
        out->push_back({at, std::move(number), keyword.kind});
        // A list goes on with ", ", " and " or ", and ".
        size_t q = p;
        if (q < text.size() && text[q] == ',') ++q;
        while (q < text.size() && text[q] == ' ') ++q;
        if (WordAt(text, q, "and")) q += 3;
        if (q == p) break;
        p = q;
      }
      i = p > i ? p - 1 : i;
      break;
    }
  }
}

// Every citation of `text` in reading order (repeats kept).
std::vector<Cited> CitationsIn(absl::string_view text) {
  std::vector<Cited> cited;
  FindDocumentSymbols(text, &cited);
  FindResolutions(text, &cited);
  std::stable_sort(
      cited.begin(), cited.end(),
      [](const Cited& a, const Cited& b) { return a.offset < b.offset; });
  return cited;
}

void AddOnce(std::vector<int>* list, int value) {
  for (int v : *list) {
    if (v == value) return;
  }
  list->push_back(value);
}

bool StartsWithIbid(absl::string_view note) {
  note = StripLeading(absl::StripLeadingAsciiWhitespace(note));
  for (absl::string_view see : {"see also ", "see "}) {
    if (absl::StartsWithIgnoreCase(note, see)) {
      note.remove_prefix(see.size());
      break;
    }
  }
  return absl::StartsWithIgnoreCase(note, "ibid") &&
         (note.size() == 4 || !IsAlnum(note[4]));
}

// N of the first "note N above" / "footnote N above"; 0 when none.
int NoteAbove(absl::string_view note) {
  for (size_t i = 0; i + 4 < note.size(); ++i) {
    if (!WordAt(note, i, "note")) continue;
    size_t p = i + 4;
    while (p < note.size() && note[p] == ' ') ++p;
    size_t start = p;
    while (p < note.size() && IsDigit(note[p])) ++p;
    if (p == start || p - start > 4) continue;
    int number = std::stoi(std::string(note.substr(start, p - start)));
    while (p < note.size() && note[p] == ' ') ++p;
    if (WordAt(note, p, "above")) return number;
  }
  return 0;
}

}  // namespace

std::vector<std::string> FindSymbols(absl::string_view text) {
  std::vector<Cited> cited;
  FindDocumentSymbols(text, &cited);
  std::vector<std::string> symbols;
  std::set<std::string> seen;
  for (Cited& c : cited) {
    if (seen.insert(c.symbol).second) symbols.push_back(std::move(c.symbol));
  }
  return symbols;
}

std::vector<TextReference> FindReferences(const ReportText& text) {
  std::vector<TextReference> references;
  std::map<std::string, size_t> index;  // symbol -> position in references
  auto add = [&](absl::string_view source, int paragraph, int note) {
    for (Cited& c : CitationsIn(source)) {
      auto [it, inserted] = index.emplace(c.symbol, references.size());
      if (inserted) {
        TextReference reference;
        reference.symbol = c.symbol;
        reference.kind = c.kind;
        references.push_back(std::move(reference));
      }
      TextReference& reference = references[it->second];
      if (note > 0) {
        AddOnce(&reference.footnotes, note);
      } else {
        AddOnce(&reference.paragraphs, paragraph);
      }
    }
  };
  std::map<int, const TextFootnote*> notes;
  for (const TextFootnote& note : text.footnotes) notes[note.number] = &note;
  std::set<int> read;
  for (const TextParagraph& paragraph : text.paragraphs) {
    add(paragraph.text, paragraph.number, 0);
    for (int callout : paragraph.footnotes) {
      auto it = notes.find(callout);
      if (it != notes.end() && read.insert(callout).second) {
        add(it->second->text, 0, callout);
      }
    }
  }
  for (const auto& [number, note] : notes) {
    if (read.insert(number).second) add(note->text, 0, number);
  }
  return references;
}

std::vector<FootnoteLinks> LinkFootnotes(const ReportText& text) {
  std::vector<FootnoteLinks> links;
  std::map<int, int> same_as;  // note number -> its resolved same_as
  for (const TextFootnote& note : text.footnotes) {
    FootnoteLinks link;
    link.number = note.number;
    std::set<std::string> seen;
    for (Cited& c : CitationsIn(note.text)) {
      if (seen.insert(c.symbol).second) link.cites.push_back(c.symbol);
    }
    int repeated = 0;
    if (StartsWithIbid(note.text)) {
      if (!links.empty()) repeated = links.back().number;
    } else {
      int above = NoteAbove(note.text);
      if (above > 0 && above < note.number) repeated = above;
    }
    if (repeated > 0) {
      auto it = same_as.find(repeated);
      link.same_as =
          (it != same_as.end() && it->second != 0) ? it->second : repeated;
    }
    same_as[note.number] = link.same_as;
    links.push_back(std::move(link));
  }
  return links;
}

}  // namespace rapporteur::ingest
