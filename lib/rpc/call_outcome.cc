#include "lib/rpc/call_outcome.h"

#include <google/protobuf/descriptor.h>
#include <grpcpp/support/status.h>

#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "lib/base/log.h"
#include "lib/base/quote.h"
#include "lib/base/request_id.h"
#include "lib/base/trace_context.h"
#include "lib/rpc/protobuf_log.h"

namespace rapporteur {
namespace {

using grpc::experimental::InterceptionHookPoints;

// A request id from a caller is cut to this many bytes, as RunUnary cuts it.
constexpr size_t kMaxRequestIdBytes = 64;

// Failed-call lines: 20 at once, then 5 a second on average.
LogRateLimiter& FailedCallLimiter() {
  static auto* limiter = new LogRateLimiter(5, 20);  // never destroyed
  return *limiter;
}

// Codes that say the server, or what it depends on, failed; the others
// say the caller asked for something it cannot have.
bool IsServerError(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::UNKNOWN:
    case grpc::StatusCode::INTERNAL:
    case grpc::StatusCode::DATA_LOSS:
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return true;
    default:
      return false;
  }
}

class CallOutcomeInterceptor final : public grpc::experimental::Interceptor {
 public:
  explicit CallOutcomeInterceptor(grpc::experimental::ServerRpcInfo* info)
      : method_(info->method()), type_(info->type()), start_(absl::Now()) {
    // gRPC makes the interceptors of a call, then parses its request on the
    // same thread: an error protobuf reports in between is this request's.
    ForgetProtobufParseError();
  }

  void Intercept(
      grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(
            InterceptionHookPoints::POST_RECV_INITIAL_METADATA)) {
      TakeRequestId(methods->GetRecvInitialMetadata());
      ContinueTraceOf(methods->GetRecvInitialMetadata());
    }
    if (methods->QueryInterceptionHookPoint(
            InterceptionHookPoints::PRE_SEND_INITIAL_METADATA)) {
      EchoRequestId(methods->GetSendInitialMetadata());
    }
    if (methods->QueryInterceptionHookPoint(
            InterceptionHookPoints::POST_RECV_MESSAGE)) {
      NoteReceivedMessage(methods->GetRecvMessage() != nullptr);
    }
    if (methods->QueryInterceptionHookPoint(
            InterceptionHookPoints::PRE_SEND_STATUS)) {
      FinishStatus(methods);
    }
    methods->Proceed();
  }

 private:
  void TakeRequestId(
      std::multimap<grpc::string_ref, grpc::string_ref>* metadata) {
    if (metadata == nullptr) {
      return;
    }
    auto it = metadata->find(kRequestIdKey);
    if (it != metadata->end()) {
      request_id_.assign(it->second.data(),
                         std::min(it->second.size(), kMaxRequestIdBytes));
      return;
    }
    // The map holds references: request_id_ lives as long as the call's
    // interceptors, longer than the handler that reads the map.
    request_id_ = NewRequestId();
    metadata->emplace(grpc::string_ref(kRequestIdKey),
                      grpc::string_ref(request_id_));
  }

  // Replaces the caller's traceparent (if any) by this hop's.
  void ContinueTraceOf(
      std::multimap<grpc::string_ref, grpc::string_ref>* metadata) {
    if (metadata == nullptr) {
      return;
    }
    auto it = metadata->find(kTraceparentKey);
    trace_ = ContinueTrace(
        it == metadata->end()
            ? absl::string_view()
            : absl::string_view(it->second.data(), it->second.size()));
    metadata->erase(kTraceparentKey);
    // As the request id: the map refers to this interceptor's string.
    traceparent_ = trace_.ToTraceparent();
    metadata->emplace(grpc::string_ref(kTraceparentKey),
                      grpc::string_ref(traceparent_));
  }

  // Sent before any message and with a status-only answer alike, so every
  // caller gets it, whatever the handler does.
  void EchoRequestId(std::multimap<std::string, std::string>* metadata) {
    if (metadata == nullptr || request_id_.empty() ||
        metadata->count(kRequestIdKey) > 0) {
      return;
    }
    metadata->emplace(kRequestIdKey, request_id_);
  }

  void NoteReceivedMessage(bool parsed) {
    // Parse errors protobuf logged for this message: invalid UTF-8.
    std::string protobuf_error = TakeProtobufParseError();
    if (parsed) {
      return;
    }
    // Without a message, the request of a unary or server-streaming call
    // failed to parse; in a client stream, the stream may just have ended,
    // and only protobuf's own report tells a bad message apart.
    const bool single_request =
        type_ == grpc::experimental::ServerRpcInfo::Type::UNARY ||
        type_ == grpc::experimental::ServerRpcInfo::Type::SERVER_STREAMING;
    if (single_request || !protobuf_error.empty()) {
      MutexLock lock(&mu_);
      if (parse_error_.empty()) {
        parse_error_ = DescribeUnparsableRequest(method_, protobuf_error);
      }
    }
  }

  void FinishStatus(grpc::experimental::InterceptorBatchMethods* methods) {
    grpc::Status status = methods->GetSendStatus();
    bool modified = false;
    std::string parse_error;
    {
      MutexLock lock(&mu_);
      parse_error = parse_error_;
    }
    if (!parse_error.empty()) {
      // What gRPC (or a stream's handler, seeing its end) answered is not
      // what happened.
      status = grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, parse_error);
      modified = true;
    }
    if (status.error_message().size() > kMaxStatusMessageBytes) {
      status = grpc::Status(
          status.error_code(),
          TruncateUtf8(status.error_message(), kMaxStatusMessageBytes),
          status.error_details());
      modified = true;
    }
    if (modified) {
      methods->ModifySendStatus(status);
    }
    if (!status.ok()) {
      LogFailure(status);
    }
  }

  void LogFailure(const grpc::Status& status) {
    // The line carries the call's request id, whatever thread finishes it.
    ScopedRequestId scoped(request_id_);
    ScopedTraceContext scoped_trace(trace_);
    LogFailedCall(
        method_,
        absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                     status.error_message()),
        absl::Now() - start_);
  }

  const std::string method_;  // "/rapporteur.v1.QueryService/GetDocument"
  const grpc::experimental::ServerRpcInfo::Type type_;
  const absl::Time start_;
  // Set once, at the call's first hook, before any other can run.
  std::string request_id_;
  TraceContext trace_;
  std::string traceparent_;  // trace_ as the metadata value
  // A stream's read may end while the handler finishes, on another thread.
  Mutex mu_;
  // Why the request failed to parse; empty while it did not.
  std::string parse_error_ ABSL_GUARDED_BY(mu_);
};

class CallOutcomeInterceptorFactory final
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override {
    return new CallOutcomeInterceptor(info);
  }
};

}  // namespace

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
MakeCallOutcomeInterceptorFactory() {
  return std::make_unique<CallOutcomeInterceptorFactory>();
}

void LogFailedCall(
    absl::string_view method, const absl::Status& status,
    absl::Duration elapsed,
    const std::vector<std::pair<std::string, std::string>>& fields) {
  int64_t suppressed = 0;
  if (!FailedCallLimiter().Admit(absl::Now(), &suppressed)) {
    return;
  }
  std::vector<std::pair<std::string, std::string>> line = {
      {"method", std::string(method)},
      {"code", absl::StatusCodeToString(status.code())},
      {"error", std::string(status.message())},
      {"duration_ms",
       absl::StrFormat("%.3f", absl::ToDoubleMilliseconds(elapsed))}};
  line.insert(line.end(), fields.begin(), fields.end());
  if (suppressed > 0) {
    line.emplace_back("suppressed_failed_calls", absl::StrCat(suppressed));
  }
  Log(IsServerError(static_cast<grpc::StatusCode>(status.code()))
          ? LogLevel::kError
          : LogLevel::kWarning,
      "call failed", line);
}

bool LogRateLimiter::Admit(absl::Time now, int64_t* suppressed) {
  MutexLock lock(&mu_);
  if (last_ != absl::InfinitePast() && now > last_) {
    tokens_ = std::min(
        burst_, tokens_ + absl::ToDoubleSeconds(now - last_) * per_second_);
  }
  last_ = std::max(last_, now);
  if (tokens_ < 1) {
    ++suppressed_;
    return false;
  }
  tokens_ -= 1;
  *suppressed = std::exchange(suppressed_, 0);
  return true;
}

std::string DescribeUnparsableRequest(absl::string_view method,
                                      absl::string_view protobuf_error) {
  // "/package.Service/Method" is method "package.Service.Method" in the
  // descriptor pool.
  std::string type = "request";
  const std::string full_name =
      absl::StrReplaceAll(absl::StripPrefix(method, "/"), {{"/", "."}});
  if (const google::protobuf::MethodDescriptor* descriptor =
          google::protobuf::DescriptorPool::generated_pool()->FindMethodByName(
              full_name);
      descriptor != nullptr) {
    type = descriptor->input_type()->full_name();
  }
  // protobuf: "String field 'rapporteur.v1.GetDocumentRequest.name'
  // contains invalid UTF-8 data when parsing a protocol buffer. Use the
  // 'bytes' type ..." (the advice is for the API's authors, not callers).
  constexpr absl::string_view kStringField = "String field '";
  if (absl::StartsWith(protobuf_error, kStringField) &&
      absl::StrContains(protobuf_error, "invalid UTF-8")) {
    absl::string_view field = protobuf_error.substr(kStringField.size());
    field = field.substr(0, field.find('\''));
    return absl::StrCat("the ", type, " is not valid: string field ", field,
                        " is not valid UTF-8");
  }
  if (!protobuf_error.empty()) {
    return absl::StrCat("the ", type,
                        " is not valid: ", TruncateUtf8(protobuf_error, 256));
  }
  return absl::StrCat("the request is not a valid protobuf encoding of ", type,
                      " (malformed or truncated)");
}

}  // namespace rapporteur
