#ifndef RAPPORTEUR_TESTS_INTEGRATION_CLUSTER_H_
#define RAPPORTEUR_TESTS_INTEGRATION_CLUSTER_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "rapporteur/client.h"
#include "services/common/subprocess.h"

namespace rapporteur::testing {

// The three real service binaries (found beside the test binary) running on
// loopback ports picked by the kernel, over a data directory. Stops them by
// pid when destroyed. Not thread-safe.
class Cluster {
 public:
  struct Config {
    // Extra flags of rapporteur-ingest, e.g. a small --max_message_bytes.
    std::vector<std::string> ingest_flags;
  };

  explicit Cluster(std::string dir) : dir_(std::move(dir)) {}
  ~Cluster();

  // Starts storage, then ingest and query pointed at it.
  absl::Status Start(const Config& config);
  absl::Status Start() { return Start(Config{}); }

  // Starts storage on the data directory; on `port` when non-zero (to come
  // back where ingest and query expect it after a kill).
  absl::Status StartStorage(int port = 0);

  // A remote SDK client of this cluster's ingest and query services.
  std::unique_ptr<Client> NewClient() const;

  Subprocess& storage() { return *storage_; }
  Subprocess& ingest() { return *ingest_; }
  Subprocess& query() { return *query_; }
  int storage_port() const { return storage_port_; }
  const std::string& ingest_address() const { return ingest_address_; }
  const std::string& query_address() const { return query_address_; }

 private:
  absl::StatusOr<int> Spawn(const std::string& name,
                            std::vector<std::string> flags,
                            std::optional<Subprocess>* process);

  const std::string dir_;
  std::optional<Subprocess> storage_, ingest_, query_;
  int storage_port_ = 0;
  std::string ingest_address_, query_address_;
  int spawned_ = 0;
};

}  // namespace rapporteur::testing

#endif  // RAPPORTEUR_TESTS_INTEGRATION_CLUSTER_H_
