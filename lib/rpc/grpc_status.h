#ifndef RAPPORTEUR_LIB_RPC_GRPC_STATUS_H_
#define RAPPORTEUR_LIB_RPC_GRPC_STATUS_H_

#include <grpcpp/support/status.h>

#include "absl/status/status.h"

namespace rapporteur {

// absl codes are tied to the google.rpc.Code definitions, as are gRPC's, so
// both conversions keep the code and the message unchanged.
grpc::Status ToGrpcStatus(const absl::Status& status);
absl::Status FromGrpcStatus(const grpc::Status& status);

}  // namespace rapporteur

#endif  // RAPPORTEUR_LIB_RPC_GRPC_STATUS_H_
