#include "lib/rpc/rpc_metrics.h"

#include <grpcpp/server_context.h>

#include <string>

#include "absl/status/status.h"
#include "lib/metrics/metrics.h"

namespace rapporteur {
namespace {

using grpc::experimental::InterceptionHookPoints;

class RpcMetricsInterceptor final : public grpc::experimental::Interceptor {
 public:
  explicit RpcMetricsInterceptor(grpc::experimental::ServerRpcInfo* info)
      : info_(info),
        method_(info->method()),
        start_(std::chrono::steady_clock::now()) {}

  // A call that ends without sending a status (gRPC drops the status of a
  // call already cancelled) is counted here, as the client saw it.
  ~RpcMetricsInterceptor() override {
    if (!recorded_) {
      Record(std::chrono::system_clock::now() >= deadline_
                 ? grpc::StatusCode::DEADLINE_EXCEEDED
                 : grpc::StatusCode::CANCELLED);
    }
  }

  void Intercept(
      grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(
            InterceptionHookPoints::POST_RECV_INITIAL_METADATA)) {
      deadline_ = info_->server_context()->deadline();
    }
    if (methods->QueryInterceptionHookPoint(
            InterceptionHookPoints::PRE_SEND_STATUS)) {
      const grpc::ServerContextBase* context = info_->server_context();
      Record(CodeAsClientSaw(methods->GetSendStatus().error_code(),
                             context->IsCancelled(), context->deadline(),
                             std::chrono::system_clock::now()));
    }
    methods->Proceed();
  }

 private:
  void Record(grpc::StatusCode code) {
    recorded_ = true;
    RecordGrpcCall(
        method_, static_cast<absl::StatusCode>(code),
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_)
            .count());
  }

  grpc::experimental::ServerRpcInfo* const info_;  // owns this interceptor
  const std::string method_;  // "/rapporteur.v1.QueryService/GetDocument"
  const std::chrono::steady_clock::time_point start_;
  // Read while the context is whole, for the destructor, which runs as the
  // context is destroyed. Hooks of one call run one at a time.
  std::chrono::system_clock::time_point deadline_ =
      std::chrono::system_clock::time_point::max();
  bool recorded_ = false;
};

class RpcMetricsInterceptorFactory final
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override {
    return new RpcMetricsInterceptor(info);
  }
};

}  // namespace

grpc::StatusCode CodeAsClientSaw(grpc::StatusCode sent, bool cancelled,
                                 std::chrono::system_clock::time_point deadline,
                                 std::chrono::system_clock::time_point now) {
  // The deadline first: gRPC cancels a call whose deadline passed, and the
  // client of such a call got DEADLINE_EXCEEDED, not CANCELLED. A handler
  // finishing just past the deadline, before gRPC's timer, counts too.
  if (now >= deadline) {
    return grpc::StatusCode::DEADLINE_EXCEEDED;
  }
  if (cancelled) {
    return grpc::StatusCode::CANCELLED;
  }
  return sent;
}

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
MakeRpcMetricsInterceptorFactory() {
  return std::make_unique<RpcMetricsInterceptorFactory>();
}

}  // namespace rapporteur
