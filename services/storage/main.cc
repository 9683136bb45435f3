// rapporteur-storage: one storage shard over a RocksDB directory, or, with
// --nats, a replica of replicated storage applying its partitions' logs.
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <utility>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "lib/base/executor.h"
#include "lib/base/log.h"
#include "lib/replication/nats_client.h"
#include "lib/replication/replica_node.h"
#include "lib/rpc/auth.h"
#include "lib/rpc/channel.h"
#include "lib/rpc/server.h"
#include "lib/rpc/server_flags.h"
#include "lib/storage/store.h"
#include "lib/storage/store_router.h"
#include "services/storage/case_storage_service.h"
#include "services/storage/storage_service.h"
#include "services/storage/store_metrics.h"

ABSL_FLAG(std::string, data, "",
          "RocksDB directory of this shard, or with --nats the directory of "
          "this replica's partitions (required)");
ABSL_FLAG(int, workers, 4, "Threads running writes and searches");
ABSL_FLAG(std::string, nats, "",
          "Replicated storage: the NATS JetStream cluster, "
          "nats://HOST:PORT[,nats://HOST:PORT...]");
ABSL_FLAG(std::string, replica, "",
          "With --nats: this replica's stable name in the shard map (a "
          "StatefulSet's pod name; required)");
ABSL_FLAG(std::string, advertise, "",
          "With --nats: the HOST:PORT ingest and query call, published in the "
          "shard map; empty: the --listen host and the bound port");
ABSL_FLAG(std::string, backup_dir, "",
          "Directory of this process's backups (backups/NAME) and of the "
          "copies restored from them (restores/NAME): CreateBackup and "
          "RestoreBackup name them, never a path. Empty: backups are off");
ABSL_FLAG(std::string, tokens_file, "",
          "The bearer tokens file of ingest and query (sha256 hex and role "
          "per line): when set, CreateBackup and RestoreBackup need an admin "
          "token; storage's other calls come from ingest and query, which "
          "check tokens themselves");

namespace {

using rapporteur::LogError;

int RunShard(const rapporteur::ServerOptions& server_options,
             const std::string& data, rapporteur::storage::StorageAdmin admin) {
  // The store opens before the server starts, so a serving shard always has
  // its data.
  auto store = rapporteur::storage::Store::Open({.path = data});
  if (!store.ok()) {
    LogError(store.status().ToString());
    return 1;
  }
  int exit_code = 0;
  {
    rapporteur::storage::StoreMetrics metrics(store->get());
    rapporteur::Executor executor(absl::GetFlag(FLAGS_workers), 1024);
    rapporteur::storage::SingleStoreRouter router(store->get());
    rapporteur::storage::StorageServiceImpl service(
        &router, &executor, /*waits=*/nullptr, std::move(admin));
    rapporteur::storage::CaseStorageServiceImpl cases(&router, &executor);
    absl::Status served =
        rapporteur::ServeUntilSignal(server_options, {&service, &cases});
    if (!served.ok()) {
      LogError(served.ToString());
      exit_code = 1;
    }
  }  // the executor has run every accepted write before the store closes
  absl::Status closed = (*store)->Close();
  if (!closed.ok()) {
    LogError(closed.ToString());
    return 1;
  }
  return exit_code;
}

int RunReplica(rapporteur::ServerOptions server_options,
               const std::string& data,
               rapporteur::storage::StorageAdmin admin) {
  const std::string name = absl::GetFlag(FLAGS_replica);
  if (name.empty()) {
    LogError(
        "--replica is required with --nats: a stable name, such as the "
        "pod name of a StatefulSet");
    return 2;
  }
  auto nats = rapporteur::replication::ConnectNatsWhenUp(
      absl::GetFlag(FLAGS_nats), absl::StrCat("storage ", name));
  if (!nats.ok()) {
    LogError(nats.status().ToString());
    return 2;
  }
  rapporteur::replication::ReplicaConfig config;
  config.name = name;
  config.data_dir = data;
  // Peers are reached as the other services reach storage: plain text on
  // loopback, or anywhere with --allow_insecure (TLS to peers is not there
  // yet).
  config.peers.allow_insecure = server_options.allow_insecure;
  config.peers.max_message_bytes = server_options.max_message_bytes;
  rapporteur::replication::ReplicaNode node(nats->get(), config);
  server_options.ready = [&node] { return node.Ready(); };
  rapporteur::Executor executor(absl::GetFlag(FLAGS_workers), 1024);
  // Ingest's waits for the applier: many, idle, and short.
  rapporteur::Executor waits(64, 4096);
  rapporteur::storage::StorageServiceImpl service(&node, &executor, &waits,
                                                  std::move(admin));
  rapporteur::storage::CaseStorageServiceImpl cases(&node, &executor);
  // The server starts first, so that the replica joins the shard map with
  // the port it is bound to; until then it serves no partition.
  auto server = rapporteur::Server::Start(server_options, {&service, &cases});
  if (!server.ok()) {
    LogError(server.status().ToString());
    return 1;
  }
  std::string address = absl::GetFlag(FLAGS_advertise);
  if (address.empty()) {
    const size_t colon = server_options.listen.rfind(':');
    const std::string host = server_options.listen.substr(0, colon);
    // A wildcard is where to listen, not an address others can call.
    if (host.empty() || host == "0.0.0.0" || host == "[::]" || host == "::") {
      LogError(absl::StrCat("--listen=", server_options.listen,
                            " listens on every address: give --advertise, "
                            "the HOST:PORT ingest and query call"));
      return 2;
    }
    address = absl::StrCat(host, ":", (*server)->port());
  }
  // Joining waits for `rapporteur cluster init`; a signal stops it too. A
  // failure to join ends the process as a signal would, with its error.
  absl::Status joined;
  std::thread joiner([&] {
    joined = node.Start(address);
    if (!joined.ok() && !absl::IsCancelled(joined)) {
      LogError(joined.ToString());
      kill(getpid(), SIGTERM);
    }
  });
  rapporteur::WaitForTermSignal();
  (*server)->Shutdown();
  node.Stop();  // ends a wait for the cluster, if any
  joiner.join();
  node.Stop();  // closes what the joiner opened meanwhile
  if (!joined.ok() && !absl::IsCancelled(joined)) {
    return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  rapporteur::BlockTermSignals();  // before any thread starts
  absl::SetProgramUsageMessage(
      "rapporteur-storage --listen=HOST:PORT --data=DIR "
      "[--backup_dir=DIR] [--tokens_file=FILE] "
      "[--nats=nats://HOST:PORT[,...] --replica=NAME --advertise=HOST:PORT] "
      "[--tls_cert_file=PEM --tls_key_file=PEM --tls_client_ca_file=PEM]");
  absl::ParseCommandLine(argc, argv);
  rapporteur::SetLogService("storage");

  const std::string data = absl::GetFlag(FLAGS_data);
  if (data.empty()) {
    LogError("--data is required");
    return 2;
  }
  absl::StatusOr<rapporteur::ServerOptions> server_options =
      rapporteur::ServerOptionsFromFlags("storage");
  if (!server_options.ok()) {
    LogError(server_options.status().ToString());
    return 2;
  }
  // Storage trusts its callers (ingest and query check tokens; storage
  // checks them only on its admin calls, with --tokens_file): with TLS,
  // only clients holding a service certificate may call.
  if (server_options->tls.enabled() &&
      server_options->tls.client_ca_pem.empty()) {
    LogError(
        "storage with TLS requires mutual TLS: give --tls_client_ca_file, "
        "the authority of the ingest and query client certificates");
    return 2;
  }
  // Storage is an internal hop: it takes what ingest sends it, the write of
  // the largest document ingest accepts.
  server_options->max_message_bytes = std::max(
      server_options->max_message_bytes, rapporteur::kInternalMessageBytes);
  rapporteur::storage::StorageAdmin admin;
  admin.backup_dir = absl::GetFlag(FLAGS_backup_dir);
  if (!admin.backup_dir.empty()) {
    // Backups are copies of the database: inside its directory they would
    // live and die with it. (The database may lie under --backup_dir, a
    // copy restored there: restores never write into a serving store.)
    const auto normal = [](const std::string& path) {
      return std::filesystem::absolute(path).lexically_normal().string() + "/";
    };
    if (normal(admin.backup_dir).rfind(normal(data), 0) == 0) {
      LogError(absl::StrCat("--backup_dir=", admin.backup_dir,
                            " lies inside --data=", data,
                            ": keep backups apart from the database"));
      return 2;
    }
  }
  std::unique_ptr<rapporteur::TokenStore> tokens;
  if (const std::string file = absl::GetFlag(FLAGS_tokens_file);
      !file.empty()) {
    auto loaded = rapporteur::TokenStore::Load(file);
    if (!loaded.ok()) {
      LogError(loaded.status().ToString());
      return 2;
    }
    tokens = *std::move(loaded);
    admin.tokens = tokens.get();
  }
  if (!absl::GetFlag(FLAGS_nats).empty()) {
    return RunReplica(*std::move(server_options), data, std::move(admin));
  }
  return RunShard(*server_options, data, std::move(admin));
}
