#ifndef RAPPORTEUR_LIB_RPC_UNARY_H_
#define RAPPORTEUR_LIB_RPC_UNARY_H_

#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "lib/base/call_scope.h"
#include "lib/base/executor.h"
#include "lib/base/request_id.h"
#include "lib/base/trace_context.h"
#include "lib/rpc/call_context.h"
#include "lib/rpc/grpc_status.h"
#include "lib/rpc/inflight.h"

namespace rapporteur {

// The reactor of one unary call: turns the client's going away (a
// cancellation, its deadline) into the Cancellation the work runs under, so
// that the calls the work makes to other services are cancelled too and the
// work stops before its point of no return (CheckCallerWaits).
class UnaryCallReactor final : public grpc::ServerUnaryReactor {
 public:
  Cancellation* cancellation() { return &cancellation_; }
  void OnCancel() override { cancellation_.Cancel(); }
  void OnDone() override { delete this; }

 private:
  Cancellation cancellation_;
};

// The call's deadline; absl::InfiniteFuture() when the client set none.
inline absl::Time CallDeadline(const grpc::CallbackServerContext* context) {
  const auto deadline = context->deadline();
  return deadline == std::chrono::system_clock::time_point::max()
             ? absl::InfiniteFuture()
             : absl::FromChrono(deadline);
}

// Runs `work` (returning absl::Status) on `executor` and finishes the unary
// call with its status. The work runs with the call's request id, deadline
// and cancellation as its call scope (call_scope.h), and not at all when
// the caller stopped waiting while it was queued. When the executor refuses
// the task, the call ends at once with RESOURCE_EXHAUSTED, so a client
// backs off instead of queueing.
template <typename Work>
grpc::ServerUnaryReactor* RunUnary(grpc::CallbackServerContext* context,
                                   Executor* executor, Work work) {
  auto* reactor = new UnaryCallReactor();
  InflightCalls::Started();
  // The caller's request id (or a new one) and this hop's trace context
  // follow the work into logs and into calls to other services.
  std::string request_id = RequestIdOf(*context);
  TraceContext trace = TraceContextOf(*context);
  const bool accepted = executor->TrySubmit(
      [reactor, work = std::move(work), request_id = std::move(request_id),
       trace = std::move(trace), deadline = CallDeadline(context)]() mutable {
        absl::Status status;
        {
          ScopedRequestId scoped(std::move(request_id));
          ScopedTraceContext scoped_trace(std::move(trace));
          ScopedDeadline scoped_deadline(deadline);
          ScopedCancellation scoped_cancellation(reactor->cancellation());
          status = CheckCallerWaits("the call was started");
          if (status.ok()) {
            status = work();
          }
        }
        reactor->Finish(ToGrpcStatus(status));
        InflightCalls::Finished();
      });
  if (!accepted) {
    reactor->Finish(ServerBusyStatus());
    InflightCalls::Finished();
  }
  return reactor;
}

}  // namespace rapporteur

#endif  // RAPPORTEUR_LIB_RPC_UNARY_H_
