#ifndef RAPPORTEUR_LIB_EXTRACTION_SCATTERED_WORDS_H_
#define RAPPORTEUR_LIB_EXTRACTION_SCATTERED_WORDS_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "lib/extraction/page_words.h"

namespace rapporteur::ingest {

// Whether reading order may have scattered the words of a printed line on
// this page: it holds a line of one word in lower case, set apart by blank
// lines. Cheap; it decides whether the page's word boxes are worth reading.
bool MayHaveScatteredWords(absl::string_view page_text);

// A line justified so widely that reading order takes its gaps for column
// breaks comes out as its first words on their line, and each later word on
// a line of its own, set apart by blank lines, further down the page:
//
//   108.57 Redouble its efforts to protect children,
//   strengthening their legal protection (Luxembourg);
//
//   in
//
//   particular
//
// For each printed line (page_words.h) whose first words (two or more) make
// a line of the text and whose other words (one in lower case at least, as
// prose has) make, in order, a run of such lone-word lines after it, puts those
// words back at the end of that line and drops the lone lines with the blank
// line before each. Lines are never added, and the text is unchanged when no
// printed line fits.
std::string RejoinScatteredWords(
    absl::string_view page_text,
    absl::Span<const std::vector<const PageWord*>> printed_lines);

}  // namespace rapporteur::ingest

#endif  // RAPPORTEUR_LIB_EXTRACTION_SCATTERED_WORDS_H_
