#ifndef RAPPORTEUR_LIB_REPLICATION_NATS_CLIENT_H_
#define RAPPORTEUR_LIB_REPLICATION_NATS_CLIENT_H_

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "lib/base/mutex.h"

// The C client's handles, kept out of every header but this one's users'.
typedef struct __natsConnection natsConnection;
typedef struct __jsCtx jsCtx;
typedef struct __kvStore kvStore;

namespace rapporteur::replication {

// A stream's first and last sequence (first > last when it is empty).
struct StreamState {
  uint64_t first_sequence = 0;
  uint64_t last_sequence = 0;
  uint64_t messages = 0;
  // When the stream was made (ns since the epoch): a stream deleted and
  // made again under its name has another.
  int64_t created = 0;
};

// What a publish was acknowledged with: the sequence of the message in its
// stream, and whether the stream had it already (same message id within
// the stream's duplicate window).
struct PublishAck {
  uint64_t sequence = 0;
  bool duplicate = false;
};

// One entry of a key-value bucket, with its revision for compare-and-set.
struct KeyValueEntry {
  std::string value;
  uint64_t revision = 0;
};

// A connection to a NATS JetStream cluster (libnats, the C client): the
// calls the replicated storage makes, each turning the client's status
// into an absl::Status that names what failed. The connection reconnects
// by itself, forever, across the cluster's servers.
//
// Thread-safe: libnats connections and JetStream contexts are.
class NatsClient {
 public:
  // Connects to `urls` ("nats://HOST:PORT[,nats://HOST:PORT...]"), naming
  // the connection `name` in the servers' monitoring. UNAVAILABLE when no
  // server answers within `timeout`; INVALID_ARGUMENT for an empty list.
  static absl::StatusOr<std::unique_ptr<NatsClient>> Connect(
      absl::string_view urls, absl::string_view name,
      absl::Duration timeout = absl::Seconds(5));

  NatsClient(const NatsClient&) = delete;
  NatsClient& operator=(const NatsClient&) = delete;
  ~NatsClient();

  const std::string& urls() const { return urls_; }

  // The largest message the servers accept (their max_payload).
  int64_t max_payload() const;

  // Creates the file-backed stream `name` over `subject` with `replicas`
  // copies, or checks that the existing one has as many. A stream keeps
  // every message until purged; ids repeat-checked over `duplicate_window`.
  absl::Status EnsureStream(absl::string_view name, absl::string_view subject,
                            int replicas, absl::Duration duplicate_window);

  // The state of stream `name`; NOT_FOUND when there is none.
  absl::StatusOr<StreamState> GetStreamState(absl::string_view name);

  // Removes the messages of stream `name` below `keep_from` (compaction).
  absl::Status PurgeBelow(absl::string_view name, uint64_t keep_from);

  // Publishes `data` to `subject` with message id `message_id` and waits at
  // most `timeout` for the stream's acknowledgement (its quorum's).
  // DEADLINE_EXCEEDED when none came: the message may still be stored, so
  // publish it again with the same id. UNAVAILABLE when no stream answers.
  absl::StatusOr<PublishAck> Publish(absl::string_view subject,
                                     absl::string_view data,
                                     absl::string_view message_id,
                                     absl::Duration timeout);

  // Key-value buckets (JetStream streams "KV_{bucket}").
  absl::Status EnsureBucket(absl::string_view bucket, int replicas);
  // NOT_FOUND for a missing key or bucket.
  absl::StatusOr<KeyValueEntry> Get(absl::string_view bucket,
                                    absl::string_view key);
  absl::StatusOr<uint64_t> Put(absl::string_view bucket, absl::string_view key,
                               absl::string_view value);
  // Writes `value` only when the key's revision is still `last_revision`
  // (0: only when the key does not exist). ABORTED when another writer was
  // first: read the key again and retry.
  absl::StatusOr<uint64_t> CompareAndSet(absl::string_view bucket,
                                         absl::string_view key,
                                         absl::string_view value,
                                         uint64_t last_revision);
  // Every key of the bucket with its value.
  absl::StatusOr<std::vector<std::pair<std::string, KeyValueEntry>>> List(
      absl::string_view bucket);

  // The raw handles, for subscriptions (see StreamReader).
  natsConnection* connection() const { return connection_; }
  jsCtx* jetstream() const { return jetstream_; }

 private:
  NatsClient(std::string urls, natsConnection* connection, jsCtx* jetstream)
      : urls_(std::move(urls)),
        connection_(connection),
        jetstream_(jetstream) {}
  // The bound handle of `bucket`, made at its first use.
  absl::StatusOr<kvStore*> Bucket(absl::string_view bucket)
      ABSL_LOCKS_EXCLUDED(buckets_mu_);

  const std::string urls_;
  natsConnection* const connection_;
  jsCtx* const jetstream_;
  Mutex buckets_mu_;
  absl::flat_hash_map<std::string, kvStore*> buckets_
      ABSL_GUARDED_BY(buckets_mu_);
};

// Whether SIGTERM or SIGINT waits, blocked, for the process (see
// BlockTermSignals): a wait loop before serving gives up then.
bool TermSignalPending();

// Connects as NatsClient::Connect, retrying every second (logging once)
// while no server answers, so that a service may start before NATS.
// CANCELLED when a termination signal is pending.
absl::StatusOr<std::unique_ptr<NatsClient>> ConnectNatsWhenUp(
    absl::string_view urls, absl::string_view name);

// An absl::Status for a libnats status and JetStream error code, naming
// `what` was being done: timeouts and a cluster without quorum are
// UNAVAILABLE (retry), a missing stream or key NOT_FOUND.
absl::Status NatsError(int nats_status, int jetstream_error,
                       absl::string_view what);

}  // namespace rapporteur::replication

#endif  // RAPPORTEUR_LIB_REPLICATION_NATS_CLIENT_H_
