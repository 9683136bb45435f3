#include "sdk/src/retry.h"

#include <algorithm>
#include <random>

#include "rapporteur/error_details.h"

namespace rapporteur::sdk_internal {
namespace {

std::mt19937_64& Random() {
  thread_local std::mt19937_64 engine(std::random_device{}());
  return engine;
}

}  // namespace

bool IsRetryable(const absl::Status& status) {
  if (status.ok()) {
    return false;
  }
  return status.code() == absl::StatusCode::kUnavailable ||
         RetryDelay(status).has_value();
}

Backoff::Backoff(const RetryOptions& options)
    : options_(options),
      bound_ms_(static_cast<double>(options.initial_backoff.count())) {}

std::chrono::milliseconds Backoff::NextDelay(const absl::Status& failure) {
  const double cap = static_cast<double>(options_.max_backoff.count());
  const double bound = std::min(bound_ms_, cap);
  bound_ms_ = std::min(bound_ms_ * std::max(1.0, options_.multiplier), cap);
  std::uniform_real_distribution<double> jitter(0.0, bound);
  const std::chrono::milliseconds delay(static_cast<int64_t>(jitter(Random())));
  const std::optional<std::chrono::milliseconds> asked = RetryDelay(failure);
  if (!asked.has_value()) {
    return delay;
  }
  return std::max(delay, std::min(*asked, options_.max_backoff));
}

}  // namespace rapporteur::sdk_internal
