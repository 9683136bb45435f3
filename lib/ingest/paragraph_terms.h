#ifndef RAPPORTEUR_LIB_INGEST_PARAGRAPH_TERMS_H_
#define RAPPORTEUR_LIB_INGEST_PARAGRAPH_TERMS_H_

#include <cstddef>

#include "absl/strings/string_view.h"
#include "rapporteur/internal/v1/shard.pb.h"

namespace rapporteur::ingest {

// Longest term indexed, in bytes; storage refuses longer ones (256).
inline constexpr size_t kMaxIndexedTermBytes = 128;

// The index terms of a paragraph's text, each with its positions, in order
// of first occurrence; `length` counts the indexed tokens. `language` is the
// document's (Document.language, a BCP 47 tag): it chooses the stemmer and
// stop words (see analysis::Analyze). Tokens longer than
// kMaxIndexedTermBytes are left out.
internal::v1::ParagraphTerms TermsOf(absl::string_view text,
                                     absl::string_view language = "en");

}  // namespace rapporteur::ingest

#endif  // RAPPORTEUR_LIB_INGEST_PARAGRAPH_TERMS_H_
