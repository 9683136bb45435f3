#ifndef RAPPORTEUR_SERVICES_COMMON_UNARY_H_
#define RAPPORTEUR_SERVICES_COMMON_UNARY_H_

#include <grpcpp/grpcpp.h>

#include <utility>

#include "absl/status/status.h"
#include "services/common/executor.h"
#include "services/common/grpc_status.h"
#include "services/common/inflight.h"

namespace rapporteur {

// Runs `work` (returning absl::Status) on `executor` and finishes the unary
// call with its status. When the executor refuses the task, the call ends at
// once with RESOURCE_EXHAUSTED, so a client backs off instead of queueing.
template <typename Work>
grpc::ServerUnaryReactor* RunUnary(grpc::CallbackServerContext* context,
                                   Executor* executor, Work work) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  InflightCalls::Started();
  const bool accepted = executor->TrySubmit(
      [reactor, work = std::move(work)]() mutable {
        reactor->Finish(ToGrpcStatus(work()));
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

#endif  // RAPPORTEUR_SERVICES_COMMON_UNARY_H_
