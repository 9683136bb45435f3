#include "lib/replication/replicated_storage.h"

#include <string>
#include <thread>
#include <utility>

#include "absl/strings/str_cat.h"
#include "lib/base/log.h"
#include "lib/base/status_macros.h"

namespace rapporteur::replication {

absl::StatusOr<std::unique_ptr<ReplicatedStorage>> ConnectReplicatedStorage(
    absl::string_view nats_urls, absl::string_view client_name,
    const storage::ShardConnection& connection,
    const PartitionShardOptions& options) {
  auto storage = std::make_unique<ReplicatedStorage>();
  ABSL_ASSIGN_OR_RETURN(storage->nats,
                        ConnectNatsWhenUp(nats_urls, client_name));
  bool logged = false;
  while (true) {
    absl::StatusOr<std::unique_ptr<ReplicaDirectory>> directory =
        ReplicaDirectory::Open(storage->nats.get(), connection);
    if (directory.ok()) {
      storage->directory = *std::move(directory);
      break;
    }
    if (!absl::IsFailedPrecondition(directory.status()) &&
        !absl::IsUnavailable(directory.status()) &&
        !absl::IsDeadlineExceeded(directory.status()) &&
        !absl::IsNotFound(directory.status())) {
      return directory.status();
    }
    if (!logged) {
      LogInfo("waiting for the cluster",
              {{"error", std::string(directory.status().message())}});
      logged = true;
    }
    if (TermSignalPending()) {
      return absl::CancelledError("stopped while waiting for the cluster");
    }
    std::this_thread::sleep_for(std::chrono::seconds(1));
  }
  for (uint32_t p = 0; p < storage->directory->partitions(); ++p) {
    storage->partitions.push_back(std::make_unique<PartitionShard>(
        p, storage->nats.get(), storage->directory.get(), options));
    storage->shards.push_back(storage->partitions.back().get());
  }
  LogInfo("replicated storage",
          {{"nats", std::string(nats_urls)},
           {"partitions", absl::StrCat(storage->shards.size())}});
  return storage;
}

}  // namespace rapporteur::replication
