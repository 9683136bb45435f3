#ifndef RAPPORTEUR_LIB_REPLICATION_REPLICATED_STORAGE_H_
#define RAPPORTEUR_LIB_REPLICATION_REPLICATED_STORAGE_H_

#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/replication/nats_client.h"
#include "lib/replication/partition_shard.h"
#include "lib/replication/replica_directory.h"
#include "lib/routing/shard.h"
#include "lib/rpc/remote_shard.h"

namespace rapporteur::replication {

// Replicated storage as ingest and query use it: one PartitionShard per
// partition, in partition order, so that the engines route and fan out
// over partitions as they do over shards (ShardFor(id, V) is the
// partition of a document).
struct ReplicatedStorage {
  std::unique_ptr<NatsClient> nats;
  std::unique_ptr<ReplicaDirectory> directory;
  std::vector<std::unique_ptr<PartitionShard>> partitions;
  std::vector<storage::Shard*> shards;  // the same, as the engines take them
};

// Connects to the JetStream cluster at `nats_urls` and reads its shard map,
// retrying (and logging once) while no NATS server answers or the cluster
// has not been set up yet, so that services may start before both.
// INVALID_ARGUMENT for an empty URL list.
absl::StatusOr<std::unique_ptr<ReplicatedStorage>> ConnectReplicatedStorage(
    absl::string_view nats_urls, absl::string_view client_name,
    const storage::ShardConnection& connection,
    const PartitionShardOptions& options);

}  // namespace rapporteur::replication

#endif  // RAPPORTEUR_LIB_REPLICATION_REPLICATED_STORAGE_H_
