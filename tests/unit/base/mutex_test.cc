#include "lib/base/mutex.h"

#include <gtest/gtest.h>

#include <condition_variable>
#include <thread>

namespace rapporteur {
namespace {

TEST(MutexTest, MutexLockExcludesOtherThreads) {
  Mutex mu;
  int counter = 0;  // guarded by mu
  auto add = [&] {
    for (int i = 0; i < 100000; ++i) {
      MutexLock lock(&mu);
      ++counter;
    }
  };
  std::thread a(add);
  std::thread b(add);
  a.join();
  b.join();
  MutexLock lock(&mu);
  EXPECT_EQ(counter, 200000);
}

TEST(MutexTest, AwaitReturnsOnceThePredicateHolds) {
  Mutex mu;
  std::condition_variable_any changed;
  int stage = 0;  // guarded by mu
  std::thread producer([&] {
    for (int next = 1; next <= 3; ++next) {
      MutexLock lock(&mu);
      stage = next;
      changed.notify_all();
    }
  });
  {
    MutexLock lock(&mu);
    mu.Await(changed, [&] { return stage == 3; });
    EXPECT_EQ(stage, 3);
  }
  producer.join();
}

TEST(MutexTest, AwaitReleasesTheMutexWhileWaiting) {
  Mutex mu;
  std::condition_variable_any changed;
  bool ready = false;  // guarded by mu
  bool producer_locked = false;
  std::thread producer;
  {
    MutexLock lock(&mu);
    // The producer can only set `ready` if Await lets go of the mutex.
    producer = std::thread([&] {
      MutexLock producer_lock(&mu);
      producer_locked = true;
      ready = true;
      changed.notify_all();
    });
    mu.Await(changed, [&] { return ready; });
    EXPECT_TRUE(producer_locked);
  }
  producer.join();
}

}  // namespace
}  // namespace rapporteur
