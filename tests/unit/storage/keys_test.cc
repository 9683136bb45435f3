#include "lib/storage/keys.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/match.h"

namespace rapporteur::storage {
namespace {

using ::testing::ElementsAre;

std::string Bytes(std::initializer_list<int> bytes) {
  std::string out;
  for (int b : bytes) {
    out.push_back(static_cast<char>(b));
  }
  return out;
}

TEST(BigEndianTest, Writes32BitsMostSignificantByteFirst) {
  std::string out = "x";
  PutBigEndian32(&out, 0x01020304u);
  EXPECT_EQ(out, "x" + Bytes({1, 2, 3, 4}));  // appended
}

TEST(BigEndianTest, Writes64BitsMostSignificantByteFirst) {
  std::string out;
  PutBigEndian64(&out, 0x0102030405060708ull);
  EXPECT_EQ(out, Bytes({1, 2, 3, 4, 5, 6, 7, 8}));
}

TEST(BigEndianTest, RoundTripsEdgeValues) {
  for (uint32_t value : {0u, 1u, 0x7fu, 0x80u, 0xffu, 0x100u, 0x7fffffffu,
                         0x80000000u, 0xffffffffu}) {
    std::string out;
    PutBigEndian32(&out, value);
    ASSERT_EQ(out.size(), 4u);
    EXPECT_EQ(GetBigEndian32(out), value);
  }
  for (uint64_t value :
       {uint64_t{0}, uint64_t{1}, uint64_t{0xff},
        uint64_t{0x8000000000000000ull}, uint64_t{0xffffffffffffffffull},
        uint64_t{0x0123456789abcdefull}}) {
    std::string out;
    PutBigEndian64(&out, value);
    ASSERT_EQ(out.size(), 8u);
    EXPECT_EQ(GetBigEndian64(out), value);
  }
}

TEST(BigEndianTest, ReadsOnlyTheFirstBytes) {
  const std::string in = Bytes({0, 0, 0, 5, 0xff, 0xff});
  EXPECT_EQ(GetBigEndian32(in), 5u);
}

TEST(BigEndianTest, ByteOrderIsNumericOrder) {
  // What RocksDB's bytewise comparator needs of every number in a key.
  const std::vector<uint32_t> values = {
      0, 1, 255, 256, 65535, 65536, 0x7fffffff, 0x80000000, 0xffffffff};
  for (size_t i = 1; i < values.size(); ++i) {
    std::string a, b;
    PutBigEndian32(&a, values[i - 1]);
    PutBigEndian32(&b, values[i]);
    EXPECT_LT(a, b) << values[i - 1] << " vs " << values[i];
  }
}

TEST(KeysTest, ParagraphKeyIsDocNulOrdinal) {
  EXPECT_EQ(ParagraphKey("doc", 2), "doc" + Bytes({0, 0, 0, 0, 2}));
  EXPECT_EQ(DocPrefix("doc"), std::string("doc\0", 4));
  EXPECT_TRUE(absl::StartsWith(ParagraphKey("doc", 7), DocPrefix("doc")));
}

TEST(KeysTest, ParagraphsOfADocumentSortInOrdinalOrder) {
  std::vector<std::string> keys = {ParagraphKey("d", 256), ParagraphKey("d", 2),
                                   ParagraphKey("d", 10), ParagraphKey("d", 1)};
  std::sort(keys.begin(), keys.end());
  EXPECT_THAT(keys, ElementsAre(ParagraphKey("d", 1), ParagraphKey("d", 2),
                                ParagraphKey("d", 10), ParagraphKey("d", 256)));
}

TEST(KeysTest, ADocumentsKeysNeverInterleaveWithALongerId) {
  // "doc" and "doc2": the NUL separator sorts all of "doc" first, and no
  // key of "doc2" starts with DocPrefix("doc").
  const std::string last_of_doc = ParagraphKey("doc", 0xffffffff);
  const std::string first_of_doc2 = ParagraphKey("doc2", 0);
  EXPECT_LT(last_of_doc, first_of_doc2);
  EXPECT_FALSE(absl::StartsWith(first_of_doc2, DocPrefix("doc")));
  EXPECT_FALSE(absl::StartsWith(HistoryKey("doc2", 1), DocPrefix("doc")));
}

TEST(KeysTest, BlockKeysSortByTermThenFirstId) {
  EXPECT_EQ(BlockKey("tortur", 1), "tortur" + Bytes({0, 0, 0, 0, 1}));
  EXPECT_TRUE(absl::StartsWith(BlockKey("tortur", 9), TermPrefix("tortur")));
  EXPECT_LT(BlockKey("tortur", 1), BlockKey("tortur", 0x100));
  EXPECT_LT(BlockKey("tortur", 0xffffffff), BlockKey("torture", 0));
  EXPECT_FALSE(absl::StartsWith(BlockKey("torture", 0), TermPrefix("tortur")));
}

TEST(KeysTest, ParagraphIdKeyIsFourBigEndianBytes) {
  EXPECT_EQ(ParagraphIdKey(0x0a0b0c0d), Bytes({0x0a, 0x0b, 0x0c, 0x0d}));
  EXPECT_LT(ParagraphIdKey(255), ParagraphIdKey(256));
}

TEST(KeysTest, HistoryKeysSortByRevision) {
  EXPECT_EQ(HistoryKey("d", 3), "d" + Bytes({0, 0, 0, 0, 0, 0, 0, 0, 3}));
  EXPECT_LT(HistoryKey("d", 9), HistoryKey("d", 10));
  EXPECT_LT(HistoryKey("d", 0xff), HistoryKey("d", 0x100));
}

TEST(KeysTest, MetaKeysHaveTheirPrefixes) {
  EXPECT_EQ(DocTermsKey("d"), "terms/d");
  EXPECT_EQ(RevisionKey("d"), "revision/d");
  EXPECT_EQ(RequestKey("r1"), "request/r1");
  EXPECT_EQ(ParagraphNumberPrefix("d"), std::string("number/d\0", 9));
  EXPECT_EQ(ParagraphNumberKey("d", 60),
            std::string("number/d\0", 9) + Bytes({0, 0, 0, 60}));
  EXPECT_STREQ(kNextIdKey, "next_id");
  EXPECT_STREQ(kFlushedIdKey, "flushed_id");
  EXPECT_STREQ(kFormatKey, "format");
}

TEST(KeysTest, MetaKeysOfDifferentKindsNeverCollide) {
  // One column family holds them all.
  const std::vector<std::string> keys = {
      DocTermsKey("x"), RevisionKey("x"),
      RequestKey("x"),  ParagraphNumberKey("x", 1),
      kNextIdKey,       kFlushedIdKey,
      kFormatKey};
  for (size_t i = 0; i < keys.size(); ++i) {
    for (size_t j = i + 1; j < keys.size(); ++j) {
      EXPECT_NE(keys[i], keys[j]);
    }
  }
}

TEST(PrefixEndTest, IsTheFirstKeyPastThePrefix) {
  EXPECT_EQ(PrefixEnd("abc"), "abd");
  EXPECT_EQ(PrefixEnd(DocPrefix("doc")), std::string("doc\x01", 4));
  const std::string end = PrefixEnd(DocPrefix("doc"));
  EXPECT_LT(ParagraphKey("doc", 0xffffffff), end);
  EXPECT_LT(HistoryKey("doc", 0xffffffffffffffffull), end);
  EXPECT_GT(ParagraphKey("doc2", 0), end);  // the next id is past it
}

TEST(PrefixEndTest, IncrementsTheLastByteAsUnsigned) {
  EXPECT_EQ(PrefixEnd(Bytes({'a', 0x7f})), Bytes({'a', 0x80}));
  EXPECT_EQ(PrefixEnd(Bytes({'a', 0xfe})), Bytes({'a', 0xff}));
}

TEST(KeysTest, EmptyIdsStillHaveTheSeparator) {
  EXPECT_EQ(DocPrefix(""), std::string(1, '\0'));
  EXPECT_EQ(ParagraphKey("", 1), Bytes({0, 0, 0, 0, 1}));
}

}  // namespace
}  // namespace rapporteur::storage
