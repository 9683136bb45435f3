#ifndef RAPPORTEUR_TESTS_INTEGRATION_REPLICATED_CLUSTER_H_
#define RAPPORTEUR_TESTS_INTEGRATION_REPLICATED_CLUSTER_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "lib/base/subprocess.h"
#include "lib/replication/local_nats.h"
#include "lib/replication/nats_client.h"
#include "rapporteur/client.h"
#include "rapporteur/internal/v1/shard.pb.h"

namespace rapporteur::testing {

// Replicated storage on loopback, all real processes: a JetStream cluster
// of nats-server nodes, storage replicas (rapporteur-storage --nats), and
// one ingest and one query service on the shard map. Every process can be
// killed with SIGKILL and started again on the same ports and folders.
// Stops them all by pid when destroyed. Not thread-safe.
class ReplicatedCluster {
 public:
  struct Config {
    int nats_nodes = 3;
    int partitions = 4;
    // k: replicas per partition.
    int replicas = 2;
    // Storage processes started with the cluster.
    int storage_processes = 2;
    // Extra flags of rapporteur-ingest (e.g. --write_deadline).
    std::vector<std::string> ingest_flags;
    // Extra flags of rapporteur-query (e.g. --case_keys).
    std::vector<std::string> query_flags;
  };

  explicit ReplicatedCluster(std::string dir) : dir_(std::move(dir)) {}
  ~ReplicatedCluster();

  absl::Status Start(const Config& config);

  // JetStream node `i`: kill -9, and start again with its store.
  void KillNats(int i);
  absl::Status StartNats(int i);
  bool NatsRunning(int i) const { return nats_[i].has_value(); }
  int nats_nodes() const { return static_cast<int>(nats_.size()); }
  std::string nats_urls() const;

  // Storage process `i` (replica "storage-{i}", data in DIR/storage-{i}):
  // kill -9, and start again; a new index adds a process.
  void KillStorage(int i);
  // Sends `signal` to storage process `i` when it runs (SIGSTOP, SIGCONT).
  void SignalStorage(int i, int signal);
  absl::Status StartStorage(int i);
  std::string storage_data(int i) const;
  int storage_processes() const { return static_cast<int>(storage_.size()); }

  // Waits until every partition has `replicas` replicas serving it, each
  // applied up to the end of the partition's log.
  absl::Status AwaitCaughtUp(absl::Duration timeout = absl::Seconds(60));

  // A client of the cluster (connected to its own NATS node list).
  replication::NatsClient& nats();
  std::unique_ptr<Client> NewClient() const;
  const std::string& ingest_address() const { return ingest_address_; }
  const std::string& query_address() const { return query_address_; }

  // A search on storage replica `i`'s partition `partition` alone.
  absl::StatusOr<internal::v1::SearchShardResponse> SearchReplica(
      int i, int partition, const internal::v1::SearchShardRequest& request);

  // Runs the `rapporteur` CLI with `args`; its exit code, output in *out.
  int RunCli(const std::vector<std::string>& args, std::string* out) const;

 private:
  absl::StatusOr<int> Spawn(const std::string& binary, const std::string& label,
                            std::vector<std::string> flags,
                            std::optional<Subprocess>* process);

  const std::string dir_;
  Config config_;
  std::vector<int> nats_ports_, route_ports_;
  std::vector<std::optional<replication::LocalNats>> nats_;
  std::vector<std::optional<Subprocess>> storage_;
  std::vector<int> storage_ports_;
  std::optional<Subprocess> ingest_, query_;
  std::string ingest_address_, query_address_;
  std::unique_ptr<replication::NatsClient> client_;
  int spawned_ = 0;
};

}  // namespace rapporteur::testing

#endif  // RAPPORTEUR_TESTS_INTEGRATION_REPLICATED_CLUSTER_H_
