#include "services/analysis/analyzer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace rapporteur::analysis {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(AnalyzerTest, FoldsCaseStemsAndDropsStopWords) {
  EXPECT_THAT(AnalyzeTerms("The Abductions of foreign nationals"),
              ElementsAre("abduct", "foreign", "nation"));
  // Index and query meet on one stem.
  EXPECT_EQ(AnalyzeTerms("abducted"), AnalyzeTerms("abductions"));
  EXPECT_EQ(AnalyzeTerms("EXECUTIONS"), AnalyzeTerms("execution"));
}

TEST(AnalyzerTest, KeepsPositionsOfStopWords) {
  std::vector<Token> tokens = Analyze("use of public executions");
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[0].position, 0u);
  EXPECT_EQ(tokens[1].position, 2u);  // "of" held position 1
  EXPECT_EQ(tokens[2].position, 3u);
}

TEST(AnalyzerTest, OffsetsPointAtTheSourceWord) {
  const std::string text = "Special Rapporteur’s visit";
  std::vector<Token> tokens = Analyze(text);
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(text.substr(tokens[1].begin, tokens[1].end - tokens[1].begin),
            "Rapporteur");
  EXPECT_EQ(tokens[1].term, "rapporteur");  // possessive dropped
}

TEST(AnalyzerTest, KeepsNumbersWhole) {
  EXPECT_THAT(AnalyzeTerms("890,000 metric tons, 15.6 per cent"),
              ElementsAre("890000", "metric", "ton", "15.6", "per", "cent"));
}

TEST(AnalyzerTest, HandlesNonLatinScriptsAndNormalizes) {
  // Cyrillic and Korean words are words; full-width letters fold to ASCII.
  EXPECT_THAT(AnalyzeTerms("Права человека"), ElementsAre("права", "человека"));
  EXPECT_THAT(AnalyzeTerms("인권"), ElementsAre("인권"));
  EXPECT_EQ(AnalyzeTerms("ＦＯＯＤ"), AnalyzeTerms("food"));
}

TEST(AnalyzerTest, PunctuationAndInvalidBytesAreNoWords) {
  EXPECT_THAT(AnalyzeTerms("“ — … ”"), IsEmpty());
  EXPECT_THAT(AnalyzeTerms(std::string("ab\xff\xfe" "cd")),
              ElementsAre("ab", "cd"));
}

TEST(AnalyzerTest, ValidatesUtf8) {
  size_t offset = 0;
  EXPECT_TRUE(IsValidUtf8("Démocratique ’ 인권"));
  EXPECT_FALSE(IsValidUtf8(std::string("ok\xc3("), &offset));
  EXPECT_EQ(offset, 2u);
}

}  // namespace
}  // namespace rapporteur::analysis
