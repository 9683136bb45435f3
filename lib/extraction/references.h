#ifndef RAPPORTEUR_LIB_EXTRACTION_REFERENCES_H_
#define RAPPORTEUR_LIB_EXTRACTION_REFERENCES_H_

// Citations of other UN documents, resolutions and decisions, and the links
// between footnotes ("Ibid.", "see note 9 above").

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "lib/extraction/records.h"
#include "lib/extraction/report_text.h"

namespace rapporteur::ingest {

// UN document symbols in `text`, in order of first appearance, deduplicated.
//
// A symbol is a whitespace-delimited token of at least three "/"-separated
// parts: an upper-case series ("A", "E", "CRC", "WFP"), then parts of
// upper-case letters, digits, "." and "-" ("HRC", "WG.6", "CN.4", "5-F",
// "3-4") or a capitalized suffix with its number ("Add.1", "Corr.1",
// "Rev.1"), at least one part holding a digit. Surrounding brackets, quotes
// and trailing punctuation are dropped. "S/RES/1718 (2006)" keeps its year.
// Text glued after a number ("CO/3para.") ends the symbol there. Not
// symbols: dates ("15/12/2007"), "and/or", "N/A", URLs and their wrapped
// pieces (any part in mixed case, with "_" or "%", or a lower-case first
// part).
std::vector<std::string> FindSymbols(absl::string_view text);

// Every UN document symbol (kind kDocument, as FindSymbols) and every
// resolution or decision (kResolution, kDecision) cited in the paragraphs
// and notes of `text`, one entry per symbol, in order of first citation.
//
// Resolutions and decisions are the number after "resolution(s)" or
// "decision(s)" (any case, optionally in brackets), normalized as written
// without the word: "62/167", "2004/13", "1/102", and for Security Council
// style "1718 (2006)". Lists are followed: "resolutions 5/1 and 16/21",
// "5/1, 6/2 and 7/3". A bare number without "/" or a year ("resolution 5")
// is not taken.
//
// Reading order: each paragraph's text, then the notes it calls (in callout
// order, each note once), then notes no paragraph calls, by number.
// `paragraphs` lists each citing paragraph number once (0: unnumbered text),
// `footnotes` each citing note once.
std::vector<TextReference> FindReferences(const ReportText& text);

// For each footnote of `text` (same order): the symbols it names (documents,
// resolutions and decisions, as FindReferences normalizes them, in order,
// deduplicated) and `same_as`:
//  - a note starting "Ibid." (or "See ibid.") repeats the previous note;
//  - "note N above" / "footnote N above", anywhere in the note, repeats
//    note N (only when N is lower than the note's own number).
// `same_as` names the note that holds the citation itself: when the
// repeated note is itself a repeat, its `same_as` is followed, so a chain of
// "Ibid." all point to the first note. 0 when the note repeats none.
std::vector<FootnoteLinks> LinkFootnotes(const ReportText& text);

}  // namespace rapporteur::ingest

#endif  // RAPPORTEUR_LIB_EXTRACTION_REFERENCES_H_
