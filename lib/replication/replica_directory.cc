#include "lib/replication/replica_directory.h"

#include <algorithm>

#include "absl/time/clock.h"
#include "lib/base/log.h"
#include "lib/base/status_macros.h"

namespace rapporteur::replication {

absl::StatusOr<std::unique_ptr<ReplicaDirectory>> ReplicaDirectory::Open(
    NatsClient* nats, storage::ShardConnection connection,
    absl::Duration refresh) {
  ABSL_ASSIGN_OR_RETURN(ShardMap map, ReadShardMap(*nats));
  std::unique_ptr<ReplicaDirectory> directory(new ReplicaDirectory(
      nats, std::move(connection), refresh, std::move(map)));
  directory->refresher_ =
      std::thread([d = directory.get()] { d->RefreshLoop(); });
  return directory;
}

ReplicaDirectory::ReplicaDirectory(NatsClient* nats,
                                   storage::ShardConnection connection,
                                   absl::Duration refresh, ShardMap map)
    : nats_(nats),
      connection_(std::move(connection)),
      refresh_(refresh),
      partitions_(map.config.partitions()),
      map_(std::make_shared<const ShardMap>(std::move(map))) {}

ReplicaDirectory::~ReplicaDirectory() {
  {
    MutexLock lock(&stop_mu_);
    stopping_.store(true);
    stop_changed_.notify_all();
  }
  if (refresher_.joinable()) {
    refresher_.join();
  }
}

void ReplicaDirectory::RefreshLoop() {
  bool failing = false;
  while (true) {
    {
      MutexLock lock(&stop_mu_);
      if (stop_mu_.AwaitUntil(stop_changed_, absl::Now() + refresh_,
                              [&] { return stopping_.load(); })) {
        return;
      }
    }
    const absl::Status refreshed = Refresh();
    if (!refreshed.ok() && !failing) {
      LogError("reading the shard map failed",
               {{"error", std::string(refreshed.message())}});
    }
    failing = !refreshed.ok();
  }
}

absl::Status ReplicaDirectory::Refresh() {
  {
    // Many callers failing at once read the map once.
    MutexLock lock(&mu_);
    if (absl::Now() - last_refresh_ < absl::Milliseconds(200)) {
      return absl::OkStatus();
    }
    last_refresh_ = absl::Now();
  }
  absl::StatusOr<ShardMap> map = ReadShardMap(*nats_);
  if (!map.ok()) {
    // The last map read stays in use: replicas rarely move.
    return map.status();
  }
  if (map->config.partitions() != partitions_) {
    return absl::FailedPreconditionError(
        "the shard map's partition count changed; keeping the first");
  }
  MutexLock lock(&mu_);
  map_ = std::make_shared<const ShardMap>(*std::move(map));
  return absl::OkStatus();
}

storage::RemoteShard* ReplicaDirectory::RemoteFor(const std::string& address,
                                                  uint32_t partition) {
  auto key = std::make_pair(address, partition);
  if (auto it = remotes_.find(key); it != remotes_.end()) {
    return it->second.get();
  }
  auto channel = channels_.find(address);
  if (channel == channels_.end()) {
    absl::StatusOr<std::shared_ptr<grpc::Channel>> made =
        storage::ConnectStorage(address, connection_);
    if (!made.ok()) {
      LogError("cannot reach a storage replica",
               {{"address", address},
                {"error", std::string(made.status().message())}});
      return nullptr;
    }
    channel = channels_.emplace(address, *std::move(made)).first;
  }
  auto remote = std::make_unique<storage::RemoteShard>(
      address, channel->second, connection_.timeout,
      static_cast<int>(partition));
  storage::RemoteShard* result = remote.get();
  remotes_.emplace(std::move(key), std::move(remote));
  return result;
}

std::vector<storage::RemoteShard*> ReplicaDirectory::Candidates(
    uint32_t partition) {
  struct Candidate {
    storage::RemoteShard* remote;
    bool serving;
  };
  // A replica silent for this long is tried last: likely down.
  const absl::Time fresh = absl::Now() - absl::Seconds(5);
  std::vector<Candidate> candidates;
  MutexLock lock(&mu_);
  if (partition >= map_->assignments.size()) {
    return {};
  }
  for (const std::string& name : map_->assignments[partition].replicas()) {
    auto status = map_->replicas.find(name);
    if (status == map_->replicas.end() || status->second.address().empty()) {
      continue;  // never started: no address yet
    }
    const internal::v1::PartitionProgress* progress =
        map_->Progress(name, partition);
    storage::RemoteShard* remote =
        RemoteFor(status->second.address(), partition);
    if (remote == nullptr) {
      continue;
    }
    const absl::Time heartbeat =
        absl::FromUnixSeconds(status->second.heartbeat_time().seconds());
    candidates.push_back({remote, progress != nullptr && progress->serving() &&
                                      heartbeat > fresh});
  }
  // Spread reads: start the equals at a rotating offset.
  if (!candidates.empty()) {
    std::rotate(
        candidates.begin(),
        candidates.begin() + static_cast<std::ptrdiff_t>(
                                 rotation_.fetch_add(1) % candidates.size()),
        candidates.end());
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& a, const Candidate& b) {
                     return a.serving > b.serving;
                   });
  std::vector<storage::RemoteShard*> ordered;
  for (const Candidate& candidate : candidates) {
    ordered.push_back(candidate.remote);
  }
  return ordered;
}

}  // namespace rapporteur::replication
