#include "lib/query/page_token.h"

#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "lib/base/error_details.h"
#include "lib/base/fingerprint.h"

namespace rapporteur::query {
// Tokens carry a stable Fingerprint, so any query replica accepts them.

std::string EncodePageToken(int64_t offset, absl::string_view query) {
  return absl::WebSafeBase64Escape(
      absl::StrCat("v1:", offset, ":", Fingerprint(query)));
}

absl::StatusOr<int64_t> DecodePageToken(absl::string_view token,
                                        absl::string_view query) {
  if (token.empty()) {
    return 0;
  }
  const absl::Status invalid = InvalidFieldError(
      "page_token", "page_token is not a token returned for this query",
      "INVALID_PAGE_TOKEN");
  std::string raw;
  if (!absl::WebSafeBase64Unescape(token, &raw)) {
    return invalid;
  }
  std::vector<absl::string_view> parts = absl::StrSplit(raw, ':');
  int64_t offset = 0;
  uint64_t fingerprint = 0;
  if (parts.size() != 3 || parts[0] != "v1" ||
      !absl::SimpleAtoi(parts[1], &offset) || offset < 0 ||
      !absl::SimpleAtoi(parts[2], &fingerprint) ||
      fingerprint != Fingerprint(query)) {
    return invalid;
  }
  return offset;
}

std::string EncodeCursorToken(absl::string_view cursor,
                              absl::string_view context) {
  return absl::WebSafeBase64Escape(
      absl::StrCat("c1:", Fingerprint(context), ":", cursor));
}

absl::StatusOr<std::string> DecodeCursorToken(absl::string_view token,
                                              absl::string_view context) {
  if (token.empty()) {
    return std::string();
  }
  std::string raw;
  std::vector<absl::string_view> parts;
  uint64_t fingerprint = 0;
  if (!absl::WebSafeBase64Unescape(token, &raw) ||
      (parts = absl::StrSplit(raw, absl::MaxSplits(':', 2))).size() != 3 ||
      parts[0] != "c1" || !absl::SimpleAtoi(parts[1], &fingerprint) ||
      fingerprint != Fingerprint(context) || parts[2].empty()) {
    return InvalidFieldError(
        "page_token", "page_token is not a token returned for this listing",
        "INVALID_PAGE_TOKEN");
  }
  return std::string(parts[2]);
}

}  // namespace rapporteur::query
