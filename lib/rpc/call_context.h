#ifndef RAPPORTEUR_LIB_RPC_CALL_CONTEXT_H_
#define RAPPORTEUR_LIB_RPC_CALL_CONTEXT_H_

// What a handler reads from a call's metadata to make the call scope of the
// thread that does its work (call_scope.h): the request id and this hop's
// trace context, both put there by the server's call-outcome interceptor
// (call_outcome.h) when the caller sent none.

#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <string>

#include "absl/strings/string_view.h"
#include "lib/base/request_id.h"
#include "lib/base/trace_context.h"

namespace rapporteur {

// The caller's x-request-id (its first 64 bytes), or a new one when absent.
inline std::string RequestIdOf(const grpc::ServerContextBase& context) {
  const auto& metadata = context.client_metadata();
  if (auto it = metadata.find(kRequestIdKey); it != metadata.end()) {
    return std::string(it->second.data(),
                       std::min<size_t>(it->second.size(), 64));
  }
  return NewRequestId();
}

// This hop's trace context; empty when the metadata has none.
inline TraceContext TraceContextOf(const grpc::ServerContextBase& context) {
  const auto& metadata = context.client_metadata();
  if (auto it = metadata.find(kTraceparentKey); it != metadata.end()) {
    return ParseTraceparent(
               absl::string_view(it->second.data(), it->second.size()))
        .value_or(TraceContext{});
  }
  return TraceContext{};
}

}  // namespace rapporteur

#endif  // RAPPORTEUR_LIB_RPC_CALL_CONTEXT_H_
