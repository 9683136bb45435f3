#include "lib/base/shared_mutex.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <mutex>
#include <shared_mutex>
#include <string>
#include <thread>
#include <vector>

namespace rapporteur {
namespace {

using ::testing::ElementsAre;

TEST(WriterPreferringSharedMutexTest, ReadersShareWritersExclude) {
  WriterPreferringSharedMutex mu;
  ASSERT_TRUE(mu.try_lock_shared());
  EXPECT_TRUE(mu.try_lock_shared());  // a second reader
  EXPECT_FALSE(mu.try_lock());        // no writer while readers hold it
  mu.unlock_shared();
  mu.unlock_shared();

  ASSERT_TRUE(mu.try_lock());
  EXPECT_FALSE(mu.try_lock_shared());
  mu.unlock();
  EXPECT_TRUE(mu.try_lock());
  mu.unlock();
}

TEST(WriterPreferringSharedMutexTest, WorksWithStandardLocks) {
  WriterPreferringSharedMutex mu;
  {
    std::shared_lock<WriterPreferringSharedMutex> reader(mu);
    EXPECT_FALSE(mu.try_lock());
  }
  {
    std::unique_lock<WriterPreferringSharedMutex> writer(mu);
    EXPECT_FALSE(mu.try_lock_shared());
  }
  EXPECT_TRUE(mu.try_lock());
  mu.unlock();
}

TEST(WriterPreferringSharedMutexTest, ReaderAndWriterLocksHoldForTheirScope) {
  WriterPreferringSharedMutex mu;
  {
    ReaderLock reader(&mu);
    EXPECT_FALSE(mu.try_lock());
    ASSERT_TRUE(mu.try_lock_shared());  // readers share
    mu.unlock_shared();
  }
  {
    WriterLock writer(&mu);
    EXPECT_FALSE(mu.try_lock_shared());
  }
  EXPECT_TRUE(mu.try_lock());
  mu.unlock();
}

// A reader holds the lock; a writer comes and waits; readers arriving after
// it must wait too, or a steady stream of searches would starve the write.
TEST(WriterPreferringSharedMutexTest, AWaitingWriterGoesBeforeNewReaders) {
  WriterPreferringSharedMutex mu;
  std::mutex order_mu;
  std::vector<std::string> order;
  auto record = [&](const char* who) {
    std::lock_guard<std::mutex> lock(order_mu);
    order.push_back(who);
  };

  mu.lock_shared();  // the first reader
  std::thread writer([&] {
    mu.lock();
    record("writer");
    mu.unlock();
  });
  // Once the writer waits, a new reader is refused although only readers
  // hold the lock. Polled by count, not time: the writer thread needs only
  // to run up to its lock(); a reader-preferring lock never refuses.
  bool refused = false;
  for (int i = 0; i < 10'000'000 && !refused; ++i) {
    if (mu.try_lock_shared()) {
      mu.unlock_shared();
      std::this_thread::yield();
    } else {
      refused = true;
    }
  }
  ASSERT_TRUE(refused) << "a new reader got in ahead of a waiting writer";

  std::thread late_reader([&] {
    mu.lock_shared();
    record("late reader");
    mu.unlock_shared();
  });
  mu.unlock_shared();  // the first reader leaves: the writer goes first
  writer.join();
  late_reader.join();
  EXPECT_THAT(order, ElementsAre("writer", "late reader"));
}

}  // namespace
}  // namespace rapporteur
