#include "lib/extraction/report_text.h"

#include <algorithm>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace rapporteur::ingest {
namespace {

using std::string_view;

constexpr string_view kPathSeparator = " \xE2\x80\xBA ";  // " › "
constexpr string_view kEnDash = "\xE2\x80\x93";           // –

// A paragraph number may skip this many numbers (a line lost in extraction)
// before it is read as something else: a year, a list item.
constexpr int kMaxParagraphGap = 5;
// A glued callout may run this far ahead of the expected number, so that one
// missed callout does not stop the scan for the rest of the document.
constexpr int kMaxCalloutLead = 2;
// Fractions of the body width (the 90th percentile of line widths): a line
// shorter than kShortLine stops before the right margin, so it can end a
// paragraph; a heading without a label must be shorter than kHeadingLine.
constexpr double kShortLine = 0.8;
constexpr double kHeadingLine = 0.7;
// Letters looked at on each side of a hyphen at a line end: longer words
// are not words, and a bound keeps joining linear.
constexpr size_t kMaxWord = 64;

// ---- Characters and small string tests.

bool Contains(string_view set, char c) {
  return set.find(c) != string_view::npos;
}
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsLetter(char c) { return IsUpper(c) || IsLower(c); }
bool IsNonAscii(char c) { return static_cast<unsigned char>(c) >= 0x80; }
// ” or ’ (3 bytes each in UTF-8).
bool EndsWithRightQuote(string_view s) {
  return s.ends_with("\xE2\x80\x9D") || s.ends_with("\xE2\x80\x99");
}

string_view Trim(string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

std::string Lower(string_view s) {
  std::string out(s);
  for (char& c : out) c = IsUpper(c) ? static_cast<char>(c - 'A' + 'a') : c;
  return out;
}

int CodePoints(string_view s) {
  return std::count_if(s.begin(), s.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  });
}

// Collapses runs of whitespace, the no-break space included, into one space.
std::string NormalizeSpaces(string_view s) {
  std::string out;
  bool pending = false;
  for (size_t i = 0; i < s.size(); ++i) {
    bool nbsp = s.substr(i).starts_with("\xC2\xA0");
    if (nbsp || IsSpace(s[i])) {
      pending = !out.empty();
      i += nbsp;
      continue;
    }
    if (pending) out.push_back(' ');
    pending = false;
    out.push_back(s[i]);
  }
  return out;
}

// Paragraph and note numbers run past 9999 in long documents (and
// compilations); six digits are still far from any int limit.
constexpr size_t kMaxNumberDigits = 6;

std::optional<int> DigitsOnly(string_view t) {
  if (t.empty() || t.size() > kMaxNumberDigits) return std::nullopt;
  int n = 0;
  for (char c : t) {
    if (!IsDigit(c)) return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return n;
}

// Callout residue ("officials.12", "bodies1, 2") and closing quotes or
// brackets are skipped: the mark before them tells.
bool EndsSentence(string_view t) {
  while (!t.empty() && (IsDigit(t.back()) || Contains(", \t\r", t.back()))) {
    t.remove_suffix(1);
  }
  while (!t.empty()) {
    size_t n = Contains(")\"'", t.back()) ? 1 : EndsWithRightQuote(t) ? 3 : 0;
    if (n == 0) break;
    t.remove_suffix(n);
  }
  return !t.empty() && Contains(".;:?!", t.back());
}

bool IsAllCaps(string_view t) {
  return std::none_of(t.begin(), t.end(), IsLower) &&
         std::count_if(t.begin(), t.end(), IsUpper) >= 2;
}

// "I" to "XXXIX", canonical spelling only; 0 otherwise.
int RomanValue(string_view s) {
  static constexpr string_view kTens[] = {"", "X", "XX", "XXX"};
  static constexpr string_view kUnits[] = {"",  "I",  "II",  "III",  "IV",
                                           "V", "VI", "VII", "VIII", "IX"};
  for (int v = 1; v < 40; ++v) {
    string_view tens = kTens[v / 10], units = kUnits[v % 10];
    if (s.size() == tens.size() + units.size() && s.starts_with(tens) &&
        s.ends_with(units)) {
      return v;
    }
  }
  return 0;
}

// ---- Labels opening paragraphs and headings: "12.", "IV.", "B.".

struct Label {
  string_view label;
  string_view rest;  // the text after it, "" when the label is alone
  int number = 0;    // value of a digit label
};

// A label alone on its line or followed by a space: digits (not starting
// with 0), or a capital letter or roman numeral.
std::optional<Label> ParseLabel(string_view t, bool digits) {
  t = Trim(t);
  size_t n = 0;
  while (n < t.size() && (digits ? IsDigit(t[n]) : IsUpper(t[n]))) ++n;
  if (n == 0 || n > (digits ? kMaxNumberDigits : 4) || n == t.size() ||
      t[n] != '.' || (n + 1 < t.size() && !IsSpace(t[n + 1]))) {
    return std::nullopt;
  }
  Label label{t.substr(0, n), Trim(t.substr(n + 1))};
  if (digits && t[0] == '0') return std::nullopt;
  if (!digits && n > 1 && RomanValue(label.label) == 0) return std::nullopt;
  if (digits) label.number = *DigitsOnly(label.label);
  return label;
}
std::optional<Label> NumberLabel(string_view t) { return ParseLabel(t, true); }
std::optional<Label> HeadingLabel(string_view t) {
  return ParseLabel(t, false);
}

// Unnumbered top headings of UN reports, maybe with a label ("Annex II").
bool IsTopHeading(string_view t) {
  static constexpr string_view kWords[] = {
      "summary",    "executive summary", "introduction",
      "annex",      "annexes",           "appendix",
      "appendices", "conclusions",       "foreword",
      "preface",    "recommendations",   "conclusions and recommendations"};
  // A heading opens with a capital: a line "recommendations." or
  // "recommendations" ends a sentence ("Algeria made\nrecommendations").
  t = Trim(t);
  if (t.empty() || !IsUpper(t[0])) return false;
  std::string lower = Lower(t);
  for (string_view w : kWords) {
    string_view rest =
        string_view(lower).substr(std::min(w.size(), lower.size()));
    if (lower.starts_with(w) &&
        (rest.empty() || (rest[0] == ' ' && rest.size() <= 6 &&
                          rest.find(' ', 1) == string_view::npos))) {
      return true;
    }
  }
  return false;
}

bool IsNotesStart(string_view t) {
  std::string lower = Lower(Trim(t));
  return lower == "notes" || lower == "endnotes" || lower == "footnotes";
}

// "1–4", "113": the paragraph and page columns of a table of contents.
bool IsNumberColumn(string_view t) {
  for (size_t i = 0; i < t.size(); ++i) {
    if (t.substr(i).starts_with(kEnDash)) {
      i += 2;
    } else if (!IsDigit(t[i]) && !Contains("- ", t[i])) {
      return false;
    }
  }
  return !t.empty();
}

using FurnitureKind = TextFurniture::Kind;

// Running heads and feet: the document symbol ("A/HRC/14/15"), "Page N", the
// GE job number, a bar code ("*1414064*"), a rule ("-----"). The symbol is
// the masthead on the first page, a running head after.
std::optional<FurnitureKind> Furniture(string_view t, bool first_page) {
  auto symbol_char = [](char c) {
    // "A/HRC/11/18*": a reissued document's symbol keeps its asterisk.
    return IsLetter(c) || IsDigit(c) || Contains("/.-()*", c);
  };
  // "A/HRC/ 8/28": a symbol with a stray space after a slash.
  std::string joined;
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i] == ' ' && i > 0 && t[i - 1] == '/') continue;
    joined.push_back(t[i]);
  }
  if (joined.size() >= 3 && IsUpper(joined[0]) && Contains(joined, '/') &&
      std::all_of(joined.begin(), joined.end(), symbol_char)) {
    return first_page ? FurnitureKind::kMasthead : FurnitureKind::kRunningHead;
  }
  if (t.starts_with("Page ") && DigitsOnly(t.substr(5))) {
    return FurnitureKind::kPageNumber;
  }
  if (t.starts_with("GE.") && t.size() > 3 && IsDigit(t[3])) {
    return FurnitureKind::kJobNumber;
  }
  if (t.size() >= 3 && t.front() == '*' && t.back() == '*' &&
      std::all_of(t.begin() + 1, t.end() - 1, IsDigit)) {
    return FurnitureKind::kMasthead;
  }
  if (t.size() >= 3 && t.find_first_not_of("-_=") == string_view::npos) {
    return FurnitureKind::kOther;
  }
  return std::nullopt;
}

// ---- Content lines.

struct Line {
  int number = 0;    // 1-based source line
  std::string text;  // trimmed
  // The raw line began with a space. Some extractions start each page so;
  // it ends a footnote block where no form feed marks the page.
  bool page_top = false;
  bool after_blank = false;       // a blank line precedes it
  bool after_page_break = false;  // a form feed precedes it
};

// The non-blank lines other than page furniture, which goes to `furniture`.
// A page number is a number alone right before a form feed (or the end), no
// greater than the page count.
std::vector<Line> ContentLines(string_view text,
                               std::vector<TextFurniture>& furniture) {
  std::vector<std::string> raw;
  std::vector<bool> form_feed;
  std::vector<size_t> offsets, lengths;
  for (size_t start = 0; start < text.size();) {
    size_t end = std::min(text.find('\n', start), text.size());
    string_view s = text.substr(start, end - start);
    offsets.push_back(start);
    lengths.push_back(s.size());
    form_feed.push_back(Contains(s, '\f'));
    raw.emplace_back();
    std::copy_if(s.begin(), s.end(), std::back_inserter(raw.back()),
                 [](char c) { return c != '\f'; });
    start = end + 1;
  }
  int pages = 1 + std::count(form_feed.begin(), form_feed.end(), true);
  std::vector<std::optional<FurnitureKind>> drop(raw.size());
  // A layout-preserving extraction sets the symbol or job number in a column
  // of its own beside text ("United Nations      A/HRC/14/15").
  std::vector<std::optional<TextFurniture>> column(raw.size());
  auto column_tail = [](string_view t) {
    size_t gap = t.rfind("   ");
    return gap == string_view::npos ? string_view() : Trim(t.substr(gap));
  };
  // After the first page a symbol alone on its line is a running head only
  // if it opens a page or repeats: a note can be a lone reference
  // ("CAT/C/SVN/CO/3/Add.1.").
  std::unordered_map<std::string, int> symbols;
  for (const std::string& line : raw) {
    for (string_view t : {Trim(line), column_tail(Trim(line))}) {
      if (Furniture(t, false) == FurnitureKind::kRunningHead) {
        ++symbols[std::string(t)];
      }
    }
  }
  bool page_top = false;  // no text yet on this page
  auto furniture_kind = [&](string_view t, bool first_page) {
    std::optional<FurnitureKind> kind = Furniture(t, first_page);
    if (kind == FurnitureKind::kRunningHead && !page_top &&
        symbols[std::string(t)] < 2) {
      return std::optional<FurnitureKind>();
    }
    return kind;
  };
  bool first_page = true;
  for (size_t i = 0; i < raw.size(); ++i) {
    first_page = first_page && !form_feed[i];
    page_top = form_feed[i] || (page_top && Trim(raw[i]).empty());
    drop[i] = furniture_kind(Trim(raw[i]), first_page);
    page_top = page_top && Trim(raw[i]).empty();
    if (drop[i]) continue;
    string_view t = Trim(raw[i]);
    string_view tail = column_tail(t);
    if (tail.empty()) continue;
    size_t gap = static_cast<size_t>(tail.data() - t.data());
    std::optional<FurnitureKind> kind = furniture_kind(tail, first_page);
    if (kind == FurnitureKind::kMasthead ||
        kind == FurnitureKind::kRunningHead ||
        kind == FurnitureKind::kJobNumber) {
      column[i] =
          TextFurniture{*kind, std::string(tail), static_cast<int>(i) + 1};
      raw[i].resize(static_cast<size_t>(t.data() - raw[i].data()) + gap);
    }
  }
  // Each number line scans forward to the next non-blank, non-furniture line,
  // where the next scan starts at the latest: linear.
  // A number alone that is the number of the page it is on, set between
  // blank lines next to a list or paragraph number ("1.", "108.91"), is
  // that page's number where the reading order put it (mid-page, inside a
  // list). A note number alone on its line is followed by its note's text.
  auto is_marker = [](string_view t) {
    return !t.empty() && IsDigit(t[0]) &&
           t.find_first_not_of("0123456789.") == string_view::npos &&
           Contains(t, '.');
  };
  auto next_text = [&](size_t i, int step) {
    for (long k = static_cast<long>(i) + step;
         k >= 0 && k < static_cast<long>(raw.size()); k += step) {
      if (!Trim(raw[k]).empty()) return Trim(raw[k]);
    }
    return string_view();
  };
  int page = 1;
  for (size_t i = 0; i < raw.size(); ++i) {
    if (form_feed[i]) ++page;
    std::optional<int> n = DigitsOnly(Trim(raw[i]));
    if (n && *n == page && !drop[i] && i > 0 && Trim(raw[i - 1]).empty() &&
        i + 1 < raw.size() && Trim(raw[i + 1]).empty() &&
        (is_marker(next_text(i, -1)) || is_marker(next_text(i, 1)))) {
      drop[i] = FurnitureKind::kPageNumber;
    }
  }
  for (size_t i = 0; i < raw.size(); ++i) {
    std::optional<int> n = DigitsOnly(Trim(raw[i]));
    if (!n || *n > pages) continue;
    size_t k = i + 1;
    while (k < raw.size() && !form_feed[k] &&
           (drop[k] || Trim(raw[k]).empty())) {
      ++k;
    }
    if (k == raw.size() || form_feed[k]) drop[i] = FurnitureKind::kPageNumber;
  }
  std::vector<Line> lines;
  bool blank = false, page_break = false;
  for (size_t i = 0; i < raw.size(); ++i) {
    page_break = page_break || form_feed[i];
    string_view t = Trim(raw[i]);
    int number = static_cast<int>(i) + 1;
    // A form feed sits at a line start; it goes before that line's furniture.
    if (form_feed[i]) {
      string_view line = text.substr(offsets[i], lengths[i]);
      for (long f = std::count(line.begin(), line.end(), '\f'); f > 0; --f) {
        furniture.push_back({FurnitureKind::kFormFeed, "\f", number});
      }
    }
    if (drop[i]) {
      furniture.push_back({*drop[i], std::string(t), number});
      continue;
    }
    if (column[i]) furniture.push_back(*std::move(column[i]));
    if (t.empty()) {
      blank = true;
      continue;
    }
    bool page_top = raw[i][0] == ' ' || raw[i][0] == '\t';
    lines.push_back({number, std::string(t), page_top, blank, page_break});
    blank = page_break = false;
  }
  return lines;
}

// ---- Joining lines, undoing hyphenation.

// How often each word (a hyphenated compound is one word) occurs, so that a
// hyphen at a line end is judged by how the document spells the word.
using Vocabulary = std::unordered_map<std::string, int>;

Vocabulary CountWords(const std::vector<Line>& lines) {
  Vocabulary vocabulary;
  for (const Line& line : lines) {
    string_view s = line.text;
    for (size_t i = 0, j = 0; i < s.size(); i = std::max(i + 1, j)) {
      if (!IsLetter(s[i])) continue;
      j = i;
      while (j < s.size() &&
             (IsLetter(s[j]) ||
              (s[j] == '-' && j + 1 < s.size() && IsLetter(s[j + 1])))) {
        ++j;
      }
      if (j + 1 != s.size() || s[j] != '-') {  // not a fragment "inter-"
        ++vocabulary[Lower(s.substr(i, j - i))];
      }
    }
  }
  return vocabulary;
}

int Count(const Vocabulary& vocabulary, const std::string& word) {
  auto it = vocabulary.find(word);
  return it == vocabulary.end() ? 0 : it->second;
}

// Appends the next line to `out` with the separator it needs.
void AppendLine(std::string& out, string_view piece, const Vocabulary& words) {
  if (piece.empty()) return;
  size_t n = out.size();
  bool hyphen = n >= 2 && out.back() == '-' && !IsSpace(out[n - 2]);
  bool dash = n > 3 && out.ends_with(kEnDash) && !IsSpace(out[n - 4]);
  if (hyphen && IsLetter(out[n - 2]) && IsLower(piece[0])) {
    // Bounded, so that a run of letters joined over many lines ("a-" lines)
    // is not rescanned at each line.
    size_t h = n - 1, t = 0;
    while (h > 0 && n - 1 - h < kMaxWord && IsLetter(out[h - 1])) --h;
    while (t < piece.size() && t < kMaxWord && IsLetter(piece[t])) ++t;
    std::string head = Lower(string_view(out).substr(h, n - 1 - h));
    std::string tail = Lower(piece.substr(0, t));
    if (tail == "and" || tail == "or" || tail == "to" || tail == "nor") {
      out.push_back(' ');  // a suspended hyphen: "pre- and post-harvest"
    } else if (Count(words, head + "-" + tail) <= Count(words, head + tail)) {
      out.pop_back();
    }
  } else if (!out.empty() && !hyphen &&
             !(dash && (IsDigit(piece[0]) || IsUpper(piece[0])))) {
    out.push_back(' ');  // else "inter-Korean", "2010–2015": no space
  }
  out.append(piece);
}

std::string JoinLines(const std::vector<std::string>& pieces,
                      const Vocabulary& words) {
  std::string out;
  for (const std::string& piece : pieces) AppendLine(out, piece, words);
  return out;
}

// ---- Footnote callouts.

struct Callouts {
  int expected = 1;
  int max_seen = 0;
  std::map<int, int> line_of;  // callout number -> line where first seen
};

bool IsAbbreviation(string_view word) {
  static constexpr string_view kAbbreviations[] = {
      "p",  "pp",  "para", "paras", "art",  "arts",
      "no", "nos", "vol",  "chap",  "sect", "op"};
  return std::find(std::begin(kAbbreviations), std::end(kAbbreviations),
                   Lower(word)) != std::end(kAbbreviations);
}

// Whether the digits s[begin, end) are a callout; *spaced when a space
// separates them from the text they follow.
std::optional<int> CalloutAt(string_view s, size_t begin, size_t end,
                             int expected, bool* spaced) {
  if (begin == 0 || end - begin > 3 || s[begin] == '0' ||
      (end < s.size() && !IsSpace(s[end]) && !Contains(",;:)", s[end]))) {
    return std::nullopt;
  }
  int n = *DigitsOnly(s.substr(begin, end - begin));
  string_view before = s.substr(0, begin), after = Trim(s.substr(end));
  char p = before.back();
  bool after_digit = before.size() >= 2 && IsDigit(before[before.size() - 2]);
  *spaced = p == ' ';
  if (*spaced) {  // "Statelessness. 5": the expected number after punctuation
    before.remove_suffix(1);
    if (n != expected || before.empty()) return std::nullopt;
    if (EndsWithRightQuote(before) || Contains(",;)", before.back())) return n;
    size_t w = before.size() - 1;
    while (w > 0 && IsLetter(before[w - 1])) --w;
    string_view word = before.substr(w, before.size() - 1 - w);  // "p. 5"
    if (before.back() != '.' || word.empty() || IsAbbreviation(word)) {
      return std::nullopt;
    }
    return n;
  }
  if (p == ',' && after_digit) return std::nullopt;  // "1,500"
  if (p == '.' && after_digit) {  // "$914.2 Growth", not "15.6 per cent"
    // "145.1" opening a line numbers an item of paragraph 145 (Universal
    // Periodic Review lists), whatever follows it.
    if (before.find_first_not_of("0123456789.") == string_view::npos) {
      return std::nullopt;
    }
    bool capital = after.empty() || IsUpper(after[0]);
    return n == expected && capital ? std::optional<int>(n) : std::nullopt;
  }
  if (n < expected || n > expected + kMaxCalloutLead) return std::nullopt;
  if (IsLetter(p)) {  // "reports17", but "G20" is a name
    bool word = before.size() >= 2 && IsLetter(before[before.size() - 2]);
    return word ? std::optional<int>(n) : std::nullopt;
  }
  if (IsNonAscii(p) || Contains(".,;:)]\"'?!", p)) return n;
  return std::nullopt;
}

// Removes the callouts from one line, recording them in document order.
std::string StripCallouts(string_view s, int line, Callouts& callouts,
                          std::vector<int>* found) {
  std::string out;
  size_t last_callout_end = std::string::npos;  // in `out`
  for (size_t i = 0, end = 0; i < s.size(); i = end) {
    for (end = i; end < s.size() && IsDigit(s[end]);) ++end;
    if (end == i) {
      out.push_back(s[end++]);
      continue;
    }
    bool spaced = false;
    std::optional<int> n = CalloutAt(s, i, end, callouts.expected, &spaced);
    if (!n) {
      out.append(s.substr(i, end - i));
      continue;
    }
    if (spaced) out.pop_back();
    // "bodies1, 2": the comma between two callouts goes with them.
    if (spaced && !out.empty() && out.back() == ',' &&
        last_callout_end == out.size() - 1) {
      out.pop_back();
    }
    last_callout_end = out.size();
    callouts.expected = *n + 1;
    callouts.max_seen = std::max(callouts.max_seen, *n);
    callouts.line_of.emplace(*n, line);
    if (found != nullptr) found->push_back(*n);
  }
  return NormalizeSpaces(out);
}

// ---- The parser: one pass over the content lines.

class Parser {
 public:
  explicit Parser(string_view text)
      : lines_(ContentLines(text, out_.furniture)), words_(CountWords(lines_)) {
    std::vector<int> widths;
    for (const Line& line : lines_) widths.push_back(CodePoints(line.text));
    std::sort(widths.begin(), widths.end());
    if (!widths.empty()) body_width_ = widths[widths.size() * 9 / 10];
    body_width_ = std::max(body_width_, 40);
  }

  ReportText Run() {
    while (i_ < lines_.size()) {
      if (notes_mode_ && HandleNotesLine()) continue;
      if (HandleContents() || HandleFootnoteBlock() || HandleTopHeading() ||
          HandleLabeledHeading() || HandleDigitHeading() ||
          HandleHeadingContinuation() || HandleSubheading() ||
          HandleParagraphNumber()) {
        continue;
      }
      const Line& line = lines_[i_++];
      HandleText(line, line.text);
    }
    Finish();
    return std::move(out_);
  }

 private:
  struct Note {
    int line = 0;
    std::vector<std::string> pieces;
  };

  bool IsShort(string_view t, double fraction) const {
    return CodePoints(t) < fraction * body_width_;
  }
  bool AcceptsParagraph(int n) const {
    return n > last_number_ && n <= last_number_ + kMaxParagraphGap;
  }
  // Text that can be a digit or unlabeled heading: short, capitalized, not
  // ending a sentence.
  // A heading ends with a word that can end one: not with "and", "of",
  // "by"... that run on to the next line ("The recommendations listed below
  // will be further examined by Zambia and").
  bool IsMinorHeading(string_view t, double fraction) const {
    static constexpr string_view kRunOn[] = {
        " and",  " or", " of", " the",  " by",    " to", " in", " for",
        " with", " a",  " an", " that", " which", " on", " at", " as"};
    for (string_view word : kRunOn) {
      if (t.ends_with(word)) return false;
    }
    return !t.empty() && IsUpper(t[0]) && IsShort(t, fraction) &&
           !EndsSentence(t) && t.back() != ',';
  }
  // Whether a heading or paragraph may start at `line`: the text before it
  // ended a sentence, or a blank line (not a page break) comes between.
  bool AtBoundary(const Line& line) const {
    return boundary_ ||
           (line.after_blank && !line.after_page_break && !resume_after_notes_);
  }
  bool StartsBlock(const Line& line) const {
    return NumberLabel(line.text) || HeadingLabel(line.text) ||
           IsTopHeading(line.text);
  }
  // A line holding only the number of the next note, whose callout was seen.
  bool IsFootnoteMarker(const Line& line) const {
    std::optional<int> n = DigitsOnly(line.text);
    return n && *n <= callouts_.max_seen &&
           (*n == last_note_ + 1 ||
            (last_note_ > 0 && *n > last_note_ && *n <= last_note_ + 3));
  }
  std::string CurrentPath() const {
    return stack_.empty() ? "" : out_.sections[stack_.back()].path;
  }
  // The text of the label on line i_: after it (if a block may start here),
  // or the next line when the label is alone and that line is plain text.
  std::optional<string_view> LabelText(const Label& label) const {
    if (!label.rest.empty()) {
      if (!AtBoundary(lines_[i_])) return std::nullopt;
      return label.rest;
    }
    if (i_ + 1 >= lines_.size() || StartsBlock(lines_[i_ + 1]) ||
        DigitsOnly(lines_[i_ + 1].text)) {
      return std::nullopt;
    }
    return lines_[i_ + 1].text;
  }
  // Heading text without its callouts, which go to `found`.
  std::string Clean(string_view t, std::vector<int>& found) {
    return StripCallouts(t, lines_[i_].number, callouts_, &found);
  }
  void AddFurniture(FurnitureKind kind, const Line& line) {
    out_.furniture.push_back({kind, line.text, line.number});
  }
  void Warn(int line, std::string message) {
    out_.warnings.push_back({std::move(message), line});
  }

  // Drops a table of contents: entries ending in dot leaders, then the
  // paragraph ranges and page numbers.
  bool HandleContents() {
    if (Lower(lines_[i_].text) != "contents") return false;
    size_t last = i_;
    for (size_t k = i_ + 1; k < lines_.size() && k <= last + 12; ++k) {
      if (lines_[k].text.find(".....") != std::string::npos) last = k;
    }
    bool table = last != i_;
    size_t end = last + 1;
    while (table && end < lines_.size() && IsNumberColumn(lines_[end].text)) {
      ++end;
    }
    for (; i_ < end; ++i_) AddFurniture(FurnitureKind::kContents, lines_[i_]);
    return true;
  }

  // A footnote block left by a page break: "<n>", the note text, maybe more
  // notes. The page resumes at a line starting with a space, a form feed, a
  // blank line not followed by a note, or a paragraph or heading.
  bool HandleFootnoteBlock() {
    if (notes_mode_ || !IsFootnoteMarker(lines_[i_])) return false;
    do {
      int n = *DigitsOnly(lines_[i_].text), line = lines_[i_].number;
      last_note_ = n;
      std::vector<std::string> pieces;
      for (++i_; i_ < lines_.size(); ++i_) {
        const Line& l = lines_[i_];
        if (l.page_top || l.after_page_break || IsFootnoteMarker(l)) break;
        if (!pieces.empty() && (l.after_blank || StartsBlock(l))) break;
        pieces.push_back(l.text);
      }
      if (notes_.count(n) != 0) {
        Warn(line, "footnote " + std::to_string(n) + " appears twice");
        std::string text = std::to_string(n);
        for (const std::string& piece : pieces) text += " " + piece;
        out_.furniture.push_back({FurnitureKind::kUnplaced, text, line});
      } else {
        notes_[n] = Note{line, std::move(pieces)};
      }
    } while (i_ < lines_.size() && !lines_[i_].page_top &&
             !lines_[i_].after_page_break && IsFootnoteMarker(lines_[i_]));
    resume_after_notes_ = true;
    return true;
  }

  // After "Notes": "<n>" alone or "<n> text" opens a note, other lines
  // continue it. A level-1 heading ends the notes.
  bool HandleNotesLine() {
    const Line& l = lines_[i_];
    std::optional<Label> label = HeadingLabel(l.text);
    if (IsTopHeading(l.text) ||
        (label && RomanValue(label->label) > 0 && !label->rest.empty())) {
      notes_mode_ = false;
      return false;
    }
    ++i_;
    size_t d = std::min(l.text.find_first_not_of("0123456789"), l.text.size());
    std::optional<int> n = DigitsOnly(string_view(l.text).substr(0, d));
    bool alone = d == l.text.size();
    // Notes are numbered from 1: a "0" is no note.
    if (n && *n >= 1 && notes_.count(*n) == 0 &&
        (alone ||
         (l.text[d] == ' ' && *n > last_note_ && *n <= last_note_ + 3))) {
      current_note_ = *n;
      last_note_ = std::max(last_note_, *n);
      notes_[*n] = Note{l.number, {}};
      if (!alone) notes_[*n].pieces.emplace_back(Trim(l.text.substr(d)));
    } else if (current_note_ == 0) {
      Warn(l.number, "text in the notes area before the first note");
      AddFurniture(FurnitureKind::kUnplaced, l);
    } else {
      notes_[current_note_].pieces.push_back(l.text);
    }
    return true;
  }

  // "Notes" starts the endnotes; "Summary", "Introduction", "Annex"... are
  // level-1 headings.
  bool HandleTopHeading() {
    const Line& line = lines_[i_];
    if (IsNotesStart(line.text)) {
      FlushParagraph();
      AddFurniture(FurnitureKind::kNotesHeading, line);
      notes_mode_ = true;
      heading_open_ = false;
    } else if (IsTopHeading(line.text)) {
      OpenSection(NormalizeSpaces(line.text), 1, line.number, false);
      last_letter_ = 0;
    } else {
      return false;
    }
    ++i_;
    return true;
  }

  // Roman numerals open level 1, capital letters level 2. "C." or "I." can be
  // either: the expected next letter wins, then the expected next numeral.
  bool HandleLabeledHeading() {
    std::optional<Label> label = HeadingLabel(lines_[i_].text);
    if (!label) return false;
    std::optional<string_view> rest = LabelText(*label);
    if (!rest || rest->empty() || rest->back() == '.' || rest->back() == ';' ||
        !(IsUpper((*rest)[0]) || IsDigit((*rest)[0]) ||
          IsNonAscii((*rest)[0]))) {
      return false;
    }
    int line = lines_[i_].number;
    int roman = RomanValue(label->label);
    char next_letter = last_letter_ == 0 ? 'A' : last_letter_ + 1;
    bool letter = label->label.size() == 1 &&
                  (label->label[0] == next_letter || roman != last_roman_ + 1);
    std::vector<int> callouts;
    std::string heading =
        std::string(label->label) + ". " + Clean(*rest, callouts);
    if (letter) {
      OpenSection(std::move(heading), 2, line, false, std::move(callouts));
      last_letter_ = label->label[0];
    } else {
      OpenSection(std::move(heading), 1, line, false, std::move(callouts));
      last_roman_ = roman;
      last_letter_ = 0;
    }
    i_ += label->rest.empty() ? 2 : 1;
    return true;
  }

  // "1. Equality and non-discrimination", unless it continues a list
  // numbered inside the paragraph. The first line of a paragraph can be as
  // short (indented), so a number that fits the paragraph sequence makes a
  // heading only if laid out like one: set apart by a blank line, or right
  // before a numbered block.
  bool HandleDigitHeading() {
    std::optional<Label> label = NumberLabel(lines_[i_].text);
    if (!label || (para_ && label->number == sublist_last_ + 1)) return false;
    std::optional<string_view> rest = LabelText(*label);
    if (!rest) return false;
    size_t used = label->rest.empty() ? 2 : 1;
    bool laid_out =
        !AcceptsParagraph(label->number) ||
        (used == 2 && lines_[i_ + 1].after_blank) ||
        (i_ + used < lines_.size() && StartsBlock(lines_[i_ + used]));
    if (!laid_out || !IsMinorHeading(*rest, kShortLine) ||
        (AcceptsParagraph(label->number) &&
         OpensItemsOf(label->number, i_ + used))) {
      return false;
    }
    std::vector<int> callouts;
    std::string heading =
        std::string(label->label) + ". " + Clean(*rest, callouts);
    OpenSection(std::move(heading), 3, lines_[i_].number, false,
                std::move(callouts));
    i_ += used;
    return true;
  }

  // Whether line k opens item 1 of paragraph n ("104.1." or "104.1 "): the
  // line before it introduces that paragraph's list ("104. The
  // recommendations below did not enjoy the support of Zambia"), whatever
  // its length and however it ends.
  bool OpensItemsOf(int n, size_t k) const {
    if (k >= lines_.size()) return false;
    const std::string first = std::to_string(n) + ".1";
    string_view t = lines_[k].text;
    return t.starts_with(first) &&
           (t.size() == first.size() || t[first.size()] == '.' ||
            t[first.size()] == ' ');
  }

  // A line completing the heading just opened: a parenthesized date, a
  // lower-case continuation, more of an all-capitals heading.
  bool HandleHeadingContinuation() {
    string_view t = lines_[i_].text;
    if (!heading_open_) return false;
    TextSection& s = out_.sections[stack_.back()];
    if (!(t.front() == '(' && t.back() == ')' && IsShort(t, kHeadingLine)) &&
        !IsLower(t.front()) &&
        !(IsAllCaps(s.heading) && IsAllCaps(t) && !EndsSentence(t))) {
      return false;
    }
    std::string more = " " + Clean(t, s.footnotes);
    s.heading += more;
    s.path += more;
    ++i_;
    return true;
  }

  // An unlabeled sub-heading ("Implementation of international human rights
  // obligations") right before a numbered block.
  bool HandleSubheading() {
    const Line& line = lines_[i_];
    if (!AtBoundary(line) || !IsMinorHeading(line.text, kHeadingLine) ||
        i_ + 1 >= lines_.size() || !StartsBlock(lines_[i_ + 1])) {
      return false;
    }
    int level = 1;
    if (!stack_.empty()) {
      level = out_.sections[stack_.back()].level + (unlabeled_top_ ? 0 : 1);
    }
    std::vector<int> callouts;
    std::string heading = Clean(line.text, callouts);
    OpenSection(std::move(heading), level, line.number, true,
                std::move(callouts));
    ++i_;
    return true;
  }

  void OpenSection(std::string heading, int level, int line, bool unlabeled,
                   std::vector<int> callouts = {}) {
    FlushParagraph();
    while (!stack_.empty() && out_.sections[stack_.back()].level >= level) {
      stack_.pop_back();
    }
    std::string path =
        stack_.empty() ? heading
                       : CurrentPath() + std::string(kPathSeparator) + heading;
    stack_.push_back(out_.sections.size());
    out_.sections.push_back({std::move(heading), level, std::move(path), line,
                             std::move(callouts)});
    unlabeled_top_ = unlabeled;
    heading_open_ = boundary_ = true;
  }

  // Whether a paragraph's last line ends as a list item followed by
  // another does: "...(Austria);", "...; and".
  static bool ContinuesList(string_view text) {
    text = Trim(text);
    if (text.ends_with(" and")) text.remove_suffix(4);
    text = Trim(text);
    return !text.empty() && text.back() == ';';
  }

  bool HandleParagraphNumber() {
    const Line& line = lines_[i_];
    std::optional<Label> label = NumberLabel(line.text);
    if (!label) return false;
    int n = label->number;
    bool alone = label->rest.empty(), boundary = AtBoundary(line);
    // "2010. The review" inside a sentence is a year, not a paragraph.
    if (!alone && (!boundary || IsLower(label->rest[0]))) return false;
    // The next item of a list numbered inside the paragraph, even above the
    // paragraph's own number ("81. ... 1. ... 81. ...; 82. ..."), while the
    // item before ends as list items do before another: with ";".
    if (para_ && sublist_last_ > 0 && n == sublist_last_ + 1 &&
        n > last_number_ && !pieces_.empty() && ContinuesList(pieces_.back())) {
      sublist_last_ = n;
      return false;
    }
    if (AcceptsParagraph(n)) {
      if (n != last_number_ + 1) {
        Warn(line.number, "paragraph number " + std::to_string(n) +
                              " follows " + std::to_string(last_number_) +
                              ": numbers skipped");
      }
      StartParagraph(n, line.number);
      last_number_ = n;
      sublist_last_ = 0;
      ++i_;
      boundary_ = heading_open_ = false;
      if (!alone) HandleText(line, label->rest);
      return true;
    }
    if (para_ && n == sublist_last_ + 1) {
      sublist_last_ = n;  // an item of a list numbered inside the paragraph
    } else if (n <= last_number_ || (alone && boundary)) {
      Warn(line.number, "paragraph number " + std::to_string(n) +
                            " out of sequence after " +
                            std::to_string(last_number_) + "; kept as text");
    }
    return false;
  }

  void StartParagraph(int number, int line) {
    FlushParagraph();
    para_.emplace();
    para_->number = number;
    para_->section = CurrentPath();
    para_->line = line;
  }

  void HandleText(const Line& line, string_view text) {
    // Unnumbered text (a summary, a masthead) breaks at a blank line, but not
    // at one a page break or a footnote block leaves.
    if (para_ && para_->number == 0 && !pieces_.empty() && line.after_blank &&
        !line.after_page_break && !resume_after_notes_) {
      FlushParagraph();
    }
    resume_after_notes_ = false;
    if (!para_) StartParagraph(0, line.number);
    std::string clean =
        StripCallouts(text, line.number, callouts_, &para_->footnotes);
    if (!clean.empty()) pieces_.push_back(std::move(clean));
    boundary_ = EndsSentence(text);
    heading_open_ = false;
    // A sentence ending short of the right margin ends unnumbered text.
    if (para_->number == 0 && boundary_ && IsShort(text, kShortLine)) {
      FlushParagraph();
    }
  }

  void FlushParagraph() {
    if (!para_) return;
    para_->text = JoinLines(pieces_, words_);
    if (para_->number != 0 || !para_->text.empty()) {
      out_.paragraphs.push_back(std::move(*para_));
    }
    para_.reset();
    pieces_.clear();
  }

  void Finish() {
    FlushParagraph();
    for (auto& [n, note] : notes_) {
      std::string text = JoinLines(note.pieces, words_);
      std::string name = "footnote " + std::to_string(n);
      if (text.empty()) Warn(note.line, name + " has no text");
      if (callouts_.line_of.count(n) == 0) {
        Warn(note.line, name + " has no callout in the text");
      }
      out_.footnotes.push_back({n, std::move(text), note.line});
    }
    for (const auto& [n, line] : callouts_.line_of) {
      if (notes_.count(n) == 0) {
        Warn(line,
             "footnote " + std::to_string(n) + ": callout without note text");
      }
    }
    std::stable_sort(out_.warnings.begin(), out_.warnings.end(),
                     [](const TextWarning& a, const TextWarning& b) {
                       return a.line < b.line;
                     });
    std::stable_sort(out_.furniture.begin(), out_.furniture.end(),
                     [](const TextFurniture& a, const TextFurniture& b) {
                       return a.line < b.line;
                     });
  }

  ReportText out_;  // first: ContentLines fills its furniture
  std::vector<Line> lines_;
  Vocabulary words_;
  int body_width_ = 0;  // in code points
  size_t i_ = 0;        // the next line to read

  std::vector<size_t> stack_;   // open sections, indexes into out_.sections
  bool unlabeled_top_ = false;  // the innermost section has no label
  int last_roman_ = 0;
  char last_letter_ = 0;
  bool heading_open_ = false;  // a heading was just opened, no text since
  bool boundary_ = true;       // the last text ended a sentence

  std::optional<TextParagraph> para_;  // the paragraph being read
  std::vector<std::string> pieces_;    // its lines, callouts removed
  int last_number_ = 0;                // the last paragraph number
  int sublist_last_ = 0;  // the last item of a list numbered inside para_

  Callouts callouts_;
  std::map<int, Note> notes_;
  int last_note_ = 0;
  int current_note_ = 0;  // in the notes area
  bool notes_mode_ = false;
  bool resume_after_notes_ = false;  // a footnote block just ended
};

}  // namespace

ReportText ParseReportText(std::string_view text) { return Parser(text).Run(); }

std::map<TextFurniture::Kind, int> FurnitureCounts(const ReportText& report) {
  std::map<TextFurniture::Kind, int> counts;
  for (const TextFurniture& f : report.furniture) ++counts[f.kind];
  return counts;
}

std::string_view FurnitureKindName(TextFurniture::Kind kind) {
  switch (kind) {
    case FurnitureKind::kRunningHead:
      return "running head";
    case FurnitureKind::kPageNumber:
      return "page number";
    case FurnitureKind::kJobNumber:
      return "job number";
    case FurnitureKind::kMasthead:
      return "masthead";
    case FurnitureKind::kFormFeed:
      return "form feed";
    case FurnitureKind::kContents:
      return "contents";
    case FurnitureKind::kNotesHeading:
      return "notes heading";
    case FurnitureKind::kUnplaced:
      return "unplaced";
    case FurnitureKind::kOther:
      return "other";
  }
  return "other";
}

}  // namespace rapporteur::ingest
