#ifndef RAPPORTEUR_LIB_BASE_CALL_SCOPE_H_
#define RAPPORTEUR_LIB_BASE_CALL_SCOPE_H_

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "lib/base/mutex.h"
#include "lib/base/request_id.h"
#include "lib/base/trace_context.h"

namespace rapporteur {

// What the calls a thread makes to other services inherit from the work it
// does for its caller, as its request id (request_id.h) is: the deadline by
// which the caller needs the answer, and a cancellation that another thread
// may trigger (the loser of a hedged request once another replica
// answered). RemoteShard reads both for every call it makes.

// The deadline of the work this thread is doing; absl::InfiniteFuture()
// when none was set.
absl::Time CurrentDeadline();

// Narrows this thread's deadline to `deadline` for its scope; never widens
// it (an inner scope cannot give a call more time than its caller has).
class ScopedDeadline {
 public:
  explicit ScopedDeadline(absl::Time deadline);
  ~ScopedDeadline();
  ScopedDeadline(const ScopedDeadline&) = delete;
  ScopedDeadline& operator=(const ScopedDeadline&) = delete;

 private:
  absl::Time previous_;
};

// Lets one thread stop calls made by others on its behalf. Calls register
// a hook (RemoteShard: the call's TryCancel) for as long as they run.
// Thread-safe.
class Cancellation {
 public:
  Cancellation() = default;
  Cancellation(const Cancellation&) = delete;
  Cancellation& operator=(const Cancellation&) = delete;

  // Runs every registered hook, once; hooks registered later run at once.
  void Cancel() ABSL_LOCKS_EXCLUDED(mu_);
  bool cancelled() const ABSL_LOCKS_EXCLUDED(mu_);

  // Keeps `hook` registered until destroyed: after its destructor returns,
  // the hook neither runs nor is running. Hooks must be quick and must not
  // call back into the Cancellation.
  class Registration {
   public:
    Registration() = default;
    Registration(Registration&& other) noexcept
        : owner_(std::exchange(other.owner_, nullptr)), id_(other.id_) {}
    Registration& operator=(Registration&&) = delete;
    Registration(const Registration&) = delete;
    ~Registration();

   private:
    friend class Cancellation;
    Registration(Cancellation* owner, int id) : owner_(owner), id_(id) {}
    Cancellation* owner_ = nullptr;
    int id_ = 0;
  };
  Registration OnCancel(std::function<void()> hook) ABSL_LOCKS_EXCLUDED(mu_);

 private:
  mutable Mutex mu_;
  bool cancelled_ ABSL_GUARDED_BY(mu_) = false;
  int next_id_ ABSL_GUARDED_BY(mu_) = 0;
  std::vector<std::pair<int, std::function<void()>>> hooks_
      ABSL_GUARDED_BY(mu_);
};

// The cancellation of the work this thread is doing; null when none.
Cancellation* CurrentCancellation();

// Makes `cancellation` (not owned; may be null) this thread's for its
// scope.
class ScopedCancellation {
 public:
  explicit ScopedCancellation(Cancellation* cancellation);
  ~ScopedCancellation();
  ScopedCancellation(const ScopedCancellation&) = delete;
  ScopedCancellation& operator=(const ScopedCancellation&) = delete;

 private:
  Cancellation* previous_;
};

// OK while the caller still waits for this thread's work; DEADLINE_EXCEEDED
// once its deadline passed, CANCELLED once its cancellation ran. Work checks
// it before a point of no return (a write's commit), so that a caller that
// gave up does not find the write made after all. `what` names the work.
absl::Status CheckCallerWaits(absl::string_view what);

// `fn` wrapped to run, on whichever thread, with this thread's request id,
// trace context, deadline and cancellation: for a thread started to do part of
// the work (one call of a fan-out), which would otherwise start with none.
template <typename Fn>
auto CarryCallScope(Fn fn) {
  return [fn = std::move(fn), request_id = std::string(CurrentRequestId()),
          trace = CurrentTraceContext(), deadline = CurrentDeadline(),
          cancellation = CurrentCancellation()]() mutable {
    ScopedRequestId scoped_id(request_id);
    ScopedTraceContext scoped_trace(trace);
    ScopedDeadline scoped_deadline(deadline);
    ScopedCancellation scoped_cancellation(cancellation);
    return fn();
  };
}

}  // namespace rapporteur

#endif  // RAPPORTEUR_LIB_BASE_CALL_SCOPE_H_
