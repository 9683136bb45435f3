#include "lib/routing/shard.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "lib/base/fingerprint.h"

namespace rapporteur::storage {
namespace {

using ::testing::Each;
using ::testing::Ge;

TEST(ShardForTest, OneShardOwnsEverything) {
  EXPECT_EQ(ShardFor("A-HRC-7-20", 1), 0u);
  EXPECT_EQ(ShardFor("", 1), 0u);
}

TEST(ShardForTest, NoShardsIsShardZero) {
  // Not a division by zero.
  EXPECT_EQ(ShardFor("A-HRC-7-20", 0), 0u);
}

TEST(ShardForTest, IsTheFingerprintModuloTheCount) {
  for (const std::string id : {"A-HRC-7-20", "a", "foobar", "x"}) {
    for (size_t count : {2u, 3u, 4u, 16u}) {
      EXPECT_EQ(ShardFor(id, count), Fingerprint(id) % count) << id;
    }
  }
}

TEST(ShardForTest, AssignmentsArePinned) {
  // Data on disk lives where these say: a change would strand documents.
  EXPECT_EQ(ShardFor("A-HRC-7-20", 2), 1u);
  EXPECT_EQ(ShardFor("A-HRC-7-20", 4), 3u);
  EXPECT_EQ(ShardFor("A-HRC-7-20", 16), 15u);
  EXPECT_EQ(ShardFor("a", 3), 1u);
  EXPECT_EQ(ShardFor("foobar", 16), 8u);
}

TEST(ShardForTest, StaysWithinTheCount) {
  for (int i = 0; i < 1000; ++i) {
    ASSERT_LT(ShardFor(absl::StrCat("doc-", i), 7), 7u);
  }
}

TEST(ShardForTest, SpreadsIdsOverEveryShard) {
  // Ids of one series differ in a few bytes; each of 4 shards still gets a
  // fair share (an even split is 1000 each).
  std::vector<int> per_shard(4, 0);
  for (int i = 0; i < 4000; ++i) {
    ++per_shard[ShardFor(absl::StrCat("A-HRC-", i / 100, "-", i % 100), 4)];
  }
  EXPECT_THAT(per_shard, Each(Ge(800)));
}

}  // namespace
}  // namespace rapporteur::storage
