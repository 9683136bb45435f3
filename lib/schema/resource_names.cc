#include "lib/schema/resource_names.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "lib/base/fingerprint.h"
#include "lib/base/quote.h"

namespace rapporteur {
namespace {

constexpr absl::string_view kDocumentsPrefix = "documents/";
constexpr absl::string_view kParagraphsInfix = "/paragraphs/";
constexpr size_t kMaxIdLength = 128;
constexpr size_t kMaxParagraphIdLength = 16;
// The longest names that can be valid: checked first, so that no work (a
// split, a scan) and no message grows with a caller's oversized input.
constexpr size_t kMaxDocumentNameLength =
    kDocumentsPrefix.size() + kMaxIdLength;
constexpr size_t kMaxParagraphNameLength =
    kMaxDocumentNameLength + kParagraphsInfix.size() + kMaxParagraphIdLength;

absl::Status TooLong(absl::string_view what, absl::string_view name,
                     size_t max_length) {
  return absl::InvalidArgumentError(
      absl::StrCat(what, " ", QuoteValue(name), " is ", name.size(),
                   " bytes long; at most ", max_length, " make a valid one"));
}

bool IsValidParagraphId(absl::string_view id) {
  if (id.empty() || id.size() > kMaxParagraphIdLength) {
    return false;
  }
  absl::string_view digits = id;
  if (id[0] == 'u') {
    digits.remove_prefix(1);
  }
  if (digits.empty()) {
    return false;
  }
  for (char c : digits) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) {
      return false;
    }
  }
  return true;
}

}  // namespace

bool IsValidDocumentId(absl::string_view id) {
  if (id.empty() || id.size() > kMaxIdLength || id.front() == '-' ||
      id.back() == '-' || absl::StrContains(id, "--")) {
    return false;
  }
  for (char c : id) {
    const auto u = static_cast<unsigned char>(c);
    if (!(absl::ascii_islower(u) || absl::ascii_isdigit(u) || c == '-')) {
      return false;
    }
  }
  return true;
}

std::string DocumentIdFromSymbol(absl::string_view symbol) {
  std::string id;
  bool pending_hyphen = false;
  for (char c : symbol) {
    const auto u = static_cast<unsigned char>(c);
    if (absl::ascii_isalnum(u)) {
      if (pending_hyphen && !id.empty()) {
        id += '-';
      }
      pending_hyphen = false;
      id += absl::ascii_tolower(u);
    } else {
      pending_hyphen = true;
    }
  }
  if (id.size() > kMaxIdLength) {
    // Cut, but keep distinct symbols distinct: two long symbols that share
    // their first characters must not become one document (the second a
    // revision of the first). The fingerprint of the whole id ends the cut.
    const std::string suffix =
        absl::StrCat("-", absl::Hex(Fingerprint(id), absl::kZeroPad16));
    id.resize(kMaxIdLength - suffix.size());
    while (!id.empty() && id.back() == '-') {
      id.pop_back();
    }
    id += suffix;
  }
  return id;
}

std::string DocumentName(absl::string_view document_id) {
  return absl::StrCat(kDocumentsPrefix, document_id);
}

std::string ParagraphName(absl::string_view document_id,
                          absl::string_view paragraph_id) {
  return absl::StrCat(kDocumentsPrefix, document_id, "/paragraphs/",
                      paragraph_id);
}

absl::StatusOr<std::string> ParseDocumentName(absl::string_view name) {
  if (name.size() > kMaxDocumentNameLength) {
    return TooLong("document name", name, kMaxDocumentNameLength);
  }
  if (!absl::StartsWith(name, kDocumentsPrefix)) {
    return absl::InvalidArgumentError(
        absl::StrCat("document name ", QuoteValue(name),
                     " must have the form documents/{id}"));
  }
  absl::string_view id = name.substr(kDocumentsPrefix.size());
  if (!IsValidDocumentId(id)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "document name ", QuoteValue(name),
        ": the id must be 1-128 lower-case letters, digits and single "
        "hyphens"));
  }
  return std::string(id);
}

absl::StatusOr<ParagraphRef> ParseParagraphName(absl::string_view name) {
  if (name.size() > kMaxParagraphNameLength) {
    return TooLong("paragraph name", name, kMaxParagraphNameLength);
  }
  std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  if (parts.size() != 4 || parts[0] != "documents" ||
      parts[2] != "paragraphs") {
    return absl::InvalidArgumentError(
        absl::StrCat("paragraph name ", QuoteValue(name),
                     " must have the form documents/{id}/paragraphs/{n}"));
  }
  if (!IsValidDocumentId(parts[1])) {
    return absl::InvalidArgumentError(
        absl::StrCat("paragraph name ", QuoteValue(name),
                     ": invalid document id ", QuoteValue(parts[1])));
  }
  if (!IsValidParagraphId(parts[3])) {
    return absl::InvalidArgumentError(absl::StrCat(
        "paragraph name ", QuoteValue(name),
        ": the paragraph must be a number, or u{ordinal} for unnumbered "
        "text"));
  }
  return ParagraphRef{std::string(parts[1]), std::string(parts[3])};
}

bool IsWordId(absl::string_view id, size_t max_size) {
  if (id.empty() || id.size() > max_size) {
    return false;
  }
  for (char c : id) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '-' &&
        c != '_') {
      return false;
    }
  }
  return true;
}

bool IsValidCaseId(absl::string_view id) { return IsWordId(id, 64); }

std::string CaseName(absl::string_view case_id) {
  return absl::StrCat("cases/", case_id);
}

absl::StatusOr<std::string> ParseCaseName(absl::string_view name) {
  constexpr absl::string_view kPrefix = "cases/";
  if (name.size() > kPrefix.size() + 64 || !absl::StartsWith(name, kPrefix) ||
      !IsValidCaseId(name.substr(kPrefix.size()))) {
    return absl::InvalidArgumentError(absl::StrCat(
        "case name ", QuoteValue(name),
        " must have the form cases/{id}, the id 1-64 letters, digits, '-' "
        "and '_'"));
  }
  return std::string(name.substr(kPrefix.size()));
}

}  // namespace rapporteur
