#ifndef RAPPORTEUR_TESTS_UNIT_EXTRACTION_WORD_ACCOUNTING_H_
#define RAPPORTEUR_TESTS_UNIT_EXTRACTION_WORD_ACCOUNTING_H_

// Word accounting for the nothing-lost properties: the words of a report's
// input text against the words of what ParseReportText made of it, as
// multisets. Shared by the corpus property tests of plain-text and PDF
// reports.

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "lib/extraction/report_text.h"

namespace rapporteur::ingest::words {

// ---- Words, compared as multisets.

using WordCounts = std::map<std::string, int>;

inline bool IsAlnum(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0;
}
inline bool IsAlpha(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0;
}

// Adds the words of `text` to `counts`. A word is a maximal run of ASCII
// letters and digits, case-folded; a hyphen between two of them is dropped
// (so "top-down" and "topdown", however the parser undid a line-end hyphen,
// are one word), and a word splits where letters meet digits (a callout glued
// to its word, "reports17", is two: the parser keeps "17" apart).
inline void AddWords(std::string_view text, WordCounts& counts) {
  std::string word;
  auto flush = [&] {
    size_t start = 0;
    for (size_t i = 1; i <= word.size(); ++i) {
      if (i == word.size() || IsAlpha(word[i]) != IsAlpha(word[i - 1])) {
        ++counts[word.substr(start, i - start)];
        start = i;
      }
    }
    word.clear();
  };
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (IsAlnum(c)) {
      word.push_back(static_cast<char>(std::tolower(c)));
    } else if (c == '-' && !word.empty() && i + 1 < text.size() &&
               IsAlnum(text[i + 1])) {
      continue;  // inside a hyphenated word
    } else if (!word.empty()) {
      flush();
    }
  }
  if (!word.empty()) flush();
}

inline std::string TrimLine(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\f");
  if (b == std::string_view::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\f");
  return std::string(s.substr(b, e - b + 1));
}

// The words of the input. A word cut by a hyphen at a line end is joined with
// the start of the next line of text (blank lines and furniture skipped), as
// the parser does, except before "and", "or", "to", "nor" (a suspended
// hyphen, "pre- and post-harvest").
inline WordCounts InputWords(std::string_view text, const ReportText& report) {
  std::set<int> furniture_lines;
  for (const TextFurniture& f : report.furniture) {
    if (f.kind != TextFurniture::Kind::kFormFeed)
      furniture_lines.insert(f.line);
  }
  std::vector<std::string> lines;
  for (size_t start = 0; start <= text.size();) {
    size_t end = std::min(text.find('\n', start), text.size());
    lines.push_back(TrimLine(text.substr(start, end - start)));
    start = end + 1;
  }
  WordCounts counts;
  std::string body;  // the text lines, joined as the parser joins them
  bool join = false;
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    int number = static_cast<int>(i) + 1;
    if (furniture_lines.count(number) != 0) {
      AddWords(line, counts);
      continue;
    }
    if (line.empty()) continue;
    if (join) {
      size_t n = 0;
      while (n < line.size() && IsAlpha(line[n])) ++n;
      std::string first = line.substr(0, n);
      for (char& c : first) c = static_cast<char>(std::tolower(c));
      bool suspended =
          first == "and" || first == "or" || first == "to" || first == "nor";
      if (!IsAlnum(line[0]) || suspended) body.push_back(' ');
    } else {
      body.push_back(' ');
    }
    body += line;
    size_t n = line.size();
    join = n >= 2 && line[n - 1] == '-' && IsAlnum(line[n - 2]);
  }
  AddWords(body, counts);
  return counts;
}

// The words of the result: headings, paragraph and note texts, furniture,
// and the paragraph, note and callout numbers.
inline WordCounts ResultWords(const ReportText& report) {
  WordCounts counts;
  auto add_number = [&](int n) { ++counts[std::to_string(n)]; };
  for (const TextSection& s : report.sections) {
    AddWords(s.heading, counts);
    for (int n : s.footnotes) add_number(n);
  }
  for (const TextParagraph& p : report.paragraphs) {
    AddWords(p.text, counts);
    if (p.number != 0) add_number(p.number);
    for (int n : p.footnotes) add_number(n);
  }
  for (const TextFootnote& f : report.footnotes) {
    add_number(f.number);
    AddWords(f.text, counts);
  }
  for (const TextFurniture& f : report.furniture) AddWords(f.text, counts);
  return counts;
}

// result count - input count for each word where they differ.
inline WordCounts Difference(const WordCounts& input,
                             const WordCounts& result) {
  WordCounts diff;
  for (const auto& [word, n] : input) {
    auto it = result.find(word);
    int m = it == result.end() ? 0 : it->second;
    if (m != n) diff[word] = m - n;
  }
  for (const auto& [word, m] : result) {
    if (input.count(word) == 0) diff[word] = m;
  }
  return diff;
}

inline std::string Describe(const WordCounts& diff) {
  std::ostringstream out;
  for (const auto& [word, d] : diff) {
    out << "  \"" << word << "\" " << (d < 0 ? "lost " : "duplicated ")
        << (d < 0 ? -d : d) << "\n";
  }
  return out.str();
}

}  // namespace rapporteur::ingest::words

#endif  // RAPPORTEUR_TESTS_UNIT_EXTRACTION_WORD_ACCOUNTING_H_
