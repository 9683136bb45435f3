#include "lib/query/citation.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "lib/base/quote.h"
#include "lib/schema/resource_names.h"

namespace rapporteur::query {

absl::StatusOr<std::string> ParagraphNameOfCitation(
    absl::string_view citation) {
  const absl::Status malformed = absl::InvalidArgumentError(absl::StrCat(
      "citation ", QuoteValue(citation),
      " is not of the form 'SYMBOL, para. N' (e.g. 'A/HRC/7/20, para. 16')"));
  const std::string lower = absl::AsciiStrToLower(citation);
  // The last "para" that starts a word: symbols hold no such word.
  size_t at = std::string::npos;
  for (size_t pos = lower.find("para"); pos != std::string::npos;
       pos = lower.find("para", pos + 1)) {
    if (pos > 0 && (lower[pos - 1] == ' ' || lower[pos - 1] == ',')) {
      at = pos;
    }
  }
  if (at == std::string::npos) {
    return malformed;
  }
  absl::string_view symbol = absl::StripAsciiWhitespace(citation.substr(0, at));
  symbol = absl::StripAsciiWhitespace(absl::StripSuffix(symbol, ","));
  absl::string_view rest = absl::string_view(lower).substr(at);
  for (absl::string_view word : {"paragraph", "paras", "para"}) {
    if (absl::ConsumePrefix(&rest, word)) {
      break;
    }
  }
  absl::ConsumePrefix(&rest, ".");
  rest = absl::StripAsciiWhitespace(rest);
  int number = 0;
  const std::string id = DocumentIdFromSymbol(symbol);
  if (id.empty() || !absl::SimpleAtoi(rest, &number) || number <= 0) {
    return malformed;
  }
  return ParagraphName(id, absl::StrCat(number));
}

}  // namespace rapporteur::query
