#include "lib/routing/data_layout.h"

#include <gtest/gtest.h>

namespace rapporteur::storage {
namespace {

// `rapporteur up`, the embedded SDK and the benchmarks find each other's
// data by these names: they are a disk format.
TEST(DataLayoutTest, ShardDirectoriesAreShardN) {
  EXPECT_EQ(ShardDataDir("/data"), "/data/shard-0");
  EXPECT_EQ(ShardDataDir("/data", 0), "/data/shard-0");
  EXPECT_EQ(ShardDataDir("/data", 3), "/data/shard-3");
  EXPECT_EQ(ShardDataDir("relative/dir", 12), "relative/dir/shard-12");
}

TEST(DataLayoutTest, LogsAndPortFilesHaveTheirSubdirectories) {
  EXPECT_STREQ(kLogsSubdir, "logs");
  EXPECT_STREQ(kRunSubdir, "run");
}

}  // namespace
}  // namespace rapporteur::storage
