#ifndef RAPPORTEUR_LIB_GATEWAY_OPENAPI_H_
#define RAPPORTEUR_LIB_GATEWAY_OPENAPI_H_

#include <string>

#include "absl/strings/string_view.h"
#include "lib/gateway/api_descriptors.h"
#include "lib/gateway/routes.h"

namespace rapporteur::gateway {

// The OpenAPI 3.0 document of `routes`, written from the same descriptors
// the gateway transcodes with, and their comments, so it never drifts:
// one operation per route (operationId `Service_Method`, with `_N` for
// additional bindings), path variables as path parameters (a multi-segment
// variable such as `{name=documents/*/paragraphs/*}` becomes
// `/documents/{document}/paragraphs/{paragraph}`), the other fields of a
// request without a body as query parameters (dotted paths into nested
// messages), one schema per message in protobuf's JSON mapping, and the
// error shape of http_errors.h. Streaming responses are
// `application/x-ndjson` of `{"result": ...}` or `{"error": ...}` lines.
std::string OpenApiJson(const RouteTable& routes, const ApiDescriptors& api,
                        absl::string_view version);

}  // namespace rapporteur::gateway

#endif  // RAPPORTEUR_LIB_GATEWAY_OPENAPI_H_
