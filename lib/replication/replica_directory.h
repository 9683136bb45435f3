#ifndef RAPPORTEUR_LIB_REPLICATION_REPLICA_DIRECTORY_H_
#define RAPPORTEUR_LIB_REPLICATION_REPLICA_DIRECTORY_H_

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "lib/base/mutex.h"
#include "lib/replication/nats_client.h"
#include "lib/replication/shard_map.h"
#include "lib/rpc/remote_shard.h"

namespace rapporteur::replication {

// Where ingest and query find the storage replicas of each partition: the
// shard map, reread in the background every `refresh`, and a RemoteShard
// per replica and partition (over one channel per replica).
//
// Thread-safe. Returned RemoteShards live as long as the directory.
class ReplicaDirectory {
 public:
  // Reads the shard map once (FAILED_PRECONDITION when the cluster was
  // never set up) and starts rereading it.
  static absl::StatusOr<std::unique_ptr<ReplicaDirectory>> Open(
      NatsClient* nats, storage::ShardConnection connection,
      absl::Duration refresh = absl::Milliseconds(500));
  ReplicaDirectory(const ReplicaDirectory&) = delete;
  ReplicaDirectory& operator=(const ReplicaDirectory&) = delete;
  ~ReplicaDirectory();

  uint32_t partitions() const { return partitions_; }

  // Reads the shard map now, as the background does every `refresh`: for
  // a caller whose every replica failed, since a replica that restarted
  // may have published a new address. At most once in 200 ms.
  absl::Status Refresh() ABSL_LOCKS_EXCLUDED(mu_);

  // The replicas of `partition` to try, in order: those the map says serve
  // it (with a heartbeat in the last seconds) first, starting at a rotating
  // one so that reads spread.
  std::vector<storage::RemoteShard*> Candidates(uint32_t partition)
      ABSL_LOCKS_EXCLUDED(mu_);

 private:
  ReplicaDirectory(NatsClient* nats, storage::ShardConnection connection,
                   absl::Duration refresh, ShardMap map);
  void RefreshLoop();
  storage::RemoteShard* RemoteFor(const std::string& address,
                                  uint32_t partition)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  NatsClient* const nats_;
  const storage::ShardConnection connection_;
  const absl::Duration refresh_;
  const uint32_t partitions_;
  mutable Mutex mu_;
  std::shared_ptr<const ShardMap> map_ ABSL_GUARDED_BY(mu_);
  absl::Time last_refresh_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
  absl::flat_hash_map<std::string, std::shared_ptr<grpc::Channel>> channels_
      ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<std::pair<std::string, uint32_t>,
                      std::unique_ptr<storage::RemoteShard>>
      remotes_ ABSL_GUARDED_BY(mu_);
  std::atomic<uint64_t> rotation_{0};
  std::atomic<bool> stopping_{false};
  Mutex stop_mu_;
  std::condition_variable_any stop_changed_;
  std::thread refresher_;
};

}  // namespace rapporteur::replication

#endif  // RAPPORTEUR_LIB_REPLICATION_REPLICA_DIRECTORY_H_
