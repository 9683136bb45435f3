#include "lib/query/highlights.h"

#include <gtest/gtest.h>

#include <string>

namespace rapporteur::query {
namespace {

// The same text as each language holds it: the compiler encodes the
// literals, so the expected slices do not depend on the code under test.
constexpr char kPlain[] = "“Été” à 中国 😀 emoji";
constexpr char16_t kPlainUtf16[] = u"“Été” à 中国 😀 emoji";
constexpr char32_t kPlainCodePoints[] = U"“Été” à 中国 😀 emoji";

v1::SearchHit HitWithSnippet() {
  v1::SearchHit hit;
  hit.set_snippet("“**Été**” à 中**国** 😀 **emoji**");
  AddHighlights(&hit);
  return hit;
}

TEST(HighlightsTest, ByteRangesSliceUtf8) {
  const v1::SearchHit hit = HitWithSnippet();
  ASSERT_EQ(hit.highlights_size(), 3);
  const std::string plain = kPlain;
  const auto slice = [&](const v1::TextRange& r) {
    return plain.substr(r.begin(), r.end() - r.begin());
  };
  EXPECT_EQ(slice(hit.highlights(0)), "Été");
  EXPECT_EQ(slice(hit.highlights(1)), "国");
  EXPECT_EQ(slice(hit.highlights(2)), "emoji");
  EXPECT_EQ(hit.highlights(2).begin(), 27);  // “ and ” are 3 bytes, 😀 4
}

// Python's str indexes code points.
TEST(HighlightsTest, CodePointRangesSliceCodePoints) {
  const v1::SearchHit hit = HitWithSnippet();
  ASSERT_EQ(hit.highlights_size(), 3);
  const std::u32string plain = kPlainCodePoints;
  const auto slice = [&](const v1::TextRange& r) {
    return plain.substr(r.begin_code_point(),
                        r.end_code_point() - r.begin_code_point());
  };
  EXPECT_EQ(slice(hit.highlights(0)), U"Été");
  EXPECT_EQ(slice(hit.highlights(1)), U"国");
  EXPECT_EQ(slice(hit.highlights(2)), U"emoji");
  EXPECT_EQ(hit.highlights(2).begin_code_point(), 13);
}

// JavaScript, Java and C# strings index UTF-16 code units: the emoji
// outside the BMP is two of them.
TEST(HighlightsTest, Utf16RangesSliceUtf16) {
  const v1::SearchHit hit = HitWithSnippet();
  ASSERT_EQ(hit.highlights_size(), 3);
  const std::u16string plain = kPlainUtf16;
  const auto slice = [&](const v1::TextRange& r) {
    return plain.substr(r.begin_utf16(), r.end_utf16() - r.begin_utf16());
  };
  EXPECT_EQ(slice(hit.highlights(0)), u"Été");
  EXPECT_EQ(slice(hit.highlights(1)), u"国");
  EXPECT_EQ(slice(hit.highlights(2)), u"emoji");
  EXPECT_EQ(hit.highlights(2).begin_utf16(), 14);
}

TEST(HighlightsTest, AsciiUnitsAgree) {
  v1::SearchHit hit;
  hit.set_snippet("public **executions** were **reported**");
  AddHighlights(&hit);
  ASSERT_EQ(hit.highlights_size(), 2);
  for (const v1::TextRange& r : hit.highlights()) {
    EXPECT_EQ(r.begin(), r.begin_code_point());
    EXPECT_EQ(r.begin(), r.begin_utf16());
    EXPECT_EQ(r.end(), r.end_code_point());
    EXPECT_EQ(r.end(), r.end_utf16());
  }
  EXPECT_EQ(hit.highlights(1).begin(), 23);
}

TEST(HighlightsTest, UnclosedMarkIsNoHighlight) {
  v1::SearchHit hit;
  hit.set_snippet("an **unclosed mark");
  AddHighlights(&hit);
  EXPECT_EQ(hit.highlights_size(), 0);
}

}  // namespace
}  // namespace rapporteur::query
