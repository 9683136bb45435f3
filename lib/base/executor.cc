#include "lib/base/executor.h"

#include <utility>

namespace rapporteur {

Executor::Executor(int threads, size_t max_queued) : max_queued_(max_queued) {
  threads_.reserve(threads);
  for (int i = 0; i < threads; ++i) {
    threads_.emplace_back([this] { Work(); });
  }
}

Executor::~Executor() {
  {
    MutexLock lock(&mu_);
    stopping_ = true;
  }
  changed_.notify_all();
  for (std::thread& thread : threads_) {
    thread.join();
  }
}

bool Executor::TrySubmit(std::function<void()> task) {
  {
    MutexLock lock(&mu_);
    if (stopping_ || queue_.size() >= max_queued_) {
      return false;
    }
    queue_.push_back(std::move(task));
  }
  changed_.notify_one();
  return true;
}

void Executor::Work() {
  while (true) {
    std::function<void()> task;
    {
      MutexLock lock(&mu_);
      mu_.Await(changed_, [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
        return stopping_ || !queue_.empty();
      });
      if (queue_.empty()) {
        return;  // stopping, and every accepted task has run
      }
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    task();
  }
}

}  // namespace rapporteur
