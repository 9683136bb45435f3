#ifndef RAPPORTEUR_LIB_EXTRACTION_NOTE_NUMBERS_H_
#define RAPPORTEUR_LIB_EXTRACTION_NOTE_NUMBERS_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "lib/extraction/page_words.h"

namespace rapporteur::ingest {

// A note number as the page places it: set smaller than the words after it,
// first on its line, and the first words of that line.
struct PlacedNoteNumber {
  std::string number;
  std::string line_start;  // up to three words, separated by one space
};

// The note numbers of a page: numbers of one to four digits that open their
// line, followed on it by words set in a font at least 1.2 times larger (a
// note number is a superscript beside its note's text).
std::vector<PlacedNoteNumber> FindPlacedNoteNumbers(
    absl::Span<const PageWord> words);

// Whether reading order may have moved a note number away from its note on
// this page: a line holding only a number N, with no letter on the next
// non-blank line (or none), and note N-1 or N+1 on the page. Cheap; it
// decides whether FindPlacedNoteNumbers is worth the page's word boxes.
bool MayHaveDisplacedNoteNumbers(absl::string_view page_text);

// Reading order puts a superscript that does not share a text line with its
// note's words at the end of the page, so a note's number appears there,
// alone, and its text runs on from the previous note's. For each placed note
// number whose number line is not followed by its line's words, moves that
// number line to just before the note's first line: the line that starts
// with its words and follows no number of its own (after note N-1 when the
// words are not unique). Lines are moved, never added or dropped; the text
// is unchanged when every number is in place.
std::string RestoreDisplacedNoteNumbers(
    absl::string_view page_text, absl::Span<const PlacedNoteNumber> numbers);

}  // namespace rapporteur::ingest

#endif  // RAPPORTEUR_LIB_EXTRACTION_NOTE_NUMBERS_H_
