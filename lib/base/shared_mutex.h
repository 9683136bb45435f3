#ifndef RAPPORTEUR_LIB_BASE_SHARED_MUTEX_H_
#define RAPPORTEUR_LIB_BASE_SHARED_MUTEX_H_

#include <pthread.h>

namespace rapporteur {

// A reader-writer lock that lets a waiting writer in before new readers.
// std::shared_mutex on glibc prefers readers: under a steady stream of
// searches, a write waiting to publish could wait forever. Meets the
// SharedMutex requirements, so std::shared_lock and std::unique_lock work.
class WriterPreferringSharedMutex {
 public:
  WriterPreferringSharedMutex() {
    pthread_rwlockattr_t attributes;
    pthread_rwlockattr_init(&attributes);
    pthread_rwlockattr_setkind_np(
        &attributes, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
    pthread_rwlock_init(&lock_, &attributes);
    pthread_rwlockattr_destroy(&attributes);
  }
  ~WriterPreferringSharedMutex() { pthread_rwlock_destroy(&lock_); }
  WriterPreferringSharedMutex(const WriterPreferringSharedMutex&) = delete;
  WriterPreferringSharedMutex& operator=(const WriterPreferringSharedMutex&) =
      delete;

  void lock() { pthread_rwlock_wrlock(&lock_); }
  bool try_lock() { return pthread_rwlock_trywrlock(&lock_) == 0; }
  void unlock() { pthread_rwlock_unlock(&lock_); }
  void lock_shared() { pthread_rwlock_rdlock(&lock_); }
  bool try_lock_shared() { return pthread_rwlock_tryrdlock(&lock_) == 0; }
  void unlock_shared() { pthread_rwlock_unlock(&lock_); }

 private:
  pthread_rwlock_t lock_;
};

}  // namespace rapporteur

#endif  // RAPPORTEUR_LIB_BASE_SHARED_MUTEX_H_
