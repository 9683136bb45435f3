#ifndef RAPPORTEUR_LIB_ANALYSIS_SEGMENTER_H_
#define RAPPORTEUR_LIB_ANALYSIS_SEGMENTER_H_

#include <cstddef>
#include <vector>

#include "absl/strings/string_view.h"

namespace rapporteur::analysis {

// A word of a text: its byte range.
struct WordSpan {
  size_t begin = 0;
  size_t end = 0;

  bool operator==(const WordSpan& other) const = default;
};

// The words of `text`, in order:
//  - ICU's word boundaries (UAX #29 with ICU's dictionaries: Chinese,
//    Japanese, Thai, Lao, Khmer and Burmese are cut into words; Hangul and
//    the scripts written with spaces at spaces and punctuation). Segments
//    that ICU's rule status calls no word (spaces, punctuation, symbols)
//    are dropped.
//  - Inside a segment, ASCII punctuation and quotation marks cut words
//    apart: ICU keeps "U.S", "e.g", "rights.The" (a space lost by PDF
//    extraction) and "l'homme" whole, where a search needs "homme". Middle
//    dots and other letters' joiners ("col·lecció") stay inside.
//  - Digit groups stay whole: "890,000" and "15.6".
//  - A possessive "'s" / "’s" is dropped: "People’s" is "People".
// Invalid UTF-8 bytes are never part of a word.
std::vector<WordSpan> SegmentWords(absl::string_view text);

// The two ways SegmentWords takes, exposed for tests that prove they agree.
// Text written in ASCII and Latin letters (IsLatinText: Latin-1 and Latin
// Extended-A/B letters, common punctuation) has no word boundary that
// needs ICU's rules: it is cut into runs of letters, marks and digits by a
// byte loop (SegmentWordRuns), several times faster than ICU's iterator
// (SegmentWordsWithIcu), with the same result. SegmentWordRuns also serves
// when ICU's break iterator cannot be had.
bool IsLatinText(absl::string_view text);
std::vector<WordSpan> SegmentWordRuns(absl::string_view text);
std::vector<WordSpan> SegmentWordsWithIcu(absl::string_view text);

}  // namespace rapporteur::analysis

#endif  // RAPPORTEUR_LIB_ANALYSIS_SEGMENTER_H_
