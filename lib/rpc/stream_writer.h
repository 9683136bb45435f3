#ifndef RAPPORTEUR_LIB_RPC_STREAM_WRITER_H_
#define RAPPORTEUR_LIB_RPC_STREAM_WRITER_H_

#include <grpcpp/grpcpp.h>

#include <condition_variable>
#include <functional>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "lib/base/call_scope.h"
#include "lib/base/executor.h"
#include "lib/base/mutex.h"
#include "lib/base/request_id.h"
#include "lib/base/trace_context.h"
#include "lib/rpc/call_context.h"
#include "lib/rpc/grpc_status.h"
#include "lib/rpc/inflight.h"
#include "lib/rpc/unary.h"

namespace rapporteur {

// The server side of a server-streaming call whose messages a blocking
// function produces: the function runs on an executor thread, hands each
// message to gRPC and waits until it is written, so a slow reader slows the
// producer instead of filling memory. The function runs with the call's
// deadline and a cancellation that fires when the client goes away
// (call_scope.h), so that the calls it makes to other services end with the
// caller and it can stop between them (CheckCallerWaits). Deletes itself
// when the call is done.
template <typename Response>
class StreamWriter final : public grpc::ServerWriteReactor<Response> {
 public:
  // Writes one message; false once the client is gone (stop producing).
  using Send = absl::FunctionRef<bool(Response)>;
  using Work = std::function<absl::Status(Send)>;

  // Runs `work` on `executor`, with the request id and trace context of
  // `context`'s call, and finishes the call with its status; when
  // `refusal` is not OK, finishes with it at once instead. When the
  // executor refuses the task: RESOURCE_EXHAUSTED. Not at all when the
  // client stopped waiting while it was queued.
  StreamWriter(const grpc::CallbackServerContext* context, Executor* executor,
               Work work, const absl::Status& refusal = absl::OkStatus()) {
    InflightCalls::Started();
    if (!refusal.ok()) {
      this->Finish(ToGrpcStatus(refusal));
      return;
    }
    const bool accepted = executor->TrySubmit(
        [this, work = std::move(work), deadline = CallDeadline(context),
         request_id = RequestIdOf(*context),
         trace = TraceContextOf(*context)]() mutable {
          absl::Status status;
          {
            ScopedRequestId scoped(std::move(request_id));
            ScopedTraceContext scoped_trace(std::move(trace));
            ScopedDeadline scoped_deadline(deadline);
            ScopedCancellation scoped_cancellation(&cancellation_);
            status = CheckCallerWaits("the stream was started");
            if (status.ok()) {
              status = work([this](Response message) {
                return Write(std::move(message));
              });
            }
          }
          this->Finish(ToGrpcStatus(status));  // the last use of this
        });
    if (!accepted) {
      this->Finish(ServerBusyStatus());
    }
  }

  void OnWriteDone(bool ok) override ABSL_LOCKS_EXCLUDED(mu_) {
    MutexLock lock(&mu_);
    writing_ = false;
    write_ok_ = ok;
    changed_.notify_all();
  }

  void OnCancel() override ABSL_LOCKS_EXCLUDED(mu_) {
    {
      MutexLock lock(&mu_);
      cancelled_ = true;
      changed_.notify_all();
    }
    cancellation_.Cancel();  // outside mu_: hooks cancel calls to others
  }

  void OnDone() override {
    InflightCalls::Finished();
    delete this;
  }

 private:
  bool Write(Response message) ABSL_LOCKS_EXCLUDED(mu_) {
    MutexLock lock(&mu_);
    if (cancelled_ || !write_ok_) {
      return false;
    }
    current_ = std::move(message);
    writing_ = true;
    this->StartWrite(&current_);
    // gRPC always reports the write done (not ok when cancelled), so the
    // message outlives it and Finish never races a write.
    mu_.Await(changed_, [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
      return !writing_;
    });
    return write_ok_ && !cancelled_;
  }

  // The client is gone (cancelled, or its deadline passed): stops the
  // work's calls to other services.
  Cancellation cancellation_;
  Mutex mu_;
  std::condition_variable_any changed_;
  Response current_ ABSL_GUARDED_BY(mu_);
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  bool write_ok_ ABSL_GUARDED_BY(mu_) = true;
  bool cancelled_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace rapporteur

#endif  // RAPPORTEUR_LIB_RPC_STREAM_WRITER_H_
