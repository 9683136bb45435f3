#include "lib/base/request_id.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <thread>

namespace rapporteur {
namespace {

using ::testing::MatchesRegex;

TEST(RequestIdTest, NoneOutsideAScope) { EXPECT_EQ(CurrentRequestId(), ""); }

TEST(RequestIdTest, ScopeSetsAndRestores) {
  {
    ScopedRequestId outer("outer");
    EXPECT_EQ(CurrentRequestId(), "outer");
    {
      ScopedRequestId inner("inner");
      EXPECT_EQ(CurrentRequestId(), "inner");
    }
    EXPECT_EQ(CurrentRequestId(), "outer");
  }
  EXPECT_EQ(CurrentRequestId(), "");
}

TEST(RequestIdTest, BelongsToTheThread) {
  ScopedRequestId scoped("main-thread");
  std::string seen_by_other = "unset";
  std::string set_by_other;
  std::thread other([&] {
    seen_by_other = std::string(CurrentRequestId());
    ScopedRequestId own("other-thread");
    set_by_other = std::string(CurrentRequestId());
  });
  other.join();
  EXPECT_EQ(seen_by_other, "");
  EXPECT_EQ(set_by_other, "other-thread");
  EXPECT_EQ(CurrentRequestId(), "main-thread");
}

TEST(RequestIdTest, NewIdsAreThirtyTwoHexDigits) {
  EXPECT_THAT(NewRequestId(), MatchesRegex("[0-9a-f]{32}"));
}

TEST(RequestIdTest, NewIdsDiffer) {
  // 128 random bits: equal ids would mean a broken generator, such as one
  // seeded the same in every thread.
  const std::string first = NewRequestId();
  EXPECT_NE(first, NewRequestId());
  std::string from_other_thread;
  std::thread other([&] { from_other_thread = NewRequestId(); });
  other.join();
  EXPECT_NE(first, from_other_thread);
}

TEST(RequestIdTest, KeyIsTheLowerCaseMetadataKey) {
  // gRPC refuses metadata keys with upper-case letters.
  EXPECT_STREQ(kRequestIdKey, "x-request-id");
}

}  // namespace
}  // namespace rapporteur
