#ifndef RAPPORTEUR_LIB_RPC_SHARD_CLIENT_MAIN_H_
#define RAPPORTEUR_LIB_RPC_SHARD_CLIENT_MAIN_H_

#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "lib/base/executor.h"
#include "lib/routing/shard.h"
#include "lib/rpc/auth.h"
#include "lib/rpc/server.h"

namespace rapporteur::storage {

// What a stateless service over the storage shards gets from main().
struct ShardClientContext {
  // Shard 0 first, from --storage; or partition 0 first, from --nats.
  std::vector<Shard*> shards;
  Executor* executor;    // runs blocking work off gRPC's threads
  ServerOptions server;  // from --listen, --port_file, ...
  TokenStore* tokens;    // from --tokens_file; null: no authentication
};

// The body of main() of ingest and query: parses the flags (those of
// server_flags.h, plus --storage or --nats (replicated storage),
// --storage_timeout, --workers and the
// TLS files of the shards --storage_tls_{ca,cert,key}_file),
// connects to the shards, and calls `serve`, which builds the service and
// serves until a signal. Returns the process exit code.
int RunShardClientMain(
    int argc, char** argv, absl::string_view service_name,
    absl::string_view usage,
    absl::FunctionRef<absl::Status(const ShardClientContext&)> serve);

}  // namespace rapporteur::storage

#endif  // RAPPORTEUR_LIB_RPC_SHARD_CLIENT_MAIN_H_
