#ifndef RAPPORTEUR_LIB_BASE_EXECUTOR_H_
#define RAPPORTEUR_LIB_BASE_EXECUTOR_H_

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "lib/base/mutex.h"

namespace rapporteur {

// A fixed pool of threads running blocking work (synced writes, scans, calls
// to other services) off gRPC's callback threads, whose reactions must be
// fast. The queue is bounded so that overload is refused, not buffered
// without end.
//
// Thread-safe. The destructor runs every task already accepted, then joins.
class Executor {
 public:
  Executor(int threads, size_t max_queued);
  ~Executor();

  Executor(const Executor&) = delete;
  Executor& operator=(const Executor&) = delete;

  // Queues `task`; returns false, without running it, when the queue is full
  // or the executor is shutting down.
  bool TrySubmit(std::function<void()> task) ABSL_LOCKS_EXCLUDED(mu_);

 private:
  void Work() ABSL_LOCKS_EXCLUDED(mu_);

  const size_t max_queued_;
  Mutex mu_;
  std::condition_variable_any changed_;  // a task queued, or stopping
  std::deque<std::function<void()>> queue_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::vector<std::thread> threads_;
};

}  // namespace rapporteur

#endif  // RAPPORTEUR_LIB_BASE_EXECUTOR_H_
