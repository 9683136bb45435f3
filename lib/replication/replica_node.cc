#include "lib/replication/replica_node.h"

#include <google/protobuf/util/time_util.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "lib/base/log.h"
#include "lib/base/status_macros.h"
#include "lib/replication/log_layout.h"
#include "lib/replication/shard_map.h"
#include "lib/routing/data_layout.h"
#include "lib/schema/resource_names.h"
#include "lib/storage/checkpoint.h"
#include "lib/storage/write_request.h"

namespace rapporteur::replication {
namespace {

// Longest a read waits for its read-your-writes sequence before another
// replica is asked.
constexpr absl::Duration kMaxReadWait = absl::Seconds(5);

}  // namespace

ReplicaNode::ReplicaNode(NatsClient* nats, ReplicaConfig config)
    : nats_(nats), config_(std::move(config)) {}

ReplicaNode::~ReplicaNode() { Stop(); }

absl::Status ReplicaNode::Start(std::string address) {
  {
    MutexLock lock(&mu_);
    address_ = std::move(address);
  }
  std::error_code error;
  std::filesystem::create_directories(config_.data_dir, error);
  if (error) {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot create --data directory ", config_.data_dir, ": ",
                     error.message()));
  }
  bool logged = false;
  while (true) {
    absl::StatusOr<internal::v1::ClusterConfig> cluster =
        ReadClusterConfig(*nats_);
    if (cluster.ok()) {
      break;
    }
    if (!logged) {
      LogInfo("waiting for the cluster",
              {{"error", std::string(cluster.status().message())}});
      logged = true;
    }
    MutexLock lock(&stop_mu_);
    if (stop_mu_.AwaitUntil(stop_changed_, absl::Now() + absl::Seconds(1),
                            [&] { return stopping_.load(); })) {
      return absl::CancelledError("stopped before the cluster was set up");
    }
  }
  absl::StatusOr<std::vector<uint32_t>> claimed =
      ClaimPartitions(*nats_, config_.name);
  while (!claimed.ok() && (absl::IsUnavailable(claimed.status()) ||
                           absl::IsDeadlineExceeded(claimed.status()))) {
    {
      MutexLock lock(&stop_mu_);
      if (stop_mu_.AwaitUntil(stop_changed_, absl::Now() + absl::Seconds(1),
                              [&] { return stopping_.load(); })) {
        return absl::CancelledError("stopped while joining");
      }
    }
    claimed = ClaimPartitions(*nats_, config_.name);
  }
  ABSL_RETURN_IF_ERROR(claimed.status());
  LogInfo("replica joined", {{"replica", config_.name},
                             {"partitions", absl::StrCat(claimed->size())}});
  for (uint32_t partition : *claimed) {
    ABSL_RETURN_IF_ERROR(Open(partition));
  }
  Heartbeat();
  MutexLock lock(&stop_mu_);
  if (stopping_.load()) {
    return absl::CancelledError("stopped while joining");
  }
  {
    MutexLock started(&mu_);
    started_ = true;
  }
  heartbeat_ = std::thread([this] { HeartbeatLoop(); });
  return absl::OkStatus();
}

void ReplicaNode::Stop() {
  {
    MutexLock lock(&stop_mu_);
    stopping_.store(true);
    stop_changed_.notify_all();
  }
  std::thread heartbeat;
  {
    MutexLock lock(&stop_mu_);
    heartbeat = std::move(heartbeat_);
  }
  if (heartbeat.joinable()) {
    heartbeat.join();
  }
  std::vector<uint32_t> open;
  {
    MutexLock lock(&mu_);
    for (const auto& [partition, unused] : partitions_) {
      open.push_back(partition);
    }
  }
  for (uint32_t partition : open) {
    Close(partition);
  }
}

absl::Status ReplicaNode::Open(uint32_t partition) {
  {
    MutexLock lock(&mu_);
    if (partitions_.contains(partition)) {
      return absl::OkStatus();
    }
  }
  storage::StoreConfig store_config = config_.store;
  store_config.path =
      storage::ShardDataDir(config_.data_dir, static_cast<int>(partition));
  ABSL_ASSIGN_OR_RETURN(std::unique_ptr<storage::Store> store,
                        storage::Store::Open(store_config));
  auto opened = std::make_shared<Partition>();
  opened->store = std::move(store);
  opened->applier =
      std::make_unique<PartitionApplier>(partition, opened->store.get(), nats_);
  LogInfo("partition opened",
          {{"partition", absl::StrCat(partition)},
           {"applied", absl::StrCat(opened->store->AppliedSequence())}});
  opened->applier->Start();
  MutexLock lock(&mu_);
  partitions_.emplace(partition, std::move(opened));
  return absl::OkStatus();
}

void ReplicaNode::Close(uint32_t partition) {
  std::shared_ptr<Partition> closing;
  {
    MutexLock lock(&mu_);
    auto it = partitions_.find(partition);
    if (it == partitions_.end()) {
      return;
    }
    closing = std::move(it->second);
    partitions_.erase(it);
  }
  closing->applier->Stop();
  // Readers holding the store see it closed; its data stays on disk, so
  // that the partition coming back here only replays what it missed.
  absl::Status closed = closing->store->Close();
  if (!closed.ok()) {
    LogError("closing a partition failed",
             {{"partition", absl::StrCat(partition)},
              {"error", std::string(closed.message())}});
  }
  LogInfo("partition closed", {{"partition", absl::StrCat(partition)}});
}

std::shared_ptr<ReplicaNode::Partition> ReplicaNode::Find(int partition) const {
  if (partition < 0) {
    return nullptr;
  }
  MutexLock lock(&mu_);
  auto it = partitions_.find(static_cast<uint32_t>(partition));
  return it == partitions_.end() ? nullptr : it->second;
}

bool ReplicaNode::Ready() const {
  MutexLock lock(&mu_);
  if (!started_) {
    return false;
  }
  for (const auto& [partition, served] : partitions_) {
    if (!served->applier->serving()) {
      return false;
    }
  }
  return true;
}

void ReplicaNode::HeartbeatLoop() {
  while (true) {
    {
      MutexLock lock(&stop_mu_);
      if (stop_mu_.AwaitUntil(stop_changed_, absl::Now() + config_.heartbeat,
                              [&] { return stopping_.load(); })) {
        return;
      }
    }
    Heartbeat();
  }
}

void ReplicaNode::Heartbeat() {
  absl::StatusOr<ShardMap> map = ReadShardMap(*nats_);
  if (map.ok()) {
    for (uint32_t p = 0; p < map->assignments.size(); ++p) {
      const auto& replicas = map->assignments[p].replicas();
      const bool assigned = std::find(replicas.begin(), replicas.end(),
                                      config_.name) != replicas.end();
      const bool open = Find(static_cast<int>(p)) != nullptr;
      if (assigned && !open) {
        absl::Status opened = Open(p);
        if (!opened.ok()) {
          LogError("opening a partition failed",
                   {{"partition", absl::StrCat(p)},
                    {"error", std::string(opened.message())}});
        }
      } else if (!assigned && open && !replicas.empty()) {
        // Moved to other replicas (an empty list is a map read wrong:
        // never leave a partition with none).
        Close(p);
      }
    }
    std::vector<uint32_t> behind;
    {
      MutexLock lock(&mu_);
      for (const auto& [partition, served] : partitions_) {
        if (served->applier->needs_checkpoint()) {
          behind.push_back(partition);
        }
      }
    }
    for (uint32_t partition : behind) {
      absl::Status rebuilt = RebuildFromPeer(partition, *map);
      if (!rebuilt.ok()) {
        LogError("rebuilding a partition from a peer failed",
                 {{"partition", absl::StrCat(partition)},
                  {"error", std::string(rebuilt.message())}});
      }
    }
  }
  internal::v1::ReplicaStatus status;
  status.set_name(config_.name);
  {
    MutexLock lock(&mu_);
    status.set_address(address_);
  }
  *status.mutable_heartbeat_time() =
      google::protobuf::util::TimeUtil::GetCurrentTime();
  {
    MutexLock lock(&mu_);
    for (const auto& [partition, served] : partitions_) {
      internal::v1::PartitionProgress* progress = status.add_partitions();
      progress->set_partition(partition);
      progress->set_applied_sequence(served->applier->applied_sequence());
      progress->set_serving(served->applier->serving());
      progress->set_state(served->applier->state());
    }
  }
  std::sort(status.mutable_partitions()->begin(),
            status.mutable_partitions()->end(),
            [](const auto& a, const auto& b) {
              return a.partition() < b.partition();
            });
  absl::Status published = PublishReplicaStatus(*nats_, status);
  if (!published.ok()) {
    LogError("publishing replica status failed",
             {{"error", std::string(published.message())}});
  }
}

absl::Status ReplicaNode::RebuildFromPeer(uint32_t partition,
                                          const ShardMap& map) {
  const std::string data =
      storage::ShardDataDir(config_.data_dir, static_cast<int>(partition));
  const std::string incoming = absl::StrCat(data, ".incoming");
  absl::Status last = absl::UnavailableError("no peer serves it");
  for (const std::string& peer : map.assignments[partition].replicas()) {
    const internal::v1::PartitionProgress* progress =
        map.Progress(peer, partition);
    auto status = map.replicas.find(peer);
    if (peer == config_.name || progress == nullptr || !progress->serving() ||
        status == map.replicas.end()) {
      continue;
    }
    const std::string& address = status->second.address();
    absl::StatusOr<std::shared_ptr<grpc::Channel>> channel =
        storage::ConnectStorage(address, config_.peers);
    if (!channel.ok()) {
      last = channel.status();
      continue;
    }
    storage::RemoteShard remote(address, *channel, config_.peers.timeout,
                                static_cast<int>(partition));
    std::error_code ignored;
    std::filesystem::remove_all(incoming, ignored);
    storage::CheckpointReceiver receiver(incoming);
    last = remote.FetchCheckpoint(
        [&](const internal::v1::CheckpointChunk& chunk) {
          return receiver.Add(chunk);
        },
        absl::Hours(1));
    if (last.ok()) {
      last = receiver.Finish();
    }
    if (!last.ok()) {
      continue;
    }
    // The copy is whole: swap it in and replay the log's tail from it.
    Close(partition);
    std::error_code error;
    std::filesystem::remove_all(data, error);
    if (!error) {
      std::filesystem::rename(incoming, data, error);
    }
    if (error) {
      return absl::InternalError(absl::StrCat(
          "replacing ", data, " with a checkpoint failed: ", error.message()));
    }
    LogInfo("partition rebuilt from a peer's checkpoint",
            {{"partition", absl::StrCat(partition)},
             {"peer", peer},
             {"files", absl::StrCat(receiver.files())},
             {"bytes", absl::StrCat(receiver.bytes())}});
    return Open(partition);
  }
  return last;
}

absl::StatusOr<std::shared_ptr<storage::Store>> ReplicaNode::ForReads(
    int partition, uint64_t min_log_sequence, absl::Time deadline) {
  if (partition < 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "replica ", config_.name, " serves partitions: name one in the ",
        storage::kPartitionMetadataKey, " metadata"));
  }
  std::shared_ptr<Partition> served = Find(partition);
  if (served == nullptr) {
    return absl::UnavailableError(absl::StrCat(
        "replica ", config_.name, " does not serve partition ", partition));
  }
  if (!served->applier->serving()) {
    return absl::UnavailableError(absl::StrCat("replica ", config_.name, " is ",
                                               served->applier->state(),
                                               " on partition ", partition));
  }
  if (min_log_sequence > 0 &&
      !served->applier->AwaitApplied(
          min_log_sequence, std::min(deadline, absl::Now() + kMaxReadWait))) {
    return absl::UnavailableError(absl::StrCat(
        "replica ", config_.name, " applied partition ", partition, " up to ",
        served->applier->applied_sequence(), ", not yet ", min_log_sequence));
  }
  return served->store;
}

absl::StatusOr<std::shared_ptr<storage::Store>> ReplicaNode::ForWrites(int) {
  return absl::FailedPreconditionError(absl::StrCat(
      "replica ", config_.name,
      " writes only from its partitions' logs: ingest through the log"));
}

absl::StatusOr<internal::v1::AwaitAppliedResponse> ReplicaNode::AwaitApplied(
    int partition, const internal::v1::AwaitAppliedRequest& request,
    absl::Time deadline) {
  std::shared_ptr<Partition> served = Find(partition);
  if (served == nullptr) {
    return absl::UnavailableError(absl::StrCat(
        "replica ", config_.name, " does not serve partition ", partition));
  }
  if (!served->applier->AwaitApplied(request.sequence(), deadline)) {
    return absl::UnavailableError(absl::StrCat(
        "replica ", config_.name, " applied partition ", partition, " up to ",
        served->applier->applied_sequence(), ", not yet ", request.sequence()));
  }
  internal::v1::AwaitAppliedResponse response;
  response.set_applied_sequence(served->applier->applied_sequence());
  if (request.request_id().empty()) {
    return response;
  }
  // A case commit is recorded under the case's whole name (or none, for
  // audit entries alone); a document write under the document's id.
  absl::StatusOr<std::string> doc_id =
      request.document().empty() ||
              absl::StartsWith(request.document(), "cases/")
          ? absl::StatusOr<std::string>(request.document())
          : ParseDocumentName(request.document());
  if (!doc_id.ok()) {
    return doc_id.status();
  }
  absl::StatusOr<internal::v1::WriteDocumentResponse> outcome =
      served->store->AppliedOutcome(request.request_id(), *doc_id);
  if (outcome.ok()) {
    *response.mutable_written() = *std::move(outcome);
  } else if (storage::IsRefusal(outcome.status())) {
    // The write's own outcome, the same on every replica.
    response.set_code(static_cast<int32_t>(outcome.status().code()));
    response.set_message(std::string(outcome.status().message()));
  } else {
    // This replica's trouble (closing, an I/O error): ask another.
    return outcome.status();
  }
  return response;
}

}  // namespace rapporteur::replication
