#include "lib/routing/consistency_token.h"

#include <algorithm>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "lib/base/quote.h"

namespace rapporteur {

std::string FormatConsistencyToken(uint32_t partition, uint64_t sequence) {
  return absl::StrCat(partition, ":", sequence);
}

absl::StatusOr<std::vector<uint64_t>> ParseConsistencyToken(
    absl::string_view token, size_t partitions) {
  std::vector<uint64_t> least(partitions, 0);
  if (absl::StripAsciiWhitespace(token).empty()) {
    return least;
  }
  for (absl::string_view entry : absl::StrSplit(token, ',')) {
    entry = absl::StripAsciiWhitespace(entry);
    std::pair<absl::string_view, absl::string_view> parts =
        absl::StrSplit(entry, absl::MaxSplits(':', 1));
    uint32_t partition = 0;
    uint64_t sequence = 0;
    if (!absl::SimpleAtoi(parts.first, &partition) ||
        !absl::SimpleAtoi(parts.second, &sequence)) {
      return absl::InvalidArgumentError(
          absl::StrCat("consistency_token entry ", QuoteValue(entry),
                       " is not PARTITION:SEQUENCE as ingest returns it"));
    }
    if (partition >= partitions) {
      return absl::InvalidArgumentError(absl::StrCat(
          "consistency_token entry ", QuoteValue(entry), " names partition ",
          partition, " but storage has ", partitions,
          partitions == 1 ? " partition" : " partitions"));
    }
    least[partition] = std::max(least[partition], sequence);
  }
  return least;
}

}  // namespace rapporteur
