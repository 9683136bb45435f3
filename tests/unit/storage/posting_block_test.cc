// Posting blocks and the varints they are made of.
#include "lib/storage/index/posting_block.h"

#include <gtest/gtest.h>

#include "lib/storage/varint.h"
#include "tests/testing/status_matchers.h"

namespace rapporteur::storage::index {
namespace {

using ::rapporteur::testing::StatusIs;

TEST(VarintTest, RoundTripsAndSmallNumbersTakeOneByte) {
  std::string out;
  PutVarint(&out, 5);
  EXPECT_EQ(out.size(), 1u);
  PutVarint(&out, 300);
  PutVarint(&out, uint64_t{1} << 63);
  absl::string_view in = out;
  uint64_t value = 0;
  ASSERT_TRUE(GetVarint(&in, &value));
  EXPECT_EQ(value, 5u);
  ASSERT_TRUE(GetVarint(&in, &value));
  EXPECT_EQ(value, 300u);
  ASSERT_TRUE(GetVarint(&in, &value));
  EXPECT_EQ(value, uint64_t{1} << 63);
  EXPECT_TRUE(in.empty());
  absl::string_view truncated("\xff", 1);
  EXPECT_FALSE(GetVarint(&truncated, &value));
}

TEST(PostingBlockTest, RoundTripsWithItsScoreBound) {
  const std::vector<Posting> postings = {
      {10, {1, 5, 9}}, {13, {0}}, {70000, {150, 100000}}};
  const std::string value = EncodeBlock(postings, {12, 200, 7});
  BlockReader reader;
  ASSERT_TRUE(reader.Reset(10, value).ok());
  // The header alone: what skipping a block reads.
  EXPECT_EQ(reader.header().count, 3u);
  EXPECT_EQ(reader.header().first, 10u);
  EXPECT_EQ(reader.header().last, 70000u);
  EXPECT_EQ(reader.header().max_frequency, 3u);
  EXPECT_EQ(reader.header().min_length, 7u);
  ASSERT_TRUE(reader.DecodeIds().ok());
  EXPECT_EQ(reader.ids(), (std::vector<ParagraphId>{10, 13, 70000}));
  EXPECT_EQ(reader.frequencies(), (std::vector<uint32_t>{3, 1, 2}));
  // Positions in any order of asking.
  EXPECT_EQ(*reader.Positions(2), (std::vector<uint32_t>{150, 100000}));
  EXPECT_EQ(*reader.Positions(0), (std::vector<uint32_t>{1, 5, 9}));
  EXPECT_EQ(*reader.Positions(1), (std::vector<uint32_t>{0}));
}

TEST(PostingBlockTest, MalformedBlocksAreDataLoss) {
  std::string value = EncodeBlock({{1, {1, 2, 3}}, {4, {7}}}, {10, 10});
  BlockReader reader;
  EXPECT_THAT(reader.Reset(1, absl::string_view("\xff", 1)),
              StatusIs(absl::StatusCode::kDataLoss));
  // A block cut inside its positions reads its ids but not the positions.
  value.pop_back();
  ASSERT_TRUE(reader.Reset(1, value).ok());
  ASSERT_TRUE(reader.DecodeIds().ok());
  EXPECT_THAT(reader.Positions(1), StatusIs(absl::StatusCode::kDataLoss));
  // Ids must rise: a repeated id is refused.
  std::string repeated = EncodeBlock({{4, {1}}, {4, {7}}}, {10, 10});
  ASSERT_TRUE(reader.Reset(4, repeated).ok());
  EXPECT_THAT(reader.DecodeIds(), StatusIs(absl::StatusCode::kDataLoss));
}

}  // namespace
}  // namespace rapporteur::storage::index
