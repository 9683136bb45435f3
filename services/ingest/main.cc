// rapporteur-ingest: accepts reports and writes them to their storage shard.
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "services/common/executor.h"
#include "services/common/log.h"
#include "services/common/server.h"
#include "services/common/server_flags.h"
#include "services/ingest/ingest_service.h"
#include "services/ingest/ingester.h"
#include "services/storage/remote_shard.h"

ABSL_FLAG(std::string, storage, "",
          "Storage shards, HOST:PORT[,HOST:PORT...], shard 0 first (required)");
ABSL_FLAG(absl::Duration, storage_timeout, absl::Seconds(30),
          "Deadline of each call to a storage shard");
ABSL_FLAG(int, workers, 4, "Threads running ingests");

int main(int argc, char** argv) {
  rapporteur::BlockTermSignals();  // before any thread starts
  absl::SetProgramUsageMessage(
      "rapporteur-ingest --listen=HOST:PORT --storage=HOST:PORT[,...]");
  absl::ParseCommandLine(argc, argv);
  rapporteur::SetLogService("ingest");

  const rapporteur::ServerOptions options =
      rapporteur::ServerOptionsFromFlags("ingest");
  auto storage = rapporteur::storage::ConnectShards(
      absl::GetFlag(FLAGS_storage), absl::GetFlag(FLAGS_storage_timeout),
      options.max_message_bytes);
  if (!storage.ok()) {
    rapporteur::LogError(storage.status().ToString());
    return 2;
  }
  rapporteur::ingest::Ingester ingester(storage->shards);
  rapporteur::Executor executor(absl::GetFlag(FLAGS_workers), 256);
  rapporteur::ingest::IngestServiceImpl service(&ingester, &executor);
  absl::Status served = rapporteur::ServeUntilSignal(options, {&service});
  if (!served.ok()) {
    rapporteur::LogError(served.ToString());
    return 1;
  }
  return 0;
}
