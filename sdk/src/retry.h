#ifndef RAPPORTEUR_SDK_SRC_RETRY_H_
#define RAPPORTEUR_SDK_SRC_RETRY_H_

#include <chrono>

#include "absl/status/status.h"
#include "rapporteur/options.h"

namespace rapporteur::sdk_internal {

// Whether a failed attempt of a call that is safe to repeat may be tried
// again, from the code and the google.rpc details alone: UNAVAILABLE (the
// service could not be reached), or any error carrying a RetryInfo (a
// service that shed load says when to come back). Other codes answer the
// request itself and would only come back; so does a RESOURCE_EXHAUSTED
// without RetryInfo, such as gRPC's for a message over the size limit or a
// document over the service's limit.
bool IsRetryable(const absl::Status& status);

// The waits between attempts: exponential, capped, with full jitter.
// Not thread-safe: one per call.
class Backoff {
 public:
  explicit Backoff(const RetryOptions& options);

  // The wait before the next attempt after `failure`: the jittered
  // exponential delay, but never less than the failure's RetryInfo asks
  // (capped at RetryOptions::max_backoff).
  std::chrono::milliseconds NextDelay(
      const absl::Status& failure = absl::OkStatus());

 private:
  RetryOptions options_;
  double bound_ms_;
};

}  // namespace rapporteur::sdk_internal

#endif  // RAPPORTEUR_SDK_SRC_RETRY_H_
