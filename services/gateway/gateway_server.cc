#include "services/gateway/gateway_server.h"

#include <httplib.h>
#include <prometheus/counter.h>
#include <prometheus/histogram.h>

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "lib/base/log.h"
#include "lib/base/request_id.h"
#include "lib/base/status_macros.h"
#include "lib/base/trace_context.h"
#include "lib/gateway/http_errors.h"
#include "lib/gateway/openapi.h"
#include "lib/metrics/metrics.h"
#include "lib/metrics/metrics_http.h"
#include "services/gateway/console_files.h"

namespace rapporteur::gateway {
namespace {

constexpr char kJson[] = "application/json";

// What the logger, which runs after the answer is written, needs of the
// request: httplib serves a request start to end on one thread.
struct RequestScope {
  absl::Time start;
  std::string request_id;
  TraceContext trace;  // this hop's: the client's traceparent continued
  std::string method;  // metrics label: the RPC, or the page served
};
thread_local RequestScope t_request;

// A request id the client may choose: short, printable, no separators
// that would split a log line or a header.
bool IsValidRequestId(absl::string_view id) {
  return !id.empty() && id.size() <= 128 &&
         std::all_of(id.begin(), id.end(), [](char c) {
           return absl::ascii_isalnum(c) || c == '-' || c == '_' || c == '.' ||
                  c == ':';
         });
}

void RecordRequest(const std::string& method, int http_status, double seconds) {
  // Built once: the families live as long as the default registry.
  static prometheus::Family<prometheus::Counter>& requests =
      prometheus::BuildCounter()
          .Name("rapporteur_gateway_requests_total")
          .Help(
              "HTTP requests answered, by API method (or page) and HTTP "
              "status code.")
          .Register(DefaultRegistry());
  static prometheus::Family<prometheus::Histogram>& durations =
      prometheus::BuildHistogram()
          .Name("rapporteur_gateway_request_duration_seconds")
          .Help(
              "Time from a request's arrival to the end of its answer (a "
              "stream's last line), in seconds.")
          .Register(DefaultRegistry());
  requests.Add({{"method", method}, {"code", absl::StrCat(http_status)}})
      .Increment();
  durations.Add({{"method", method}}, RpcLatencyBuckets()).Observe(seconds);
}

bool OriginAllowed(const std::vector<std::string>& origins,
                   const std::string& origin) {
  return std::any_of(origins.begin(), origins.end(), [&](const auto& allowed) {
    return allowed == "*" || allowed == origin;
  });
}

absl::Status HealthOf(const std::shared_ptr<grpc::Channel>& channel) {
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(2)));
  grpc::health::v1::HealthCheckRequest request;
  grpc::health::v1::HealthCheckResponse response;
  const grpc::Status status = grpc::health::v1::Health::NewStub(channel)->Check(
      &context, request, &response);
  if (!status.ok()) {
    return absl::UnavailableError(status.error_message());
  }
  if (response.status() != grpc::health::v1::HealthCheckResponse::SERVING) {
    return absl::UnavailableError("not serving");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::string> OpenApiDocument() {
  ABSL_ASSIGN_OR_RETURN(std::unique_ptr<ApiDescriptors> api,
                        ApiDescriptors::Embedded());
  ABSL_ASSIGN_OR_RETURN(RouteTable routes, RouteTable::Build(api->services()));
  return OpenApiJson(routes, *api, RAPPORTEUR_VERSION);
}

absl::StatusOr<std::unique_ptr<GatewayServer>> GatewayServer::Start(
    GatewayOptions options) {
  std::unique_ptr<GatewayServer> gateway(new GatewayServer());
  ABSL_ASSIGN_OR_RETURN(gateway->api_, ApiDescriptors::Embedded());
  ABSL_ASSIGN_OR_RETURN(RouteTable routes,
                        RouteTable::Build(gateway->api_->services()));
  gateway->routes_ = std::make_unique<RouteTable>(std::move(routes));
  gateway->handler_ =
      std::make_unique<ApiHandler>(gateway->api_.get(), gateway->routes_.get(),
                                   options.upstreams, options.call_timeout);
  gateway->openapi_json_ =
      OpenApiJson(*gateway->routes_, *gateway->api_, RAPPORTEUR_VERSION);

  std::string host;
  int port;
  ABSL_RETURN_IF_ERROR(ParseHostPort(options.listen, &host, &port));
  if (options.tls_cert_file.empty() != options.tls_key_file.empty()) {
    return absl::InvalidArgumentError(
        "--tls_cert_file and --tls_key_file go together");
  }
  if (options.tls_cert_file.empty()) {
    gateway->server_ = std::make_unique<httplib::Server>();
  } else {
    gateway->server_ = std::make_unique<httplib::SSLServer>(
        options.tls_cert_file.c_str(), options.tls_key_file.c_str());
  }
  if (!gateway->server_->is_valid()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "cannot serve HTTPS with --tls_cert_file=", options.tls_cert_file,
        " and --tls_key_file=", options.tls_key_file,
        ": not a readable PEM certificate and matching key"));
  }
  // A response leaves in several writes (headers, then the body or each
  // chunk): with Nagle's algorithm the second waits for the client's
  // delayed ACK, 40 ms on Linux, on every request of a kept-alive
  // connection.
  gateway->server_->set_tcp_nodelay(true);
  const int threads = std::max(2, options.threads);
  gateway->server_->new_task_queue = [threads] {
    return new httplib::ThreadPool(threads);
  };
  gateway->server_->set_payload_max_length(options.max_body_bytes);
  gateway->server_->set_read_timeout(60, 0);
  gateway->server_->set_write_timeout(60, 0);
  gateway->options_ = std::move(options);
  gateway->Route();

  gateway->port_ =
      port == 0 ? gateway->server_->bind_to_any_port(host)
                : (gateway->server_->bind_to_port(host, port) ? port : -1);
  if (gateway->port_ <= 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ", gateway->options_.listen));
  }
  httplib::Server* server = gateway->server_.get();
  gateway->listener_ = std::thread([server] { server->listen_after_bind(); });
  return gateway;
}

GatewayServer::~GatewayServer() { Stop(); }

void GatewayServer::Stop() {
  if (server_ != nullptr) server_->stop();
  if (listener_.joinable()) listener_.join();
}

void GatewayServer::ServeReady(httplib::Response& response) const {
  const absl::Status ingest = HealthOf(options_.upstreams.ingest);
  const absl::Status query = HealthOf(options_.upstreams.query);
  auto state = [](const absl::Status& status) {
    return status.ok() ? std::string("SERVING")
                       : absl::StrCat("NOT_SERVING: ", status.message());
  };
  response.status = ingest.ok() && query.ok() ? 200 : 503;
  response.set_content(
      absl::StrCat("{\"ingest\":\"", JsonEscape(state(ingest)),
                   "\",\"query\":\"", JsonEscape(state(query)), "\"}"),
      kJson);
}

void GatewayServer::Route() {
  httplib::Server& server = *server_;
  server.set_pre_routing_handler([this](const httplib::Request& request,
                                        httplib::Response& response) {
    t_request.start = absl::Now();
    const std::string given = request.get_header_value("X-Request-Id");
    t_request.request_id = IsValidRequestId(given) ? given : NewRequestId();
    t_request.trace = ContinueTrace(request.get_header_value("traceparent"));
    t_request.method = "unmatched";
    response.set_header("X-Request-Id", t_request.request_id);

    const std::string origin = request.get_header_value("Origin");
    const bool cors =
        !origin.empty() && OriginAllowed(options_.cors_origins, origin);
    if (cors) {
      response.set_header("Access-Control-Allow-Origin", origin);
      response.set_header("Vary", "Origin");
      response.set_header("Access-Control-Expose-Headers", "X-Request-Id");
    }
    if (request.method != "OPTIONS") {
      return httplib::Server::HandlerResponse::Unhandled;
    }
    t_request.method = "preflight";
    if (!cors) {
      response.status = 403;
      response.set_content(
          ErrorJson(403, grpc::StatusCode::PERMISSION_DENIED,
                    absl::StrCat("origin ", origin.empty() ? "(none)" : origin,
                                 " is not allowed (--cors_origins)")),
          kJson);
      return httplib::Server::HandlerResponse::Handled;
    }
    response.status = 204;
    response.set_header("Access-Control-Allow-Methods",
                        "GET, POST, PUT, PATCH, DELETE");
    response.set_header(
        "Access-Control-Allow-Headers",
        "Authorization, Content-Type, X-Request-Id, X-Server-Timeout, "
        "traceparent");
    response.set_header("Access-Control-Max-Age", "600");
    return httplib::Server::HandlerResponse::Handled;
  });

  auto dispatch = [this](const httplib::Request& request,
                         httplib::Response& response) {
    const std::string& path = request.path;
    if (absl::StartsWith(path, "/v1/")) {
      const std::string method = handler_->MethodOf(request);
      if (!method.empty()) t_request.method = method;
      ScopedRequestId scoped(t_request.request_id);
      ScopedTraceContext scoped_trace(t_request.trace);
      handler_->Serve(request, response, t_request.request_id);
      return;
    }
    if (request.method == "GET" || request.method == "HEAD") {
      if (path == "/openapi.json") {
        t_request.method = "openapi";
        response.set_content(openapi_json_, kJson);
        return;
      }
      if (path == "/healthz") {
        t_request.method = "healthz";
        response.set_content("ok\n", "text/plain");
        return;
      }
      if (path == "/readyz") {
        t_request.method = "readyz";
        ServeReady(response);
        return;
      }
      if (path == "/metrics") {
        t_request.method = "metrics";
        response.set_content(TextExposition(),
                             "text/plain; version=0.0.4; charset=utf-8");
        return;
      }
      if (ServeConsoleFile(request, response)) {
        t_request.method = "console";
        return;
      }
    }
    response.status = 404;
    response.set_content(
        ErrorJson(grpc::StatusCode::NOT_FOUND,
                  absl::StrCat("nothing at ", request.method, " ", path)),
        kJson);
  };
  server.Get(".*", dispatch);
  server.Post(".*", dispatch);
  server.Put(".*", dispatch);
  server.Patch(".*", dispatch);
  server.Delete(".*", dispatch);

  // Answers httplib makes itself (413, 400 for a malformed request) get
  // the JSON error shape too.
  server.set_error_handler(httplib::Server::HandlerWithResponse(
      [](const httplib::Request&, httplib::Response& response) {
        if (!response.body.empty()) {
          return httplib::Server::HandlerResponse::Unhandled;
        }
        const std::string message =
            response.status == 413
                ? std::string("request body larger than --max_body_bytes")
                : absl::StrCat("HTTP ", response.status);
        response.set_content(
            ErrorJson(response.status, grpc::StatusCode::INVALID_ARGUMENT,
                      message),
            kJson);
        return httplib::Server::HandlerResponse::Handled;
      }));
  server.set_exception_handler([](const httplib::Request&,
                                  httplib::Response& response,
                                  std::exception_ptr) {
    response.status = 500;
    response.set_content(
        ErrorJson(grpc::StatusCode::INTERNAL, "the gateway failed"), kJson);
  });
  server.set_logger([](const httplib::Request& request,
                       const httplib::Response& response) {
    const double seconds = absl::ToDoubleSeconds(absl::Now() - t_request.start);
    RecordRequest(t_request.method, response.status, seconds);
    ScopedRequestId scoped(t_request.request_id);
    ScopedTraceContext scoped_trace(t_request.trace);
    // The path only: query strings may hold what a log must not keep.
    Log(response.status >= 500 ? LogLevel::kError : LogLevel::kInfo,
        "http request",
        {{"method", request.method},
         {"path", request.path},
         {"rpc", t_request.method},
         {"status", absl::StrCat(response.status)},
         {"ms", absl::StrCat(absl::ToInt64Milliseconds(absl::Now() -
                                                       t_request.start))}});
  });
}

}  // namespace rapporteur::gateway
