#include "lib/routing/hedging.h"

#include <algorithm>
#include <condition_variable>
#include <memory>
#include <thread>

#include "absl/time/clock.h"
#include "lib/base/call_scope.h"

namespace rapporteur::storage {

void LatencyWindow::Add(absl::Duration latency) {
  MutexLock lock(&mu_);
  if (samples_.size() < capacity_) {
    samples_.push_back(latency);
  } else {
    samples_[next_] = latency;
  }
  next_ = (next_ + 1) % capacity_;
}

absl::Duration LatencyWindow::Quantile(double fraction,
                                       absl::Duration otherwise,
                                       size_t min_samples) const {
  std::vector<absl::Duration> samples;
  {
    MutexLock lock(&mu_);
    if (samples_.size() < std::max<size_t>(min_samples, 1)) {
      return otherwise;
    }
    samples = samples_;
  }
  const size_t rank = std::min(
      samples.size() - 1,
      static_cast<size_t>(fraction * static_cast<double>(samples.size())));
  std::nth_element(samples.begin(), samples.begin() + rank, samples.end());
  return samples[rank];
}

namespace {

// The attempts of one RunHedged: each runs on its own thread and reports
// here. Thread-safe.
class HedgedRun {
 public:
  explicit HedgedRun(const std::function<absl::Status(size_t)>& attempt)
      : attempt_(attempt) {}

  // Starts attempt `i` (the next index).
  void Launch(size_t i) ABSL_LOCKS_EXCLUDED(mu_) {
    auto started = std::make_unique<Started>();
    started->index = i;
    started->start = absl::Now();
    if (Cancellation* parent = CurrentCancellation(); parent != nullptr) {
      // A caller cancelled cancels its attempts too.
      started->parent_link.emplace(
          parent->OnCancel([own = &started->cancel] { own->Cancel(); }));
    }
    {
      MutexLock lock(&mu_);
      ends_.emplace_back();
    }
    Started* raw = started.get();
    raw->thread = std::thread(CarryCallScope([this, raw] {
      absl::Status status;
      {
        ScopedCancellation own(&raw->cancel);
        status = attempt_(raw->index);
      }
      MutexLock lock(&mu_);
      ends_[raw->index] = End{std::move(status), absl::Now()};
      changed_.notify_all();
    }));
    started_.push_back(std::move(started));
  }

  // Waits until attempt `first_unseen` or a later one has ended, or until
  // `until`; returns the index of an attempt ended and not yet returned,
  // or -1 at `until`. *status and *end get its outcome.
  int AwaitEnd(absl::Time until, std::vector<bool>* seen, absl::Status* status,
               absl::Time* end) ABSL_LOCKS_EXCLUDED(mu_) {
    MutexLock lock(&mu_);
    int found = -1;
    mu_.AwaitUntil(changed_, until, [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
      for (size_t i = 0; i < ends_.size(); ++i) {
        if (ends_[i].has_value() && !(*seen)[i]) {
          found = static_cast<int>(i);
          return true;
        }
      }
      return false;
    });
    if (found >= 0) {
      (*seen)[static_cast<size_t>(found)] = true;
      *status = ends_[static_cast<size_t>(found)]->status;
      *end = ends_[static_cast<size_t>(found)]->time;
    }
    return found;
  }

  absl::Time start(size_t i) const { return started_[i]->start; }
  size_t launched() const { return started_.size(); }

  // Cancels every attempt but `keep` and waits for all to end.
  void CancelAndJoin(int keep) {
    for (const auto& started : started_) {
      if (static_cast<int>(started->index) != keep) {
        started->cancel.Cancel();
      }
    }
    for (const auto& started : started_) {
      started->thread.join();
    }
  }

 private:
  // What the launching thread keeps of an attempt.
  struct Started {
    size_t index = 0;
    absl::Time start;
    Cancellation cancel;
    std::optional<Cancellation::Registration> parent_link;
    std::thread thread;
  };
  struct End {
    absl::Status status;
    absl::Time time;
  };

  const std::function<absl::Status(size_t)>& attempt_;
  std::vector<std::unique_ptr<Started>> started_;  // the launching thread's
  Mutex mu_;
  std::condition_variable_any changed_;
  std::vector<std::optional<End>> ends_ ABSL_GUARDED_BY(mu_);
};

}  // namespace

absl::Status RunHedged(
    size_t candidates, absl::Duration hedge_delay,
    const std::function<absl::Status(size_t)>& attempt,
    const std::function<bool(const absl::Status&)>& retryable,
    HedgedOutcome* outcome) {
  *outcome = HedgedOutcome();
  if (candidates == 0) {
    return absl::UnavailableError("no replica to ask");
  }
  const absl::Time deadline = CurrentDeadline();
  HedgedRun run(attempt);
  std::vector<bool> seen(candidates, false);
  size_t ended = 0;
  absl::Status result;
  run.Launch(0);
  absl::Time hedge_at = absl::Now() + hedge_delay;
  while (true) {
    const bool more = run.launched() < candidates && absl::Now() < deadline;
    if (ended == run.launched()) {
      // Every attempt so far failed: the next at once, or none is left.
      if (!more) {
        break;
      }
      run.Launch(run.launched());
      hedge_at = absl::Now() + hedge_delay;
      continue;
    }
    if (more && absl::Now() >= hedge_at) {
      // Slower than the replicas usually are: ask the next one too.
      run.Launch(run.launched());
      hedge_at = absl::Now() + hedge_delay;
      continue;
    }
    absl::Status status;
    absl::Time end;
    const int index = run.AwaitEnd(more ? hedge_at : absl::InfiniteFuture(),
                                   &seen, &status, &end);
    if (index < 0) {
      continue;  // the hedge delay passed
    }
    ++ended;
    if (status.ok() || !retryable(status)) {
      outcome->winner = index;
      outcome->latency = end - run.start(static_cast<size_t>(index));
      result = std::move(status);
      break;
    }
    outcome->failures.push_back(status);
    result = std::move(status);
  }
  outcome->asked = static_cast<int>(run.launched());
  run.CancelAndJoin(outcome->winner);
  return result;
}

}  // namespace rapporteur::storage
