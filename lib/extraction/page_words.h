#ifndef RAPPORTEUR_LIB_EXTRACTION_PAGE_WORDS_H_
#define RAPPORTEUR_LIB_EXTRACTION_PAGE_WORDS_H_

// What a PDF page knows beyond its reading-order text: where each word is
// drawn and in what size. The reading-order repairs (note_numbers.h,
// scattered_words.h) consult it where the text alone cannot tell.

#include <string>
#include <vector>

#include "absl/types/span.h"

namespace rapporteur::ingest {

// A word as a PDF page draws it: its text, its box (points, y down from the
// top of the page) and the size of its font.
struct PageWord {
  std::string text;
  double x = 0;
  double y = 0;
  double width = 0;
  double height = 0;
  double font_size = 0;
};

// Whether two words share a printed line: their boxes overlap vertically by
// at least half the smaller one's height (a superscript beside its line
// does).
bool OnSameLine(const PageWord& a, const PageWord& b);

// The page's printed lines, top to bottom, each a run of words left to
// right: words join the line of the first word they share a line with.
std::vector<std::vector<const PageWord*>> PrintedLines(
    absl::Span<const PageWord> words);

}  // namespace rapporteur::ingest

#endif  // RAPPORTEUR_LIB_EXTRACTION_PAGE_WORDS_H_
