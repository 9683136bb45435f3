#ifndef RAPPORTEUR_LIB_ANALYSIS_ANALYZER_H_
#define RAPPORTEUR_LIB_ANALYSIS_ANALYZER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

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
//  - words are cut by SegmentWords (segmenter.h): ICU's word boundaries,
//    so Chinese, Japanese and Thai are cut into words by ICU's
//    dictionaries; digit groups such as "890,000" and "15.6" stay one word
//    (the thousands commas are dropped from the term); a possessive "'s" /
//    "’s" is dropped;
//  - each word is NFKC-normalized and case-folded (ICU's NFKC_Casefold);
//  - the stop words of `language` are dropped (positions kept);
//  - words are stemmed by the Snowball stemmer of `language` (libstemmer),
//    so "abductions" meets "abducted" and "человека" meets "человек".
// `language` is a BCP 47 tag or ISO 639 code (see CanonicalLanguage in
// language.h): empty is English; a language without a Snowball stemmer
// ("zh", "ko") is segmented and folded only, with no stop words.
// Thread-safe: each thread keeps its own stemmers and word iterator.
std::vector<Token> Analyze(absl::string_view text,
                           absl::string_view language = "en");

// The terms of `text` without positions or offsets.
std::vector<std::string> AnalyzeTerms(absl::string_view text,
                                      absl::string_view language = "en");

// A word as typed before the "*" of a prefix query, folded as Analyze folds
// words (NFKC case folding) but not stemmed, since a prefix of a word is
// no word to stem: "Ｄéten" gives "déten".
std::string NormalizeForPrefix(absl::string_view word);

// Whether a code point belongs in a word: a letter, mark or digit
// (Unicode categories L, M, N). -1 (an invalid byte) is not.
bool IsWordCodePoint(int32_t cp);

// Whether `text` is well-formed UTF-8. On failure, *error_offset (when not
// null) is the byte offset of the first bad sequence.
bool IsValidUtf8(absl::string_view text, size_t* error_offset = nullptr);

}  // namespace rapporteur::analysis

#endif  // RAPPORTEUR_LIB_ANALYSIS_ANALYZER_H_
