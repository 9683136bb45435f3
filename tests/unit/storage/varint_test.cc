#include "lib/storage/varint.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace rapporteur::storage {
namespace {

TEST(VarintTest, SmallNumbersTakeOneByte) {
  for (uint64_t value : {0u, 1u, 60u, 127u}) {
    std::string out;
    PutVarint(&out, value);
    EXPECT_EQ(out, std::string(1, static_cast<char>(value)));
  }
}

TEST(VarintTest, IsLittleEndianBase128) {
  std::string out;
  PutVarint(&out, 300);  // 0b10_0101100
  EXPECT_EQ(out, std::string("\xac\x02", 2));
  out.clear();
  PutVarint(&out, 128);
  EXPECT_EQ(out, std::string("\x80\x01", 2));
}

TEST(VarintTest, SizeGrowsEverySevenBits) {
  const std::vector<std::pair<uint64_t, size_t>> cases = {
      {127, 1},
      {128, 2},
      {16383, 2},
      {16384, 3},
      {(uint64_t{1} << 35) - 1, 5},
      {uint64_t{1} << 63, 10},
      {UINT64_MAX, 10}};
  for (const auto& [value, size] : cases) {
    std::string out;
    PutVarint(&out, value);
    EXPECT_EQ(out.size(), size) << value;
  }
}

TEST(VarintTest, RoundTripsInSequence) {
  const std::vector<uint64_t> values = {0,
                                        1,
                                        127,
                                        128,
                                        255,
                                        300,
                                        65535,
                                        1u << 31,
                                        UINT32_MAX,
                                        uint64_t{1} << 56,
                                        UINT64_MAX - 1,
                                        UINT64_MAX};
  std::string encoded;
  for (uint64_t value : values) {
    PutVarint(&encoded, value);
  }
  absl::string_view in = encoded;
  for (uint64_t expected : values) {
    uint64_t value = 0;
    ASSERT_TRUE(GetVarint(&in, &value));
    EXPECT_EQ(value, expected);
  }
  EXPECT_TRUE(in.empty());  // each read consumed exactly its bytes
}

TEST(VarintTest, LeavesWhatFollowsUnread) {
  std::string encoded;
  PutVarint(&encoded, 300);
  encoded += "rest";
  absl::string_view in = encoded;
  uint64_t value = 0;
  ASSERT_TRUE(GetVarint(&in, &value));
  EXPECT_EQ(value, 300u);
  EXPECT_EQ(in, "rest");
}

TEST(VarintTest, EmptyInputIsTruncated) {
  absl::string_view in;
  uint64_t value = 42;
  EXPECT_FALSE(GetVarint(&in, &value));
  EXPECT_EQ(value, 42u);  // untouched
}

TEST(VarintTest, AnUnfinishedVarintIsTruncated) {
  std::string encoded;
  PutVarint(&encoded, UINT64_MAX);
  for (size_t cut = 0; cut < encoded.size(); ++cut) {
    absl::string_view in(encoded.data(), cut);
    uint64_t value = 42;
    EXPECT_FALSE(GetVarint(&in, &value)) << cut;
    EXPECT_EQ(value, 42u);
  }
  absl::string_view continuation_only("\x80\x80\x80", 3);
  uint64_t value = 0;
  EXPECT_FALSE(GetVarint(&continuation_only, &value));
}

TEST(VarintTest, MoreThanTenBytesIsRefused) {
  // Ten continuation bytes already carry 70 bits: no uint64 is that long.
  const std::string endless(11, '\x80');
  absl::string_view in = endless;
  uint64_t value = 0;
  EXPECT_FALSE(GetVarint(&in, &value));
}

}  // namespace
}  // namespace rapporteur::storage
