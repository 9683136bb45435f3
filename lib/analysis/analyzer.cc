#include "lib/analysis/analyzer.h"

#include <utf8proc.h>

#include <algorithm>

#include "lib/analysis/language.h"
#include "lib/analysis/normalize.h"
#include "lib/analysis/segmenter.h"
#include "lib/analysis/stemmer.h"
#include "lib/analysis/stop_words.h"

namespace rapporteur::analysis {

bool IsWordCodePoint(int32_t cp) {
  if (cp < 0) {
    return false;
  }
  if (cp < 0x80) {
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
           (cp >= '0' && cp <= '9');
  }
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
      return true;
    default:
      return false;
  }
}

std::vector<Token> Analyze(absl::string_view text, absl::string_view language) {
  const std::string algorithm = CanonicalLanguage(language);
  const absl::flat_hash_set<std::string>* stop_words = StopWordsOf(algorithm);
  std::vector<Token> tokens;
  uint32_t position = 0;
  for (const WordSpan& span : SegmentWords(text)) {
    std::string word = FoldCase(text.substr(span.begin, span.end - span.begin));
    // "890,000" is the number 890000.
    word.erase(std::remove(word.begin(), word.end(), ','), word.end());
    if (word.empty()) {  // only ignorable code points
      continue;
    }
    const uint32_t word_position = position++;
    if (stop_words != nullptr && stop_words->contains(word)) {
      continue;
    }
    tokens.push_back(Token{Stem(algorithm, std::move(word)), word_position,
                           span.begin, span.end});
  }
  return tokens;
}

std::vector<std::string> AnalyzeTerms(absl::string_view text,
                                      absl::string_view language) {
  std::vector<std::string> terms;
  for (Token& token : Analyze(text, language)) {
    terms.push_back(std::move(token.term));
  }
  return terms;
}

std::string NormalizeForPrefix(absl::string_view word) {
  return FoldCase(word);
}

bool IsValidUtf8(absl::string_view text, size_t* error_offset) {
  size_t pos = 0;
  while (pos < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[pos]);
    if (c < 0x80) {
      ++pos;
      continue;
    }
    utf8proc_int32_t cp = -1;
    const utf8proc_ssize_t n = utf8proc_iterate(
        reinterpret_cast<const utf8proc_uint8_t*>(text.data() + pos),
        static_cast<utf8proc_ssize_t>(text.size() - pos), &cp);
    if (n <= 0) {
      if (error_offset != nullptr) {
        *error_offset = pos;
      }
      return false;
    }
    pos += static_cast<size_t>(n);
  }
  return true;
}

}  // namespace rapporteur::analysis
