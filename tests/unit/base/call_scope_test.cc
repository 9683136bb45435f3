#include "lib/base/call_scope.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <thread>

#include "absl/time/clock.h"

namespace rapporteur {
namespace {

TEST(CallScopeTest, NoDeadlineOutsideAScope) {
  EXPECT_EQ(CurrentDeadline(), absl::InfiniteFuture());
}

TEST(CallScopeTest, DeadlinesOnlyNarrow) {
  const absl::Time soon = absl::FromUnixSeconds(1000);
  const absl::Time later = absl::FromUnixSeconds(2000);
  {
    ScopedDeadline outer(later);
    EXPECT_EQ(CurrentDeadline(), later);
    {
      ScopedDeadline inner(soon);
      EXPECT_EQ(CurrentDeadline(), soon);
      ScopedDeadline wider(later);  // no more time than the caller has
      EXPECT_EQ(CurrentDeadline(), soon);
    }
    EXPECT_EQ(CurrentDeadline(), later);
  }
  EXPECT_EQ(CurrentDeadline(), absl::InfiniteFuture());
}

TEST(CallScopeTest, CancelRunsTheHooksRegisteredThen) {
  Cancellation cancellation;
  int first = 0;
  int gone = 0;
  Cancellation::Registration kept =
      cancellation.OnCancel([&first] { ++first; });
  {
    Cancellation::Registration dropped =
        cancellation.OnCancel([&gone] { ++gone; });
  }
  EXPECT_FALSE(cancellation.cancelled());
  cancellation.Cancel();
  cancellation.Cancel();  // once only
  EXPECT_TRUE(cancellation.cancelled());
  EXPECT_EQ(first, 1);
  EXPECT_EQ(gone, 0);
  // A call starting after the cancellation is cancelled at once.
  int late = 0;
  Cancellation::Registration after = cancellation.OnCancel([&late] { ++late; });
  EXPECT_EQ(late, 1);
}

TEST(CallScopeTest, CarryCallScopeTakesTheScopeToAnotherThread) {
  Cancellation cancellation;
  const absl::Time deadline = absl::FromUnixSeconds(1000);
  std::string id_there;
  absl::Time deadline_there;
  Cancellation* cancellation_there = nullptr;
  std::function<void()> carried;
  {
    ScopedRequestId id("req-1");
    ScopedDeadline scoped_deadline(deadline);
    ScopedCancellation scoped_cancellation(&cancellation);
    carried = CarryCallScope([&] {
      id_there = std::string(CurrentRequestId());
      deadline_there = CurrentDeadline();
      cancellation_there = CurrentCancellation();
    });
  }
  std::thread([&] { carried(); }).join();
  EXPECT_EQ(id_there, "req-1");
  EXPECT_EQ(deadline_there, deadline);
  EXPECT_EQ(cancellation_there, &cancellation);
  EXPECT_EQ(CurrentCancellation(), nullptr);
}

}  // namespace
}  // namespace rapporteur
