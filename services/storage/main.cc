// rapporteur-storage: one storage shard over a RocksDB directory.
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "lib/base/executor.h"
#include "lib/base/log.h"
#include "lib/metrics/metrics.h"
#include "lib/rpc/server.h"
#include "lib/rpc/server_flags.h"
#include "lib/storage/store.h"
#include "services/storage/storage_service.h"

ABSL_FLAG(std::string, data, "", "RocksDB directory of this shard (required)");
ABSL_FLAG(int, workers, 4, "Threads running writes and searches");

int main(int argc, char** argv) {
  rapporteur::BlockTermSignals();  // before any thread starts
  absl::SetProgramUsageMessage(
      "rapporteur-storage --listen=HOST:PORT --data=DIR "
      "[--tls_cert_file=PEM --tls_key_file=PEM --tls_client_ca_file=PEM]");
  absl::ParseCommandLine(argc, argv);
  rapporteur::SetLogService("storage");

  const std::string data = absl::GetFlag(FLAGS_data);
  if (data.empty()) {
    rapporteur::LogError("--data is required");
    return 2;
  }
  absl::StatusOr<rapporteur::ServerOptions> server_options =
      rapporteur::ServerOptionsFromFlags("storage");
  if (!server_options.ok()) {
    rapporteur::LogError(server_options.status().ToString());
    return 2;
  }
  // Storage trusts its callers (ingest and query check tokens, storage does
  // not): with TLS, only clients holding a service certificate may call.
  if (server_options->tls.enabled() &&
      server_options->tls.client_ca_pem.empty()) {
    rapporteur::LogError(
        "storage with TLS requires mutual TLS: give --tls_client_ca_file, "
        "the authority of the ingest and query client certificates");
    return 2;
  }
  // The store opens before the server starts, so a serving shard always has
  // its data.
  auto store = rapporteur::storage::Store::Open({.path = data});
  if (!store.ok()) {
    rapporteur::LogError(store.status().ToString());
    return 1;
  }
  // Storage figures for /metrics, read at each scrape.
  rapporteur::storage::Store* shard = store->get();
  const struct {
    const char* name;
    const char* help;
    double rapporteur::storage::Store::Health::*field;
  } kGauges[] = {
      {"rapporteur_storage_sst_bytes", "Bytes of RocksDB table files",
       &rapporteur::storage::Store::Health::sst_bytes},
      {"rapporteur_storage_pending_compaction_bytes",
       "RocksDB's estimate of bytes waiting for compaction",
       &rapporteur::storage::Store::Health::pending_compaction_bytes},
      {"rapporteur_storage_block_cache_hit_ratio",
       "Block cache hits over hits and misses since start",
       &rapporteur::storage::Store::Health::block_cache_hit_ratio},
  };
  for (const auto& gauge : kGauges) {
    rapporteur::RegisterGaugeCallback(
        gauge.name, gauge.help,
        [shard, field = gauge.field] { return shard->ReadHealth().*field; });
  }
  int exit_code = 0;
  {
    rapporteur::Executor executor(absl::GetFlag(FLAGS_workers), 1024);
    rapporteur::storage::StorageServiceImpl service(store->get(), &executor);
    absl::Status served =
        rapporteur::ServeUntilSignal(*server_options, {&service});
    if (!served.ok()) {
      rapporteur::LogError(served.ToString());
      exit_code = 1;
    }
  }  // the executor has run every accepted write before the store closes
  for (const auto& gauge : kGauges) {
    rapporteur::MetricsRegistry::Default().RemoveGaugeCallback(gauge.name);
  }
  absl::Status closed = (*store)->Close();
  if (!closed.ok()) {
    rapporteur::LogError(closed.ToString());
    return 1;
  }
  return exit_code;
}
