#include "lib/base/quote.h"

#include "absl/strings/str_cat.h"

namespace rapporteur {
namespace {

constexpr absl::string_view kEllipsis = "...";

// The longest prefix of `text` of at most `max_bytes` bytes that does not
// end inside a UTF-8 character (one whose last byte is a continuation byte
// 10xxxxxx belonging to a lead byte cut away).
absl::string_view Utf8Prefix(absl::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) {
    return text;
  }
  size_t end = max_bytes;
  // Back over continuation bytes to the lead byte of the character that
  // straddles the cut; at most 3 in UTF-8.
  size_t back = 0;
  while (end > 0 && back < 4 &&
         (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
    --end;
    ++back;
  }
  if (back == 4) {
    end = max_bytes;  // not UTF-8 here: cut at the byte
  }
  return text.substr(0, end);
}

}  // namespace

std::string QuoteValue(absl::string_view value, size_t max_bytes) {
  if (value.size() <= max_bytes) {
    return absl::StrCat("'", value, "'");
  }
  return absl::StrCat("'", Utf8Prefix(value, max_bytes), kEllipsis, "' (",
                      value.size(), " bytes)");
}

std::string TruncateUtf8(absl::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) {
    return std::string(text);
  }
  if (max_bytes <= kEllipsis.size()) {
    return std::string(Utf8Prefix(text, max_bytes));
  }
  return absl::StrCat(Utf8Prefix(text, max_bytes - kEllipsis.size()),
                      kEllipsis);
}

}  // namespace rapporteur
