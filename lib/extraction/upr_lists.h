#ifndef RAPPORTEUR_LIB_EXTRACTION_UPR_LISTS_H_
#define RAPPORTEUR_LIB_EXTRACTION_UPR_LISTS_H_

// The shapes of the recommendation lists of Universal Periodic Review
// Working Group reports, apart from the generic list finder
// (recommendations.h) so that each layout rule is stated once:
//   - items numbered under their paragraph, "90.1. Ratify ...", "131.1 Ratify"
//     (the period after the item number is sometimes missing), one a line or
//     a whole list inline in one block;
//   - the response of the State under review, said by the paragraph that
//     introduces each list ("enjoy the support of", "will be examined by",
//     "did not enjoy the support of", "noted") or by one after the list
//     ("The response of X to these recommendations will be included in the
//     outcome report");
//   - the recommending States in brackets, official names with their own
//     parentheses ("(Bolivia (Plurinational State of), Chile)"), several per
//     bracket separated by commas, semicolons or "and".

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "lib/extraction/records.h"

namespace rapporteur::ingest {

// One item of a list: its text runs over [begin, end) of the paragraph text
// (after the marker); `number` is the item's own number (1 for "90.1.").
struct UprItem {
  size_t marker = 0;  // start of the marker
  size_t begin = 0;
  size_t end = 0;
  int number = 0;
};

// A list of items numbered under paragraph `paragraph`, whose lead-in
// (the text introducing it) runs over [lead_begin, items[0].marker).
struct UprList {
  int paragraph = 0;
  size_t lead_begin = 0;
  std::vector<UprItem> items;
};

// The lists "P.1 ...", "P.2 ..." of a paragraph's text. P is `paragraph`
// for the first list when the text holds "P.1"; else the number N of the
// first "N.1" marker (a paragraph whose number the text parser could not
// read keeps its items). After a list, another list "M.1 ..." with M not
// P starts a further one (two paragraphs the text parser joined: the last
// item ends at the "M. " opening the next lead-in). A marker starts a
// word, is "P.k" or "P.k." followed by a space; the first item's text
// starts with a capital, a quotation mark or a bracket (a stray page
// number between is skipped), later items with anything, as their numbers
// run 1, 2, 3... without gaps: a list stops at the first number not found
// after its previous item. One item is enough (a list of one rejected
// recommendation). No list when the text has no "N.1" marker.
std::vector<UprList> FindUprLists(absl::string_view text, int paragraph);

// The response a lead-in (the text introducing a list, or a paragraph
// following it) states; kUnspecified when it states none. Checked in this
// order, case-insensitively: a refusal ("did not enjoy the support", "do
// not enjoy", "not accepted", "rejected"), a note ("noted", "take note"),
// implementation under way ("already implemented or in the process of
// implementation": support), a later answer ("will be examined", "will provide
// responses", "response
// ... will be included", "will consider"), support ("enjoy the support",
// "enjoyed the support", "accepted", "agreed on the following", "supports").
RecommendationResponse ResponseOfLeadIn(absl::string_view lead);

// A lettered point of a paragraph: "44 (e)" is paragraph 44, point 5.
struct PointReference {
  int paragraph = 0;
  int point = 0;  // (a) is 1
  bool operator==(const PointReference&) const = default;
};

// The points a text refers to after "paragraph" or "paragraphs": "the
// recommendations contained in paragraphs 44 (e), 54 (b), 79 (c) and 27 (c)
// and (d) do not enjoy the support of Saudi Arabia", as 2009 reports answer
// the dialogue's recommendations by where they stand. A number without a
// lettered point ends the run ("paragraph 35 above"); none when the text
// has no such run.
std::vector<PointReference> PointsReferenced(absl::string_view text);

// Whether `text` says that the State's responses come later ("The response
// of X to these recommendations will be included in the outcome report").
bool AnnouncesLaterResponse(absl::string_view text);

// `item` without the notes that quote a recommendation as first worded,
// which a PDF's reading order can put inside the list: "The recommendation
// as read during the interactive dialogue: “...” (Uruguay)." up to and
// including the bracket and period closing the quotation. Their State is
// not a recommending State of the item.
std::string WithoutQuotedNotes(absl::string_view item);

// The ISO3 codes of a bracket's inside when every part of it names a
// country; none otherwise ("No. 118", "Social Security"). Parts are
// separated by commas and semicolons outside parentheses and by " and "
// when the whole part is not a country's name ("Bosnia and Herzegovina").
// A leading "and " and "the " are dropped.
std::vector<std::string> BracketStates(
    absl::string_view inside,
    const std::function<std::string(absl::string_view)>& country_code);

// The recommending States of an item: every bracket naming only countries,
// brackets nested as official names nest them ("(Bolivia (Plurinational
// State of))"), ISO3 codes deduplicated in order of appearance. Sets
// *last_end past the last such bracket (0 when none).
std::vector<std::string> RecommendingStatesOf(
    absl::string_view item,
    const std::function<std::string(absl::string_view)>& country_code,
    size_t* last_end);

}  // namespace rapporteur::ingest

#endif  // RAPPORTEUR_LIB_EXTRACTION_UPR_LISTS_H_
