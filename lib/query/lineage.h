#ifndef RAPPORTEUR_LIB_QUERY_LINEAGE_H_
#define RAPPORTEUR_LIB_QUERY_LINEAGE_H_

// The history of a recommendation: the earlier recommendations made to the
// same State that ask for the same thing ("Ratify the Optional Protocol to
// the Convention against Torture" in 2008 and again in 2012). No index
// links them; they are found by comparing the words of the texts.

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "rapporteur/v1/document.pb.h"

namespace rapporteur::query {

// The words a comparison looks at: ASCII letters lower-cased, words of
// fewer than four letters and common function words dropped, each cut to
// its first five letters (so "ratify", "ratifying" and "ratification"
// agree), without the contents of brackets (the recommending States,
// acronyms) and without duplicates, sorted.
std::vector<std::string> LineageWords(absl::string_view text);

// Dice coefficient of two sorted word sets: 2|A∩B| / (|A|+|B|), 0 when
// both are empty.
double LineageSimilarity(const std::vector<std::string>& a,
                         const std::vector<std::string>& b);

// An earlier recommendation that may be linked.
struct LineageCandidate {
  v1::Recommendation recommendation;
  int year = 0;  // of its document
};

struct LineageOptions {
  // Lower: more links, more of them asking for something else. 0.5 links
  // "Ratify OP-CAT"-like items reworded between cycles and keeps apart two
  // items sharing only "continue its efforts".
  double min_similarity = 0.5;
  // Links kept per recommendation, best first.
  int max_links = 3;
};

// The links of `current` (from a document of `year`) to the candidates
// addressed to the same addressee (case-insensitive) in an earlier year,
// at least options.min_similarity alike, most similar first (then the
// latest first), at most options.max_links.
std::vector<v1::RecommendationLink> LinkLineage(
    const v1::Recommendation& current, int year,
    const std::vector<LineageCandidate>& earlier,
    const LineageOptions& options = {});

}  // namespace rapporteur::query

#endif  // RAPPORTEUR_LIB_QUERY_LINEAGE_H_
