#ifndef RAPPORTEUR_LIB_RPC_GRPC_STATUS_H_
#define RAPPORTEUR_LIB_RPC_GRPC_STATUS_H_

#include <grpcpp/support/status.h>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace rapporteur {

// absl codes are tied to the google.rpc.Code definitions, as are gRPC's, so
// both conversions keep the code and the message unchanged. The details an
// engine attached (lib/base/error_details.h) travel as a serialized
// google.rpc.Status, which gRPC sends in the `grpc-status-details-bin`
// trailer; FromGrpcStatus makes them payloads again, so a status read from
// one service and returned by another keeps them.
grpc::Status ToGrpcStatus(const absl::Status& status);
absl::Status FromGrpcStatus(const grpc::Status& status);

// How long a client should wait before retrying a call a busy server shed.
inline constexpr absl::Duration kBusyRetryDelay = absl::Milliseconds(100);

// The answer of a server whose executor queue is full: RESOURCE_EXHAUSTED
// with a google.rpc.RetryInfo, which tells clients the request itself was
// fine and may be sent again (unlike gRPC's own RESOURCE_EXHAUSTED for a
// message over the size limit, which has none).
grpc::Status ServerBusyStatus();

}  // namespace rapporteur

#endif  // RAPPORTEUR_LIB_RPC_GRPC_STATUS_H_
