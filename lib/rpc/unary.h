#ifndef RAPPORTEUR_LIB_RPC_UNARY_H_
#define RAPPORTEUR_LIB_RPC_UNARY_H_

#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "lib/base/executor.h"
#include "lib/base/request_id.h"
#include "lib/rpc/grpc_status.h"
#include "lib/rpc/inflight.h"

namespace rapporteur {

// Runs `work` (returning absl::Status) on `executor` and finishes the unary
// call with its status. When the executor refuses the task, the call ends at
// once with RESOURCE_EXHAUSTED, so a client backs off instead of queueing.
template <typename Work>
grpc::ServerUnaryReactor* RunUnary(grpc::CallbackServerContext* context,
                                   Executor* executor, Work work) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  InflightCalls::Started();
  // The caller's request id (or a new one) follows the work into logs and
  // into calls to other services.
  std::string request_id;
  const auto& metadata = context->client_metadata();
  if (auto it = metadata.find(kRequestIdKey); it != metadata.end()) {
    request_id.assign(it->second.data(),
                      std::min<size_t>(it->second.size(), 64));
  } else {
    request_id = NewRequestId();
  }
  const bool accepted =
      executor->TrySubmit([reactor, work = std::move(work),
                           request_id = std::move(request_id)]() mutable {
        absl::Status status;
        {
          ScopedRequestId scoped(std::move(request_id));
          status = work();
        }
        reactor->Finish(ToGrpcStatus(status));
        InflightCalls::Finished();
      });
  if (!accepted) {
    reactor->Finish(grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                                 "server busy: too many calls queued"));
    InflightCalls::Finished();
  }
  return reactor;
}

}  // namespace rapporteur

#endif  // RAPPORTEUR_LIB_RPC_UNARY_H_
