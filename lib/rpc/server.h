#ifndef RAPPORTEUR_LIB_RPC_SERVER_H_
#define RAPPORTEUR_LIB_RPC_SERVER_H_

#include <grpcpp/grpcpp.h>

#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "lib/metrics/metrics_http.h"
#include "lib/rpc/tls.h"

namespace rapporteur {

namespace reflection {
class ReflectionService;  // keeps the generated reflection code out of here
}  // namespace reflection

// How a service listens. Filled from flags in main() (server_flags.h).
struct ServerOptions {
  // Names the service in logs.
  std::string service_name;
  // HOST:PORT to listen on; port 0 picks a free port (see `port_file`).
  std::string listen = "127.0.0.1:0";
  // When set, the bound port is written to this file (atomically, by rename)
  // once the server accepts calls, so a supervisor started with port 0 knows
  // where to connect and when.
  std::string port_file;
  // Largest message received or sent. Larger requests get RESOURCE_EXHAUSTED
  // from gRPC before any handler runs. Reports are large: the default admits
  // a 64 MiB document.
  int max_message_bytes = 64 << 20;
  // How long in-flight calls may run after a shutdown signal before they are
  // cancelled. Below Kubernetes' default 30 s grace period.
  absl::Duration shutdown_grace = absl::Seconds(20);
  // TLS of the gRPC port; off by default. With `tls.client_ca_pem` set,
  // clients must present a certificate signed by that authority.
  ServerTls tls;
  // Without TLS the server listens only on a loopback address (127.0.0.0/8,
  // ::1, localhost) and fails to start on any other, since anyone on the
  // network could read and forge its calls, bearer tokens included. True
  // lets it listen in plain text anywhere: for deployments where something
  // else encrypts and authenticates the traffic, such as a service mesh
  // (Istio, Linkerd) whose sidecars terminate mutual TLS.
  bool allow_insecure = false;
  // HOST:PORT of a second, plain-text gRPC port serving only the standard
  // health service (with the same status); empty: none. For probes that
  // cannot speak TLS, such as Kubernetes' gRPC probes; it reveals no more
  // than whether the server is serving.
  std::string health_listen;
  // HOST:PORT serving Prometheus /metrics and /healthz over HTTP; port 0
  // picks a free port; empty: no metrics endpoint.
  std::string metrics_listen;
  // When set, the bound metrics port is written to this file (as
  // `port_file`, and before it).
  std::string metrics_port_file;
  // When set, asked every `readiness_interval` whether the service can do
  // its work (e.g. reach storage); the health service says NOT_SERVING for
  // the empty name and for every service's name while it answers false, so
  // Kubernetes takes the pod out of rotation. Never for kLivenessService.
  std::function<bool()> ready;
  absl::Duration readiness_interval = absl::Seconds(2);
  // A connection is closed (GOAWAY, then reconnected by the client, which
  // resolves the name again) after about this long, so that clients spread
  // over the pods of a Deployment that scaled out since they connected.
  // Calls in flight get `max_connection_age_grace` more before the
  // connection is cut. Infinite: connections live as long as clients keep
  // them. Shorter ages rebalance sooner but reconnect (and, with TLS,
  // handshake) more often.
  absl::Duration max_connection_age = absl::Minutes(5);
  absl::Duration max_connection_age_grace = absl::Minutes(5);
};

// The standard health service (grpc.health.v1.Health) of a Server answers:
//  - "" and the full name of every service it serves
//    ("rapporteur.v1.QueryService", "rapporteur.internal.v1.StorageService"):
//    readiness, SERVING while ServerOptions::ready says so. They follow the
//    service's dependencies (storage, for ingest and query): probes that
//    take pods out of rotation (Kubernetes' readinessProbe) check these.
//  - kLivenessService: SERVING from start to shutdown, whatever the
//    dependencies: the process serves. Probes that restart the process
//    (livenessProbe, startupProbe) check this name only, so that a storage
//    outage never restarts the pods that call storage.
//  - any other name: NOT_FOUND.
// The plain-text health port (ServerOptions::health_listen) answers the same.
inline constexpr char kLivenessService[] = "liveness";

// A started gRPC server with the standard health service and reflection.
// Thread-safe.
class Server {
 public:
  // Builds and starts a server for `services` (not owned; they must outlive
  // the server). Fails with UNAVAILABLE when the address cannot be bound,
  // FAILED_PRECONDITION when it is not loopback and neither TLS nor
  // `allow_insecure` is set, INVALID_ARGUMENT for incomplete TLS options.
  static absl::StatusOr<std::unique_ptr<Server>> Start(
      const ServerOptions& options,
      const std::vector<grpc::Service*>& services);

  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;
  ~Server();

  // Port the server is bound to.
  int port() const { return port_; }

  // Port of the metrics endpoint; 0 when there is none.
  int metrics_port() const { return metrics_ ? metrics_->port() : 0; }

  // Marks the server not serving in health checks, stops accepting calls,
  // waits up to the grace period for in-flight calls, then cancels the rest.
  void Shutdown();

 private:
  Server(ServerOptions options,
         std::unique_ptr<reflection::ReflectionService> reflection,
         std::unique_ptr<grpc::Server> server, int port,
         std::unique_ptr<reflection::ReflectionService> health_reflection,
         std::unique_ptr<grpc::Server> health_server,
         std::unique_ptr<MetricsHttpServer> metrics,
         std::vector<std::string> readiness_names);

  // Sets the readiness (every name but kLivenessService) of the server and
  // of its health port.
  void SetServing(bool serving);

  const ServerOptions options_;
  // Before server_, which serves it: destroyed after it.
  std::unique_ptr<reflection::ReflectionService> reflection_;
  std::unique_ptr<grpc::Server> server_;
  const int port_;
  // The plain-text health port, and the reflection beside its health
  // service (destroyed after it); null without options_.health_listen.
  std::unique_ptr<reflection::ReflectionService> health_reflection_;
  std::unique_ptr<grpc::Server> health_server_;
  std::unique_ptr<MetricsHttpServer> metrics_;
  // "" and the names of the services served: the names readiness sets.
  const std::vector<std::string> readiness_names_;
  // Runs options_.ready; stopped by Shutdown() through stop_watch_.
  absl::Notification stop_watch_;
  std::thread watcher_;
  bool shut_down_ = false;
};

// Starts a server for `services`, serves until SIGTERM or SIGINT, then shuts
// it down gracefully. The usual body of a service's main(); returns the
// error when the server cannot start.
absl::Status ServeUntilSignal(const ServerOptions& options,
                              const std::vector<grpc::Service*>& services);

// Blocks SIGTERM and SIGINT in the calling thread and every thread it starts
// later, so that WaitForTermSignal() receives them. Call first in main().
void BlockTermSignals();

// Writes `port` to the file `path` atomically (a reader never sees half of
// it), for a parent that started the server on port 0.
absl::Status WritePortFile(const std::string& path, int port);

// Waits for SIGTERM or SIGINT; returns the signal number.
int WaitForTermSignal();

}  // namespace rapporteur

#endif  // RAPPORTEUR_LIB_RPC_SERVER_H_
