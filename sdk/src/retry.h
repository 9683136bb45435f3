#ifndef RAPPORTEUR_SDK_SRC_RETRY_H_
#define RAPPORTEUR_SDK_SRC_RETRY_H_

#include <chrono>

#include "absl/status/status.h"
#include "rapporteur/options.h"

namespace rapporteur::sdk_internal {

// Whether a failed attempt of a call that is safe to repeat may be tried
// again: the service was unreachable or shed load. Other codes answer the
// request itself and would only come back, and so does gRPC's
// RESOURCE_EXHAUSTED for a message over the size limit.
bool IsRetryable(const absl::Status& status);

// The waits between attempts: exponential, capped, with full jitter.
// Not thread-safe: one per call.
class Backoff {
 public:
  explicit Backoff(const RetryOptions& options);

  // The wait before the next attempt.
  std::chrono::milliseconds NextDelay();

 private:
  RetryOptions options_;
  double bound_ms_;
};

}  // namespace rapporteur::sdk_internal

#endif  // RAPPORTEUR_SDK_SRC_RETRY_H_
