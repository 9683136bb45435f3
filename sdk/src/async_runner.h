#ifndef RAPPORTEUR_SDK_SRC_ASYNC_RUNNER_H_
#define RAPPORTEUR_SDK_SRC_ASYNC_RUNNER_H_

#include <functional>
#include <memory>

#include "lib/base/executor.h"

namespace rapporteur::sdk_internal {

// The threads behind a Client's *Async calls.
class AsyncRunner {
 public:
  explicit AsyncRunner(int threads)
      : executor_(std::make_unique<Executor>(threads < 1 ? 1 : threads, 1024)) {
  }

  // False when too many calls are pending.
  bool TrySubmit(std::function<void()> task) {
    return executor_ != nullptr && executor_->TrySubmit(std::move(task));
  }

  // Runs what was accepted, then stops the threads.
  void Stop() { executor_.reset(); }

 private:
  std::unique_ptr<Executor> executor_;
};

}  // namespace rapporteur::sdk_internal

#endif  // RAPPORTEUR_SDK_SRC_ASYNC_RUNNER_H_
