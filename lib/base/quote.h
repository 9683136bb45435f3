#ifndef RAPPORTEUR_LIB_BASE_QUOTE_H_
#define RAPPORTEUR_LIB_BASE_QUOTE_H_

#include <cstddef>
#include <string>

#include "absl/strings/string_view.h"

namespace rapporteur {

// The most bytes of a caller's value an error message quotes.
inline constexpr size_t kMaxQuotedBytes = 128;

// `value` in single quotes, for an error message that names what a caller
// sent. A value longer than `max_bytes` is cut to its first `max_bytes`
// bytes (never inside a UTF-8 character), followed by "..." and its size:
// 'documents/aaaa...' (100000 bytes). A status travels back to the client in
// gRPC trailers, which the client refuses beyond its metadata limit (8 KiB
// by default): quoting a large input whole would turn the caller's error
// into RESOURCE_EXHAUSTED, hiding it.
std::string QuoteValue(absl::string_view value,
                       size_t max_bytes = kMaxQuotedBytes);

// `text` cut to at most `max_bytes` bytes, never inside a UTF-8 character,
// with "..." appended when cut (within `max_bytes`). For whole messages.
std::string TruncateUtf8(absl::string_view text, size_t max_bytes);

}  // namespace rapporteur

#endif  // RAPPORTEUR_LIB_BASE_QUOTE_H_
