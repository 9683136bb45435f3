#ifndef RAPPORTEUR_SERVICES_ANALYSIS_ANALYZER_H_
#define RAPPORTEUR_SERVICES_ANALYSIS_ANALYZER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include "absl/strings/string_view.h"
#include <vector>

namespace rapporteur::analysis {

// One index term cut from a text.
struct Token {
  // The analyzed term: NFKC case-folded, stemmed.
  std::string term;
  // Position among the words of the text, from 0. Stop words are dropped but
  // keep their positions, so phrase distances stay true.
  uint32_t position = 0;
  // Byte range of the word in the source text, for highlighting.
  size_t begin = 0;
  size_t end = 0;
};

// Turns text into index terms. The same analysis runs on documents at
// ingest and on queries, so both meet on the same terms:
//  - words are runs of letters, marks and digits (Unicode categories L, M,
//    N); digit groups such as "890,000" and "15.6" stay one word;
//  - a possessive "'s" / "’s" is dropped with its apostrophe;
//  - each word is NFKC-normalized and case-folded (utf8proc);
//  - English stop words are dropped (positions kept);
//  - words are stemmed by the Snowball English stemmer (libstemmer), so
//    "abductions" meets "abducted".
// Thread-safe: each thread keeps its own stemmer.
std::vector<Token> Analyze(absl::string_view text);

// The terms of `text` without positions or offsets.
std::vector<std::string> AnalyzeTerms(absl::string_view text);

// Whether a code point belongs in a word: a letter, mark or digit
// (Unicode categories L, M, N). -1 (an invalid byte) is not.
bool IsWordCodePoint(int32_t cp);

// Whether `text` is well-formed UTF-8. On failure, *error_offset (when not
// null) is the byte offset of the first bad sequence.
bool IsValidUtf8(absl::string_view text, size_t* error_offset = nullptr);

}  // namespace rapporteur::analysis

#endif  // RAPPORTEUR_SERVICES_ANALYSIS_ANALYZER_H_
