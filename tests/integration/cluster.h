#ifndef RAPPORTEUR_TESTS_INTEGRATION_CLUSTER_H_
#define RAPPORTEUR_TESTS_INTEGRATION_CLUSTER_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "lib/base/subprocess.h"
#include "rapporteur/client.h"
#include "rapporteur/v1/query.pb.h"
#include "tests/integration/tls_certs.h"

namespace rapporteur::testing {

// The three real service binaries (found beside the test binary) running on
// loopback ports picked by the kernel, over a data directory: one or more
// storage shards, each with its own data directory (`shard-{k}`), and one
// ingest and one query process pointed at all of them. Stops them by pid
// when destroyed. Not thread-safe.
class Cluster {
 public:
  struct Config {
    // Extra flags of rapporteur-ingest, e.g. a small --max_message_bytes.
    std::vector<std::string> ingest_flags;
    // Extra flags of rapporteur-query.
    std::vector<std::string> query_flags;
    // Number of storage shards; ingest and query get them in order (shard 0
    // first), so document D lives on shard storage::ShardFor(D, count).
    int storage_shards = 1;
    // Extra flags of every rapporteur-storage.
    std::vector<std::string> storage_flags;
    // When set, TLS everywhere: every service serves `server_cert` (for
    // localhost and 127.0.0.1); storage requires mutual TLS with client
    // certificates of `ca_cert`, and ingest and query present
    // `client_cert`. Clients of ingest and query trust `ca_cert`.
    std::optional<TlsCerts> tls;
    // Serve Prometheus metrics on a loopback port per process (see
    // metrics_port()).
    bool metrics = false;
  };

  explicit Cluster(std::string dir) : dir_(std::move(dir)) {}
  ~Cluster();

  // Starts the storage shards, then ingest and query pointed at them.
  absl::Status Start(const Config& config);
  absl::Status Start() { return Start(Config{}); }

  // Starts storage shard `shard` (0 <= shard < shard count) on its data
  // directory; on `port` when non-zero (to come back where ingest and query
  // expect it after a kill). Before Start, only to be called by Start.
  absl::Status StartStorage(int shard, int port);
  // Shard 0: the one storage of a single-shard cluster.
  absl::Status StartStorage(int port = 0) { return StartStorage(0, port); }

  // Kills ingest (SIGKILL), waits `down`, and starts it again on the port
  // clients know, with the flags it had.
  absl::Status RestartIngest(absl::Duration down);
  // Stops query (SIGTERM, as a deployment would) and starts it again on the
  // port clients know, with the storage and TLS flags it had and
  // `query_flags` in place of Config::query_flags (e.g. another
  // --case_keys).
  absl::Status RestartQuery(std::vector<std::string> query_flags);

  // A remote SDK client of this cluster's ingest and query services, with
  // the options of client_options().
  std::unique_ptr<Client> NewClient() const;
  // Options reaching ingest and query: TLS trusting the CA when the
  // cluster has TLS.
  Options client_options() const;

  // Port of the metrics endpoint of process `label` ("storage" or
  // "storage-{k}" with several shards, "ingest", "query"), when started
  // with Config::metrics; 0 otherwise.
  int metrics_port(const std::string& label) const;

  int storage_shards() const { return static_cast<int>(storages_.size()); }
  Subprocess& storage(int shard = 0) { return *storages_[shard]; }
  int storage_port(int shard = 0) const { return storage_ports_[shard]; }
  // "127.0.0.1:{port}" of shard `shard`, as ingest and query know it.
  std::string storage_address(int shard = 0) const;
  Subprocess& ingest() { return *ingest_; }
  Subprocess& query() { return *query_; }
  const std::string& ingest_address() const { return ingest_address_; }
  const std::string& query_address() const { return query_address_; }

 private:
  // Starts binary rapporteur-{binary}; `label` names its log file.
  absl::StatusOr<int> Spawn(const std::string& binary, const std::string& label,
                            std::vector<std::string> flags,
                            std::optional<Subprocess>* process);

  const std::string dir_;
  // From the Config of Start, for StartStorage.
  std::vector<std::string> storage_flags_;
  std::vector<std::string> ingest_flags_;  // but --listen
  // Query's storage and TLS flags (but --listen and Config::query_flags).
  std::vector<std::string> query_base_flags_;
  std::optional<TlsCerts> tls_;
  bool metrics_ = false;
  std::map<std::string, int> metrics_ports_;
  // Sized once by Start, so references handed out stay valid.
  std::vector<std::optional<Subprocess>> storages_;
  std::vector<int> storage_ports_;
  std::optional<Subprocess> ingest_, query_;
  std::string ingest_address_, query_address_;
  int spawned_ = 0;
};

// A loopback TCP port free right now, for a program that cannot be told to
// pick its own and report it (Prometheus' --web.listen-address, a service's
// --health_listen). Another process may take it before it is used: tests
// tolerate that rare failure rather than sleeping. 0 when none is found.
int FreeLoopbackPort();

// One Search of the plain-text query service at `address`, with a
// deadline `timeout` from now, and no retry (as the SDK would make).
absl::StatusOr<v1::SearchResponse> SearchOnce(const std::string& address,
                                              const v1::SearchRequest& request,
                                              absl::Duration timeout);

// Retries `call` while it is UNAVAILABLE (a restarted peer reconnecting),
// for at most 30 s.
template <typename Call>
auto UntilAvailable(Call call) {
  const absl::Time deadline = absl::Now() + absl::Seconds(30);
  auto result = call();
  while (absl::IsUnavailable(result.status()) && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(100));
    result = call();
  }
  return result;
}

}  // namespace rapporteur::testing

#endif  // RAPPORTEUR_TESTS_INTEGRATION_CLUSTER_H_
