#include "services/storage/posting_codec.h"

#include <gtest/gtest.h>

#include "tests/testing/status_matchers.h"

namespace rapporteur::storage {
namespace {

using ::rapporteur::testing::StatusIs;

TEST(PostingCodecTest, RoundTrips) {
  std::vector<Posting> postings = {
      {0, 12, {1, 5, 9}}, {3, 200, {0}}, {70000, 1, {150, 100000}}};
  absl::StatusOr<std::vector<Posting>> decoded =
      DecodePostings(EncodePostings(postings));
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  ASSERT_EQ(decoded->size(), postings.size());
  for (size_t i = 0; i < postings.size(); ++i) {
    EXPECT_EQ((*decoded)[i].ordinal, postings[i].ordinal);
    EXPECT_EQ((*decoded)[i].length, postings[i].length);
    EXPECT_EQ((*decoded)[i].positions, postings[i].positions);
  }
}

TEST(PostingCodecTest, SmallNumbersTakeOneByteEach) {
  // ordinal delta, length, frequency, one position: four bytes.
  EXPECT_EQ(EncodePostings({{5, 20, {3}}}).size(), 4u);
}

TEST(PostingCodecTest, TruncatedValueIsDataLoss) {
  std::string value = EncodePostings({{1, 300, {1, 2, 3}}});
  value.pop_back();
  EXPECT_THAT(DecodePostings(value), StatusIs(absl::StatusCode::kDataLoss));
  EXPECT_THAT(DecodePostings(std::string("\xff", 1)),
              StatusIs(absl::StatusCode::kDataLoss));
}

}  // namespace
}  // namespace rapporteur::storage
