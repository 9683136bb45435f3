#ifndef RAPPORTEUR_LIB_QUERY_PAGE_TOKEN_H_
#define RAPPORTEUR_LIB_QUERY_PAGE_TOKEN_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace rapporteur::query {

// Page tokens are opaque to clients (AIP-158): web-safe base64 of the
// offset of the next hit and a fingerprint of the query, so a token reused
// with another query is refused rather than silently misapplied.
std::string EncodePageToken(int64_t offset, absl::string_view query);

// The offset in `token`; 0 for an empty token. INVALID_ARGUMENT when the
// token is malformed or belongs to another query.
absl::StatusOr<int64_t> DecodePageToken(absl::string_view token,
                                        absl::string_view query);

// A token resuming a listing after `cursor` (a record name), bound to
// `context` (the kind and filter of the listing) as above.
std::string EncodeCursorToken(absl::string_view cursor,
                              absl::string_view context);

// The cursor in `token`; "" for an empty token. INVALID_ARGUMENT when
// malformed or made for another context.
absl::StatusOr<std::string> DecodeCursorToken(absl::string_view token,
                                              absl::string_view context);

}  // namespace rapporteur::query

#endif  // RAPPORTEUR_LIB_QUERY_PAGE_TOKEN_H_
