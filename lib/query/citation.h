#ifndef RAPPORTEUR_LIB_QUERY_CITATION_H_
#define RAPPORTEUR_LIB_QUERY_CITATION_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace rapporteur::query {

// The paragraph name a citation points at: "A/HRC/7/20, para. 16",
// "A/HRC/7/20 para 16" and "A/HRC/7/20, paragraph 16" all give
// documents/a-hrc-7-20/paragraphs/16. INVALID_ARGUMENT saying what form is
// expected otherwise.
absl::StatusOr<std::string> ParagraphNameOfCitation(absl::string_view citation);

}  // namespace rapporteur::query

#endif  // RAPPORTEUR_LIB_QUERY_CITATION_H_
