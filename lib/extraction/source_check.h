#ifndef RAPPORTEUR_LIB_EXTRACTION_SOURCE_CHECK_H_
#define RAPPORTEUR_LIB_EXTRACTION_SOURCE_CHECK_H_

#include "absl/status/status.h"
#include "rapporteur/v1/ingest.pb.h"

namespace rapporteur::ingest {

// Limits on what one request may carry.
struct SourceLimits {
  // Largest document accepted, in bytes. The gRPC message limit is the outer
  // bound; this one names the field in its error.
  size_t max_content_bytes = 48 << 20;
};

// Checks a document source before any work is done on it. Returns
// INVALID_ARGUMENT naming the field and, for text, the line and column of
// the fault: empty content, text that is not UTF-8 or holds a NUL, a media
// type other than text/plain or application/pdf, a date not YYYY-MM-DD, a
// country not among the ISO 3166 alpha-3 codes, a language that is no
// language tag, a symbol without letters or digits, a control character in
// the symbol or title. Values quoted in an error are cut to 64 bytes.
// RESOURCE_EXHAUSTED when too large.
absl::Status CheckSource(const v1::DocumentSource& source,
                         const SourceLimits& limits = {});

// Whether the source is a PDF: so typed, or untyped with a PDF header.
bool IsPdfSource(const v1::DocumentSource& source);

}  // namespace rapporteur::ingest

#endif  // RAPPORTEUR_LIB_EXTRACTION_SOURCE_CHECK_H_
