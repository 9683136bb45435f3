#ifndef RAPPORTEUR_LIB_EXTRACTION_RECOMMENDATIONS_H_
#define RAPPORTEUR_LIB_EXTRACTION_RECOMMENDATIONS_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/extraction/extraction_context.h"
#include "lib/extraction/records.h"
#include "lib/extraction/report_text.h"

namespace rapporteur::ingest {

// The words that make a list a list of recommendations and name whom it
// addresses, from data/vocabularies/recommendation_cues.tsv. All phrases
// match without regard to ASCII case, at word boundaries.
struct RecommendationCues {
  // A lead-in holding one of these introduces recommendations on its own:
  // "recommends", "orientations", "considerations", "urges", "calls upon".
  std::vector<std::string> cues;
  // Generic nouns ("measures", "steps") that introduce recommendations only
  // with a word of obligation in the same lead-in (`modals`: "should", "is
  // invited", "must"): "the country should take the following measures",
  // but not "Japan has adopted the following measures".
  std::vector<std::string> weak_cues;
  std::vector<std::string> modals;
  // A lead-in holding one of these introduces something else, whatever
  // cue it also holds: "offers the following comments" on recommendations,
  // "the following voluntary commitments".
  std::vector<std::string> not_cues;
  // Collective addressees, phrase as written → addressee recorded:
  // {"donor community", "international community"}.
  std::vector<std::pair<std::string, std::string>> addressees;
};

// Parses the cue file: one cue a line, `kind<TAB>phrase[<TAB>value]`, kind
// one of cue, weak_cue, modal, not_cue, addressee (value required: the
// addressee recorded); blank lines and lines starting with '#' are skipped.
// INVALID_ARGUMENT naming the line for an unknown kind or a missing field.
absl::StatusOr<RecommendationCues> ParseRecommendationCues(
    absl::string_view tsv);

// Recommendations made in lists inside paragraphs, one record per item.
//
// A list is a run of items in a paragraph's text: bullets ("− ", "• "),
// lettered items "(a) ... (b) ..." or numbered items "1. To ...; 2. To
// ..." (numbers must run 1, 2, 3... and follow ".", ";" or ":"; lettered
// and numbered lists need two items; the last lettered item ends with its
// sentence). When a paragraph holds several kinds, the one starting first
// is taken. The list holds recommendations when the last sentence of its
// lead-in (the text before the first item) holds a cue, or a weak cue and
// a modal; so "Developments ... included:" or "notes these challenges:"
// lists are not recommendations.
//
// Addressee, first found of:
//  1. a country (context.country_code) or collective addressee named in that
//     lead-in sentence, the first in the sentence;
//  2. a country named by a heading the paragraph sits in, innermost first,
//     label and parenthesis dropped ("A. Mongolia (15-21 December 2007)");
//  3. the document's first country (a report about a country recommends to
//     it when it names no one else: "the country in question should ...");
// with a warning when none is known.
//
// Universal Periodic Review items end with the recommending States in
// brackets, sometimes per clause: "To sign (Egypt)/ratify (Algeria) ...
// (Algeria, Egypt);". Every bracket whose comma-separated parts are all
// countries gives `recommended_by` (ISO3, deduplicated, in order of
// appearance); brackets of anything else ("(No. 118)") are ignored. Items
// with recommending States are addressed to the document's first country
// (the State under review); in a list where some items have them, an item
// without gives a warning. Words after an item's last bracket of States
// (a PDF extraction may displace a word there) are dropped with a warning.
//
// `text` is the item's text, whitespace-normalized, without its marker and
// without a trailing ";", "; and", ",".
//
// A paragraph without a list may still recommend in prose, a sentence each
// (prose_recommendations.h: "CRC urged Slovenia to ban ..."): item k is its
// k-th such sentence, whole; the addressee is the first named in what it
// asks, else found as for a list; a State named as its subject (or, for
// "It recommended", the State the paragraph opens with) recommends it.
//
// When a Universal Periodic Review report lists recommendations with their
// States in its conclusions, the dialogue's points are dropped, except those
// the conclusions answer by reference ("the recommendations contained in
// paragraphs 44 (e), 54 (b) ... do not enjoy the support of"): each is a
// recommendation of the State speaking in its paragraph, with that answer.
std::vector<TextRecommendation> FindRecommendations(
    const ReportText& report, const ExtractionContext& context,
    const RecommendationCues& cues, std::vector<TextWarning>* warnings);

}  // namespace rapporteur::ingest

#endif  // RAPPORTEUR_LIB_EXTRACTION_RECOMMENDATIONS_H_
