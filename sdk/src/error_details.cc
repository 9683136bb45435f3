#include "rapporteur/error_details.h"

#include "lib/base/error_details.h"

namespace rapporteur {

std::optional<google::rpc::BadRequest> GetBadRequest(
    const absl::Status& status) {
  return GetDetail<google::rpc::BadRequest>(status);
}

std::optional<google::rpc::ErrorInfo> GetErrorInfo(const absl::Status& status) {
  return GetDetail<google::rpc::ErrorInfo>(status);
}

std::optional<google::rpc::RetryInfo> GetRetryInfo(const absl::Status& status) {
  return GetDetail<google::rpc::RetryInfo>(status);
}

std::optional<google::rpc::ResourceInfo> GetResourceInfo(
    const absl::Status& status) {
  return GetDetail<google::rpc::ResourceInfo>(status);
}

std::string ErrorReason(const absl::Status& status) {
  const std::optional<google::rpc::ErrorInfo> info = GetErrorInfo(status);
  return info.has_value() ? info->reason() : std::string();
}

std::optional<std::chrono::milliseconds> RetryDelay(
    const absl::Status& status) {
  const std::optional<google::rpc::RetryInfo> info = GetRetryInfo(status);
  if (!info.has_value()) {
    return std::nullopt;
  }
  const google::protobuf::Duration& delay = info->retry_delay();
  return std::chrono::milliseconds(delay.seconds() * 1000 +
                                   delay.nanos() / 1'000'000);
}

absl::Status StatusFromProto(const google::rpc::Status& status) {
  return FromRpcStatus(status);
}

}  // namespace rapporteur
