#ifndef RAPPORTEUR_LIB_REPLICATION_REPLICA_NODE_H_
#define RAPPORTEUR_LIB_REPLICATION_REPLICA_NODE_H_

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "lib/base/mutex.h"
#include "lib/replication/nats_client.h"
#include "lib/replication/partition_applier.h"
#include "lib/replication/shard_map.h"
#include "lib/rpc/remote_shard.h"
#include "lib/storage/store_config.h"
#include "lib/storage/store_router.h"

namespace rapporteur::replication {

struct ReplicaConfig {
  // Stable name in the shard map (a StatefulSet's pod name).
  std::string name;
  // DIR: partition P's store is DIR/shard-P (data_layout.h), where the
  // embedded backend finds shard P of as many shards as partitions.
  std::string data_dir;
  // Options of each partition's store (its path is set per partition).
  storage::StoreConfig store;
  // Between two writes of this replica's status to the shard map, and two
  // reads of its assignments.
  absl::Duration heartbeat = absl::Seconds(1);
  // How it reaches its peers, for their checkpoints.
  storage::ShardConnection peers;
};

// A storage replica of replicated storage: claims partitions in the shard
// map (those with fewer than k replicas), opens a store per partition it
// serves and applies the partition's log to it (PartitionApplier), serves
// reads of the partitions that have caught up, and publishes its address
// and progress to the shard map every heartbeat. A partition added to or
// removed from its assignment (by `rapporteur cluster move`) is opened or
// closed at the next heartbeat.
//
// Thread-safe.
class ReplicaNode final : public storage::StoreRouter {
 public:
  ReplicaNode(NatsClient* nats, ReplicaConfig config);
  ReplicaNode(const ReplicaNode&) = delete;
  ReplicaNode& operator=(const ReplicaNode&) = delete;
  ~ReplicaNode() override;

  // Claims partitions, opens their stores and starts applying; then keeps
  // the shard map current, with `address` (the gRPC address ingest and
  // query call), until Stop(). Waits for `rapporteur cluster init` when it
  // has not run (logging so); CANCELLED when stopped meanwhile. Fails for
  // a store that cannot open.
  absl::Status Start(std::string address) ABSL_LOCKS_EXCLUDED(mu_);

  // Stops applying and closes the stores. May be called again, also while
  // Start() runs (which then returns CANCELLED).
  void Stop() ABSL_LOCKS_EXCLUDED(mu_);

  // Started, and serving every partition it holds (the health check).
  bool Ready() const ABSL_LOCKS_EXCLUDED(mu_);

  absl::StatusOr<std::shared_ptr<storage::Store>> ForReads(
      int partition, uint64_t min_log_sequence, absl::Time deadline) override
      ABSL_LOCKS_EXCLUDED(mu_);
  absl::StatusOr<std::shared_ptr<storage::Store>> ForWrites(
      int partition) override;
  absl::StatusOr<internal::v1::AwaitAppliedResponse> AwaitApplied(
      int partition, const internal::v1::AwaitAppliedRequest& request,
      absl::Time deadline) override ABSL_LOCKS_EXCLUDED(mu_);

 private:
  struct Partition {
    std::shared_ptr<storage::Store> store;
    std::unique_ptr<PartitionApplier> applier;
  };

  absl::Status Open(uint32_t partition) ABSL_LOCKS_EXCLUDED(mu_);
  void Close(uint32_t partition) ABSL_LOCKS_EXCLUDED(mu_);
  std::shared_ptr<Partition> Find(int partition) const ABSL_LOCKS_EXCLUDED(mu_);
  // Opens and closes partitions as the shard map says, rebuilds those
  // whose log was compacted past them, and writes this replica's status.
  void Heartbeat() ABSL_LOCKS_EXCLUDED(mu_);
  // Replaces partition `partition`'s store with a checkpoint of a peer
  // serving it (per `map`), then applies the log's tail from there.
  absl::Status RebuildFromPeer(uint32_t partition, const ShardMap& map)
      ABSL_LOCKS_EXCLUDED(mu_);
  void HeartbeatLoop();

  NatsClient* const nats_;
  const ReplicaConfig config_;
  mutable Mutex mu_;
  absl::flat_hash_map<uint32_t, std::shared_ptr<Partition>> partitions_
      ABSL_GUARDED_BY(mu_);
  std::string address_ ABSL_GUARDED_BY(mu_);
  bool started_ ABSL_GUARDED_BY(mu_) = false;
  std::atomic<bool> stopping_{false};
  Mutex stop_mu_;
  std::condition_variable_any stop_changed_;
  std::thread heartbeat_;
};

}  // namespace rapporteur::replication

#endif  // RAPPORTEUR_LIB_REPLICATION_REPLICA_NODE_H_
