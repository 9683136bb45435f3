#include "lib/rpc/shard_client_main.h"

#include <algorithm>
#include <memory>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "lib/base/log.h"
#include "lib/base/status_macros.h"
#include "lib/replication/replicated_storage.h"
#include "lib/rpc/channel.h"
#include "lib/rpc/remote_shard.h"
#include "lib/rpc/server_flags.h"
#include "lib/rpc/tls.h"

ABSL_FLAG(std::string, storage, "",
          "Storage shards, HOST:PORT[,HOST:PORT...], shard 0 first (without "
          "--nats)");
ABSL_FLAG(std::string, nats, "",
          "Replicated storage: the NATS JetStream cluster, "
          "nats://HOST:PORT[,nats://HOST:PORT...]; storage replicas are found "
          "in its shard map, and --storage is ignored");
ABSL_FLAG(absl::Duration, write_deadline, absl::Seconds(30),
          "With --nats: longest a write takes to enter its partition's log "
          "and, unless it waits for the log only, to be applied by a replica");
ABSL_FLAG(absl::Duration, storage_timeout, absl::Seconds(30),
          "Longest a call to a storage shard may take; a call for a caller "
          "with a sooner deadline ends by that deadline");
ABSL_FLAG(int, workers, 4, "Threads running calls");
ABSL_FLAG(std::string, storage_tls_ca_file, "",
          "PEM authorities of the storage shards' certificates; turns on TLS "
          "to the shards");
ABSL_FLAG(std::string, storage_tls_cert_file, "",
          "PEM client certificate of this service, for shards requiring "
          "mutual TLS");
ABSL_FLAG(std::string, storage_tls_key_file, "",
          "PEM private key of --storage_tls_cert_file");
ABSL_FLAG(std::string, storage_tls_server_name, "",
          "Name to check the shards' certificates against instead of their "
          "host (tests); empty: the host of each --storage address");
ABSL_FLAG(std::string, tokens_file, "",
          "File of accepted bearer tokens (SHA-256 hex and role a line); "
          "empty: no authentication");

namespace rapporteur::storage {
namespace {

absl::StatusOr<ShardConnection> ShardConnectionFromFlags(
    const ServerOptions& server) {
  ShardConnection connection;
  connection.timeout = absl::GetFlag(FLAGS_storage_timeout);
  connection.max_message_bytes =
      std::max(server.max_message_bytes, kInternalMessageBytes);
  // One switch for both directions: a mesh that encrypts calls to this
  // service encrypts its calls to storage too.
  connection.allow_insecure = server.allow_insecure;
  const std::string ca_file = absl::GetFlag(FLAGS_storage_tls_ca_file);
  const std::string cert_file = absl::GetFlag(FLAGS_storage_tls_cert_file);
  const std::string key_file = absl::GetFlag(FLAGS_storage_tls_key_file);
  if (cert_file.empty() != key_file.empty()) {
    return absl::InvalidArgumentError(
        "--storage_tls_cert_file and --storage_tls_key_file go together");
  }
  if (ca_file.empty() && !cert_file.empty()) {
    return absl::InvalidArgumentError(
        "--storage_tls_cert_file needs --storage_tls_ca_file, the authority "
        "of the shards' certificates");
  }
  connection.tls.enabled = !ca_file.empty();
  ABSL_ASSIGN_OR_RETURN(connection.tls.root_certificates_pem,
                        ReadPemFlag("storage_tls_ca_file", ca_file));
  ABSL_ASSIGN_OR_RETURN(connection.tls.certificate_pem,
                        ReadPemFlag("storage_tls_cert_file", cert_file));
  ABSL_ASSIGN_OR_RETURN(connection.tls.private_key_pem,
                        ReadPemFlag("storage_tls_key_file", key_file));
  connection.tls.server_name_override =
      absl::GetFlag(FLAGS_storage_tls_server_name);
  // Read again as they change (cert-manager rotating them in place).
  if (connection.tls.enabled) {
    connection.tls.files = {.certificate = cert_file,
                            .private_key = key_file,
                            .ca = ca_file,
                            .refresh_interval = TlsRefreshIntervalFromFlags()};
  }
  return connection;
}

}  // namespace

int RunShardClientMain(
    int argc, char** argv, absl::string_view service_name,
    absl::string_view usage,
    absl::FunctionRef<absl::Status(const ShardClientContext&)> serve) {
  BlockTermSignals();  // before any thread starts
  absl::SetProgramUsageMessage(usage);
  absl::ParseCommandLine(argc, argv);
  SetLogService(service_name);

  ShardClientContext context;
  absl::StatusOr<ServerOptions> server = ServerOptionsFromFlags(service_name);
  if (!server.ok()) {
    LogError(server.status().ToString());
    return 2;
  }
  context.server = *std::move(server);
  absl::StatusOr<ShardConnection> connection =
      ShardConnectionFromFlags(context.server);
  if (!connection.ok()) {
    LogError(connection.status().ToString());
    return 2;
  }
  absl::StatusOr<RemoteShards> remote;
  std::unique_ptr<replication::ReplicatedStorage> replicated;
  const std::string nats = absl::GetFlag(FLAGS_nats);
  if (!nats.empty()) {
    if (!absl::GetFlag(FLAGS_storage).empty()) {
      LogInfo(
          "--storage is ignored with --nats: replicas are found in the shard "
          "map (the flag will be removed)");
    }
    absl::StatusOr<std::unique_ptr<replication::ReplicatedStorage>> connected =
        replication::ConnectReplicatedStorage(
            nats, service_name, *connection,
            {.write_deadline = absl::GetFlag(FLAGS_write_deadline)});
    if (!connected.ok()) {
      LogError(connected.status().ToString());
      return 2;
    }
    replicated = *std::move(connected);
    context.shards = replicated->shards;
  } else {
    remote = ConnectShards(absl::GetFlag(FLAGS_storage), *connection);
    if (!remote.ok()) {
      LogError(remote.status().ToString());
      return 2;
    }
    context.shards = remote->shards;
  }
  // Ready while at least one shard answers: with some shards down, searches
  // still return the others' hits and ingest still reaches the others.
  context.server.ready = [shards = context.shards] {
    for (Shard* shard : shards) {
      if (shard->CheckHealth().ok()) {
        return true;
      }
    }
    return false;
  };
  std::unique_ptr<TokenStore> tokens;
  context.tokens = nullptr;
  if (!absl::GetFlag(FLAGS_tokens_file).empty()) {
    auto loaded = TokenStore::Load(absl::GetFlag(FLAGS_tokens_file));
    if (!loaded.ok()) {
      LogError(loaded.status().ToString());
      return 2;
    }
    tokens = *std::move(loaded);
    context.tokens = tokens.get();
  }
  Executor executor(absl::GetFlag(FLAGS_workers), 256);
  context.executor = &executor;
  absl::Status served = serve(context);
  if (!served.ok()) {
    LogError(served.ToString());
    return 1;
  }
  return 0;
}

}  // namespace rapporteur::storage
