#ifndef RAPPORTEUR_LIB_ROUTING_HEDGING_H_
#define RAPPORTEUR_LIB_ROUTING_HEDGING_H_

#include <cstddef>
#include <functional>
#include <optional>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/time/time.h"
#include "lib/base/mutex.h"

namespace rapporteur::storage {

// The latencies of the last `capacity` calls of one kind, for the delay
// after which a hedged request goes out. Thread-safe.
class LatencyWindow {
 public:
  explicit LatencyWindow(size_t capacity = 128) : capacity_(capacity) {}
  LatencyWindow(const LatencyWindow&) = delete;
  LatencyWindow& operator=(const LatencyWindow&) = delete;

  void Add(absl::Duration latency) ABSL_LOCKS_EXCLUDED(mu_);

  // The `fraction` quantile (0.95: the 95th percentile) of the recent
  // latencies; `otherwise` while fewer than `min_samples` were added.
  absl::Duration Quantile(double fraction, absl::Duration otherwise,
                          size_t min_samples = 16) const
      ABSL_LOCKS_EXCLUDED(mu_);

 private:
  const size_t capacity_;
  mutable Mutex mu_;
  std::vector<absl::Duration> samples_ ABSL_GUARDED_BY(mu_);
  size_t next_ ABSL_GUARDED_BY(mu_) = 0;  // slot the next sample replaces
};

// How a hedged read went.
struct HedgedOutcome {
  // Index of the candidate whose answer was taken; -1 when all failed.
  int winner = -1;
  // How long the winner took, from its own start.
  absl::Duration latency;
  // Candidates asked (1 when the first answered before the hedge delay).
  int asked = 0;
  // The failures met, in the order they came.
  std::vector<absl::Status> failures;
};

// Asks `candidates` replicas of the same data for one answer, as "The Tail
// at Scale" (Dean and Barroso, 2013) hedges requests: `attempt(0)` first;
// when it has not answered after `hedge_delay` (the replicas' recent p95
// latency), or failed with a status `retryable` accepts, `attempt(1)` too,
// and so on. The first attempt to end OK or with an error not retryable
// wins; those still running are cancelled (their Cancellation, see
// call_scope.h, which RemoteShard turns into TryCancel) and waited for.
// No attempt starts after this thread's CurrentDeadline(); each runs on
// its own thread with this thread's request id and deadline.
//
// `attempt(i)` keeps its result and returns its status; it runs once per
// index at most, concurrently with others. Returns the winner's status, or
// the last failure (UNAVAILABLE when there is no candidate); *outcome says
// which won.
absl::Status RunHedged(
    size_t candidates, absl::Duration hedge_delay,
    const std::function<absl::Status(size_t)>& attempt,
    const std::function<bool(const absl::Status&)>& retryable,
    HedgedOutcome* outcome);

// RunHedged for a read returning a StatusOr-like Result: the winner's
// result, or the last failure.
template <typename Result, typename Read, typename Retryable>
Result HedgedRead(size_t candidates, absl::Duration hedge_delay, Read read,
                  Retryable retryable, HedgedOutcome* outcome) {
  std::vector<std::optional<Result>> results(candidates);
  const absl::Status status = RunHedged(
      candidates, hedge_delay,
      [&](size_t i) {
        results[i].emplace(read(i));
        return results[i]->status();
      },
      retryable, outcome);
  if (outcome->winner >= 0) {
    return *std::move(results[static_cast<size_t>(outcome->winner)]);
  }
  return Result(status);
}

}  // namespace rapporteur::storage

#endif  // RAPPORTEUR_LIB_ROUTING_HEDGING_H_
