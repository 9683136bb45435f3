#include "lib/analysis/stop_words.h"

#include <gtest/gtest.h>

namespace rapporteur::analysis {
namespace {

TEST(StopWordsOfTest, EachListedLanguageHasASet) {
  for (const char* language : {"english", "french", "spanish", "portuguese",
                               "german", "russian", "arabic"}) {
    const auto* words = StopWordsOf(language);
    ASSERT_NE(words, nullptr) << language;
    EXPECT_FALSE(words->empty()) << language;
  }
}

TEST(StopWordsOfTest, NullForALanguageWithoutAList) {
  EXPECT_EQ(StopWordsOf("italian"), nullptr);
  EXPECT_EQ(StopWordsOf(""), nullptr);
  EXPECT_EQ(StopWordsOf("en"), nullptr);  // a tag, not a Snowball name
}

TEST(StopWordsOfTest, ListsSkipCommentsAndBlankLines) {
  const auto* english = StopWordsOf("english");
  ASSERT_NE(english, nullptr);
  for (const std::string& word : *english) {
    EXPECT_FALSE(word.empty());
    EXPECT_NE(word.front(), '#') << word;
    EXPECT_EQ(word.find_first_of(" \t\r\n"), std::string::npos) << word;
  }
  EXPECT_TRUE(english->contains("and"));
}

TEST(StopWordsOfTest, AgreesWithIsStopWord) {
  const auto* french = StopWordsOf("french");
  ASSERT_NE(french, nullptr);
  EXPECT_EQ(french->contains("les"), IsStopWord("french", "les"));
  EXPECT_EQ(french->contains("droit"), IsStopWord("french", "droit"));
}

TEST(IsEnglishStopWordTest, IsTheEnglishList) {
  EXPECT_TRUE(IsEnglishStopWord("the"));
  EXPECT_TRUE(IsEnglishStopWord("of"));
  EXPECT_FALSE(IsEnglishStopWord("not"));  // meaning kept: "no reply"
  EXPECT_FALSE(IsEnglishStopWord("torture"));
  EXPECT_FALSE(IsEnglishStopWord("The"));  // expects a folded word
  EXPECT_FALSE(IsEnglishStopWord(""));
}

}  // namespace
}  // namespace rapporteur::analysis
