#include "sdk/src/retry.h"

#include <algorithm>
#include <random>

#include "absl/strings/match.h"

namespace rapporteur::sdk_internal {
namespace {

std::mt19937_64& Random() {
  thread_local std::mt19937_64 engine(std::random_device{}());
  return engine;
}

}  // namespace

bool IsRetryable(const absl::Status& status) {
  if (status.code() == absl::StatusCode::kUnavailable) {
    return true;
  }
  // gRPC says "Received message larger than max (N vs. M)" or "Sent
  // message larger than max": the same message would fail again.
  return status.code() == absl::StatusCode::kResourceExhausted &&
         !absl::StrContains(status.message(), "larger than max");
}

Backoff::Backoff(const RetryOptions& options)
    : options_(options),
      bound_ms_(static_cast<double>(options.initial_backoff.count())) {}

std::chrono::milliseconds Backoff::NextDelay() {
  const double cap = static_cast<double>(options_.max_backoff.count());
  const double bound = std::min(bound_ms_, cap);
  bound_ms_ = std::min(bound_ms_ * std::max(1.0, options_.multiplier), cap);
  std::uniform_real_distribution<double> jitter(0.0, bound);
  return std::chrono::milliseconds(static_cast<int64_t>(jitter(Random())));
}

}  // namespace rapporteur::sdk_internal
