#include "lib/extraction/masthead.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "lib/extraction/references.h"

namespace rapporteur::ingest {
namespace {

// Mastheads fill the first page's top: a few dozen lines at most.
constexpr int kMastheadLines = 40;

constexpr absl::string_view kMonths[] = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};

// The columns of a laid-out line: runs separated by three or more spaces.
std::vector<absl::string_view> Columns(absl::string_view line) {
  std::vector<absl::string_view> columns;
  for (absl::string_view part : absl::StrSplit(line, "   ")) {
    part = absl::StripAsciiWhitespace(part);
    if (!part.empty()) {
      columns.push_back(part);
    }
  }
  return columns;
}

}  // namespace

std::string ParseLongDate(absl::string_view text) {
  std::vector<absl::string_view> words =
      absl::StrSplit(absl::StripAsciiWhitespace(text), ' ', absl::SkipEmpty());
  int day = 0, year = 0;
  if (words.size() != 3 || !absl::SimpleAtoi(words[0], &day) ||
      !absl::SimpleAtoi(words[2], &year) || day < 1 || day > 31 ||
      year < 1945 || year > 2100) {
    return "";
  }
  const std::string month = absl::AsciiStrToLower(words[1]);
  for (int m = 0; m < 12; ++m) {
    if (month == kMonths[m]) {
      return absl::StrFormat("%04d-%02d-%02d", year, m + 1, day);
    }
  }
  return "";
}

Masthead ReadMasthead(absl::string_view text) {
  Masthead masthead;
  bool after_distribution = false;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(text, absl::ByAnyChar("\n\f"))) {
    if (++line_number > kMastheadLines) {
      break;
    }
    for (absl::string_view column : Columns(line)) {
      if (masthead.symbol.empty()) {
        std::vector<std::string> symbols = FindSymbols(column);
        if (symbols.size() == 1 && symbols[0] == column) {
          masthead.symbol = symbols[0];
        }
      }
      if (absl::StartsWith(column, "Distr.")) {
        after_distribution = true;
      } else if (after_distribution && masthead.date.empty()) {
        masthead.date = ParseLongDate(column);
      }
    }
  }
  return masthead;
}

}  // namespace rapporteur::ingest
