#ifndef RAPPORTEUR_LIB_EXTRACTION_VISITS_H_
#define RAPPORTEUR_LIB_EXTRACTION_VISITS_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "lib/extraction/extraction_context.h"
#include "lib/extraction/records.h"
#include "lib/extraction/report_text.h"

namespace rapporteur::ingest {

// Country visits of the report's author: one record per visit, with its
// country and its first and last day.
//
// Sources, in order of preference:
//  - a sentence of a numbered or unnumbered paragraph where a visit word
//    ("visit", "visited", "mission") is followed by a country ("to Mongolia",
//    "visited Japan", or "the country" for the document's first country) and
//    a date or date range ("from 15 to 21 December 2007", "15-19 January
//    2008", "from 28 February to 3 March 2008", "on 5 May 2008");
//  - a section heading under a heading that speaks of visits or missions,
//    naming a country and dates ("A. Mongolia (15-21 December 2007)" under
//    "III. COUNTRY VISITS"); its record carries the number of the first
//    paragraph of that section.
// A visit stated by a heading and a paragraph (same country and dates) is
// recorded once, from the paragraph; the same visit repeated in paragraphs is
// recorded once, from the first.
//
// Not visits: a visit that was not made. When one of the five words before
// the visit word is a request, invitation, plan or modal ("invited to
// visit", "requested a visit", "Invite the Special Rapporteur to visit",
// "would visit"), or one of the ten after it is a request, postponement,
// cancellation or refusal ("visit request", "visit ... was postponed"), the
// mention is skipped, whatever its dates.
//
// A named country visited without dates gives a warning with the
// paragraph's line, unless that country has a dated visit in the document
// (then the mention is taken to refer to it). Years missing from a date are
// completed from context.document_date (the latest such date not after it).
std::vector<TextVisit> FindVisits(const ReportText& report,
                                  const ExtractionContext& context,
                                  std::vector<TextWarning>* warnings);

// --- Text helpers shared by the fact finders -------------------------------

// A date or range of days found in a text.
struct DateRange {
  std::string start;  // YYYY-MM-DD
  std::string end;    // YYYY-MM-DD; == start for a single date
  size_t begin = 0;   // byte range of the words stating it
  size_t end_pos = 0;
};

// The first date or date range in `text` at or after byte `from`: "22
// February 2007", "February 22, 2007", "15-21 December 2007", "from 15 to 21
// December 2007", "from 28 February to 3 March 2008", "between 2 and 4
// October 2007", "28 December 2007 to 3 January 2008". A date without a
// year takes the year of `document_date` (YYYY-MM-DD), or the year before
// when that would put it after the document; without `document_date` such a
// date is skipped. nullopt when there is none.
std::optional<DateRange> FindDateRange(absl::string_view text,
                                       absl::string_view document_date,
                                       size_t from = 0);

// The ISO3 code of a country named at byte `pos` of `text` ("Mongolia",
// "the Republic of Korea", "Democratic People’s Republic of Korea’s"): the
// longest run of capitalized words (joined by "of", "and", "the") starting
// there that context.country_code knows. Sets *end past the name. "" when
// none.
std::string CountryAt(absl::string_view text, size_t pos,
                      const ExtractionContext& context, size_t* end);

// Sentences of a paragraph's text, split after ".", "?" or "!" followed by a
// space and a capital letter, digit-free abbreviations notwithstanding
// ("No. 118" does not split). Views into `text`.
std::vector<absl::string_view> SplitSentences(absl::string_view text);

// Byte offset of `phrase` in `text` at or after `from`, matched without
// regard to ASCII case and only at word boundaries; npos when absent.
size_t FindPhrase(absl::string_view text, absl::string_view phrase,
                  size_t from = 0);

}  // namespace rapporteur::ingest

#endif  // RAPPORTEUR_LIB_EXTRACTION_VISITS_H_
