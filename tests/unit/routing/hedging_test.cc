#include "lib/routing/hedging.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>

#include "absl/status/statusor.h"
#include "absl/time/clock.h"
#include "lib/base/call_scope.h"
#include "lib/base/mutex.h"
#include "tests/testing/status_matchers.h"

namespace rapporteur::storage {
namespace {

using ::rapporteur::testing::IsOkAndHolds;
using ::rapporteur::testing::StatusIs;
using ::testing::ElementsAre;

bool Retryable(const absl::Status& status) {
  return absl::IsUnavailable(status) || absl::IsDeadlineExceeded(status) ||
         absl::IsCancelled(status);
}

// A replica that does not answer: it waits until its call is cancelled,
// as RemoteShard's call is through TryCancel.
absl::StatusOr<int> Hang() {
  Mutex mu;
  std::condition_variable_any changed;
  bool cancelled = false;
  Cancellation::Registration registration =
      CurrentCancellation()->OnCancel([&] {
        MutexLock lock(&mu);
        cancelled = true;
        changed.notify_all();
      });
  MutexLock lock(&mu);
  mu.Await(changed, [&] { return cancelled; });
  return absl::CancelledError("cancelled");
}

TEST(HedgingTest, AFastFirstReplicaIsTheOnlyOneAsked) {
  HedgedOutcome outcome;
  absl::StatusOr<int> result = HedgedRead<absl::StatusOr<int>>(
      3, absl::Hours(1), [](size_t i) { return static_cast<int>(i) + 10; },
      Retryable, &outcome);
  EXPECT_THAT(result, IsOkAndHolds(10));
  EXPECT_EQ(outcome.winner, 0);
  EXPECT_EQ(outcome.asked, 1);
}

TEST(HedgingTest, AHungReplicaIsAnsweredAroundAndCancelled) {
  // The first replica hangs; after the hedge delay the second is asked,
  // answers, and the first call is cancelled rather than waited out.
  std::atomic<int> calls{0};
  HedgedOutcome outcome;
  absl::StatusOr<int> result = HedgedRead<absl::StatusOr<int>>(
      2, absl::Milliseconds(1),
      [&](size_t i) -> absl::StatusOr<int> {
        ++calls;
        return i == 0 ? Hang() : absl::StatusOr<int>(42);
      },
      Retryable, &outcome);
  EXPECT_THAT(result, IsOkAndHolds(42));
  EXPECT_EQ(outcome.winner, 1);
  EXPECT_EQ(outcome.asked, 2);
  EXPECT_EQ(calls.load(), 2);
}

TEST(HedgingTest, AFailureGoesToTheNextAtOnceAndAnErrorNotRetryableWins) {
  HedgedOutcome outcome;
  absl::StatusOr<int> result = HedgedRead<absl::StatusOr<int>>(
      3, absl::Hours(1),
      [](size_t i) -> absl::StatusOr<int> {
        if (i == 0) {
          return absl::UnavailableError("down");
        }
        return absl::NotFoundError("no such document");
      },
      Retryable, &outcome);
  EXPECT_THAT(result, StatusIs(absl::StatusCode::kNotFound));
  EXPECT_EQ(outcome.winner, 1);
  EXPECT_EQ(outcome.asked, 2);
  EXPECT_THAT(outcome.failures,
              ElementsAre(StatusIs(absl::StatusCode::kUnavailable)));
}

TEST(HedgingTest, AllFailingGivesTheLastFailure) {
  HedgedOutcome outcome;
  absl::StatusOr<int> result = HedgedRead<absl::StatusOr<int>>(
      2, absl::Hours(1),
      [](size_t i) -> absl::StatusOr<int> {
        return absl::UnavailableError(i == 0 ? "first" : "second");
      },
      Retryable, &outcome);
  EXPECT_THAT(result, StatusIs(absl::StatusCode::kUnavailable, "second"));
  EXPECT_EQ(outcome.winner, -1);
  EXPECT_EQ(outcome.failures.size(), 2u);
  EXPECT_THAT(
      HedgedRead<absl::StatusOr<int>>(
          0, absl::Hours(1), [](size_t) { return 1; }, Retryable, &outcome),
      StatusIs(absl::StatusCode::kUnavailable));
}

TEST(HedgingTest, NoReplicaIsAskedPastTheDeadline) {
  ScopedDeadline deadline(absl::Now() - absl::Seconds(1));
  HedgedOutcome outcome;
  absl::StatusOr<int> result = HedgedRead<absl::StatusOr<int>>(
      3, absl::Hours(1),
      [](size_t) -> absl::StatusOr<int> {
        return absl::DeadlineExceededError("late");
      },
      Retryable, &outcome);
  EXPECT_THAT(result, StatusIs(absl::StatusCode::kDeadlineExceeded));
  EXPECT_EQ(outcome.asked, 1);
}

TEST(HedgingTest, CallsCarryTheRequestIdAndDeadline) {
  ScopedRequestId id("req-7");
  const absl::Time deadline = absl::Now() + absl::Hours(1);
  ScopedDeadline scoped(deadline);
  HedgedOutcome outcome;
  std::string id_there;
  absl::Time deadline_there;
  absl::StatusOr<int> result = HedgedRead<absl::StatusOr<int>>(
      1, absl::Hours(1),
      [&](size_t) {
        id_there = std::string(CurrentRequestId());
        deadline_there = CurrentDeadline();
        return 1;
      },
      Retryable, &outcome);
  EXPECT_THAT(result, IsOkAndHolds(1));
  EXPECT_EQ(id_there, "req-7");
  EXPECT_EQ(deadline_there, deadline);
}

TEST(LatencyWindowTest, QuantileOfTheRecentSamples) {
  LatencyWindow window(100);
  EXPECT_EQ(window.Quantile(0.95, absl::Milliseconds(50)),
            absl::Milliseconds(50));  // too few samples
  for (int i = 1; i <= 100; ++i) {
    window.Add(absl::Milliseconds(i));
  }
  EXPECT_EQ(window.Quantile(0.95, absl::ZeroDuration()),
            absl::Milliseconds(96));
  // The oldest give way to the newest.
  for (int i = 0; i < 100; ++i) {
    window.Add(absl::Milliseconds(1));
  }
  EXPECT_EQ(window.Quantile(0.95, absl::ZeroDuration()), absl::Milliseconds(1));
}

}  // namespace
}  // namespace rapporteur::storage
