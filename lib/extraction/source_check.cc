#include "lib/extraction/source_check.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "lib/analysis/analyzer.h"
#include "lib/extraction/pdf_text.h"
#include "lib/schema/resource_names.h"

namespace rapporteur::ingest {
namespace {

bool IsIsoDate(const std::string& date) {
  absl::CivilDay day;
  // ParseCivilTime accepts "2008-02-15" and normalizes "2008-02-30": only
  // dates that print back unchanged are real.
  return date.size() == 10 && absl::ParseCivilTime(date, &day) &&
         absl::FormatCivilTime(day) == date;
}

bool IsAlpha3(const std::string& code) {
  return code.size() == 3 && std::all_of(code.begin(), code.end(), [](char c) {
           return absl::ascii_isupper(static_cast<unsigned char>(c));
         });
}

}  // namespace

absl::Status CheckSource(const v1::DocumentSource& source,
                         const SourceLimits& limits) {
  const std::string& content = source.content();
  if (content.empty()) {
    return absl::InvalidArgumentError("source.content is empty");
  }
  if (content.size() > limits.max_content_bytes) {
    return absl::ResourceExhaustedError(
        absl::StrCat("source.content is ", content.size(),
                     " bytes; the limit is ", limits.max_content_bytes));
  }
  if (!source.media_type().empty() && source.media_type() != "text/plain" &&
      source.media_type() != "application/pdf") {
    return absl::InvalidArgumentError(
        absl::StrCat("source.media_type '", source.media_type(),
                     "' is not supported; send text/plain or application/pdf"));
  }
  if (source.media_type() == "application/pdf" && !LooksLikePdf(content)) {
    return absl::InvalidArgumentError(
        "source.content is typed application/pdf but has no PDF header");
  }
  size_t bad = 0;
  if (!IsPdfSource(source) && !analysis::IsValidUtf8(content, &bad)) {
    const size_t line =
        1 + std::count(content.begin(), content.begin() + bad, '\n');
    const size_t line_start = content.rfind('\n', bad == 0 ? 0 : bad - 1);
    const size_t column =
        bad -
        (line_start == std::string::npos || bad == 0 ? 0 : line_start + 1) + 1;
    return absl::InvalidArgumentError(absl::StrCat(
        "source.content is not valid UTF-8: bad byte 0x",
        absl::Hex(static_cast<unsigned char>(content[bad]), absl::kZeroPad2),
        " at offset ", bad, " (line ", line, ", column ", column, ")"));
  }
  if (!source.date().empty() && !IsIsoDate(source.date())) {
    return absl::InvalidArgumentError(absl::StrCat(
        "source.date '", source.date(), "' is not a date YYYY-MM-DD"));
  }
  for (int i = 0; i < source.countries_size(); ++i) {
    if (!IsAlpha3(source.countries(i))) {
      return absl::InvalidArgumentError(
          absl::StrCat("source.countries[", i, "] '", source.countries(i),
                       "' is not an ISO 3166-1 alpha-3 code such as PRK"));
    }
  }
  if (!source.symbol().empty() &&
      DocumentIdFromSymbol(source.symbol()).empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "source.symbol '", source.symbol(), "' holds no letter or digit"));
  }
  return absl::OkStatus();
}

bool IsPdfSource(const v1::DocumentSource& source) {
  return source.media_type() == "application/pdf" ||
         (source.media_type().empty() && LooksLikePdf(source.content()));
}

}  // namespace rapporteur::ingest
