#ifndef RAPPORTEUR_SDK_INCLUDE_RAPPORTEUR_ERROR_DETAILS_H_
#define RAPPORTEUR_SDK_INCLUDE_RAPPORTEUR_ERROR_DETAILS_H_

// What a failed call says beyond its code and message: the google.rpc
// error details (AIP-193) the service attached, read from the
// absl::Status any Client call returned. Both backends give the same
// details. Errors raised by the transport or by the SDK itself (a
// deadline, an unreachable address) have none: every accessor then
// returns nullopt. For example:
//
//   absl::StatusOr<v1::IngestDocumentResponse> r = client->IngestDocument(q);
//   if (auto bad = rapporteur::GetBadRequest(r.status())) {
//     for (const auto& v : bad->field_violations()) {
//       std::cerr << v.field() << ": " << v.description() << "\n";
//     }                              // e.g. "source.date: source.date ..."
//   }
//   if (rapporteur::ErrorReason(r.status()) == "CONTENT_TOO_LARGE") ...

#include <chrono>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "rapporteur/export.h"

namespace rapporteur {

// The field violations of an INVALID_ARGUMENT: each names the request
// field at fault by its path (`source.content`, `filter.start_year`,
// `page_token`, `query`) and says what is wrong with it.
RAPPORTEUR_EXPORT std::optional<google::rpc::BadRequest> GetBadRequest(
    const absl::Status& status);

// Why the call failed, as a stable UPPER_SNAKE_CASE reason
// (`QUERY_SYNTAX`, `DOCUMENT_NOT_FOUND`, `OVERLOADED`...) in the domain
// `rapporteur.dev`. Every error a service answers has one (the code's
// name, e.g. `INTERNAL`, when nothing more precise applies); the embedded
// backend gives only the precise ones.
RAPPORTEUR_EXPORT std::optional<google::rpc::ErrorInfo> GetErrorInfo(
    const absl::Status& status);

// When the same request may be sent again, on a service shedding load
// (RESOURCE_EXHAUSTED or UNAVAILABLE). The Client's own retries already
// honour it (Options::retry).
RAPPORTEUR_EXPORT std::optional<google::rpc::RetryInfo> GetRetryInfo(
    const absl::Status& status);

// The resource a NOT_FOUND is about: its type
// (`type.googleapis.com/rapporteur.v1.Document`) and name.
RAPPORTEUR_EXPORT std::optional<google::rpc::ResourceInfo> GetResourceInfo(
    const absl::Status& status);

// Shorthands: ErrorInfo's reason ("" without one), and RetryInfo's delay.
RAPPORTEUR_EXPORT std::string ErrorReason(const absl::Status& status);
RAPPORTEUR_EXPORT std::optional<std::chrono::milliseconds> RetryDelay(
    const absl::Status& status);

// The outcome of one BulkIngest document (BulkIngestResponse.status) as an
// absl::Status, with its details, for the accessors above.
RAPPORTEUR_EXPORT absl::Status StatusFromProto(
    const google::rpc::Status& status);

}  // namespace rapporteur

#endif  // RAPPORTEUR_SDK_INCLUDE_RAPPORTEUR_ERROR_DETAILS_H_
