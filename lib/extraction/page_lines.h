#ifndef RAPPORTEUR_LIB_EXTRACTION_PAGE_LINES_H_
#define RAPPORTEUR_LIB_EXTRACTION_PAGE_LINES_H_

// The lines of a page's reading-order text, as the reading-order repairs
// (note_numbers.h, scattered_words.h) walk them.

#include <cstddef>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace rapporteur::ingest {

// Whether the line holds only whitespace.
bool IsBlankLine(absl::string_view line);

// The line with runs of spaces and tabs made one, without leading or
// trailing ones.
std::string NormalizedLine(absl::string_view line);

// Index of the next (after i) or previous (before i) non-blank line, or npos.
size_t NextNonBlank(const std::vector<std::string>& lines, size_t i);
size_t PreviousNonBlank(const std::vector<std::string>& lines, size_t i);

}  // namespace rapporteur::ingest

#endif  // RAPPORTEUR_LIB_EXTRACTION_PAGE_LINES_H_
