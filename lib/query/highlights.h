#ifndef RAPPORTEUR_LIB_QUERY_HIGHLIGHTS_H_
#define RAPPORTEUR_LIB_QUERY_HIGHLIGHTS_H_

#include "rapporteur/v1/query.pb.h"

namespace rapporteur::query {

// Sets hit->highlights from the `**` marks of hit->snippet(): the ranges of
// the marked words in the snippet as it reads without its marks, in UTF-8
// bytes, code points and UTF-16 code units (see TextRange), so that a
// client slices the same words whatever its strings count in.
void AddHighlights(v1::SearchHit* hit);

}  // namespace rapporteur::query

#endif  // RAPPORTEUR_LIB_QUERY_HIGHLIGHTS_H_
