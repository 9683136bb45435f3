#ifndef RAPPORTEUR_LIB_REPLICATION_LOCAL_NATS_H_
#define RAPPORTEUR_LIB_REPLICATION_LOCAL_NATS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "lib/base/subprocess.h"

namespace rapporteur::replication {

// A nats-server with JetStream started as a child process: the one node of
// `rapporteur up`, or a node of the loopback clusters of the tests and
// benchmarks. Writes its configuration beside its store.
struct LocalNatsOptions {
  // The server's name; unique within a cluster.
  std::string name = "rapporteur-nats";
  // Its folder: nats.conf, the JetStream store (jetstream/), its log.
  std::string dir;
  std::string host = "127.0.0.1";
  // Client port; 0 picks a free one.
  int port = 0;
  // Cluster of several nodes: its name, this node's route port and every
  // node's route URL (nats-route://HOST:PORT, this one's included). Empty
  // name: a single node.
  std::string cluster_name;
  int cluster_port = 0;
  std::vector<std::string> routes;
  // Largest message: a document with its index terms is one log entry.
  int64_t max_payload = 32 << 20;
  // The nats-server binary; found on PATH and in /usr/sbin when a bare name.
  std::string binary = "nats-server";
  absl::Duration start_timeout = absl::Seconds(20);
};

class LocalNats {
 public:
  // Starts the server and waits until it accepts clients. UNAVAILABLE,
  // naming its log, when it exits first; NOT_FOUND when there is no
  // nats-server binary (scripts/setup installs it).
  static absl::StatusOr<LocalNats> Start(const LocalNatsOptions& options);

  // nats://HOST:PORT.
  const std::string& url() const { return url_; }
  Subprocess& process() { return process_; }
  const std::string& log() const { return log_; }

 private:
  LocalNats(Subprocess process, std::string url, std::string log)
      : process_(std::move(process)),
        url_(std::move(url)),
        log_(std::move(log)) {}

  Subprocess process_;
  std::string url_;
  std::string log_;
};

// The path of the nats-server binary `name` (a path is returned as is).
absl::StatusOr<std::string> FindNatsServer(const std::string& name);

}  // namespace rapporteur::replication

#endif  // RAPPORTEUR_LIB_REPLICATION_LOCAL_NATS_H_
