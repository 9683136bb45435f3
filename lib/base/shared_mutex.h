#ifndef RAPPORTEUR_LIB_BASE_SHARED_MUTEX_H_
#define RAPPORTEUR_LIB_BASE_SHARED_MUTEX_H_

#include <pthread.h>

#include "absl/base/thread_annotations.h"

namespace rapporteur {

// A reader-writer lock that lets a waiting writer in before new readers.
// std::shared_mutex on glibc prefers readers: under a steady stream of
// searches, a write waiting to publish could wait forever. Meets the
// SharedMutex requirements, so std::shared_lock and std::unique_lock work;
// prefer ReaderLock and WriterLock below, which clang's -Wthread-safety
// understands (libstdc++'s lock holders carry no annotations, so members
// ABSL_GUARDED_BY this lock look unlocked under them).
class ABSL_LOCKABLE WriterPreferringSharedMutex {
 public:
  WriterPreferringSharedMutex() {
    pthread_rwlockattr_t attributes;
    pthread_rwlockattr_init(&attributes);
    pthread_rwlockattr_setkind_np(&attributes,
                                  PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
    pthread_rwlock_init(&lock_, &attributes);
    pthread_rwlockattr_destroy(&attributes);
  }
  ~WriterPreferringSharedMutex() { pthread_rwlock_destroy(&lock_); }
  WriterPreferringSharedMutex(const WriterPreferringSharedMutex&) = delete;
  WriterPreferringSharedMutex& operator=(const WriterPreferringSharedMutex&) =
      delete;

  void lock() ABSL_EXCLUSIVE_LOCK_FUNCTION() { pthread_rwlock_wrlock(&lock_); }
  bool try_lock() ABSL_EXCLUSIVE_TRYLOCK_FUNCTION(true) {
    return pthread_rwlock_trywrlock(&lock_) == 0;
  }
  void unlock() ABSL_UNLOCK_FUNCTION() { pthread_rwlock_unlock(&lock_); }
  void lock_shared() ABSL_SHARED_LOCK_FUNCTION() {
    pthread_rwlock_rdlock(&lock_);
  }
  bool try_lock_shared() ABSL_SHARED_TRYLOCK_FUNCTION(true) {
    return pthread_rwlock_tryrdlock(&lock_) == 0;
  }
  void unlock_shared() ABSL_UNLOCK_FUNCTION() { pthread_rwlock_unlock(&lock_); }

 private:
  pthread_rwlock_t lock_;
};

// Holds a WriterPreferringSharedMutex shared (for reading) for its scope.
class ABSL_SCOPED_LOCKABLE ReaderLock {
 public:
  explicit ReaderLock(WriterPreferringSharedMutex* mu)
      ABSL_SHARED_LOCK_FUNCTION(mu)
      : mu_(mu) {
    mu_->lock_shared();
  }
  ~ReaderLock() ABSL_UNLOCK_FUNCTION() { mu_->unlock_shared(); }
  ReaderLock(const ReaderLock&) = delete;
  ReaderLock& operator=(const ReaderLock&) = delete;

 private:
  WriterPreferringSharedMutex* const mu_;
};

// Holds a WriterPreferringSharedMutex exclusively (for writing) for its
// scope.
class ABSL_SCOPED_LOCKABLE WriterLock {
 public:
  explicit WriterLock(WriterPreferringSharedMutex* mu)
      ABSL_EXCLUSIVE_LOCK_FUNCTION(mu)
      : mu_(mu) {
    mu_->lock();
  }
  ~WriterLock() ABSL_UNLOCK_FUNCTION() { mu_->unlock(); }
  WriterLock(const WriterLock&) = delete;
  WriterLock& operator=(const WriterLock&) = delete;

 private:
  WriterPreferringSharedMutex* const mu_;
};

}  // namespace rapporteur

#endif  // RAPPORTEUR_LIB_BASE_SHARED_MUTEX_H_
