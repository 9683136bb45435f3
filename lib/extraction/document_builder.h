#ifndef RAPPORTEUR_LIB_EXTRACTION_DOCUMENT_BUILDER_H_
#define RAPPORTEUR_LIB_EXTRACTION_DOCUMENT_BUILDER_H_

#include <string>

#include "lib/extraction/annotator.h"
#include "lib/extraction/report_text.h"
#include "rapporteur/v1/document.pb.h"
#include "rapporteur/v1/ingest.pb.h"

namespace rapporteur::ingest {

// The id of the document a source makes: from its symbol, else "doc-" and
// the first 16 hex digits of the content's SHA-256.
std::string DocumentIdOf(const v1::DocumentSource& source,
                         const std::string& content_sha256);

// Lower-case hex SHA-256 of `bytes`.
std::string Sha256Hex(const std::string& bytes);

// The Document of a checked source, the text parsed from it and the facts
// found in it: metadata from the source, sections, paragraphs with names,
// citations, themes and entities, footnotes with what they cite, the
// records (references, recommendations, communications, visits, figures,
// entities), each named and cited, and every warning.
v1::Document BuildDocument(const v1::DocumentSource& source,
                           const ReportText& text,
                           const Annotations& annotations);

}  // namespace rapporteur::ingest

#endif  // RAPPORTEUR_LIB_EXTRACTION_DOCUMENT_BUILDER_H_
