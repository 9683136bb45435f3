#include "tests/integration/replicated_cluster.h"

#include <signal.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "lib/base/status_macros.h"
#include "lib/replication/log_layout.h"
#include "lib/replication/shard_map.h"
#include "lib/rpc/channel.h"
#include "lib/rpc/remote_shard.h"
#include "tests/integration/cluster.h"

namespace rapporteur::testing {

ReplicatedCluster::~ReplicatedCluster() {
  client_.reset();
  for (auto* process : {&query_, &ingest_}) {
    if (process->has_value()) {
      (*process)->Stop(absl::Seconds(10));
    }
  }
  for (std::optional<Subprocess>& storage : storage_) {
    if (storage.has_value()) {
      storage->Stop(absl::Seconds(10));
    }
  }
  for (auto& node : nats_) {
    if (node.has_value()) {
      node->process().Stop(absl::Seconds(10));
    }
  }
}

std::string ReplicatedCluster::nats_urls() const {
  std::vector<std::string> urls;
  for (int port : nats_ports_) {
    urls.push_back(absl::StrCat("nats://127.0.0.1:", port));
  }
  return absl::StrJoin(urls, ",");
}

absl::Status ReplicatedCluster::StartNats(int i) {
  replication::LocalNatsOptions options;
  options.name = absl::StrCat("nats-", i);
  options.dir = absl::StrCat(dir_, "/nats-", i);
  options.port = nats_ports_[i];
  if (nats_ports_.size() > 1) {
    options.cluster_name = "rapporteur-test";
    options.cluster_port = route_ports_[i];
    for (int port : route_ports_) {
      options.routes.push_back(absl::StrCat("nats-route://127.0.0.1:", port));
    }
  }
  ABSL_ASSIGN_OR_RETURN(replication::LocalNats node,
                        replication::LocalNats::Start(options));
  nats_[i].emplace(std::move(node));
  return absl::OkStatus();
}

void ReplicatedCluster::KillNats(int i) {
  if (nats_[i].has_value()) {
    nats_[i]->process().Signal(SIGKILL);
    nats_[i]->process().Wait(absl::Seconds(10));
    nats_[i].reset();
  }
}

absl::StatusOr<int> ReplicatedCluster::Spawn(
    const std::string& binary, const std::string& label,
    std::vector<std::string> flags, std::optional<Subprocess>* process) {
  const std::string port_file =
      absl::StrCat(dir_, "/", label, "-", ++spawned_, ".port");
  const std::string log = absl::StrCat(dir_, "/", label, ".log");
  flags.push_back(absl::StrCat("--port_file=", port_file));
  ABSL_ASSIGN_OR_RETURN(
      Subprocess spawned,
      Subprocess::Spawn(absl::StrCat(ExecutableDir(), "/rapporteur-", binary),
                        flags, log));
  process->emplace(std::move(spawned));
  return WaitForPortFile(port_file, **process, absl::Seconds(60), log);
}

std::string ReplicatedCluster::storage_data(int i) const {
  return absl::StrCat(dir_, "/storage-", i);
}

absl::Status ReplicatedCluster::StartStorage(int i) {
  if (i >= storage_processes()) {
    storage_.resize(i + 1);
    storage_ports_.resize(i + 1, 0);
  }
  ABSL_ASSIGN_OR_RETURN(
      storage_ports_[i],
      Spawn("storage", absl::StrCat("storage-", i),
            {"--listen=127.0.0.1:0", absl::StrCat("--data=", storage_data(i)),
             absl::StrCat("--nats=", nats_urls()),
             absl::StrCat("--replica=storage-", i)},
            &storage_[i]));
  return absl::OkStatus();
}

void ReplicatedCluster::KillStorage(int i) {
  if (storage_[i].has_value()) {
    storage_[i]->Signal(SIGKILL);
    storage_[i]->Wait(absl::Seconds(10));
    storage_[i].reset();
  }
}

void ReplicatedCluster::SignalStorage(int i, int signal) {
  if (storage_[i].has_value()) {
    storage_[i]->Signal(signal);
  }
}

absl::Status ReplicatedCluster::Start(const Config& config) {
  config_ = config;
  std::filesystem::create_directories(dir_);
  for (int i = 0; i < config.nats_nodes; ++i) {
    nats_ports_.push_back(FreeLoopbackPort());
    route_ports_.push_back(FreeLoopbackPort());
  }
  nats_.resize(config.nats_nodes);
  for (int i = 0; i < config.nats_nodes; ++i) {
    ABSL_RETURN_IF_ERROR(StartNats(i));
  }
  ABSL_ASSIGN_OR_RETURN(client_,
                        replication::NatsClient::Connect(nats_urls(), "test"));
  internal::v1::ClusterConfig cluster;
  cluster.set_partitions(config.partitions);
  cluster.set_replicas(config.replicas);
  cluster.set_stream_replicas(config.nats_nodes >= 3 ? 3 : 1);
  ABSL_RETURN_IF_ERROR(replication::InitClusterWhenReady(
      *client_, cluster, absl::Now() + absl::Seconds(30)));
  for (int i = 0; i < config.storage_processes; ++i) {
    ABSL_RETURN_IF_ERROR(StartStorage(i));
  }
  const std::string nats_flag = absl::StrCat("--nats=", nats_urls());
  std::vector<std::string> ingest_flags = {"--listen=127.0.0.1:0", nats_flag};
  ingest_flags.insert(ingest_flags.end(), config.ingest_flags.begin(),
                      config.ingest_flags.end());
  ABSL_ASSIGN_OR_RETURN(int ingest_port,
                        Spawn("ingest", "ingest", ingest_flags, &ingest_));
  std::vector<std::string> query_flags = {"--listen=127.0.0.1:0", nats_flag};
  query_flags.insert(query_flags.end(), config.query_flags.begin(),
                     config.query_flags.end());
  ABSL_ASSIGN_OR_RETURN(int query_port,
                        Spawn("query", "query", query_flags, &query_));
  ingest_address_ = absl::StrCat("127.0.0.1:", ingest_port);
  query_address_ = absl::StrCat("127.0.0.1:", query_port);
  ABSL_RETURN_IF_ERROR(AwaitCaughtUp());
  // Ingest and query are ready once their shard map names the replicas:
  // a test that then cuts NATS off must not catch them before.
  for (const std::string& address : {ingest_address_, query_address_}) {
    storage::RemoteShard service(address, absl::Seconds(5));
    const absl::Time deadline = absl::Now() + absl::Seconds(60);
    absl::Status ready = service.CheckHealth();
    while (!ready.ok() && absl::Now() < deadline) {
      absl::SleepFor(absl::Milliseconds(100));
      ready = service.CheckHealth();
    }
    ABSL_RETURN_IF_ERROR(ready);
  }
  return absl::OkStatus();
}

absl::Status ReplicatedCluster::AwaitCaughtUp(absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  std::string missing;
  while (absl::Now() < deadline) {
    missing.clear();
    absl::StatusOr<replication::ShardMap> map =
        replication::ReadShardMap(*client_);
    if (!map.ok()) {
      missing = std::string(map.status().message());
    } else {
      for (uint32_t p = 0; p < map->config.partitions() && missing.empty();
           ++p) {
        absl::StatusOr<replication::StreamState> stream =
            client_->GetStreamState(replication::StreamName(p));
        if (!stream.ok()) {
          missing = std::string(stream.status().message());
          break;
        }
        int serving = 0;
        for (const std::string& name : map->assignments[p].replicas()) {
          const auto* progress = map->Progress(name, p);
          if (progress != nullptr && progress->serving() &&
              progress->applied_sequence() >= stream->last_sequence) {
            ++serving;
          }
        }
        if (serving < static_cast<int>(map->config.replicas())) {
          missing = absl::StrCat("partition ", p, ": ", serving, " of ",
                                 map->config.replicas(), " replicas caught up");
        }
      }
    }
    if (missing.empty()) {
      return absl::OkStatus();
    }
    absl::SleepFor(absl::Milliseconds(200));
  }
  return absl::DeadlineExceededError(
      absl::StrCat("replicas did not catch up: ", missing));
}

replication::NatsClient& ReplicatedCluster::nats() { return *client_; }

std::unique_ptr<Client> ReplicatedCluster::NewClient() const {
  Options options;
  options.ingest_endpoint = ingest_address_;
  options.query_endpoints = {query_address_};
  options.timeout = std::chrono::seconds(60);
  absl::StatusOr<std::unique_ptr<Client>> client = MakeClient(options);
  return client.ok() ? std::move(*client) : nullptr;
}

absl::StatusOr<internal::v1::SearchShardResponse>
ReplicatedCluster::SearchReplica(
    int i, int partition, const internal::v1::SearchShardRequest& request) {
  const std::string address = absl::StrCat("127.0.0.1:", storage_ports_[i]);
  storage::RemoteShard shard(
      address,
      MakeChannel(address, grpc::InsecureChannelCredentials(), 64 << 20, ""),
      absl::Seconds(30), partition);
  return shard.SearchShard(request);
}

int ReplicatedCluster::RunCli(const std::vector<std::string>& args,
                              std::string* out) const {
  const std::string log =
      absl::StrCat(dir_, "/cli-", args.empty() ? "" : args[0], ".out");
  std::filesystem::remove(log);
  absl::StatusOr<Subprocess> cli = Subprocess::Spawn(
      absl::StrCat(ExecutableDir(), "/rapporteur"), args, log);
  if (!cli.ok()) {
    return -1;
  }
  const int code = cli->Wait(absl::Minutes(5));
  std::ifstream in(log);
  std::stringstream text;
  text << in.rdbuf();
  *out = text.str();
  return code;
}

}  // namespace rapporteur::testing
