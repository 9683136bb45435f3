// `rapporteur up`: a JetStream node, storage, ingest and query as four
// processes on loopback, on the same write path as a cluster: ingest
// writes into the partition's log, the storage replica applies it.
#include <signal.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "absl/time/clock.h"
#include "lib/base/status_macros.h"
#include "lib/base/subprocess.h"
#include "lib/replication/local_nats.h"
#include "lib/replication/nats_client.h"
#include "lib/replication/shard_map.h"
#include "lib/routing/data_layout.h"
#include "lib/rpc/server.h"
#include "tools/cli/commands.h"
#include "tools/cli/output.h"

namespace rapporteur::cli {
namespace {

namespace fs = std::filesystem;

constexpr absl::Duration kStartTimeout = absl::Seconds(60);

struct UpOptions {
  std::string host = "127.0.0.1";
  int nats_port = 50050;
  int storage_port = 50051;
  int ingest_port = 50052;
  int query_port = 50053;
  int gateway_port = 8080;
  std::string addresses_file;
};

// A service `up` starts: the binary rapporteur-NAME beside this one, with
// its own flags and port. An argument may name the address of a service
// started before it as {name} ("--ingest={ingest}").
struct ServiceSpec {
  std::string name;
  std::vector<std::string> args;
  int port = 0;
};

// One service started by `up`.
struct Service {
  std::string name;
  std::optional<Subprocess> process;
  std::string address;
  std::string log;
};

// The services in start order: each may call those before it (storage
// first, then ingest and query, which call storage). A new service is a
// new entry here.
std::vector<ServiceSpec> ServiceSpecs(const UpOptions& options,
                                      const GlobalOptions& global,
                                      const fs::path& data,
                                      const std::string& nats_url) {
  const std::string nats_flag = absl::StrCat("--nats=", nats_url);
  // Case records' keys go to query, which serves them; the variable
  // RAPPORTEUR_CASE_KEYS, if set instead, is inherited.
  std::vector<std::string> query_args = {nats_flag};
  if (!global.case_keys.empty()) {
    query_args.push_back(
        absl::StrCat("--case_keys=", fs::absolute(global.case_keys).string()));
  }
  return {
      {"storage",
       {absl::StrCat("--data=", data.string()), nats_flag,
        "--replica=storage-0"},
       options.storage_port},
      {"ingest", {nats_flag}, options.ingest_port},
      {"query", std::move(query_args), options.query_port},
      // The REST API and the web console, over ingest and query.
      {"gateway",
       {"--ingest={ingest}", "--query={query}"},
       options.gateway_port},
  };
}

absl::Status StartService(const ServiceSpec& spec, const std::string& host,
                          const fs::path& data,
                          const std::vector<Service>& started,
                          Service* service) {
  const fs::path port_file = data / storage::kRunSubdir / (spec.name + ".port");
  fs::remove(port_file);
  service->name = spec.name;
  service->log = (data / storage::kLogsSubdir / (spec.name + ".log")).string();
  std::vector<std::string> args;
  for (const std::string& arg : spec.args) {
    std::string filled = arg;
    for (const Service& earlier : started) {
      filled = absl::StrReplaceAll(
          filled, {{absl::StrCat("{", earlier.name, "}"), earlier.address}});
    }
    args.push_back(std::move(filled));
  }
  args.push_back(absl::StrCat("--listen=", host, ":", spec.port));
  args.push_back(absl::StrCat("--port_file=", port_file.string()));
  absl::StatusOr<Subprocess> process = Subprocess::Spawn(
      absl::StrCat(ExecutableDir(), "/rapporteur-", spec.name), args,
      service->log);
  if (!process.ok()) {
    return process.status();
  }
  service->process.emplace(std::move(*process));
  absl::StatusOr<int> bound = WaitForPortFile(
      port_file.string(), *service->process, kStartTimeout, service->log);
  if (!bound.ok()) {
    return absl::Status(
        bound.status().code(),
        absl::StrCat(spec.name, ": ", bound.status().message()));
  }
  service->address = absl::StrCat(host, ":", *bound);
  return absl::OkStatus();
}

// Stops the services in the reverse of their start order, so that no call
// reaches a stopped service (storage, stopped last, closes its database
// cleanly), then the log.
void StopAll(std::vector<Service>& services, Subprocess& nats) {
  for (auto it = services.rbegin(); it != services.rend(); ++it) {
    if (it->process.has_value()) {
      it->process->Stop();
    }
  }
  nats.Stop();
}

// Waits for SIGINT/SIGTERM or for a service or the JetStream node to die.
// Returns the exit code.
int Supervise(std::vector<Service>& services, Subprocess& nats) {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  const timespec tick{0, 200 * 1000 * 1000};
  while (true) {
    if (sigtimedwait(&signals, nullptr, &tick) > 0) {
      return kExitDone;
    }
    if (nats.Exited()) {
      std::cerr << "rapporteur: nats-server stopped unexpectedly\n";
      return kExitFailed;
    }
    for (Service& service : services) {
      if (service.process->Exited()) {
        std::cerr << "rapporteur: " << service.name
                  << " stopped unexpectedly; see " << service.log << "\n";
        return kExitFailed;
      }
    }
  }
}

// Starts the JetStream node of DATA/nats and sets up one partition on it
// (kept across runs: its log and the shard map live in its store).
absl::StatusOr<replication::LocalNats> StartNats(const fs::path& data,
                                                 const UpOptions& options) {
  replication::LocalNatsOptions nats_options;
  nats_options.dir = (data / storage::kNatsSubdir).string();
  nats_options.host = options.host;
  nats_options.port = options.nats_port;
  ABSL_ASSIGN_OR_RETURN(replication::LocalNats nats,
                        replication::LocalNats::Start(nats_options));
  ABSL_ASSIGN_OR_RETURN(
      std::unique_ptr<replication::NatsClient> client,
      replication::NatsClient::Connect(nats.url(), "rapporteur up"));
  internal::v1::ClusterConfig config;
  config.set_partitions(1);
  config.set_replicas(1);
  config.set_stream_replicas(1);
  ABSL_RETURN_IF_ERROR(replication::InitClusterWhenReady(
      *client, config, absl::Now() + kStartTimeout));
  return nats;
}

// RAPPORTEUR_NATS=..., then RAPPORTEUR_<SERVICE>=... a line, written whole
// (renamed into place) so that a script polling for the file reads it all.
void WriteAddresses(const std::string& path, const std::string& nats_url,
                    const std::vector<Service>& services) {
  std::ofstream out(path + ".tmp", std::ios::trunc);
  out << "RAPPORTEUR_NATS=" << nats_url << "\n";
  for (const Service& service : services) {
    out << "RAPPORTEUR_" << absl::AsciiStrToUpper(service.name) << "="
        << service.address << "\n";
  }
  out.close();
  std::error_code error;
  fs::rename(path + ".tmp", path, error);
}

int RunUp(const UpOptions& options, const GlobalOptions& global) {
  BlockTermSignals();  // Ctrl-C reaches Supervise(), not the default action
  const fs::path data = global.data;
  std::error_code error;
  const fs::path shard_dir = storage::ShardDataDir(data.string());
  for (const fs::path& dir :
       {data / storage::kRunSubdir, data / storage::kLogsSubdir, shard_dir}) {
    fs::create_directories(dir, error);
    if (error) {
      return Fail(absl::FailedPreconditionError(
          absl::StrCat("cannot create ", dir.string(), ": ", error.message())));
    }
  }

  absl::StatusOr<replication::LocalNats> nats = StartNats(data, options);
  if (!nats.ok()) {
    return Fail(nats.status());
  }
  std::vector<Service> services;
  for (const ServiceSpec& spec :
       ServiceSpecs(options, global, data, nats->url())) {
    Service service;
    absl::Status started =
        StartService(spec, options.host, data, services, &service);
    services.push_back(std::move(service));
    if (!started.ok()) {
      StopAll(services, nats->process());
      return Fail(started);
    }
  }

  std::cout << "nats     " << nats->url() << "  (JetStream log, "
            << (data / storage::kNatsSubdir).string() << ")\n";
  for (const Service& service : services) {
    std::cout << absl::StrFormat("%-9s", service.name) << service.address
              << (service.name == "storage"
                      ? absl::StrCat("  (data ", shard_dir.string(), ")")
                      : "")
              << "\n";
  }
  std::cout << "logs in " << (data / storage::kLogsSubdir).string()
            << "; Ctrl-C stops them all\n"
            << std::flush;
  if (!options.addresses_file.empty()) {
    WriteAddresses(options.addresses_file, nats->url(), services);
  }
  const int code = Supervise(services, nats->process());
  StopAll(services, nats->process());
  std::cout << "stopped\n";
  return code;
}

}  // namespace

void AddUpCommand(CLI::App& app, Cli& cli) {
  CLI::App* up = app.add_subcommand(
      "up",
      "Start a NATS JetStream node, storage, ingest, query and the gateway "
      "on loopback, "
      "serving --data; Ctrl-C stops them all");
  auto options = std::make_shared<UpOptions>();
  up->add_option("--host", options->host,
                 "Address the services listen on: a loopback address, since "
                 "`up` runs them without TLS (they refuse any other)")
      ->capture_default_str();
  up->add_option("--nats_port", options->nats_port,
                 "Client port of the JetStream node; 0 picks one")
      ->capture_default_str();
  up->add_option("--storage_port", options->storage_port,
                 "Port of the storage service; 0 picks one")
      ->capture_default_str();
  up->add_option("--ingest_port", options->ingest_port,
                 "Port of the ingest service; 0 picks one")
      ->capture_default_str();
  up->add_option("--query_port", options->query_port,
                 "Port of the query service; 0 picks one")
      ->capture_default_str();
  up->add_option("--gateway_port", options->gateway_port,
                 "Port of the gateway (REST API and web console at "
                 "http://HOST:PORT/); 0 picks one")
      ->capture_default_str();
  up->add_option("--addresses_file", options->addresses_file,
                 "When set, write RAPPORTEUR_NATS=..., RAPPORTEUR_STORAGE=..., "
                 "RAPPORTEUR_INGEST=..., RAPPORTEUR_QUERY=... and "
                 "RAPPORTEUR_GATEWAY=... here once all the services serve")
      ->type_name("FILE");
  AddDataOptions(*up, cli.global);
  up->footer(
      "Examples:\n"
      "  rapporteur up --data=./rapporteur-data\n"
      "  rapporteur up --nats_port=0 --storage_port=0 --ingest_port=0 "
      "--query_port=0 --gateway_port=0 --addresses_file=addresses &");
  SetAction(*up, cli, [&cli, options] { return RunUp(*options, cli.global); });
}

}  // namespace rapporteur::cli
