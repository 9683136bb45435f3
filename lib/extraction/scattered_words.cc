#include "lib/extraction/scattered_words.h"

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "lib/extraction/page_lines.h"

namespace rapporteur::ingest {
namespace {

// A line of one word, blank lines (or the page's edge) before and after.
bool IsLoneWord(const std::vector<std::string>& lines, size_t i) {
  const absl::string_view t = absl::StripAsciiWhitespace(lines[i]);
  return !t.empty() && t.find(' ') == absl::string_view::npos &&
         (i == 0 || IsBlankLine(lines[i - 1])) &&
         (i + 1 == lines.size() || IsBlankLine(lines[i + 1]));
}

bool StartsLowerCase(const std::string& word) {
  return !word.empty() &&
         absl::ascii_islower(static_cast<unsigned char>(word[0]));
}

// The first run of lone-word lines at or after `from` that spells `words`
// in order, with only blank lines between them (anything may come before
// the run: the rest of the paragraph, another item, page furniture); empty
// when there is none.
std::vector<size_t> LoneRun(const std::vector<std::string>& lines, size_t from,
                            absl::Span<const std::string> words) {
  for (size_t start = from; start < lines.size(); ++start) {
    if (!IsLoneWord(lines, start) ||
        absl::StripAsciiWhitespace(lines[start]) != words[0]) {
      continue;
    }
    std::vector<size_t> run = {start};
    size_t k = start + 1;
    while (run.size() < words.size() && k < lines.size()) {
      if (IsBlankLine(lines[k])) {
        ++k;
        continue;
      }
      if (!IsLoneWord(lines, k) ||
          absl::StripAsciiWhitespace(lines[k]) != words[run.size()]) {
        break;
      }
      run.push_back(k++);
    }
    if (run.size() == words.size()) return run;
  }
  return {};
}

}  // namespace

bool MayHaveScatteredWords(absl::string_view page_text) {
  const std::vector<std::string> lines = absl::StrSplit(page_text, '\n');
  for (size_t i = 0; i < lines.size(); ++i) {
    // Only a lower-case word comes back (see RejoinScatteredWords): a lone
    // "Annex" or "GE.12-18655" is no sign of one.
    if (IsLoneWord(lines, i) &&
        StartsLowerCase(std::string(absl::StripAsciiWhitespace(lines[i])))) {
      return true;
    }
  }
  return false;
}

std::string RejoinScatteredWords(
    absl::string_view page_text,
    absl::Span<const std::vector<const PageWord*>> printed_lines) {
  std::vector<std::string> lines = absl::StrSplit(page_text, '\n');
  std::vector<std::string> normalized;
  for (const std::string& line : lines)
    normalized.push_back(NormalizedLine(line));
  std::vector<bool> dropped(lines.size(), false);
  for (const std::vector<const PageWord*>& printed : printed_lines) {
    std::vector<std::string> words;
    for (const PageWord* w : printed) words.push_back(w->text);
    // The longest first part that is a line of the text, with the rest
    // scattered after it. Its first word may be a line of its own before it
    // (an item's number: "114.33." then "Continue the institutional and
    // judicial"). At least two words stay in place, and a word of prose (in
    // lower case) is among those that come back: a footer's page number and
    // symbol share a printed line too, and are page furniture, not a
    // sentence.
    bool rejoined = false;
    for (size_t k = words.size() - 1; k >= 2 && !rejoined; --k) {
      if (std::none_of(words.begin() + k, words.end(), StartsLowerCase)) {
        continue;
      }
      const absl::Span<const std::string> rest(words.data() + k,
                                               words.size() - k);
      for (size_t skip = 0; skip <= 1 && k - skip >= 2 && !rejoined; ++skip) {
        const std::string first =
            absl::StrJoin(words.begin() + skip, words.begin() + k, " ");
        for (size_t a = 0; a < lines.size() && !rejoined; ++a) {
          if (dropped[a] || normalized[a] != first) continue;
          if (skip == 1) {
            const size_t before = PreviousNonBlank(lines, a);
            if (before == std::string::npos || normalized[before] != words[0]) {
              continue;
            }
          }
          const std::vector<size_t> run = LoneRun(lines, a + 1, rest);
          if (run.empty() || std::any_of(run.begin(), run.end(), [&](size_t r) {
                return dropped[r];
              })) {
            continue;
          }
          lines[a] = absl::StrCat(lines[a], " ", absl::StrJoin(rest, " "));
          normalized[a] = NormalizedLine(lines[a]);
          for (size_t r : run) {
            dropped[r] = true;
            if (r > 0 && IsBlankLine(lines[r - 1])) dropped[r - 1] = true;
          }
          rejoined = true;
        }
      }
    }
  }
  std::vector<std::string> kept;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (!dropped[i]) kept.push_back(std::move(lines[i]));
  }
  return absl::StrJoin(kept, "\n");
}

}  // namespace rapporteur::ingest
