#ifndef RAPPORTEUR_LIB_EXTRACTION_FIGURES_H_
#define RAPPORTEUR_LIB_EXTRACTION_FIGURES_H_

// Quantities stated in report paragraphs: amounts with a unit, what they
// count, and when.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/extraction/records.h"
#include "lib/extraction/report_text.h"

namespace rapporteur::ingest {

// One way a unit is written.
struct UnitPhrase {
  std::string unit;    // "USD", "tonne", "person"
  std::string phrase;  // as written: "metric tons", "$", "population of"
  bool count = false;  // the phrase names what is counted ("people")
};

// The unit vocabulary, parsed from data/vocabularies/units.tsv. Phrases are
// sorted longest first so that "metric tons" wins over "tons".
struct UnitTable {
  std::vector<UnitPhrase> after;   // written after the number
  std::vector<UnitPhrase> before;  // written before the number
};

// Parses units.tsv (format described in the file: unit, phrases after the
// number, optional phrases before it, optional flag "count"; "#" comments
// and blank lines skipped). INVALID_ARGUMENT naming the line for a row
// without unit or phrases, or with an unknown flag.
absl::StatusOr<UnitTable> ParseUnits(absl::string_view tsv);

// The figures of the paragraphs of `text`, in document order.
//
// A figure is a number written in digits ("890,000", "1.28", "$914"),
// optionally scaled ("million", "billion", "thousand", "trillion"; "a
// million" counts as 1 million), with a unit from `units` written right
// after it (one descriptive word may sit before a "count" unit: "1 million
// armed personnel") or before it ("$", "a population of some"). Numbers
// in words ("two to three and a half million Korean won") are not read.
//
// Not figures: a number with no unit; a bare year (an integer 1800-2100
// without currency sign or scale); a number glued to "/", "-" or a letter
// (dates, symbols, "100-day"); a number after "para.", "p.", "No.",
// "art.", "resolution", "note" and the like.
//
// A range "1,500 to 2,500 trafficked women" (" to ", " and ", " or ")
// gives two figures, one per bound, sharing the unit, subject, period and
// source_text (the whole range); the bound without a scale takes the
// other's ("1.5 to 2 million").
//
// `value` is normalized (1.9 million is 1900000). `source_text` is the text
// from the currency sign or number to the end of the unit words, as
// written. `period` is the year or year range ("2005-2006", en dash
// normalized to "-") nearest to the figure in the same sentence, a year
// after the figure winning a tie; "" when the sentence has none.
//
// `subject`, by the first rule that gives one:
//  1. for a "count" unit, the words from after the number to the end of the
//     unit ("armed personnel", "people");
//  2. for a unit written before the number, that phrase without its
//     function words ("population");
//  3. the words after "<unit> of" up to punctuation or a function word
//     ("37 per cent of young children were" -> "young children");
//  4. the noun phrase before the number: walking back over hedges
//     ("some", "over"), function words, verb forms ending in -ed or -ing and
//     other numbers, then taking up to six words back to a function word or
//     punctuation ("a food shortfall (cereals) of some 890,000" -> "food
//     shortfall (cereals)");
//  5. the subject of the previous figure of the same sentence with the same
//     unit ("..., and over 1 million metric tons").
std::vector<TextFigure> FindFigures(const ReportText& text,
                                    const UnitTable& units);

}  // namespace rapporteur::ingest

#endif  // RAPPORTEUR_LIB_EXTRACTION_FIGURES_H_
