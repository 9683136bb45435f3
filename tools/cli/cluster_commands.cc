// `rapporteur cluster init|status|move|compact`: the replicated storage's
// JetStream streams and shard map.
#include <algorithm>
#include <functional>
#include <iomanip>
#include <iostream>
#include <limits>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "lib/replication/log_layout.h"
#include "lib/replication/nats_client.h"
#include "lib/replication/shard_map.h"
#include "tools/cli/commands.h"
#include "tools/cli/output.h"

namespace rapporteur::cli {
namespace {

struct ClusterOptions {
  std::string nats;
  int partitions = 64;
  int replicas = 2;
  int stream_replicas = 3;
  int partition = -1;
  std::string from;
  std::string to;
  int move_timeout_seconds = 600;
};

int Init(replication::NatsClient& nats, const ClusterOptions& options) {
  internal::v1::ClusterConfig config;
  config.set_partitions(static_cast<uint32_t>(std::max(0, options.partitions)));
  config.set_replicas(static_cast<uint32_t>(std::max(0, options.replicas)));
  config.set_stream_replicas(
      static_cast<uint32_t>(std::max(0, options.stream_replicas)));
  const absl::Status initialized = replication::InitClusterWhenReady(
      nats, config, absl::Now() + absl::Seconds(30));
  if (!initialized.ok()) {
    return Fail(initialized);
  }
  std::cout << "cluster ready: " << config.partitions() << " partitions, "
            << config.replicas() << " storage replicas each, logs on "
            << config.stream_replicas() << " JetStream servers\n";
  return 0;
}

int Status(replication::NatsClient& nats, const ClusterOptions&) {
  absl::StatusOr<replication::ShardMap> map = replication::ReadShardMap(nats);
  if (!map.ok()) {
    return Fail(map.status());
  }
  std::cout << map->config.partitions() << " partitions, "
            << map->config.replicas() << " replicas each, logs on "
            << map->config.stream_replicas() << " JetStream servers\n\n";
  std::cout << std::left << std::setw(10) << "partition" << std::setw(12)
            << "log end"
            << "replicas (applied, lag, state)\n";
  int lagging = 0;
  for (uint32_t p = 0; p < map->config.partitions(); ++p) {
    absl::StatusOr<replication::StreamState> stream =
        nats.GetStreamState(replication::StreamName(p));
    const uint64_t end = stream.ok() ? stream->last_sequence : 0;
    std::vector<std::string> replicas;
    for (const std::string& name : map->assignments[p].replicas()) {
      const internal::v1::PartitionProgress* progress = map->Progress(name, p);
      if (progress == nullptr) {
        replicas.push_back(absl::StrCat(name, " (not reporting)"));
        ++lagging;
        continue;
      }
      const uint64_t lag = end > progress->applied_sequence()
                               ? end - progress->applied_sequence()
                               : 0;
      lagging += lag > 0 || !progress->serving();
      replicas.push_back(absl::StrCat(name, " (", progress->applied_sequence(),
                                      ", ", lag, ", ", progress->state(), ")"));
    }
    std::cout << std::setw(10) << p << std::setw(12)
              << (stream.ok() ? absl::StrCat(end) : "unreachable")
              << (replicas.empty() ? "none" : absl::StrJoin(replicas, "; "))
              << "\n";
  }
  std::cout << "\nreplicas:";
  for (const auto& [name, status] : map->replicas) {
    std::cout << " " << name << "=" << status.address();
  }
  std::cout << "\n";
  return lagging == 0 ? 0 : 1;
}

int Move(replication::NatsClient& nats, const ClusterOptions& options) {
  const std::string& from = options.from;
  const std::string& to = options.to;
  const auto p = static_cast<uint32_t>(options.partition);
  absl::StatusOr<replication::ShardMap> before =
      replication::ReadShardMap(nats);
  if (!before.ok()) {
    return Fail(before.status());
  }
  const auto& holders = before->assignments.size() > p
                            ? before->assignments[p].replicas()
                            : google::protobuf::RepeatedPtrField<std::string>();
  if (from == to || p >= before->config.partitions() ||
      std::find(holders.begin(), holders.end(), from) == holders.end() ||
      !before->replicas.contains(to)) {
    return Fail(absl::InvalidArgumentError(absl::StrCat(
        "cannot move partition ", p, " from ", from, " to ", to,
        ": --from must "
        "serve it, and --to must be another replica that has joined (",
        before->replicas.size(), " have)")));
  }
  // The new replica serves before the old one leaves, so that the
  // partition always has a caught-up replica: no gap, and reads go to one
  // replica at a time, so no hit twice.
  absl::Status added = replication::AddReplica(nats, p, to);
  if (!added.ok()) {
    return Fail(added);
  }
  absl::StatusOr<replication::StreamState> stream =
      nats.GetStreamState(replication::StreamName(p));
  if (!stream.ok()) {
    return Fail(stream.status());
  }
  std::cout << "partition " << p << ": " << to << " catching up to "
            << stream->last_sequence << "\n";
  const absl::Time deadline =
      absl::Now() + absl::Seconds(options.move_timeout_seconds);
  while (true) {
    absl::StatusOr<replication::ShardMap> map = replication::ReadShardMap(nats);
    if (map.ok()) {
      const internal::v1::PartitionProgress* progress = map->Progress(to, p);
      if (progress != nullptr && progress->serving() &&
          progress->applied_sequence() >= stream->last_sequence) {
        break;
      }
    }
    if (absl::Now() > deadline) {
      return Fail(absl::DeadlineExceededError(
          absl::StrCat(to, " did not catch up on partition ", p,
                       " in time; it stays a "
                       "replica beside ",
                       from, " (run move again to finish)")));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  absl::Status removed = replication::RemoveReplica(nats, p, from);
  if (!removed.ok()) {
    return Fail(removed);
  }
  std::cout << "partition " << p << " moved from " << from << " to " << to
            << "\n";
  return 0;
}

// Purges each partition's log below the lowest sequence its replicas have
// applied: they never need those entries again, and a new or emptied
// replica copies a peer's checkpoint instead (ReplicaNode::RebuildFromPeer).
int Compact(replication::NatsClient& nats, const ClusterOptions&) {
  absl::StatusOr<replication::ShardMap> map = replication::ReadShardMap(nats);
  if (!map.ok()) {
    return Fail(map.status());
  }
  int failures = 0;
  for (uint32_t p = 0; p < map->config.partitions(); ++p) {
    const auto& replicas = map->assignments[p].replicas();
    uint64_t lowest = std::numeric_limits<uint64_t>::max();
    std::string missing;
    for (const std::string& name : replicas) {
      const internal::v1::PartitionProgress* progress = map->Progress(name, p);
      if (progress == nullptr) {
        missing = name;
        break;
      }
      lowest = std::min(lowest, progress->applied_sequence());
    }
    if (replicas.empty() || !missing.empty()) {
      std::cout << "partition " << p << ": kept whole ("
                << (replicas.empty() ? "no replica"
                                     : absl::StrCat(missing, " not reporting"))
                << ")\n";
      continue;
    }
    const std::string stream = replication::StreamName(p);
    absl::StatusOr<replication::StreamState> state =
        nats.GetStreamState(stream);
    if (!state.ok()) {
      std::cerr << "partition " << p << ": " << state.status() << "\n";
      ++failures;
      continue;
    }
    if (lowest + 1 <= state->first_sequence) {
      std::cout << "partition " << p << ": nothing to purge\n";
      continue;
    }
    absl::Status purged = nats.PurgeBelow(stream, lowest + 1);
    if (!purged.ok()) {
      std::cerr << "partition " << p << ": " << purged << "\n";
      ++failures;
      continue;
    }
    std::cout << "partition " << p << ": purged entries up to " << lowest
              << " (applied by every replica)\n";
  }
  return failures == 0 ? 0 : 1;
}

using ClusterCall =
    std::function<int(replication::NatsClient&, const ClusterOptions&)>;

// Connects to --nats, then runs `call`.
int RunCluster(const ClusterOptions& options, const ClusterCall& call) {
  absl::StatusOr<std::unique_ptr<replication::NatsClient>> nats =
      replication::NatsClient::Connect(options.nats, "rapporteur cluster");
  if (!nats.ok()) {
    return Fail(nats.status());
  }
  return call(**nats, options);
}

CLI::App* AddClusterCommand(CLI::App& cluster, Cli& cli,
                            std::shared_ptr<ClusterOptions> options,
                            const std::string& verb,
                            const std::string& description, ClusterCall call) {
  CLI::App* command = cluster.add_subcommand(verb, description);
  command
      ->add_option("--nats", options->nats,
                   "The NATS JetStream cluster, "
                   "nats://HOST:PORT[,nats://HOST:PORT...]")
      ->type_name("URLS")
      ->required();
  SetAction(*command, cli, [options, call = std::move(call)] {
    return RunCluster(*options, call);
  });
  return command;
}

}  // namespace

void AddClusterCommands(CLI::App& app, Cli& cli) {
  CLI::App* cluster = app.add_subcommand(
      "cluster",
      "Replicated storage: create the partitions' logs and shard map, show "
      "each partition's replicas, move a partition to another replica, "
      "purge the logs below what every replica applied (README, "
      "\"Replication\")");
  cluster->require_subcommand(1);
  cluster->footer(
      "Examples:\n"
      "  rapporteur cluster init --nats=nats://127.0.0.1:4222 "
      "--partitions=64\n"
      "  rapporteur cluster status --nats=nats://127.0.0.1:4222\n"
      "  rapporteur cluster move --nats=URLS --partition=3 --from=storage-0 "
      "--to=storage-2");
  auto options = std::make_shared<ClusterOptions>();

  CLI::App* init = AddClusterCommand(
      *cluster, cli, options, "init",
      "Create the partitions' logs and the shard map (idempotent)", Init);
  init->add_option("--partitions", options->partitions,
                   "V, the number of partitions (fixed for good)")
      ->capture_default_str();
  init->add_option("--replicas", options->replicas,
                   "k, the storage replicas serving each partition")
      ->capture_default_str();
  init->add_option("--stream_replicas", options->stream_replicas,
                   "JetStream servers keeping each partition's log (1 or 3)")
      ->capture_default_str();

  AddClusterCommand(*cluster, cli, options, "status",
                    "Each partition's log end and replicas (applied, lag, "
                    "state); exit 1 when one lags or is down",
                    Status);

  CLI::App* move = AddClusterCommand(
      *cluster, cli, options, "move",
      "Move a partition to another replica: the new one serves before the "
      "old one leaves",
      Move);
  move->add_option("--partition", options->partition, "The partition to move")
      ->check(CLI::NonNegativeNumber)
      ->required();
  move->add_option("--from", options->from, "The replica giving it up")
      ->required();
  move->add_option("--to", options->to, "The replica taking it")->required();
  move->add_option("--move_timeout_seconds", options->move_timeout_seconds,
                   "Longest wait for the new replica to catch up")
      ->capture_default_str();

  AddClusterCommand(*cluster, cli, options, "compact",
                    "Purge each partition's log below what every replica "
                    "applied",
                    Compact);
}

}  // namespace rapporteur::cli
