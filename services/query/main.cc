// rapporteur-query: answers searches and lookups over the storage shards.
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "services/common/executor.h"
#include "services/common/log.h"
#include "services/common/server.h"
#include "services/common/server_flags.h"
#include "services/query/query_engine.h"
#include "services/query/query_service.h"
#include "services/storage/remote_shard.h"

ABSL_FLAG(std::string, storage, "",
          "Storage shards, HOST:PORT[,HOST:PORT...], shard 0 first (required)");
ABSL_FLAG(absl::Duration, storage_timeout, absl::Seconds(30),
          "Deadline of each call to a storage shard");
ABSL_FLAG(int, workers, 4, "Threads running searches and lookups");

int main(int argc, char** argv) {
  rapporteur::BlockTermSignals();  // before any thread starts
  absl::SetProgramUsageMessage(
      "rapporteur-query --listen=HOST:PORT --storage=HOST:PORT[,...]");
  absl::ParseCommandLine(argc, argv);
  rapporteur::SetLogService("query");

  const rapporteur::ServerOptions options =
      rapporteur::ServerOptionsFromFlags("query");
  auto storage = rapporteur::storage::ConnectShards(
      absl::GetFlag(FLAGS_storage), absl::GetFlag(FLAGS_storage_timeout),
      options.max_message_bytes);
  if (!storage.ok()) {
    rapporteur::LogError(storage.status().ToString());
    return 2;
  }
  rapporteur::query::QueryEngine engine(storage->shards);
  rapporteur::Executor executor(absl::GetFlag(FLAGS_workers), 256);
  rapporteur::query::QueryServiceImpl service(&engine, &executor);
  absl::Status served = rapporteur::ServeUntilSignal(options, {&service});
  if (!served.ok()) {
    rapporteur::LogError(served.ToString());
    return 1;
  }
  return 0;
}
