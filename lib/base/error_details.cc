#include "lib/base/error_details.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace rapporteur {
namespace {

constexpr absl::string_view kTypeUrlPrefix = "type.googleapis.com/";

google::protobuf::Duration ToProtoDuration(absl::Duration d) {
  google::protobuf::Duration proto;
  const int64_t seconds = absl::IDivDuration(d, absl::Seconds(1), &d);
  proto.set_seconds(seconds);
  proto.set_nanos(static_cast<int32_t>(absl::ToInt64Nanoseconds(d)));
  return proto;
}

}  // namespace

std::string DetailTypeUrl(const google::protobuf::Message& detail) {
  return absl::StrCat(kTypeUrlPrefix, detail.GetDescriptor()->full_name());
}

void SetDetail(absl::Status& status, const google::protobuf::Message& detail) {
  status.SetPayload(DetailTypeUrl(detail),
                    absl::Cord(detail.SerializeAsString()));
}

void AddFieldViolation(absl::Status& status, absl::string_view field,
                       absl::string_view description) {
  google::rpc::BadRequest bad_request =
      GetDetail<google::rpc::BadRequest>(status).value_or(
          google::rpc::BadRequest());
  google::rpc::BadRequest::FieldViolation* violation =
      bad_request.add_field_violations();
  violation->set_field(std::string(field));
  violation->set_description(std::string(description));
  SetDetail(status, bad_request);
}

void SetErrorReason(absl::Status& status, absl::string_view reason) {
  google::rpc::ErrorInfo info;
  info.set_reason(std::string(reason));
  info.set_domain(std::string(kErrorDomain));
  SetDetail(status, info);
}

void SetRetryDelay(absl::Status& status, absl::Duration delay) {
  google::rpc::RetryInfo info;
  *info.mutable_retry_delay() = ToProtoDuration(delay);
  SetDetail(status, info);
}

void SetResourceInfo(absl::Status& status, absl::string_view type,
                     absl::string_view name) {
  google::rpc::ResourceInfo info;
  info.set_resource_type(std::string(type));
  info.set_resource_name(std::string(name));
  SetDetail(status, info);
}

absl::Status InvalidFieldError(absl::string_view field,
                               absl::string_view message,
                               absl::string_view reason) {
  absl::Status status = absl::InvalidArgumentError(message);
  AddFieldViolation(status, field, message);
  SetErrorReason(status, reason);
  return status;
}

absl::Status ResourceNotFoundError(absl::string_view type,
                                   absl::string_view name,
                                   absl::string_view message,
                                   absl::string_view reason) {
  absl::Status status = absl::NotFoundError(message);
  SetResourceInfo(status, type, name);
  SetErrorReason(status, reason);
  return status;
}

absl::Status OverloadedError(absl::StatusCode code, absl::string_view message,
                             absl::Duration retry_delay) {
  absl::Status status(code, message);
  SetRetryDelay(status, retry_delay);
  SetErrorReason(status, "OVERLOADED");
  return status;
}

void CopyDetails(const absl::Status& from, absl::Status& to) {
  from.ForEachPayload([&to](absl::string_view url, const absl::Cord& value) {
    to.SetPayload(url, value);
  });
}

google::rpc::Status ToRpcStatus(const absl::Status& status) {
  google::rpc::Status rpc;
  rpc.set_code(static_cast<int32_t>(status.code()));
  rpc.set_message(std::string(status.message()));
  if (status.ok()) {
    return rpc;
  }
  // Payload order is unspecified: sorted, the trailer is the same for the
  // same status.
  std::vector<std::pair<std::string, std::string>> details;
  status.ForEachPayload([&](absl::string_view url, const absl::Cord& value) {
    if (absl::StartsWith(url, kTypeUrlPrefix)) {
      details.emplace_back(std::string(url), std::string(value));
    }
  });
  std::sort(details.begin(), details.end());
  if (!GetDetail<google::rpc::ErrorInfo>(status).has_value()) {
    google::rpc::ErrorInfo info;
    info.set_reason(absl::StatusCodeToString(status.code()));
    info.set_domain(std::string(kErrorDomain));
    details.emplace(details.begin(), DetailTypeUrl(info),
                    info.SerializeAsString());
  }
  for (auto& [url, value] : details) {
    google::protobuf::Any* any = rpc.add_details();
    any->set_type_url(std::move(url));
    any->set_value(std::move(value));
  }
  return rpc;
}

absl::Status FromRpcStatus(const google::rpc::Status& rpc) {
  absl::Status status(static_cast<absl::StatusCode>(rpc.code()), rpc.message());
  for (const google::protobuf::Any& any : rpc.details()) {
    status.SetPayload(any.type_url(), absl::Cord(any.value()));
  }
  return status;
}

}  // namespace rapporteur
