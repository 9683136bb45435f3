#include "lib/query/page_token.h"

#include <gtest/gtest.h>

#include "tests/testing/status_matchers.h"

namespace rapporteur::query {
namespace {

using ::rapporteur::testing::IsOkAndHolds;
using ::rapporteur::testing::StatusIs;

TEST(PageTokenTest, RoundTrips) {
  EXPECT_THAT(DecodePageToken(EncodePageToken(30, "food"), "food"),
              IsOkAndHolds(30));
  EXPECT_THAT(DecodePageToken("", "food"), IsOkAndHolds(0));
}

TEST(PageTokenTest, RefusesATokenOfAnotherQuery) {
  EXPECT_THAT(DecodePageToken(EncodePageToken(30, "food"), "camps"),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(PageTokenTest, RefusesGarbage) {
  EXPECT_THAT(DecodePageToken("not a token!", "food"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(DecodePageToken("djE6LTE6MA", "food"),  // "v1:-1:0"
              StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace rapporteur::query
