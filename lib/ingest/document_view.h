#ifndef RAPPORTEUR_LIB_INGEST_DOCUMENT_VIEW_H_
#define RAPPORTEUR_LIB_INGEST_DOCUMENT_VIEW_H_

#include "rapporteur/v1/document.pb.h"

namespace rapporteur::ingest {

// Trims `document` to `view` (AIP-157): BASIC (and UNSPECIFIED) keep the
// metadata, the counts and the warnings, and drop the text and the
// extracted records, which are about 1.5 times the source; FULL keeps all.
void ApplyDocumentView(v1::DocumentView view, v1::Document& document);

}  // namespace rapporteur::ingest

#endif  // RAPPORTEUR_LIB_INGEST_DOCUMENT_VIEW_H_
