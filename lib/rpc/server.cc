#include "lib/rpc/server.h"

#include <grpc/grpc.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/impl/server_builder_option.h>
#include <grpcpp/impl/server_builder_plugin.h>
#include <grpcpp/impl/server_initializer.h>
#include <grpcpp/support/server_interceptor.h>
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <cstdio>
#include <fstream>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "lib/base/log.h"
#include "lib/base/status_macros.h"
#include "lib/metrics/metrics.h"
#include "lib/reflection/reflection_service.h"
#include "lib/rpc/call_outcome.h"
#include "lib/rpc/inflight.h"
#include "lib/rpc/protobuf_log.h"
#include "lib/rpc/rpc_metrics.h"

namespace rapporteur {
namespace {

// Copies the names of the services a server serves into `names` once it
// has started: grpc::Service does not tell its name, the server does (to
// plugins). Includes gRPC's own (grpc.health.v1.Health, reflection).
class ServiceNamesPlugin final : public grpc::ServerBuilderPlugin {
 public:
  explicit ServiceNamesPlugin(std::vector<std::string>* names)
      : names_(names) {}
  std::string name() override { return "rapporteur_service_names"; }
  void InitServer(grpc::ServerInitializer*) override {}
  void Finish(grpc::ServerInitializer* initializer) override {
    *names_ = *initializer->GetServiceList();
  }
  void ChangeArguments(const std::string&, void*) override {}

 private:
  std::vector<std::string>* const names_;
};

// Adds a ServiceNamesPlugin to one builder (a plugin factory would add it to
// every server of the process).
class ServiceNamesOption final : public grpc::ServerBuilderOption {
 public:
  explicit ServiceNamesOption(std::vector<std::string>* names)
      : names_(names) {}
  void UpdateArguments(grpc::ChannelArguments*) override {}
  void UpdatePlugins(std::vector<std::unique_ptr<grpc::ServerBuilderPlugin>>*
                         plugins) override {
    plugins->push_back(std::make_unique<ServiceNamesPlugin>(names_));
  }

 private:
  std::vector<std::string>* const names_;
};

// A duration as gRPC's int milliseconds; INT_MAX (gRPC's "never") when
// infinite or larger.
int ToGrpcMillis(absl::Duration duration) {
  const int64_t millis = absl::ToInt64Milliseconds(duration);
  return millis >= INT_MAX ? INT_MAX
                           : static_cast<int>(std::max<int64_t>(millis, 0));
}

// Sets every name of the health service of `server`: readiness for
// `readiness_names`, SERVING for kLivenessService.
void SetHealth(grpc::Server& server,
               const std::vector<std::string>& readiness_names, bool ready) {
  grpc::HealthCheckServiceInterface* health = server.GetHealthCheckService();
  for (const std::string& name : readiness_names) {
    health->SetServingStatus(name, ready);
  }
  health->SetServingStatus(kLivenessService, true);
}

sigset_t TermSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  return set;
}

}  // namespace

absl::StatusOr<std::unique_ptr<Server>> Server::Start(
    const ServerOptions& options, const std::vector<grpc::Service*>& services) {
  if (!options.tls.enabled() && !options.allow_insecure &&
      !IsLoopbackAddress(options.listen)) {
    return absl::FailedPreconditionError(absl::StrCat(
        "refusing to serve ", options.service_name, " in plain text on ",
        options.listen,
        ", which is not a loopback address: give --tls_cert_file and "
        "--tls_key_file (and --tls_client_ca_file for mutual TLS), or "
        "--allow_insecure when something else encrypts the traffic (a "
        "service mesh)"));
  }
  ABSL_ASSIGN_OR_RETURN(std::shared_ptr<grpc::ServerCredentials> credentials,
                        MakeServerCredentials(options.tls));
  RouteProtobufLogsToJson();
  grpc::EnableDefaultHealthCheckService(true);
  // Reflection of our own (v1 and v1alpha, with the API's comments) in
  // place of gRPC's plugin.
  ABSL_ASSIGN_OR_RETURN(std::unique_ptr<reflection::DescriptorSource> source,
                        reflection::DescriptorSource::Embedded());
  auto reflector =
      std::make_unique<reflection::ReflectionService>(std::move(source));

  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort(options.listen, credentials, &port);
  builder.SetMaxReceiveMessageSize(options.max_message_bytes);
  builder.SetMaxSendMessageSize(options.max_message_bytes);
  builder.AddChannelArgument(GRPC_ARG_MAX_CONNECTION_AGE_MS,
                             ToGrpcMillis(options.max_connection_age));
  builder.AddChannelArgument(GRPC_ARG_MAX_CONNECTION_AGE_GRACE_MS,
                             ToGrpcMillis(options.max_connection_age_grace));
  std::vector<std::string> served_names;
  builder.SetOption(std::make_unique<ServiceNamesOption>(&served_names));
  for (grpc::Service* service : services) {
    builder.RegisterService(service);
  }
  for (grpc::Service* service : reflector->services()) {
    builder.RegisterService(service);
  }
  std::vector<
      std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>>
      interceptors;
  // First: the status it settles is the one the metrics count.
  interceptors.push_back(MakeCallOutcomeInterceptorFactory());
  interceptors.push_back(MakeRpcMetricsInterceptorFactory());
  builder.experimental().SetInterceptorCreators(std::move(interceptors));
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || port == 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ", options.listen));
  }
  // Set before the port file is written: clients find the list complete.
  reflector->SetServiceNames(served_names);
  // Readiness names: the whole server, and each service but gRPC's own.
  std::vector<std::string> readiness_names = {""};
  for (const std::string& name : served_names) {
    if (!absl::StartsWith(name, "grpc.")) {
      readiness_names.push_back(name);
    }
  }
  SetHealth(*server, readiness_names, true);
  // A server of its own, so that the plain-text port serves nothing but
  // the health service.
  std::unique_ptr<grpc::Server> health_server;
  std::unique_ptr<reflection::ReflectionService> health_reflector;
  if (!options.health_listen.empty()) {
    grpc::ServerBuilder health_builder;
    int health_port = 0;
    health_builder.AddListeningPort(
        options.health_listen, grpc::InsecureServerCredentials(), &health_port);
    // gRPC creates its default health service only beside a service of
    // ours (a builder with none fails: "no completion queue polled"), so
    // the port also answers reflection, of the health service alone.
    ABSL_ASSIGN_OR_RETURN(std::unique_ptr<reflection::DescriptorSource> source,
                          reflection::DescriptorSource::Embedded());
    health_reflector =
        std::make_unique<reflection::ReflectionService>(std::move(source));
    for (grpc::Service* service : health_reflector->services()) {
      health_builder.RegisterService(service);
    }
    health_server = health_builder.BuildAndStart();
    if (health_server == nullptr || health_port == 0) {
      server->Shutdown();
      return absl::UnavailableError(absl::StrCat(
          "cannot listen on ", options.health_listen, " (health port)"));
    }
    health_reflector->SetServiceNames({"grpc.health.v1.Health"});
    SetHealth(*health_server, readiness_names, true);
    LogInfo("serving health", {{"listen", options.health_listen},
                               {"port", absl::StrCat(health_port)}});
  }
  auto stop_all = [&] {
    if (health_server != nullptr) {
      health_server->Shutdown();
    }
    server->Shutdown();
  };
  std::unique_ptr<MetricsHttpServer> metrics;
  if (!options.metrics_listen.empty()) {
    absl::StatusOr<std::unique_ptr<MetricsHttpServer>> started =
        MetricsHttpServer::Start(options.metrics_listen);
    if (!started.ok()) {
      stop_all();
      return started.status();
    }
    metrics = std::move(*started);
    LogInfo("serving metrics", {{"listen", options.metrics_listen},
                                {"port", absl::StrCat(metrics->port())}});
    if (!options.metrics_port_file.empty()) {
      absl::Status written =
          WritePortFile(options.metrics_port_file, metrics->port());
      if (!written.ok()) {
        stop_all();
        return written;
      }
    }
  }
  // Last: a supervisor reading the port file finds everything up.
  if (!options.port_file.empty()) {
    absl::Status written = WritePortFile(options.port_file, port);
    if (!written.ok()) {
      stop_all();
      return written;
    }
  }
  LogInfo("serving", {{"listen", options.listen},
                      {"port", absl::StrCat(port)},
                      {"tls", !options.tls.enabled()              ? "off"
                              : options.tls.client_ca_pem.empty() ? "on"
                                                                  : "mutual"}});
  auto started = std::unique_ptr<Server>(
      new Server(options, std::move(reflector), std::move(server), port,
                 std::move(health_reflector), std::move(health_server),
                 std::move(metrics), std::move(readiness_names)));
  if (options.ready) {
    Server* self = started.get();
    self->watcher_ = std::thread([self] {
      bool serving = true;
      do {
        const bool ready = self->options_.ready();
        if (ready != serving) {
          serving = ready;
          self->SetServing(serving);
          LogInfo(serving ? "ready: serving" : "not ready: not serving");
        }
      } while (!self->stop_watch_.WaitForNotificationWithTimeout(
          self->options_.readiness_interval));
    });
  }
  return started;
}

Server::Server(ServerOptions options,
               std::unique_ptr<reflection::ReflectionService> reflection,
               std::unique_ptr<grpc::Server> server, int port,
               std::unique_ptr<reflection::ReflectionService> health_reflection,
               std::unique_ptr<grpc::Server> health_server,
               std::unique_ptr<MetricsHttpServer> metrics,
               std::vector<std::string> readiness_names)
    : options_(std::move(options)),
      reflection_(std::move(reflection)),
      server_(std::move(server)),
      port_(port),
      health_reflection_(std::move(health_reflection)),
      health_server_(std::move(health_server)),
      metrics_(std::move(metrics)),
      readiness_names_(std::move(readiness_names)) {}

void Server::SetServing(bool serving) {
  SetHealth(*server_, readiness_names_, serving);
  if (health_server_ != nullptr) {
    SetHealth(*health_server_, readiness_names_, serving);
  }
}

Server::~Server() { Shutdown(); }

void Server::Shutdown() {
  if (shut_down_) {
    return;
  }
  shut_down_ = true;
  if (watcher_.joinable()) {
    stop_watch_.Notify();
    watcher_.join();
  }
  LogInfo("draining",
          {{"grace_seconds",
            absl::StrCat(absl::ToInt64Seconds(options_.shutdown_grace))}});
  // Probes see NOT_SERVING first, so load balancers stop sending new calls.
  server_->GetHealthCheckService()->Shutdown();
  if (health_server_ != nullptr) {
    health_server_->GetHealthCheckService()->Shutdown();
  }
  const absl::Time deadline = absl::Now() + options_.shutdown_grace;
  // Shutdown() stops admitting calls at once, then waits for in-flight
  // calls and for every client connection to close, cancelling what is
  // left at the deadline. Clients that keep an idle channel open would hold
  // it to the deadline; so once our handlers are done, the remaining
  // connections are cut.
  std::thread drain(
      [this, deadline] { server_->Shutdown(absl::ToChronoTime(deadline)); });
  while (InflightCalls::Count() > 0 && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(5));
  }
  grpc_server_cancel_all_calls(server_->c_server());
  drain.join();
  server_->Wait();
  if (health_server_ != nullptr) {
    // Probes hold no calls open: nothing to wait for.
    health_server_->Shutdown(absl::ToChronoTime(absl::Now()));
    health_server_->Wait();
  }
  if (metrics_ != nullptr) {
    metrics_->Stop();  // after the drain, so the last scrapes see it
  }
  LogInfo("stopped");
}

absl::Status WritePortFile(const std::string& path, int port) {
  const std::string tmp = absl::StrCat(path, ".tmp");
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << port << "\n";
    if (!out.flush()) {
      return absl::InternalError(absl::StrCat("cannot write ", tmp));
    }
  }
  // rename() is atomic: a reader never sees a half-written port.
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    return absl::InternalError(
        absl::StrCat("cannot rename ", tmp, " to ", path));
  }
  return absl::OkStatus();
}

absl::Status ServeUntilSignal(const ServerOptions& options,
                              const std::vector<grpc::Service*>& services) {
  absl::StatusOr<std::unique_ptr<Server>> server =
      Server::Start(options, services);
  if (!server.ok()) {
    return server.status();
  }
  const int signal = WaitForTermSignal();
  LogInfo("signal received", {{"signal", absl::StrCat(signal)}});
  (*server)->Shutdown();
  return absl::OkStatus();
}

void BlockTermSignals() {
  sigset_t set = TermSignals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

int WaitForTermSignal() {
  sigset_t set = TermSignals();
  int signal = 0;
  sigwait(&set, &signal);
  return signal;
}

}  // namespace rapporteur
