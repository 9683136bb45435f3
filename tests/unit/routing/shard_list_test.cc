#include "lib/routing/shard_list.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/testing/status_matchers.h"

namespace rapporteur {
namespace {

using ::rapporteur::testing::IsOkAndHolds;
using ::rapporteur::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(ParseShardListTest, OneAddress) {
  EXPECT_THAT(ParseShardList("storage-0:50053"),
              IsOkAndHolds(ElementsAre("storage-0:50053")));
}

TEST(ParseShardListTest, KeepsOrderShardZeroFirst) {
  // The order decides which shard owns which documents: never sorted.
  EXPECT_THAT(ParseShardList("b:2,a:1,c:3"),
              IsOkAndHolds(ElementsAre("b:2", "a:1", "c:3")));
}

TEST(ParseShardListTest, TrimsSpacesAroundEntries) {
  EXPECT_THAT(ParseShardList(" 127.0.0.1:1 ,\t127.0.0.1:2 "),
              IsOkAndHolds(ElementsAre("127.0.0.1:1", "127.0.0.1:2")));
}

TEST(ParseShardListTest, AcceptsIpv6Literals) {
  // The port follows the last colon.
  EXPECT_THAT(ParseShardList("[::1]:50053,[::1]:50054"),
              IsOkAndHolds(ElementsAre("[::1]:50053", "[::1]:50054")));
}

TEST(ParseShardListTest, EmptyIsInvalid) {
  EXPECT_THAT(ParseShardList(""), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseShardList("   "),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(ParseShardListTest, AnEmptyEntryIsInvalid) {
  EXPECT_THAT(ParseShardList("a:1,,b:2"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseShardList("a:1,"),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(ParseShardListTest, AnEntryWithoutAPortIsInvalid) {
  EXPECT_THAT(ParseShardList("a:1,storage"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("'storage' is not HOST:PORT")));
  EXPECT_THAT(
      ParseShardList("storage:"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("in 'storage:'")));
}

}  // namespace
}  // namespace rapporteur
