#ifndef RAPPORTEUR_SERVICES_INGEST_DOCUMENT_BUILDER_H_
#define RAPPORTEUR_SERVICES_INGEST_DOCUMENT_BUILDER_H_

#include <string>

#include "rapporteur/v1/document.pb.h"
#include "rapporteur/v1/ingest.pb.h"
#include "services/ingest/report_text.h"

namespace rapporteur::ingest {

// The id of the document a source makes: from its symbol, else "doc-" and
// the first 16 hex digits of the content's SHA-256.
std::string DocumentIdOf(const v1::DocumentSource& source,
                         const std::string& content_sha256);

// Lower-case hex SHA-256 of `bytes`.
std::string Sha256Hex(const std::string& bytes);

// The Document of a checked source and the text parsed from it: metadata
// from the source, sections, paragraphs with names and citations,
// footnotes and warnings.
v1::Document BuildDocument(const v1::DocumentSource& source,
                           const ReportText& text);

}  // namespace rapporteur::ingest

#endif  // RAPPORTEUR_SERVICES_INGEST_DOCUMENT_BUILDER_H_
