#ifndef RAPPORTEUR_LIB_BASE_MUTEX_H_
#define RAPPORTEUR_LIB_BASE_MUTEX_H_

#include <condition_variable>
#include <mutex>

#include "absl/base/thread_annotations.h"
#include "absl/time/time.h"

namespace rapporteur {

// std::mutex with the thread-safety annotations of absl::Mutex, so that
// ABSL_GUARDED_BY works on it. Used instead of absl::Mutex because
// Debian's Abseil is built without ThreadSanitizer annotations: TSan cannot
// see its lock order and reports races that are not there, while it
// understands the pthread mutex beneath std::mutex. clang's
// -Wthread-safety checks the annotations (scripts/check-thread-safety).
class ABSL_LOCKABLE Mutex {
 public:
  void Lock() ABSL_EXCLUSIVE_LOCK_FUNCTION() { mu_.lock(); }
  void Unlock() ABSL_UNLOCK_FUNCTION() { mu_.unlock(); }

  // Blocks until `ready()` holds. REQUIRES: the calling thread holds this
  // mutex (through a MutexLock); it is released while waiting.
  template <typename Predicate>
  void Await(std::condition_variable_any& changed, Predicate ready)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(this) {
    changed.wait(mu_, ready);
  }

  // As Await(), but gives up at `deadline`; returns whether `ready()` held.
  template <typename Predicate>
  bool AwaitUntil(std::condition_variable_any& changed, absl::Time deadline,
                  Predicate ready) ABSL_EXCLUSIVE_LOCKS_REQUIRED(this) {
    return changed.wait_until(mu_, absl::ToChronoTime(deadline), ready);
  }

 private:
  std::mutex mu_;
};

// Holds a Mutex for its scope.
class ABSL_SCOPED_LOCKABLE MutexLock {
 public:
  explicit MutexLock(Mutex* mu) ABSL_EXCLUSIVE_LOCK_FUNCTION(mu) : mu_(mu) {
    mu_->Lock();
  }
  ~MutexLock() ABSL_UNLOCK_FUNCTION() { mu_->Unlock(); }
  MutexLock(const MutexLock&) = delete;
  MutexLock& operator=(const MutexLock&) = delete;

 private:
  Mutex* const mu_;
};

}  // namespace rapporteur

#endif  // RAPPORTEUR_LIB_BASE_MUTEX_H_
