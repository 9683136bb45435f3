#include "services/storage/shard_client_main.h"

#include <memory>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "services/common/log.h"
#include "services/common/server_flags.h"
#include "services/storage/remote_shard.h"

ABSL_FLAG(std::string, storage, "",
          "Storage shards, HOST:PORT[,HOST:PORT...], shard 0 first (required)");
ABSL_FLAG(absl::Duration, storage_timeout, absl::Seconds(30),
          "Deadline of each call to a storage shard");
ABSL_FLAG(int, workers, 4, "Threads running calls");
ABSL_FLAG(std::string, tokens_file, "",
          "File of accepted bearer tokens (SHA-256 hex and role a line); "
          "empty: no authentication");

namespace rapporteur::storage {

int RunShardClientMain(
    int argc, char** argv, absl::string_view service_name,
    absl::string_view usage,
    absl::FunctionRef<absl::Status(const ShardClientContext&)> serve) {
  BlockTermSignals();  // before any thread starts
  absl::SetProgramUsageMessage(usage);
  absl::ParseCommandLine(argc, argv);
  SetLogService(service_name);

  ShardClientContext context;
  context.server = ServerOptionsFromFlags(service_name);
  auto remote = ConnectShards(absl::GetFlag(FLAGS_storage),
                              absl::GetFlag(FLAGS_storage_timeout),
                              context.server.max_message_bytes);
  if (!remote.ok()) {
    LogError(remote.status().ToString());
    return 2;
  }
  context.shards = remote->shards;
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
