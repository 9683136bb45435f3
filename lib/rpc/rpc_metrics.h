#ifndef RAPPORTEUR_LIB_RPC_RPC_METRICS_H_
#define RAPPORTEUR_LIB_RPC_RPC_METRICS_H_

#include <grpcpp/support/server_interceptor.h>
#include <grpcpp/support/status.h>

#include <chrono>
#include <memory>

namespace rapporteur {

// The code a call ended with as its client saw it, from the code the
// handler sent: a call whose deadline had passed when it ended is
// DEADLINE_EXCEEDED and one the client cancelled is CANCELLED, whatever the
// handler answered, since the client never received that answer.
// `cancelled`: gRPC marked the call cancelled (the client's cancellation,
// or the deadline, which gRPC enforces by cancelling).
grpc::StatusCode CodeAsClientSaw(grpc::StatusCode sent, bool cancelled,
                                 std::chrono::system_clock::time_point deadline,
                                 std::chrono::system_clock::time_point now);

// Counts every call a server answers, unary or streaming, in
// rapporteur_rpc_requests_total and rapporteur_rpc_latency_seconds, with
// the code of CodeAsClientSaw(). An interceptor, because
// CallbackServerContext has no method() in gRPC 1.51; ServerRpcInfo does.
std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
MakeRpcMetricsInterceptorFactory();

}  // namespace rapporteur

#endif  // RAPPORTEUR_LIB_RPC_RPC_METRICS_H_
