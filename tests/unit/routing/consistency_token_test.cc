#include "lib/routing/consistency_token.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/testing/status_matchers.h"

namespace rapporteur {
namespace {

using ::rapporteur::testing::IsOk;
using ::rapporteur::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(ConsistencyTokenTest, RoundTripsAndJoins) {
  EXPECT_EQ(FormatConsistencyToken(3, 1042), "3:1042");
  auto least = ParseConsistencyToken("3:1042, 0:7,3:9", 4);
  ASSERT_THAT(least.status(), IsOk());
  // Partition 3 named twice: the later write's sequence wins.
  EXPECT_THAT(*least, ElementsAre(7, 0, 0, 1042));
}

TEST(ConsistencyTokenTest, EmptyAsksNothing) {
  auto least = ParseConsistencyToken("", 2);
  ASSERT_THAT(least.status(), IsOk());
  EXPECT_THAT(*least, ElementsAre(0, 0));
}

TEST(ConsistencyTokenTest, MalformedEntriesAreNamed) {
  EXPECT_THAT(
      ParseConsistencyToken("3-1042", 4).status(),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("'3-1042'")));
  EXPECT_THAT(ParseConsistencyToken("1:2,x:3", 4).status(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("'x:3'")));
  EXPECT_THAT(ParseConsistencyToken("4:1", 4).status(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("has 4 partitions")));
}

}  // namespace
}  // namespace rapporteur
