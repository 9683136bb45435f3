#include "services/analysis/analyzer.h"

#include <libstemmer.h>
#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

#include "services/analysis/stop_words.h"

namespace rapporteur::analysis {
namespace {

// Decodes the code point at text[*pos], advancing *pos. Invalid bytes
// decode as -1 and advance by one, so callers never loop forever.
int32_t NextCodePoint(absl::string_view text, size_t* pos) {
  utf8proc_int32_t cp = -1;
  utf8proc_ssize_t n = utf8proc_iterate(
      reinterpret_cast<const utf8proc_uint8_t*>(text.data() + *pos),
      static_cast<utf8proc_ssize_t>(text.size() - *pos), &cp);
  *pos += n > 0 ? static_cast<size_t>(n) : 1;
  return n > 0 ? cp : -1;
}


bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsApostrophe(int32_t cp) { return cp == '\'' || cp == 0x2019; }

std::string CaseFold(absl::string_view word) {
  std::string folded(word);
  utf8proc_uint8_t* out = utf8proc_NFKC_Casefold(
      reinterpret_cast<const utf8proc_uint8_t*>(folded.c_str()));
  if (out == nullptr) {
    return folded;
  }
  std::string result(reinterpret_cast<const char*>(out));
  std::free(out);
  return result;
}

struct StemmerDeleter {
  void operator()(sb_stemmer* stemmer) const { sb_stemmer_delete(stemmer); }
};

// libstemmer's stemmers keep state between calls: one per thread.
std::string Stem(const std::string& word) {
  thread_local std::unique_ptr<sb_stemmer, StemmerDeleter> stemmer(
      sb_stemmer_new("english", "UTF_8"));
  if (stemmer == nullptr) {
    return word;
  }
  const sb_symbol* stemmed = sb_stemmer_stem(
      stemmer.get(), reinterpret_cast<const sb_symbol*>(word.data()),
      static_cast<int>(word.size()));
  if (stemmed == nullptr) {
    return word;
  }
  return std::string(reinterpret_cast<const char*>(stemmed),
                     static_cast<size_t>(sb_stemmer_length(stemmer.get())));
}

}  // namespace

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

std::vector<Token> Analyze(absl::string_view text) {
  std::vector<Token> tokens;
  uint32_t position = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t begin = pos;
    if (!IsWordCodePoint(NextCodePoint(text, &pos))) {
      continue;
    }
    size_t end = pos;
    while (end < text.size()) {
      size_t next = end;
      const int32_t cp = NextCodePoint(text, &next);
      if (IsWordCodePoint(cp)) {
        end = next;
        continue;
      }
      // "890,000" and "15.6" are one number.
      if ((cp == ',' || cp == '.') && IsDigit(text[end - 1]) &&
          next < text.size() && IsDigit(text[next])) {
        end = next;
        continue;
      }
      break;
    }
    pos = end;
    // Drop a possessive 's: "People’s" is "People".
    if (pos < text.size()) {
      size_t after_apostrophe = pos;
      if (IsApostrophe(NextCodePoint(text, &after_apostrophe)) &&
          after_apostrophe < text.size() &&
          (text[after_apostrophe] == 's' || text[after_apostrophe] == 'S')) {
        size_t after_s = after_apostrophe + 1;
        size_t probe = after_s;
        if (after_s >= text.size() ||
            !IsWordCodePoint(NextCodePoint(text, &probe))) {
          pos = after_s;
        }
      }
    }
    std::string word = CaseFold(text.substr(begin, end - begin));
    word.erase(std::remove(word.begin(), word.end(), ','), word.end());
    const uint32_t word_position = position++;
    if (IsEnglishStopWord(word)) {
      continue;
    }
    tokens.push_back(Token{Stem(word), word_position, begin, end});
  }
  return tokens;
}

std::vector<std::string> AnalyzeTerms(absl::string_view text) {
  std::vector<std::string> terms;
  for (Token& token : Analyze(text)) {
    terms.push_back(std::move(token.term));
  }
  return terms;
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
