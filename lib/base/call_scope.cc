#include "lib/base/call_scope.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace rapporteur {
namespace {

absl::Time& Deadline() {
  thread_local absl::Time deadline = absl::InfiniteFuture();
  return deadline;
}

Cancellation*& CurrentCancellationSlot() {
  thread_local Cancellation* cancellation = nullptr;
  return cancellation;
}

}  // namespace

absl::Time CurrentDeadline() { return Deadline(); }

absl::Status CheckCallerWaits(absl::string_view what) {
  if (absl::Now() >= Deadline()) {
    return absl::DeadlineExceededError(absl::StrCat(
        "the caller's deadline passed before ", what, ": nothing was done"));
  }
  if (Cancellation* cancellation = CurrentCancellationSlot();
      cancellation != nullptr && cancellation->cancelled()) {
    return absl::CancelledError(absl::StrCat("the caller went away before ",
                                             what, ": nothing was done"));
  }
  return absl::OkStatus();
}

ScopedDeadline::ScopedDeadline(absl::Time deadline) : previous_(Deadline()) {
  Deadline() = std::min(previous_, deadline);
}

ScopedDeadline::~ScopedDeadline() { Deadline() = previous_; }

void Cancellation::Cancel() {
  MutexLock lock(&mu_);
  if (cancelled_) {
    return;
  }
  cancelled_ = true;
  // Under the lock, so that no Registration is destroyed (and its call's
  // context freed) while its hook runs.
  for (auto& [id, hook] : hooks_) {
    hook();
  }
}

bool Cancellation::cancelled() const {
  MutexLock lock(&mu_);
  return cancelled_;
}

Cancellation::Registration Cancellation::OnCancel(std::function<void()> hook) {
  MutexLock lock(&mu_);
  if (cancelled_) {
    hook();
    return Registration();
  }
  const int id = next_id_++;
  hooks_.emplace_back(id, std::move(hook));
  return Registration(this, id);
}

Cancellation::Registration::~Registration() {
  if (owner_ == nullptr) {
    return;
  }
  MutexLock lock(&owner_->mu_);
  auto& hooks = owner_->hooks_;
  hooks.erase(
      std::remove_if(hooks.begin(), hooks.end(),
                     [&](const auto& entry) { return entry.first == id_; }),
      hooks.end());
}

Cancellation* CurrentCancellation() { return CurrentCancellationSlot(); }

ScopedCancellation::ScopedCancellation(Cancellation* cancellation)
    : previous_(std::exchange(CurrentCancellationSlot(), cancellation)) {}

ScopedCancellation::~ScopedCancellation() {
  CurrentCancellationSlot() = previous_;
}

}  // namespace rapporteur
