#include "lib/routing/shard_list.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace rapporteur {

absl::StatusOr<std::vector<std::string>> ParseShardList(
    absl::string_view flag) {
  std::vector<std::string> addresses;
  for (absl::string_view entry : absl::StrSplit(flag, ',')) {
    entry = absl::StripAsciiWhitespace(entry);
    const size_t colon = entry.rfind(':');
    if (entry.empty() || colon == absl::string_view::npos ||
        colon + 1 == entry.size()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "storage address '", entry, "' is not HOST:PORT (in '", flag, "')"));
    }
    addresses.emplace_back(entry);
  }
  return addresses;
}

}  // namespace rapporteur
