#include "lib/extraction/page_lines.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace rapporteur::ingest {

bool IsBlankLine(absl::string_view line) {
  return absl::StripAsciiWhitespace(line).empty();
}

std::string NormalizedLine(absl::string_view line) {
  return absl::StrJoin(
      absl::StrSplit(line, absl::ByAnyChar(" \t"), absl::SkipEmpty()), " ");
}

size_t NextNonBlank(const std::vector<std::string>& lines, size_t i) {
  for (size_t k = i + 1; k < lines.size(); ++k) {
    if (!IsBlankLine(lines[k])) return k;
  }
  return std::string::npos;
}

size_t PreviousNonBlank(const std::vector<std::string>& lines, size_t i) {
  for (size_t k = i; k-- > 0;) {
    if (!IsBlankLine(lines[k])) return k;
  }
  return std::string::npos;
}

}  // namespace rapporteur::ingest
