#include "lib/base/quote.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace rapporteur {
namespace {

TEST(QuoteValueTest, QuotesShortValuesWhole) {
  EXPECT_EQ(QuoteValue("documents/a-hrc-7-20"), "'documents/a-hrc-7-20'");
  EXPECT_EQ(QuoteValue(""), "''");
  EXPECT_EQ(QuoteValue(std::string(kMaxQuotedBytes, 'a')),
            "'" + std::string(kMaxQuotedBytes, 'a') + "'");
}

TEST(QuoteValueTest, CutsLongValuesToAPrefixAndTheirSize) {
  const std::string name = "documents/" + std::string(100000, 'a');
  const std::string quoted = QuoteValue(name);
  EXPECT_EQ(quoted, "'documents/" + std::string(kMaxQuotedBytes - 10, 'a') +
                        "...' (100010 bytes)");
  EXPECT_EQ(QuoteValue("abcdef", 3), "'abc...' (6 bytes)");
}

TEST(QuoteValueTest, NeverCutsInsideAUtf8Character) {
  // "é" is 2 bytes: a cut after 3 bytes would split the second one.
  EXPECT_EQ(QuoteValue("\xc3\xa9\xc3\xa9\xc3\xa9", 3),
            "'\xc3\xa9...' (6 bytes)");
  // "€" is 3 bytes.
  EXPECT_EQ(QuoteValue("\xe2\x82\xac\xe2\x82\xac", 5),
            "'\xe2\x82\xac...' (6 bytes)");
}

TEST(TruncateUtf8Test, CutsWithinTheLimit) {
  EXPECT_EQ(TruncateUtf8("short", 10), "short");
  EXPECT_EQ(TruncateUtf8("0123456789abc", 10), "0123456...");
  EXPECT_LE(TruncateUtf8(std::string(5000, 'x'), 1024).size(), 1024u);
  EXPECT_EQ(TruncateUtf8("\xc3\xa9\xc3\xa9\xc3\xa9", 6),
            "\xc3\xa9\xc3\xa9\xc3\xa9");
  EXPECT_EQ(TruncateUtf8("\xc3\xa9\xc3\xa9\xc3\xa9x", 6), "\xc3\xa9...");
}

}  // namespace
}  // namespace rapporteur
