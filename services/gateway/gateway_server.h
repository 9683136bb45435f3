#ifndef RAPPORTEUR_SERVICES_GATEWAY_GATEWAY_SERVER_H_
#define RAPPORTEUR_SERVICES_GATEWAY_GATEWAY_SERVER_H_

#include <cstddef>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/gateway/api_handler.h"

namespace httplib {
class Server;
}

namespace rapporteur::gateway {

struct GatewayOptions {
  // HOST:PORT to listen on; port 0 picks a free one (see port()).
  std::string listen = "127.0.0.1:0";
  // HTTPS with this PEM certificate chain and key; plain HTTP when empty.
  std::string tls_cert_file;
  std::string tls_key_file;
  Upstreams upstreams;
  // Origins whose pages may call the API (CORS), e.g.
  // "https://analysis.example.org"; "*" for any. Empty: same origin only.
  std::vector<std::string> cors_origins;
  // Largest request body; larger is 413. A document travels base64 in
  // JSON, so this is 4/3 of the largest document accepted.
  size_t max_body_bytes = 96u << 20;
  // Deadline of a unary call when the client sets no X-Server-Timeout.
  absl::Duration call_timeout = absl::Seconds(60);
  // Threads serving connections; a streamed response holds one.
  int threads = 16;
};

// rapporteur-gateway's HTTP server: the REST API (/v1/..., api_handler.h),
// its OpenAPI document (/openapi.json), the web console (/), and
//   GET /healthz  200 while the process serves (liveness)
//   GET /readyz   200 when the ingest and query services answer their
//                 health checks, else 503 naming the one that does not
//   GET /metrics  Prometheus text: requests by method and HTTP code,
//                 latency
// Every answer carries X-Request-Id (the client's, or a new one passed on
// to the services and logged). Thread-safe; Stop() or the destructor ends
// it.
class GatewayServer {
 public:
  static absl::StatusOr<std::unique_ptr<GatewayServer>> Start(
      GatewayOptions options);
  ~GatewayServer();

  int port() const { return port_; }
  // Stops accepting, lets requests being served finish, joins the threads.
  void Stop();

 private:
  GatewayServer() = default;
  void Route();
  void ServeReady(httplib::Response& response) const;

  GatewayOptions options_;
  std::unique_ptr<ApiDescriptors> api_;
  std::unique_ptr<RouteTable> routes_;
  std::unique_ptr<ApiHandler> handler_;
  std::string openapi_json_;
  std::unique_ptr<httplib::Server> server_;
  std::thread listener_;
  int port_ = 0;
};

}  // namespace rapporteur::gateway

#endif  // RAPPORTEUR_SERVICES_GATEWAY_GATEWAY_SERVER_H_
