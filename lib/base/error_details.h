#ifndef RAPPORTEUR_LIB_BASE_ERROR_DETAILS_H_
#define RAPPORTEUR_LIB_BASE_ERROR_DETAILS_H_

// The google.rpc error model (AIP-193) on absl::Status: engines attach
// details to the statuses they return, as payloads keyed by the detail's
// type URL ("type.googleapis.com/google.rpc.BadRequest"), which is what
// absl::Status payloads are for. lib/rpc/grpc_status.h turns them into the
// google.rpc.Status of the `grpc-status-details-bin` trailer and back, so
// that they survive every hop (query -> storage -> query -> client) and
// reach the embedded SDK unchanged.

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/cord.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace rapporteur {

// The ErrorInfo.domain of every error the services raise.
inline constexpr absl::string_view kErrorDomain = "rapporteur.dev";

// The ResourceInfo.resource_type of the API's resources.
inline constexpr absl::string_view kDocumentType =
    "type.googleapis.com/rapporteur.v1.Document";
inline constexpr absl::string_view kParagraphType =
    "type.googleapis.com/rapporteur.v1.Paragraph";
inline constexpr absl::string_view kCaseType =
    "type.googleapis.com/rapporteur.v1.Case";

// The payload key of a detail message: its type URL.
std::string DetailTypeUrl(const google::protobuf::Message& detail);

// Sets `detail` on `status`, replacing a detail of the same type. No-op on
// an OK status (absl ignores payloads there).
void SetDetail(absl::Status& status, const google::protobuf::Message& detail);

// The detail of type T that `status` carries, if any (and if it parses).
template <typename T>
std::optional<T> GetDetail(const absl::Status& status) {
  T detail;
  const absl::optional<absl::Cord> payload =
      status.GetPayload(DetailTypeUrl(detail));
  if (!payload.has_value() || !detail.ParseFromString(std::string(*payload))) {
    return std::nullopt;
  }
  return detail;
}

// Appends a google.rpc.BadRequest field violation; `field` is the path of
// the field in the request, e.g. `source.content`, `filter.start_year`.
void AddFieldViolation(absl::Status& status, absl::string_view field,
                       absl::string_view description);
// Sets the google.rpc.ErrorInfo: `reason` in UPPER_SNAKE_CASE, the domain
// kErrorDomain.
void SetErrorReason(absl::Status& status, absl::string_view reason);
// Sets the google.rpc.RetryInfo: when the same request may succeed.
void SetRetryDelay(absl::Status& status, absl::Duration delay);
// Sets the google.rpc.ResourceInfo of a missing or refused resource.
void SetResourceInfo(absl::Status& status, absl::string_view type,
                     absl::string_view name);

// The usual errors with their details. The message is the status message
// and, for a field, the violation's description.
absl::Status InvalidFieldError(absl::string_view field,
                               absl::string_view message,
                               absl::string_view reason = "INVALID_FIELD");
absl::Status ResourceNotFoundError(absl::string_view type,
                                   absl::string_view name,
                                   absl::string_view message,
                                   absl::string_view reason);
// Load shed: RESOURCE_EXHAUSTED (or UNAVAILABLE) with when to come back.
absl::Status OverloadedError(absl::StatusCode code, absl::string_view message,
                             absl::Duration retry_delay);

// Copies the details of `from` onto `to`, for code that rewrites a
// status's message (absl has no way to change only the message).
void CopyDetails(const absl::Status& from, absl::Status& to);

// `status` as a google.rpc.Status: its code, message and every detail
// payload; an ErrorInfo whose reason is the code's name when no engine set
// one, so that every error has a reason and the domain.
google::rpc::Status ToRpcStatus(const absl::Status& status);
// And back: the details become payloads again.
absl::Status FromRpcStatus(const google::rpc::Status& status);

}  // namespace rapporteur

#endif  // RAPPORTEUR_LIB_BASE_ERROR_DETAILS_H_
