#ifndef RAPPORTEUR_LIB_GATEWAY_HTTP_ERRORS_H_
#define RAPPORTEUR_LIB_GATEWAY_HTTP_ERRORS_H_

#include <grpcpp/grpcpp.h>

#include <string>

#include "absl/strings/string_view.h"
#include "lib/gateway/api_descriptors.h"

namespace rapporteur::gateway {

// The HTTP status AIP-193 maps a gRPC code to: NOT_FOUND 404,
// INVALID_ARGUMENT 400, UNAUTHENTICATED 401, UNAVAILABLE 503, ...
int HttpStatusOf(grpc::StatusCode code);

// "NOT_FOUND", as google.rpc.Code names it.
absl::string_view CodeName(grpc::StatusCode code);

// A failed call as Google APIs answer over HTTP:
//   {"error":{"code":404,"message":"...","status":"NOT_FOUND",
//             "details":[{"@type":"type.googleapis.com/google.rpc...",...}]}}
// `details` holds those of the status's google.rpc.Status (its
// grpc-status-details-bin), read with `api`'s types; absent when none.
// Always valid JSON, whatever bytes the message holds.
std::string ErrorJson(const grpc::Status& status, const ApiDescriptors& api);

// The same for an error of the gateway itself (no call was made).
std::string ErrorJson(grpc::StatusCode code, absl::string_view message);

// The same with an HTTP status of its own (413 for a body too large, 405),
// where no gRPC code maps to it.
std::string ErrorJson(int http_status, grpc::StatusCode code,
                      absl::string_view message);

}  // namespace rapporteur::gateway

#endif  // RAPPORTEUR_LIB_GATEWAY_HTTP_ERRORS_H_
