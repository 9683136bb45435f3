// `rapporteur up`: a JetStream node, storage, ingest and query as four
// processes on loopback, on the same write path as a cluster: ingest
// writes into the partition's log, the storage replica applies it.
#include <signal.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "lib/base/status_macros.h"
#include "lib/base/subprocess.h"
#include "lib/replication/local_nats.h"
#include "lib/replication/nats_client.h"
#include "lib/replication/shard_map.h"
#include "lib/routing/data_layout.h"
#include "lib/rpc/server.h"
#include "tools/cli/client_flags.h"
#include "tools/cli/commands.h"

ABSL_FLAG(std::string, host, "127.0.0.1",
          "Address the services listen on: a loopback address, since `up` "
          "runs them without TLS (they refuse any other)");
ABSL_FLAG(int, nats_port, 50050,
          "Client port of the JetStream node; 0 picks one");
ABSL_FLAG(int, storage_port, 50051, "Port of the storage service; 0 picks one");
ABSL_FLAG(int, ingest_port, 50052, "Port of the ingest service; 0 picks one");
ABSL_FLAG(int, query_port, 50053, "Port of the query service; 0 picks one");
ABSL_FLAG(std::string, addresses_file, "",
          "When set, write RAPPORTEUR_INGEST=... and RAPPORTEUR_QUERY=... here "
          "once all three services serve");

namespace rapporteur::cli {
namespace {

namespace fs = std::filesystem;

constexpr absl::Duration kStartTimeout = absl::Seconds(60);

// One service started by `up`.
struct Service {
  std::string name;
  std::optional<Subprocess> process;
  std::string address;
  std::string log;
};

absl::Status StartService(const std::string& name,
                          std::vector<std::string> args, const fs::path& data,
                          int port, Service* service) {
  const fs::path port_file = data / storage::kRunSubdir / (name + ".port");
  fs::remove(port_file);
  service->name = name;
  service->log = (data / storage::kLogsSubdir / (name + ".log")).string();
  args.push_back(
      absl::StrCat("--listen=", absl::GetFlag(FLAGS_host), ":", port));
  args.push_back(absl::StrCat("--port_file=", port_file.string()));
  absl::StatusOr<Subprocess> process = Subprocess::Spawn(
      absl::StrCat(ExecutableDir(), "/rapporteur-", name), args, service->log);
  if (!process.ok()) {
    return process.status();
  }
  service->process.emplace(std::move(*process));
  absl::StatusOr<int> bound = WaitForPortFile(
      port_file.string(), *service->process, kStartTimeout, service->log);
  if (!bound.ok()) {
    return absl::Status(bound.status().code(),
                        absl::StrCat(name, ": ", bound.status().message()));
  }
  service->address = absl::StrCat(absl::GetFlag(FLAGS_host), ":", *bound);
  return absl::OkStatus();
}

// Waits for SIGINT/SIGTERM or for a service or the JetStream node to die.
// Returns the exit code.
int Supervise(std::vector<Service*> services, Subprocess* nats) {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  const timespec tick{0, 200 * 1000 * 1000};
  while (true) {
    if (sigtimedwait(&signals, nullptr, &tick) > 0) {
      return 0;
    }
    if (nats->Exited()) {
      std::cerr << "rapporteur: nats-server stopped unexpectedly\n";
      return 1;
    }
    for (Service* service : services) {
      if (service->process->Exited()) {
        std::cerr << "rapporteur: " << service->name
                  << " stopped unexpectedly; see " << service->log << "\n";
        return 1;
      }
    }
  }
}

}  // namespace

// Starts the JetStream node of DATA/nats and sets up one partition on it
// (kept across runs: its log and the shard map live in its store).
absl::StatusOr<replication::LocalNats> StartNats(const fs::path& data) {
  replication::LocalNatsOptions options;
  options.dir = (data / storage::kNatsSubdir).string();
  options.host = absl::GetFlag(FLAGS_host);
  options.port = absl::GetFlag(FLAGS_nats_port);
  ABSL_ASSIGN_OR_RETURN(replication::LocalNats nats,
                        replication::LocalNats::Start(options));
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

int RunUp(const std::vector<std::string>& args) {
  if (!args.empty()) {
    std::cerr << "usage: rapporteur up [--data=DIR]\n";
    return 2;
  }
  BlockTermSignals();  // Ctrl-C reaches Supervise(), not the default action
  const fs::path data = absl::GetFlag(FLAGS_data);
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

  absl::StatusOr<replication::LocalNats> nats = StartNats(data);
  if (!nats.ok()) {
    return Fail(nats.status());
  }
  Service storage, ingest, query;
  // Ingest and query stop first, so no call reaches a stopped storage;
  // storage then closes its database cleanly, and the log goes last.
  const auto stop_all = [&] {
    for (Service* service : {&ingest, &query, &storage}) {
      if (service->process.has_value()) {
        service->process->Stop();
      }
    }
    nats->process().Stop();
  };
  const std::string nats_flag = absl::StrCat("--nats=", nats->url());
  absl::Status started =
      StartService("storage",
                   {absl::StrCat("--data=", data.string()), nats_flag,
                    "--replica=storage-0"},
                   data, absl::GetFlag(FLAGS_storage_port), &storage);
  if (started.ok()) {
    started = StartService("ingest", {nats_flag}, data,
                           absl::GetFlag(FLAGS_ingest_port), &ingest);
    if (started.ok()) {
      // Case records' keys go to query, which serves them; the variable
      // RAPPORTEUR_CASE_KEYS, if set instead, is inherited.
      std::vector<std::string> query_args = {nats_flag};
      if (const std::string keys = absl::GetFlag(FLAGS_case_keys);
          !keys.empty()) {
        query_args.push_back(
            absl::StrCat("--case_keys=", fs::absolute(keys).string()));
      }
      started = StartService("query", std::move(query_args), data,
                             absl::GetFlag(FLAGS_query_port), &query);
    }
  }
  if (!started.ok()) {
    stop_all();
    return Fail(started);
  }

  std::cout << "nats     " << nats->url() << "  (JetStream log, "
            << (data / storage::kNatsSubdir).string() << ")\n"
            << "storage  " << storage.address << "  (data "
            << shard_dir.string() << ")\n"
            << "ingest   " << ingest.address << "\n"
            << "query    " << query.address << "\n"
            << "logs in " << (data / storage::kLogsSubdir).string()
            << "; Ctrl-C stops all four\n"
            << std::flush;
  const std::string addresses_file = absl::GetFlag(FLAGS_addresses_file);
  if (!addresses_file.empty()) {
    std::ofstream out(addresses_file + ".tmp", std::ios::trunc);
    out << "RAPPORTEUR_NATS=" << nats->url() << "\n"
        << "RAPPORTEUR_STORAGE=" << storage.address << "\n"
        << "RAPPORTEUR_INGEST=" << ingest.address << "\n"
        << "RAPPORTEUR_QUERY=" << query.address << "\n";
    out.close();
    fs::rename(addresses_file + ".tmp", addresses_file, error);
  }
  const int code = Supervise({&storage, &ingest, &query}, &nats->process());
  stop_all();
  std::cout << "stopped\n";
  return code;
}

}  // namespace rapporteur::cli
