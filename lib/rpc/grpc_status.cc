#include "lib/rpc/grpc_status.h"

#include <string>

#include "lib/base/error_details.h"

namespace rapporteur {

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) {
    return grpc::Status::OK;
  }
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()),
                      std::string(status.message()),
                      ToRpcStatus(status).SerializeAsString());
}

absl::Status FromGrpcStatus(const grpc::Status& status) {
  if (status.ok()) {
    return absl::OkStatus();
  }
  absl::Status converted(static_cast<absl::StatusCode>(status.error_code()),
                         status.error_message());
  google::rpc::Status details;
  // The trailer's code and message are gRPC's own; only the details are
  // taken from it. Unparsable details (another server's) are dropped.
  if (!status.error_details().empty() &&
      details.ParseFromString(status.error_details())) {
    CopyDetails(FromRpcStatus(details), converted);
  }
  return converted;
}

grpc::Status ServerBusyStatus() {
  return ToGrpcStatus(OverloadedError(absl::StatusCode::kResourceExhausted,
                                      "server busy: too many calls queued",
                                      kBusyRetryDelay));
}

}  // namespace rapporteur
