#ifndef RAPPORTEUR_LIB_STORAGE_WRITE_REQUEST_H_
#define RAPPORTEUR_LIB_STORAGE_WRITE_REQUEST_H_

#include <cstddef>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "rapporteur/internal/v1/shard.pb.h"

namespace rapporteur::storage {

// What a shard accepts of a write, and the record of an applied write
// that answers a client's retry. Pure functions: no state, no locks.

inline constexpr size_t kMaxTermBytes = 256;
inline constexpr size_t kMaxRequestIdBytes = 128;
// Largest ParagraphTerms.boost: rank factors are small documented constants.
inline constexpr float kMaxBoost = 100.0f;

// A write a shard refuses for what it is, alike on every replica of its
// partition: a malformed request, a request id used for another document,
// a delete of nothing. Marked with a payload, since a replica applying its
// log must tell such an entry (recorded as refused and passed) from a
// failure of its own state (retried), and the message, which quotes the
// client's input, cannot tell.
absl::Status Refusal(absl::Status status);
bool IsRefusal(const absl::Status& status);

// Sets *doc_id to the id of request.document.name and returns OK when the
// request can be written; INVALID_ARGUMENT naming the first malformed
// field otherwise (a bad name, no paragraphs, a long or NUL-holding
// request id, paragraph_terms not one per paragraph, a term that is empty,
// too long, holds NUL or has no positions, an attribute without a field,
// a boost outside 0..kMaxBoost).
absl::Status ValidateWrite(const internal::v1::WriteDocumentRequest& request,
                           std::string* doc_id);

// The record of an applied write of document `doc_id`, kept under its
// request id: "{doc} \0 {revision:be64} {replaced:be64}".
std::string EncodeApplied(absl::string_view doc_id,
                          const internal::v1::WriteDocumentResponse& response);

// The answer to a write repeating request `request_id` of document
// `doc_id` (empty: whichever document it wrote), from the record
// EncodeApplied() made. FAILED_PRECONDITION when the request id was used
// for another document; DATA_LOSS for a
// malformed record.
absl::StatusOr<internal::v1::WriteDocumentResponse> DecodeApplied(
    absl::string_view value, absl::string_view doc_id,
    absl::string_view request_id);

}  // namespace rapporteur::storage

#endif  // RAPPORTEUR_LIB_STORAGE_WRITE_REQUEST_H_
