#include "lib/replication/shard_map.h"

#include <google/protobuf/util/json_util.h>

#include <algorithm>
#include <string>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "lib/base/status_macros.h"
#include "lib/replication/log_layout.h"

namespace rapporteur::replication {
namespace {

constexpr char kConfigKey[] = "config";
constexpr char kPartitionPrefix[] = "partition.";
constexpr char kReplicaPrefix[] = "replica.";
// Compare-and-set rounds before giving up: replicas starting together
// race for the same keys, each round lets one more through.
constexpr int kMaxCasRounds = 64;

std::string PartitionKey(uint32_t partition) {
  return absl::StrCat(kPartitionPrefix, partition);
}

std::string ToJson(const google::protobuf::Message& message) {
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  // Serializing a valid message cannot fail.
  (void)google::protobuf::util::MessageToJsonString(message, &json, options);
  return json;
}

absl::Status FromJson(absl::string_view json, absl::string_view key,
                      google::protobuf::Message* message) {
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = true;  // written by a later version
  auto status = google::protobuf::util::JsonStringToMessage(std::string(json),
                                                            message, options);
  if (!status.ok()) {
    return absl::DataLossError(absl::StrCat(
        "shard map key ", key, " is malformed: ", status.ToString()));
  }
  return absl::OkStatus();
}

// Applies `change` to partition `partition`'s assignment by compare-and-set,
// retrying when another writer was first. `change` returns false when
// there is nothing to write.
template <typename Change>
absl::Status UpdateAssignment(NatsClient& nats, uint32_t partition,
                              Change change) {
  const std::string key = PartitionKey(partition);
  for (int round = 0; round < kMaxCasRounds; ++round) {
    internal::v1::PartitionAssignment assignment;
    uint64_t revision = 0;
    absl::StatusOr<KeyValueEntry> entry = nats.Get(kShardMapBucket, key);
    if (entry.ok()) {
      ABSL_RETURN_IF_ERROR(FromJson(entry->value, key, &assignment));
      revision = entry->revision;
    } else if (!absl::IsNotFound(entry.status())) {
      return entry.status();
    }
    if (!change(&assignment)) {
      return absl::OkStatus();
    }
    absl::StatusOr<uint64_t> written =
        nats.CompareAndSet(kShardMapBucket, key, ToJson(assignment), revision);
    if (written.ok()) {
      return absl::OkStatus();
    }
    if (!absl::IsAborted(written.status())) {
      return written.status();
    }
  }
  return absl::AbortedError(
      absl::StrCat("shard map key ", key, " kept changing; try again"));
}

bool Contains(const internal::v1::PartitionAssignment& assignment,
              absl::string_view replica) {
  return std::find(assignment.replicas().begin(), assignment.replicas().end(),
                   replica) != assignment.replicas().end();
}

}  // namespace

const internal::v1::PartitionProgress* ShardMap::Progress(
    absl::string_view replica, uint32_t partition) const {
  auto it = replicas.find(replica);
  if (it == replicas.end()) {
    return nullptr;
  }
  for (const auto& progress : it->second.partitions()) {
    if (progress.partition() == partition) {
      return &progress;
    }
  }
  return nullptr;
}

absl::Status InitCluster(NatsClient& nats,
                         const internal::v1::ClusterConfig& config) {
  if (config.partitions() == 0 || config.replicas() == 0 ||
      config.stream_replicas() == 0) {
    return absl::InvalidArgumentError(
        "--partitions, --replicas and --stream_replicas must be at least 1");
  }
  const int copies = static_cast<int>(config.stream_replicas());
  ABSL_RETURN_IF_ERROR(nats.EnsureBucket(kShardMapBucket, copies));
  absl::StatusOr<uint64_t> created =
      nats.CompareAndSet(kShardMapBucket, kConfigKey, ToJson(config), 0);
  if (!created.ok()) {
    if (!absl::IsAborted(created.status())) {
      return created.status();
    }
    ABSL_ASSIGN_OR_RETURN(internal::v1::ClusterConfig existing,
                          ReadClusterConfig(nats));
    if (existing.partitions() != config.partitions() ||
        existing.replicas() != config.replicas()) {
      return absl::FailedPreconditionError(absl::StrCat(
          "the cluster was set up with ", existing.partitions(),
          " partitions and ", existing.replicas(),
          " replicas each; partitions never change, since they place "
          "documents"));
    }
  }
  for (uint32_t p = 0; p < config.partitions(); ++p) {
    ABSL_RETURN_IF_ERROR(nats.EnsureStream(StreamName(p), SubjectOf(p), copies,
                                           kDuplicateWindow));
  }
  return absl::OkStatus();
}

absl::Status InitClusterWhenReady(NatsClient& nats,
                                  const internal::v1::ClusterConfig& config,
                                  absl::Time deadline) {
  while (true) {
    const absl::Status initialized = InitCluster(nats, config);
    const bool starting = absl::IsUnavailable(initialized) ||
                          absl::IsDeadlineExceeded(initialized) ||
                          absl::IsNotFound(initialized);
    if (!starting || absl::Now() >= deadline) {
      return initialized;
    }
    absl::SleepFor(absl::Milliseconds(250));
  }
}

absl::StatusOr<internal::v1::ClusterConfig> ReadClusterConfig(
    NatsClient& nats) {
  absl::StatusOr<KeyValueEntry> entry = nats.Get(kShardMapBucket, kConfigKey);
  if (absl::IsNotFound(entry.status())) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the JetStream cluster at ", nats.urls(),
        " holds no Rapporteur cluster: run `rapporteur cluster init`"));
  }
  ABSL_RETURN_IF_ERROR(entry.status());
  internal::v1::ClusterConfig config;
  ABSL_RETURN_IF_ERROR(FromJson(entry->value, kConfigKey, &config));
  if (config.partitions() == 0) {
    return absl::DataLossError("the shard map's config has no partitions");
  }
  return config;
}

absl::StatusOr<ShardMap> ReadShardMap(NatsClient& nats) {
  ABSL_ASSIGN_OR_RETURN(auto entries, nats.List(kShardMapBucket));
  ShardMap map;
  bool has_config = false;
  for (const auto& [key, entry] : entries) {
    if (key == kConfigKey) {
      ABSL_RETURN_IF_ERROR(FromJson(entry.value, key, &map.config));
      has_config = true;
    }
  }
  if (!has_config) {
    // FAILED_PRECONDITION naming `cluster init`, unless it just ran.
    ABSL_RETURN_IF_ERROR(ReadClusterConfig(nats).status());
    return absl::UnavailableError("the shard map changed while read; retry");
  }
  if (map.config.partitions() == 0) {
    return absl::DataLossError("the shard map's config has no partitions");
  }
  map.assignments.resize(map.config.partitions());
  for (const auto& [key, entry] : entries) {
    absl::string_view rest = key;
    if (absl::ConsumePrefix(&rest, kPartitionPrefix)) {
      uint32_t partition = 0;
      if (!absl::SimpleAtoi(rest, &partition) ||
          partition >= map.config.partitions()) {
        continue;  // not a partition of this cluster
      }
      ABSL_RETURN_IF_ERROR(
          FromJson(entry.value, key, &map.assignments[partition]));
    } else if (absl::ConsumePrefix(&rest, kReplicaPrefix)) {
      internal::v1::ReplicaStatus status;
      ABSL_RETURN_IF_ERROR(FromJson(entry.value, key, &status));
      map.replicas.emplace(std::string(rest), std::move(status));
    }
  }
  return map;
}

absl::StatusOr<std::vector<uint32_t>> ClaimPartitions(
    NatsClient& nats, absl::string_view replica) {
  ABSL_ASSIGN_OR_RETURN(internal::v1::ClusterConfig config,
                        ReadClusterConfig(nats));
  std::vector<uint32_t> served;
  for (uint32_t p = 0; p < config.partitions(); ++p) {
    bool serves = false;
    ABSL_RETURN_IF_ERROR(UpdateAssignment(
        nats, p, [&](internal::v1::PartitionAssignment* assignment) {
          serves = Contains(*assignment, replica);
          if (serves || static_cast<uint32_t>(assignment->replicas_size()) >=
                            config.replicas()) {
            return false;
          }
          assignment->add_replicas(std::string(replica));
          serves = true;
          return true;
        }));
    if (serves) {
      served.push_back(p);
    }
  }
  return served;
}

absl::Status AddReplica(NatsClient& nats, uint32_t partition,
                        absl::string_view replica) {
  return UpdateAssignment(nats, partition,
                          [&](internal::v1::PartitionAssignment* assignment) {
                            if (Contains(*assignment, replica)) {
                              return false;
                            }
                            assignment->add_replicas(std::string(replica));
                            return true;
                          });
}

absl::Status RemoveReplica(NatsClient& nats, uint32_t partition,
                           absl::string_view replica) {
  return UpdateAssignment(
      nats, partition, [&](internal::v1::PartitionAssignment* assignment) {
        auto* replicas = assignment->mutable_replicas();
        auto it = std::find(replicas->begin(), replicas->end(), replica);
        if (it == replicas->end()) {
          return false;
        }
        replicas->erase(it);
        return true;
      });
}

absl::Status PublishReplicaStatus(NatsClient& nats,
                                  const internal::v1::ReplicaStatus& status) {
  return nats
      .Put(kShardMapBucket, absl::StrCat(kReplicaPrefix, status.name()),
           ToJson(status))
      .status();
}

}  // namespace rapporteur::replication
