#ifndef RAPPORTEUR_LIB_REPLICATION_SHARD_MAP_H_
#define RAPPORTEUR_LIB_REPLICATION_SHARD_MAP_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "lib/replication/nats_client.h"
#include "rapporteur/internal/v1/replication.pb.h"

namespace rapporteur::replication {

// The shard map, kept in JetStream's replicated key-value bucket
// kShardMapBucket (values are protobuf JSON, see replication.proto):
//
//   config        ClusterConfig: V partitions, k replicas, stream copies
//   partition.P   PartitionAssignment: the storage replicas serving P
//   replica.NAME  ReplicaStatus: a replica's address and progress
//
// Partitions never change number, so a document's partition never
// changes; which replicas serve a partition does, by compare-and-set.

// Creates the bucket, the V partition streams and the config; a second
// call with the same config changes nothing. FAILED_PRECONDITION when the
// cluster was made with another V (or k); INVALID_ARGUMENT for V or k 0.
absl::Status InitCluster(NatsClient& nats,
                         const internal::v1::ClusterConfig& config);

// InitCluster, retried until `deadline` while the JetStream cluster is still
// starting (UNAVAILABLE, DEADLINE_EXCEEDED, NOT_FOUND: electing its
// leader, loading its store); the last error after that.
absl::Status InitClusterWhenReady(NatsClient& nats,
                                  const internal::v1::ClusterConfig& config,
                                  absl::Time deadline);

// The config; FAILED_PRECONDITION naming `rapporteur cluster init` when the
// cluster was never set up.
absl::StatusOr<internal::v1::ClusterConfig> ReadClusterConfig(NatsClient& nats);

// The whole map as read at one moment.
struct ShardMap {
  internal::v1::ClusterConfig config;
  // Index p: the replicas of partition p, in the order they joined.
  std::vector<internal::v1::PartitionAssignment> assignments;
  absl::flat_hash_map<std::string, internal::v1::ReplicaStatus> replicas;

  // The progress `replica` reports for `partition`; null when none.
  const internal::v1::PartitionProgress* Progress(absl::string_view replica,
                                                  uint32_t partition) const;
};
absl::StatusOr<ShardMap> ReadShardMap(NatsClient& nats);

// Adds `replica` to every partition that has fewer than config.replicas
// replicas and returns the partitions it serves (those it was in already
// too), lowest first.
absl::StatusOr<std::vector<uint32_t>> ClaimPartitions(
    NatsClient& nats, absl::string_view replica);

// Adds `replica` to `partition`'s replicas (no-op when there) or removes
// it, by compare-and-set.
absl::Status AddReplica(NatsClient& nats, uint32_t partition,
                        absl::string_view replica);
absl::Status RemoveReplica(NatsClient& nats, uint32_t partition,
                           absl::string_view replica);

// Writes `status` under replica.NAME.
absl::Status PublishReplicaStatus(NatsClient& nats,
                                  const internal::v1::ReplicaStatus& status);

}  // namespace rapporteur::replication

#endif  // RAPPORTEUR_LIB_REPLICATION_SHARD_MAP_H_
