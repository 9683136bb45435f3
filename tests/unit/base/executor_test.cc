#include "lib/base/executor.h"

#include <gtest/gtest.h>

#include <atomic>

#include "absl/synchronization/notification.h"

namespace rapporteur {
namespace {

TEST(ExecutorTest, RunsEveryAcceptedTaskBeforeDestruction) {
  std::atomic<int> ran{0};
  {
    Executor executor(2, 100);
    for (int i = 0; i < 50; ++i) {
      ASSERT_TRUE(executor.TrySubmit([&ran] { ran.fetch_add(1); }));
    }
  }
  EXPECT_EQ(ran.load(), 50);
}

TEST(ExecutorTest, RefusesPastTheQueueBound) {
  absl::Notification release;
  absl::Notification started;
  Executor executor(1, 1);
  ASSERT_TRUE(executor.TrySubmit([&] {
    started.Notify();
    release.WaitForNotification();
  }));
  started.WaitForNotification();  // the worker is busy; the queue is empty
  EXPECT_TRUE(executor.TrySubmit([] {}));   // fills the queue
  EXPECT_FALSE(executor.TrySubmit([] {}));  // over the bound
  release.Notify();
}

}  // namespace
}  // namespace rapporteur
