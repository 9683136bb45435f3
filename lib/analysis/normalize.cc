#include "lib/analysis/normalize.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>

#include "absl/strings/ascii.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace rapporteur::analysis {
namespace {

bool IsAscii(absl::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x80;
  });
}

// Whether `text` is well-formed UTF-8.
bool IsWellFormed(absl::string_view text) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) {
      return false;
    }
  }
  return true;
}

// `text` with each ill-formed UTF-8 sequence replaced by U+FFFD.
std::string ReplaceIllFormed(absl::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) {
      out += "\xef\xbf\xbd";
    } else {
      out.append(text.data() + start, static_cast<size_t>(i - start));
    }
  }
  return out;
}

}  // namespace

std::string FoldCase(absl::string_view word) {
  // NFKC_Casefold of ASCII is its lower case; most words are ASCII.
  if (IsAscii(word)) {
    return absl::AsciiStrToLower(word);
  }
  // ICU's UTF-8 normalizer copies ill-formed bytes through unchanged, and
  // a term or attribute is a proto3 string, which must be UTF-8.
  std::string well_formed;
  if (!IsWellFormed(word)) {
    well_formed = ReplaceIllFormed(word);
    word = well_formed;
  }
  UErrorCode status = U_ZERO_ERROR;
  // ICU builds the instance once and shares it; it is thread-safe.
  const icu::Normalizer2* normalizer =
      icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status)) {
    return std::string(word);
  }
  std::string folded;
  icu::StringByteSink<std::string> sink(&folded,
                                        static_cast<int32_t>(word.size()));
  normalizer->normalizeUTF8(
      0, icu::StringPiece(word.data(), static_cast<int32_t>(word.size())), sink,
      nullptr, status);
  if (U_FAILURE(status)) {
    return std::string(word);
  }
  return folded;
}

std::string NormalizeAddressee(absl::string_view addressee) {
  const std::string text = absl::StrJoin(
      absl::StrSplit(addressee, absl::ByAnyChar(" \t\r\n"), absl::SkipEmpty()),
      " ");
  const bool code =
      text.size() == 3 && std::all_of(text.begin(), text.end(), [](char c) {
        return absl::ascii_isalpha(static_cast<unsigned char>(c));
      });
  return code ? absl::AsciiStrToUpper(text) : FoldCase(text);
}

}  // namespace rapporteur::analysis
