#ifndef RAPPORTEUR_LIB_REPLICATION_PARTITION_APPLIER_H_
#define RAPPORTEUR_LIB_REPLICATION_PARTITION_APPLIER_H_

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/time/time.h"
#include "lib/base/mutex.h"
#include "lib/replication/nats_client.h"
#include "lib/storage/store.h"

namespace rapporteur::replication {

// Applies one partition's log to the replica's store of that partition,
// in order: reads the stream from the store's applied sequence + 1 (an
// ordered JetStream consumer) and applies each entry with its sequence in
// the same synced write (Store::ApplyLogEntry), so that a crash at any
// point resumes exactly where the disk says. A replica with an empty disk
// rebuilds this way from the first entry.
//
// The replica serves reads of the partition once it has caught up: its
// applied sequence reached the stream's last sequence as read after it
// started. It keeps serving while it lags (a lagging replica is still a
// consistent one; read-your-writes asks for a sequence), and stops when it
// cannot catch up from the log: the log was compacted past it (it needs a
// checkpoint), or it is not the log this store applied (diverged).
//
// Thread-safe. Owns a thread from Start() to Stop().
class PartitionApplier {
 public:
  PartitionApplier(uint32_t partition, storage::Store* store, NatsClient* nats);
  PartitionApplier(const PartitionApplier&) = delete;
  PartitionApplier& operator=(const PartitionApplier&) = delete;
  ~PartitionApplier() { Stop(); }

  void Start();
  // Stops applying; returns once the thread has ended.
  void Stop();

  uint32_t partition() const { return partition_; }
  uint64_t applied_sequence() const { return store_->AppliedSequence(); }
  bool serving() const { return serving_.load(std::memory_order_acquire); }
  // The log no longer holds the entries after this replica's applied
  // sequence (compaction purged them): only a peer's checkpoint can bring
  // it up to date (ReplicaNode fetches one).
  bool needs_checkpoint() const {
    return needs_checkpoint_.load(std::memory_order_acquire);
  }
  // What it is doing, for the shard map and `rapporteur cluster status`.
  std::string state() const ABSL_LOCKS_EXCLUDED(mu_);

  // Waits until the applied sequence reaches `sequence` or `deadline`
  // passes; returns whether it did.
  bool AwaitApplied(uint64_t sequence, absl::Time deadline)
      ABSL_LOCKS_EXCLUDED(mu_);

 private:
  void Run();
  // Reads and applies from the applied sequence + 1 until stopped, an
  // error, or a stall; then the caller subscribes again.
  void ApplyFromStream(uint64_t* last_known) ABSL_LOCKS_EXCLUDED(mu_);
  void SetState(std::string state) ABSL_LOCKS_EXCLUDED(mu_);
  void MarkServingIfCaughtUp(uint64_t stream_last) ABSL_LOCKS_EXCLUDED(mu_);
  // Stops serving reads, saying `why`, and pauses before the next check.
  void StopServing(std::string why) ABSL_LOCKS_EXCLUDED(mu_);
  // Sleeps `d` unless stopped first.
  void Pause(absl::Duration d) ABSL_LOCKS_EXCLUDED(mu_);

  const uint32_t partition_;
  storage::Store* const store_;
  NatsClient* const nats_;
  std::atomic<bool> serving_{false};
  std::atomic<bool> needs_checkpoint_{false};
  std::atomic<bool> stopping_{false};
  mutable Mutex mu_;
  // Notified at each applied entry and at Stop().
  std::condition_variable_any applied_changed_;
  std::string state_ ABSL_GUARDED_BY(mu_) = "starting";
  std::thread thread_;
};

}  // namespace rapporteur::replication

#endif  // RAPPORTEUR_LIB_REPLICATION_PARTITION_APPLIER_H_
