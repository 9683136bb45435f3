#include "lib/gateway/http_errors.h"

#include <nlohmann/json.hpp>

#include "lib/gateway/request_transcoder.h"

namespace rapporteur::gateway {
namespace {

nlohmann::json ErrorObject(grpc::StatusCode code, absl::string_view message,
                           int http_status) {
  return nlohmann::json{
      {"code", http_status},
      {"message", std::string(message)},
      {"status", std::string(CodeName(code))},
  };
}

std::string Dump(const nlohmann::json& json) {
  // Invalid UTF-8 in a message (a quoted input) becomes U+FFFD rather than
  // an exception or invalid JSON.
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

int HttpStatusOf(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK:
      return 200;
    case grpc::StatusCode::CANCELLED:
      return 499;
    case grpc::StatusCode::INVALID_ARGUMENT:
    case grpc::StatusCode::FAILED_PRECONDITION:
    case grpc::StatusCode::OUT_OF_RANGE:
      return 400;
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return 504;
    case grpc::StatusCode::NOT_FOUND:
      return 404;
    case grpc::StatusCode::ALREADY_EXISTS:
    case grpc::StatusCode::ABORTED:
      return 409;
    case grpc::StatusCode::PERMISSION_DENIED:
      return 403;
    case grpc::StatusCode::UNAUTHENTICATED:
      return 401;
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return 429;
    case grpc::StatusCode::UNIMPLEMENTED:
      return 501;
    case grpc::StatusCode::UNAVAILABLE:
      return 503;
    case grpc::StatusCode::UNKNOWN:
    case grpc::StatusCode::INTERNAL:
    case grpc::StatusCode::DATA_LOSS:
    default:
      return 500;
  }
}

absl::string_view CodeName(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK:
      return "OK";
    case grpc::StatusCode::CANCELLED:
      return "CANCELLED";
    case grpc::StatusCode::UNKNOWN:
      return "UNKNOWN";
    case grpc::StatusCode::INVALID_ARGUMENT:
      return "INVALID_ARGUMENT";
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return "DEADLINE_EXCEEDED";
    case grpc::StatusCode::NOT_FOUND:
      return "NOT_FOUND";
    case grpc::StatusCode::ALREADY_EXISTS:
      return "ALREADY_EXISTS";
    case grpc::StatusCode::PERMISSION_DENIED:
      return "PERMISSION_DENIED";
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return "RESOURCE_EXHAUSTED";
    case grpc::StatusCode::FAILED_PRECONDITION:
      return "FAILED_PRECONDITION";
    case grpc::StatusCode::ABORTED:
      return "ABORTED";
    case grpc::StatusCode::OUT_OF_RANGE:
      return "OUT_OF_RANGE";
    case grpc::StatusCode::UNIMPLEMENTED:
      return "UNIMPLEMENTED";
    case grpc::StatusCode::INTERNAL:
      return "INTERNAL";
    case grpc::StatusCode::UNAVAILABLE:
      return "UNAVAILABLE";
    case grpc::StatusCode::DATA_LOSS:
      return "DATA_LOSS";
    case grpc::StatusCode::UNAUTHENTICATED:
      return "UNAUTHENTICATED";
    default:
      return "UNKNOWN";
  }
}

std::string ErrorJson(const grpc::Status& status, const ApiDescriptors& api) {
  nlohmann::json error =
      ErrorObject(status.error_code(), status.error_message(),
                  HttpStatusOf(status.error_code()));
  const google::protobuf::Descriptor* status_type =
      api.pool().FindMessageTypeByName("google.rpc.Status");
  if (!status.error_details().empty() && status_type != nullptr) {
    std::unique_ptr<google::protobuf::Message> details =
        api.NewMessage(status_type);
    if (details->ParseFromString(status.error_details())) {
      const nlohmann::json parsed =
          nlohmann::json::parse(ToJson(*details), nullptr, false);
      if (parsed.is_object() && parsed.contains("details")) {
        error["details"] = parsed["details"];
      }
    }
  }
  return Dump(nlohmann::json{{"error", error}});
}

std::string ErrorJson(grpc::StatusCode code, absl::string_view message) {
  return ErrorJson(HttpStatusOf(code), code, message);
}

std::string ErrorJson(int http_status, grpc::StatusCode code,
                      absl::string_view message) {
  return Dump(
      nlohmann::json{{"error", ErrorObject(code, message, http_status)}});
}

}  // namespace rapporteur::gateway
