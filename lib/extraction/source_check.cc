#include "lib/extraction/source_check.h"

#include <algorithm>
#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "lib/analysis/analyzer.h"
#include "lib/analysis/language.h"
#include "lib/base/error_details.h"
#include "lib/base/quote.h"
#include "lib/extraction/pdf_text.h"
#include "lib/schema/country_codes.h"
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

// The offset of the first control character of `text` (C0 or DEL), or npos.
size_t FirstControl(absl::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7f) return i;
  }
  return absl::string_view::npos;
}

// Line and column (from 1) of byte `offset` of `text`.
std::string Position(absl::string_view text, size_t offset) {
  const size_t line = 1 + std::count(text.begin(), text.begin() + offset, '\n');
  const size_t line_start = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  const size_t column =
      offset -
      (line_start == std::string::npos || offset == 0 ? 0 : line_start + 1) + 1;
  return absl::StrCat("at offset ", offset, " (line ", line, ", column ",
                      column, ")");
}

}  // namespace

absl::Status CheckSource(const v1::DocumentSource& source,
                         const SourceLimits& limits) {
  const std::string& content = source.content();
  if (content.empty()) {
    return InvalidFieldError("source.content", "source.content is empty",
                             "MISSING_FIELD");
  }
  if (content.size() > limits.max_content_bytes) {
    // RESOURCE_EXHAUSTED without a RetryInfo: the same request would fail
    // again, so clients do not retry it.
    absl::Status too_large = absl::ResourceExhaustedError(
        absl::StrCat("source.content is ", content.size(),
                     " bytes; the limit is ", limits.max_content_bytes));
    AddFieldViolation(too_large, "source.content", too_large.message());
    SetErrorReason(too_large, "CONTENT_TOO_LARGE");
    return too_large;
  }
  if (!source.media_type().empty() && source.media_type() != "text/plain" &&
      source.media_type() != "application/pdf") {
    return InvalidFieldError(
        "source.media_type",
        absl::StrCat("source.media_type '", source.media_type(),
                     "' is not supported; send text/plain or application/pdf"),
        "UNSUPPORTED_MEDIA_TYPE");
  }
  if (source.media_type() == "application/pdf" && !LooksLikePdf(content)) {
    return InvalidFieldError(
        "source.content",
        "source.content is typed application/pdf but has no PDF header");
  }
  size_t bad = 0;
  if (!IsPdfSource(source) && !analysis::IsValidUtf8(content, &bad)) {
    return InvalidFieldError(
        "source.content",
        absl::StrCat("source.content is not valid UTF-8: bad byte 0x",
                     absl::Hex(static_cast<unsigned char>(content[bad]),
                               absl::kZeroPad2),
                     " ", Position(content, bad)),
        "INVALID_UTF8");
  }
  // A NUL is no text: it would end up in citations and snippets.
  if (const size_t nul = content.find('\0');
      !IsPdfSource(source) && nul != std::string::npos) {
    return InvalidFieldError("source.content",
                             absl::StrCat("source.content holds a NUL byte ",
                                          Position(content, nul)));
  }
  for (const auto& [value, field] : {std::pair{&source.symbol(), "symbol"},
                                     std::pair{&source.title(), "title"}}) {
    if (const size_t at = FirstControl(*value); at != absl::string_view::npos) {
      return InvalidFieldError(
          absl::StrCat("source.", field),
          absl::StrCat("source.", field, " holds a control character (0x",
                       absl::Hex(static_cast<unsigned char>((*value)[at]),
                                 absl::kZeroPad2),
                       ") at offset ", at));
    }
  }
  if (!analysis::IsLanguageTag(source.language())) {
    return InvalidFieldError(
        "source.language",
        absl::StrCat("source.language ", QuoteValue(source.language()),
                     " is not a language tag such as en, fr or pt-BR"));
  }
  if (!source.date().empty() && !IsIsoDate(source.date())) {
    return InvalidFieldError(
        "source.date", absl::StrCat("source.date ", QuoteValue(source.date()),
                                    " is not a date YYYY-MM-DD"));
  }
  for (int i = 0; i < source.countries_size(); ++i) {
    if (!IsIsoCountryCode(source.countries(i))) {
      return InvalidFieldError(
          absl::StrCat("source.countries[", i, "]"),
          absl::StrCat("source.countries[", i, "] ",
                       QuoteValue(source.countries(i)),
                       " is not an ISO 3166-1 alpha-3 code such as PRK"));
    }
  }
  if (!source.symbol().empty() &&
      DocumentIdFromSymbol(source.symbol()).empty()) {
    return InvalidFieldError(
        "source.symbol",
        absl::StrCat("source.symbol ", QuoteValue(source.symbol()),
                     " holds no letter or digit"));
  }
  return absl::OkStatus();
}

bool IsPdfSource(const v1::DocumentSource& source) {
  return source.media_type() == "application/pdf" ||
         (source.media_type().empty() && LooksLikePdf(source.content()));
}

}  // namespace rapporteur::ingest
