#ifndef RAPPORTEUR_LIB_METRICS_METRICS_HTTP_H_
#define RAPPORTEUR_LIB_METRICS_METRICS_HTTP_H_

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/metrics/metrics.h"

namespace rapporteur {

// Serves TextExposition() over plain HTTP for Prometheus to scrape, on a
// port of its own, beside the gRPC port (Prometheus speaks no gRPC):
//   GET /metrics  200, text format 0.0.4
//   GET /healthz  200 "ok": the process is up (gRPC health says more)
//   anything else 404
// Runs its own listener thread and a small pool for connections.
//
// On cpp-httplib rather than prometheus-cpp-pull's Exposer: the gateway
// serves the same text on its API port, from cpp-httplib, so the text is
// needed apart from any server anyway; one HTTP library is enough, and this
// one keeps /healthz, a two-thread pool, I/O timeouts and SO_REUSEADDR
// without SO_REUSEPORT (which the Exposer's civetweb does not offer).
// Thread-safe; Stop() (or the destructor) joins them.
class MetricsHttpServer {
 public:
  // Binds `listen`, "HOST:PORT" ("[::1]:PORT" for IPv6, ":PORT" for every
  // IPv4 interface, port 0 for a free port; see port()). INVALID_ARGUMENT
  // for a malformed address, UNAVAILABLE when it cannot be bound.
  static absl::StatusOr<std::unique_ptr<MetricsHttpServer>> Start(
      absl::string_view listen);

  MetricsHttpServer(const MetricsHttpServer&) = delete;
  MetricsHttpServer& operator=(const MetricsHttpServer&) = delete;
  ~MetricsHttpServer();

  // The bound port: the one asked for, or the one picked for port 0.
  int port() const { return port_; }

  // Closes the listening socket, lets requests being served finish, and
  // joins the threads. Idempotent.
  void Stop();

 private:
  struct Impl;
  MetricsHttpServer(std::unique_ptr<Impl> impl, int port);

  std::unique_ptr<Impl> impl_;
  const int port_;
};

// Splits "HOST:PORT" as MetricsHttpServer::Start() reads it: brackets are
// removed from an IPv6 host, an empty host is "0.0.0.0", the port is
// 0..65535. Exposed for tests.
absl::Status ParseHostPort(absl::string_view listen, std::string* host,
                           int* port);

}  // namespace rapporteur

#endif  // RAPPORTEUR_LIB_METRICS_METRICS_HTTP_H_
