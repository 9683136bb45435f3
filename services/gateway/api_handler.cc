#include "services/gateway/api_handler.h"

#include <prometheus/counter.h>

#include <optional>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "lib/base/request_id.h"
#include "lib/base/trace_context.h"
#include "lib/gateway/http_errors.h"
#include "lib/gateway/request_transcoder.h"
#include "lib/metrics/metrics.h"

namespace rapporteur::gateway {
namespace {

constexpr char kJson[] = "application/json";
constexpr char kNdjson[] = "application/x-ndjson";

void SendError(httplib::Response& response, grpc::StatusCode code,
               absl::string_view message) {
  response.status = HttpStatusOf(code);
  response.set_content(ErrorJson(code, message), kJson);
}

// The URL's query parameters. Not request.params, where httplib also puts
// the fields of a form-encoded body: a body here is JSON, whatever
// Content-Type a client (curl -d) labels it with.
QueryParams QueryOf(const httplib::Request& request) {
  QueryParams query;
  const size_t mark = request.target.find('?');
  if (mark == std::string::npos) return query;
  httplib::Params params;
  httplib::detail::parse_query_text(request.target.substr(mark + 1), params);
  for (const auto& [name, value] : params) query.emplace_back(name, value);
  return query;
}

// The requests of a client stream: one JSON object per line of the body.
absl::Status ParseLines(const httplib::Request& request,
                        const google::protobuf::Descriptor* type,
                        const ApiDescriptors& api, GenericCall* call) {
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(request.body, '\n')) {
    ++line_number;
    line = absl::StripAsciiWhitespace(line);
    if (line.empty()) continue;
    std::unique_ptr<google::protobuf::Message> message = api.NewMessage(type);
    absl::Status parsed =
        ParseJson(line, absl::StrCat("line ", line_number, " of the body"),
                  message.get());
    if (!parsed.ok()) return parsed;
    call->Send(message->SerializeAsString());
  }
  call->CloseSend();
  return absl::OkStatus();
}

// The state of one streamed response, owned by the content provider.
struct StreamState {
  std::unique_ptr<GenericCall> call;
  const google::protobuf::Descriptor* type = nullptr;
  std::optional<std::string> pending;  // the first message, read first
  bool done = false;
};

}  // namespace

std::string ApiHandler::MethodOf(const httplib::Request& request) const {
  const RouteTable::Lookup lookup = routes_.Find(request.method, request.path);
  if (lookup.route == nullptr) return "";
  return absl::StrCat(lookup.route->method->service()->full_name(), "/",
                      lookup.route->method->name());
}

absl::StatusOr<std::unique_ptr<grpc::ClientContext>> ApiHandler::ContextFor(
    const httplib::Request& request, const std::string& request_id,
    bool streaming) const {
  auto context = std::make_unique<grpc::ClientContext>();
  absl::Duration timeout = streaming ? absl::InfiniteDuration() : call_timeout_;
  if (request.has_header("X-Server-Timeout")) {
    double seconds;
    if (!absl::SimpleAtod(request.get_header_value("X-Server-Timeout"),
                          &seconds) ||
        seconds <= 0) {
      return absl::InvalidArgumentError(
          "header X-Server-Timeout: not a positive number of seconds");
    }
    timeout = absl::Seconds(seconds);
  }
  if (timeout != absl::InfiniteDuration()) {
    context->set_deadline(absl::ToChronoTime(absl::Now() + timeout));
  }
  context->AddMetadata(kRequestIdKey, request_id);
  if (request.has_header("Authorization")) {
    context->AddMetadata("authorization",
                         request.get_header_value("Authorization"));
  }
  // The gateway's span (gateway_server.cc) is the parent of the service's.
  if (const TraceContext& trace = CurrentTraceContext(); !trace.empty()) {
    context->AddMetadata(kTraceparentKey, trace.ToTraceparent());
  } else if (request.has_header("traceparent")) {
    context->AddMetadata(kTraceparentKey,
                         request.get_header_value("traceparent"));
  }
  return context;
}

void ApiHandler::Serve(const httplib::Request& request,
                       httplib::Response& response,
                       const std::string& request_id) const {
  const RouteTable::Lookup lookup = routes_.Find(request.method, request.path);
  if (lookup.route == nullptr) {
    if (lookup.path_known) {
      response.status = 405;
      response.set_content(
          ErrorJson(405, grpc::StatusCode::UNIMPLEMENTED,
                    absl::StrCat(request.method, " is not a method of ",
                                 request.path, " (see /openapi.json)")),
          kJson);
      return;
    }
    SendError(response, grpc::StatusCode::NOT_FOUND,
              absl::StrCat("no API method at ", request.method, " ",
                           request.path, " (see /openapi.json)"));
    return;
  }
  const Route& route = *lookup.route;
  const google::protobuf::MethodDescriptor* method = route.method;
  const bool streaming = method->server_streaming();

  absl::StatusOr<std::unique_ptr<grpc::ClientContext>> context =
      ContextFor(request, request_id, streaming || method->client_streaming());
  if (!context.ok()) {
    SendError(response, grpc::StatusCode::INVALID_ARGUMENT,
              context.status().message());
    return;
  }
  const std::shared_ptr<grpc::Channel>& channel =
      method->service()->name() == "IngestService" ? upstreams_.ingest
                                                   : upstreams_.query;
  const std::string method_path =
      absl::StrCat("/", method->service()->full_name(), "/", method->name());

  std::unique_ptr<google::protobuf::Message> message;
  if (!method->client_streaming()) {
    message = api_.NewMessage(method->input_type());
    const absl::Status transcoded = TranscodeRequest(
        route, lookup.bindings, QueryOf(request), request.body, message.get());
    if (!transcoded.ok()) {
      SendError(response, grpc::StatusCode::INVALID_ARGUMENT,
                transcoded.message());
      return;
    }
  }
  auto call =
      std::make_unique<GenericCall>(channel, method_path, *std::move(context));
  if (method->client_streaming()) {
    const absl::Status parsed =
        ParseLines(request, method->input_type(), api_, call.get());
    if (!parsed.ok()) {
      SendError(response, grpc::StatusCode::INVALID_ARGUMENT, parsed.message());
      return;
    }
  } else {
    call->Send(message->SerializeAsString());
    call->CloseSend();
  }

  if (streaming) {
    ServeStream(std::move(call), method->output_type(), response);
    return;
  }
  std::string bytes;
  const bool read = call->Read(&bytes);
  const grpc::Status status = call->Finish();
  if (!status.ok() || !read) {
    response.status = HttpStatusOf(status.error_code());
    response.set_content(status.ok()
                             ? ErrorJson(grpc::StatusCode::INTERNAL,
                                         "the service answered no message")
                             : ErrorJson(status, api_),
                         kJson);
    return;
  }
  std::unique_ptr<google::protobuf::Message> answer =
      api_.NewMessage(method->output_type());
  if (!answer->ParseFromString(bytes)) {
    SendError(response, grpc::StatusCode::INTERNAL,
              absl::StrCat("the service's answer is not a ",
                           method->output_type()->full_name()));
    return;
  }
  response.set_content(ToJson(*answer), kJson);
}

void ApiHandler::ServeStream(std::unique_ptr<GenericCall> call,
                             const google::protobuf::Descriptor* type,
                             httplib::Response& response) const {
  auto state = std::make_shared<StreamState>();
  state->call = std::move(call);
  state->type = type;
  // The first message decides the HTTP status: a stream that fails before
  // its first message (a bad query) is an error response, not a 200.
  std::string first;
  if (!state->call->Read(&first)) {
    const grpc::Status status = state->call->Finish();
    if (!status.ok()) {
      response.status = HttpStatusOf(status.error_code());
      response.set_content(ErrorJson(status, api_), kJson);
    } else {
      response.set_content("", kNdjson);
    }
    return;
  }
  state->pending = std::move(first);
  const ApiDescriptors* api = &api_;
  response.set_chunked_content_provider(
      kNdjson,
      [state, api](size_t, httplib::DataSink& sink) {
        // One message per call: the next is read from the service only when
        // the client has taken this one (the socket accepted it), so a slow
        // reader slows the stream down instead of filling memory.
        std::string bytes;
        bool have = false;
        if (state->pending.has_value()) {
          bytes = *std::move(state->pending);
          state->pending.reset();
          have = true;
        } else if (!state->done) {
          have = state->call->Read(&bytes);
        }
        if (!have) {
          state->done = true;
          const grpc::Status status = state->call->Finish();
          if (!status.ok()) {
            const std::string line = ErrorJson(status, *api) + "\n";
            sink.write(line.data(), line.size());
          }
          sink.done();
          return true;
        }
        std::unique_ptr<google::protobuf::Message> message =
            api->NewMessage(state->type);
        std::string line =
            message->ParseFromString(bytes)
                ? absl::StrCat("{\"result\":", ToJson(*message), "}\n")
                : ErrorJson(grpc::StatusCode::INTERNAL,
                            "the service sent a message that does not parse") +
                      "\n";
        // A failed write means the client left: false ends the response,
        // and the releaser cancels the call.
        return sink.write(line.data(), line.size());
      },
      [state](bool success) {
        if (success) return;
        state->call->Cancel();
        static prometheus::Counter& cancelled =
            prometheus::BuildCounter()
                .Name("rapporteur_gateway_streams_cancelled_total")
                .Help(
                    "Streamed answers the client left before their end; "
                    "their calls were cancelled.")
                .Register(DefaultRegistry())
                .Add({});
        cancelled.Increment();
      });
}

}  // namespace rapporteur::gateway
