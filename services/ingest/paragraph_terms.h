#ifndef RAPPORTEUR_SERVICES_INGEST_PARAGRAPH_TERMS_H_
#define RAPPORTEUR_SERVICES_INGEST_PARAGRAPH_TERMS_H_

#include "absl/strings/string_view.h"

#include "rapporteur/v1/storage.pb.h"

namespace rapporteur::ingest {

// The index terms of a paragraph's text, each with its positions, in order
// of first occurrence; `length` counts the indexed tokens.
v1::ParagraphTerms TermsOf(absl::string_view text);

}  // namespace rapporteur::ingest

#endif  // RAPPORTEUR_SERVICES_INGEST_PARAGRAPH_TERMS_H_
