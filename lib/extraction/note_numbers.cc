#include "lib/extraction/note_numbers.h"

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "lib/extraction/page_lines.h"

namespace rapporteur::ingest {
namespace {

constexpr size_t kMaxNumberDigits = 4;
// A note number is a superscript: the words after it are this much larger.
constexpr double kSuperscriptRatio = 1.2;
// The gap between a note number and its first word, in that word's font
// size: a space or two, never a column's width.
constexpr double kMaxGapInFontSizes = 2.0;
constexpr int kLineStartWords = 3;

bool IsNumber(absl::string_view text) {
  return !text.empty() && text.size() <= kMaxNumberDigits &&
         std::all_of(text.begin(), text.end(), absl::ascii_isdigit);
}

std::optional<int> NumberLine(absl::string_view line) {
  line = absl::StripAsciiWhitespace(line);
  int n = 0;
  if (!IsNumber(line) || !absl::SimpleAtoi(line, &n) || n < 1) {
    return std::nullopt;
  }
  return n;
}

double Right(const PageWord& w) { return w.x + w.width; }

// The nearest word right of `number` on its line, or null.
const PageWord* Follower(absl::Span<const PageWord> words,
                         const PageWord& number) {
  const PageWord* best = nullptr;
  for (const PageWord& w : words) {
    if (&w == &number || w.x < Right(number) - 0.5 || !OnSameLine(number, w)) {
      continue;
    }
    if (best == nullptr || w.x < best->x) best = &w;
  }
  return best;
}

bool HasWordToTheLeft(absl::Span<const PageWord> words, const PageWord& number,
                      const PageWord& follower) {
  return std::any_of(words.begin(), words.end(), [&](const PageWord& w) {
    return &w != &number && Right(w) <= number.x + 0.5 &&
           OnSameLine(follower, w);
  });
}

// The first words of the line `follower` opens, joined by one space.
std::string LineStart(absl::Span<const PageWord> words,
                      const PageWord& follower) {
  std::vector<const PageWord*> line;
  for (const PageWord& w : words) {
    if (w.x >= follower.x && OnSameLine(follower, w)) line.push_back(&w);
  }
  std::sort(line.begin(), line.end(),
            [](const PageWord* a, const PageWord* b) { return a->x < b->x; });
  if (line.size() > kLineStartWords) line.resize(kLineStartWords);
  return absl::StrJoin(line, " ", [](std::string* out, const PageWord* w) {
    out->append(w->text);
  });
}

bool StartsWithWords(absl::string_view line, absl::string_view words) {
  return absl::StartsWith(NormalizedLine(line), words);
}

bool HasLetter(absl::string_view line) {
  // Bytes above ASCII belong to letters of other scripts as often as not.
  return std::any_of(line.begin(), line.end(), [](char c) {
    return absl::ascii_isalpha(c) || static_cast<unsigned char>(c) >= 0x80;
  });
}

// Whether line k opens note `number`: "N" alone before its words, or "N"
// and its words on one line.
bool OpensNote(const std::vector<std::string>& lines, size_t k,
               absl::string_view number, absl::string_view words) {
  const absl::string_view line = absl::StripAsciiWhitespace(lines[k]);
  if (line == number) {
    const size_t next = NextNonBlank(lines, k);
    return next != std::string::npos && StartsWithWords(lines[next], words);
  }
  return StartsWithWords(line, absl::StrCat(number, " ", words));
}

// Whether line k holds note n's number, alone or before its text.
bool HoldsNoteNumber(absl::string_view line, int n) {
  const std::string number = std::to_string(n);
  line = absl::StripAsciiWhitespace(line);
  return line == number || absl::StartsWith(line, absl::StrCat(number, " "));
}

}  // namespace

std::vector<PlacedNoteNumber> FindPlacedNoteNumbers(
    absl::Span<const PageWord> words) {
  std::vector<PlacedNoteNumber> numbers;
  for (const PageWord& w : words) {
    if (!IsNumber(w.text) || w.font_size <= 0) continue;
    const PageWord* follower = Follower(words, w);
    if (follower == nullptr ||
        follower->font_size < kSuperscriptRatio * w.font_size ||
        follower->x - Right(w) > kMaxGapInFontSizes * follower->font_size ||
        HasWordToTheLeft(words, w, *follower)) {
      continue;
    }
    numbers.push_back({w.text, LineStart(words, *follower)});
  }
  return numbers;
}

bool MayHaveDisplacedNoteNumbers(absl::string_view page_text) {
  const std::vector<std::string> lines = absl::StrSplit(page_text, '\n');
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::optional<int> n = NumberLine(lines[i]);
    if (!n) continue;
    const size_t next = NextNonBlank(lines, i);
    if (next != std::string::npos && HasLetter(lines[next])) continue;
    for (size_t k = 0; k < lines.size(); ++k) {
      if (k != i && (HoldsNoteNumber(lines[k], *n - 1) ||
                     HoldsNoteNumber(lines[k], *n + 1))) {
        return true;
      }
    }
  }
  return false;
}

std::string RestoreDisplacedNoteNumbers(
    absl::string_view page_text, absl::Span<const PlacedNoteNumber> numbers) {
  std::vector<std::string> lines = absl::StrSplit(page_text, '\n');
  for (const PlacedNoteNumber& placed : numbers) {
    if (placed.line_start.empty()) continue;
    size_t displaced = std::string::npos;
    bool in_place = false;
    for (size_t k = 0; k < lines.size() && !in_place; ++k) {
      in_place = OpensNote(lines, k, placed.number, placed.line_start);
      if (absl::StripAsciiWhitespace(lines[k]) == placed.number) {
        displaced = k;  // the last one: reading order puts it at the end
      }
    }
    if (in_place || displaced == std::string::npos) continue;

    // The note's first line: its words, after no number of its own.
    int n = 0;
    if (!absl::SimpleAtoi(placed.number, &n)) continue;
    size_t target = std::string::npos;
    bool after_previous_note = false;
    for (size_t k = 0; k < lines.size(); ++k) {
      if (HoldsNoteNumber(lines[k], n - 1)) after_previous_note = true;
      if (k == displaced || !StartsWithWords(lines[k], placed.line_start)) {
        continue;
      }
      const size_t previous = PreviousNonBlank(lines, k);
      if (previous != std::string::npos && NumberLine(lines[previous])) {
        continue;
      }
      if (target == std::string::npos || after_previous_note) target = k;
      if (after_previous_note) break;
    }
    if (target == std::string::npos) continue;

    std::string number_line = std::move(lines[displaced]);
    lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(displaced));
    if (displaced < target) --target;
    lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(target),
                 std::move(number_line));
  }
  return absl::StrJoin(lines, "\n");
}

}  // namespace rapporteur::ingest
