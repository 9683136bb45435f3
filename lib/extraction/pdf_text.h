#ifndef RAPPORTEUR_LIB_EXTRACTION_PDF_TEXT_H_
#define RAPPORTEUR_LIB_EXTRACTION_PDF_TEXT_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace rapporteur::ingest {

// The text of a PDF as ParseReportText expects it: each page's lines in
// reading order, each page followed by a form feed ('\f'), so the number of
// form feeds is the number of pages. This is the text `pdftotext -enc UTF-8`
// (default "reading order" mode, not -raw, not -layout) writes with the same
// poppler, byte for byte, with five clean-ups that make words searchable and
// are no-ops on text that needs none:
//   - ligature characters (U+FB00..U+FB06, "ﬁ") become their letters ("fi");
//   - no-break spaces (U+00A0, U+2007, U+202F) become plain spaces (poppler
//     already makes one between words a word gap; this catches the rest);
//   - a soft hyphen (U+00AD) at a line end becomes '-', so that
//     ParseReportText rejoins the word; elsewhere it is dropped;
//   - control characters other than tab, newline and form feed are dropped,
//     and bytes that are not UTF-8 become U+FFFD;
//   - where the page's word boxes show reading order went wrong, it is
//     mended: the words of a widely justified line that it scattered down
//     the page go back to their line (scattered_words.h), and a note number
//     it left at the end of the page goes back before its note's text
//     (note_numbers.h).
//
// Returns INVALID_ARGUMENT ("source.content is not a readable PDF: ...") for
// bytes without a PDF header, a file cut short (no "%%EOF" in its last 1024
// bytes, as Acrobat requires), a file poppler cannot parse, one locked by a
// password, one with no pages, or one with no text layer (a scan). A PDF
// encrypted only against editing or copying, which opens without a password,
// is read. Never crashes on hostile input as far as poppler does not; poppler's
// diagnostics are kept off stderr (the first one is quoted in the error).
//
// Thread-safe: calls on different inputs may run concurrently.
absl::StatusOr<std::string> PdfToText(absl::string_view pdf_bytes);

// Whether `bytes` look like a PDF: "%PDF-" starting within the first 1024
// bytes, as readers tolerate junk before the header.
bool LooksLikePdf(absl::string_view bytes);

}  // namespace rapporteur::ingest

#endif  // RAPPORTEUR_LIB_EXTRACTION_PDF_TEXT_H_
