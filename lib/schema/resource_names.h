#ifndef RAPPORTEUR_LIB_SCHEMA_RESOURCE_NAMES_H_
#define RAPPORTEUR_LIB_SCHEMA_RESOURCE_NAMES_H_

#include <cstddef>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace rapporteur {

// Document ids are lower-case ASCII letters, digits and single hyphens,
// 1 to 128 characters: safe in resource names, keys and file names.
bool IsValidDocumentId(absl::string_view id);

// The id of a document with UN symbol `symbol`: lower-cased, every run of
// other characters turned into one hyphen. "A/HRC/WG.6/20/SVN/2" gives
// "a-hrc-wg-6-20-svn-2". Empty when the symbol holds no letter or digit.
// An id longer than 128 characters is cut to 111 and ends with "-" and 16
// hex digits of the whole id's fingerprint, so distinct symbols keep
// distinct ids.
std::string DocumentIdFromSymbol(absl::string_view symbol);

// "documents/{id}".
std::string DocumentName(absl::string_view document_id);

// "documents/{id}/paragraphs/{paragraph}".
std::string ParagraphName(absl::string_view document_id,
                          absl::string_view paragraph_id);

// The id in a document name; INVALID_ARGUMENT naming the problem otherwise.
// A name longer than any valid one is refused on its length before
// anything else; messages quote at most a short prefix of the name
// (QuoteValue), however long it is.
absl::StatusOr<std::string> ParseDocumentName(absl::string_view name);

// A paragraph name split into its document id and paragraph id.
struct ParagraphRef {
  std::string document_id;
  std::string paragraph_id;  // a number ("26") or "u{ordinal}" ("u0")
};
// As ParseDocumentName(): INVALID_ARGUMENT naming the problem, the length
// checked first.
absl::StatusOr<ParagraphRef> ParseParagraphName(absl::string_view name);

// Whether `id` is 1 to `max_size` ASCII letters, digits, '-' and '_'.
bool IsWordId(absl::string_view id, size_t max_size);

// Case ids are such words of 1 to 64 characters.
bool IsValidCaseId(absl::string_view id);

// "cases/{id}".
std::string CaseName(absl::string_view case_id);

// The id in a case name; INVALID_ARGUMENT naming the problem otherwise.
absl::StatusOr<std::string> ParseCaseName(absl::string_view name);

}  // namespace rapporteur

#endif  // RAPPORTEUR_LIB_SCHEMA_RESOURCE_NAMES_H_
