#ifndef RAPPORTEUR_LIB_EXTRACTION_PROSE_RECOMMENDATIONS_H_
#define RAPPORTEUR_LIB_EXTRACTION_PROSE_RECOMMENDATIONS_H_

#include <vector>

#include "absl/strings/string_view.h"

namespace rapporteur::ingest {

// A sentence of a paragraph that is a recommendation although no list holds
// it: "The Special Rapporteur recommends that the Government ...", "In 2006,
// CoE-ECRI strongly recommended that Slovenia introduce ...", "SRI
// recommended improving mental health services ...", "CRC urged Slovenia to
// ban ...".
struct ProseRecommendation {
  absl::string_view sentence;  // the whole sentence, a view into the text
  absl::string_view subject;   // who recommends: the words before the verb
  absl::string_view request;   // what is asked: the words after the verb
};

// The sentences of `text` that recommend. A sentence recommends when a
// named subject (a capitalized word, "I" or "We") is followed by one of
// "recommends", "recommended", "urges", "urged", "calls upon", "called on",
// "encourages", "encouraged" (an adverb such as "also" or "strongly" may
// stand between), itself followed by what is asked in one of the shapes a
// recommendation takes: "that <someone> <do>", "<someone> to <do>" (within
// eight words) or "<doing>". Not: the passive or reported forms ("as
// recommended by", "was urged", "had been called upon"), questions, and
// sentences about recommendations rather than making one ("recommended
// measures were taken", "the recommendations of").
std::vector<ProseRecommendation> FindProseRecommendations(
    absl::string_view text);

}  // namespace rapporteur::ingest

#endif  // RAPPORTEUR_LIB_EXTRACTION_PROSE_RECOMMENDATIONS_H_
