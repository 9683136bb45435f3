#include "lib/analysis/language.h"

#include <gtest/gtest.h>

#include "lib/analysis/stop_words.h"

namespace rapporteur::analysis {
namespace {

TEST(LanguageTest, ResolvesTagsCodesAndNames) {
  EXPECT_EQ(CanonicalLanguage(""), "english");
  EXPECT_EQ(CanonicalLanguage("en"), "english");
  EXPECT_EQ(CanonicalLanguage("EN-us"), "english");
  EXPECT_EQ(CanonicalLanguage("fr"), "french");
  EXPECT_EQ(CanonicalLanguage("fra"), "french");
  EXPECT_EQ(CanonicalLanguage("fre"), "french");
  EXPECT_EQ(CanonicalLanguage("es"), "spanish");
  EXPECT_EQ(CanonicalLanguage("ru"), "russian");
  EXPECT_EQ(CanonicalLanguage("arb"), "arabic");  // Standard Arabic
  EXPECT_EQ(CanonicalLanguage("de-1996"), "german");
  EXPECT_EQ(CanonicalLanguage("pt_BR"), "portuguese");
  EXPECT_EQ(CanonicalLanguage("nb"), "norwegian");
  EXPECT_EQ(CanonicalLanguage("Spanish"), "spanish");
}

TEST(LanguageTest, LanguagesWithoutStemmerAreUnknown) {
  EXPECT_EQ(CanonicalLanguage("zh"), "");
  EXPECT_EQ(CanonicalLanguage("zh-Hant"), "");
  EXPECT_EQ(CanonicalLanguage("ko"), "");
  EXPECT_EQ(CanonicalLanguage("und"), "");
  EXPECT_EQ(CanonicalLanguage("porter"), "");      // an algorithm, no language
  EXPECT_EQ(CanonicalLanguage("-en"), "english");  // empty primary subtag
}

TEST(StopWordsTest, EachListHoldsItsLanguagesFunctionWords) {
  EXPECT_TRUE(IsStopWord("english", "the"));
  EXPECT_FALSE(IsStopWord("english", "not"));  // meaning kept: "no reply"
  EXPECT_TRUE(IsStopWord("french", "les"));
  EXPECT_TRUE(IsStopWord("french", "à"));
  EXPECT_FALSE(IsStopWord("french", "pas"));
  EXPECT_TRUE(IsStopWord("spanish", "los"));
  EXPECT_FALSE(IsStopWord("portuguese", "não"));
  EXPECT_TRUE(IsStopWord("portuguese", "uma"));
  EXPECT_TRUE(IsStopWord("german", "und"));
  EXPECT_TRUE(IsStopWord("german", "für"));
  EXPECT_TRUE(IsStopWord("russian", "и"));
  EXPECT_FALSE(IsStopWord("russian", "не"));
  EXPECT_TRUE(IsStopWord("arabic", "في"));
  // Comment lines are no words; a language without a list has none.
  EXPECT_FALSE(IsStopWord("english", "#"));
  EXPECT_FALSE(IsStopWord("english", ""));
  EXPECT_FALSE(IsStopWord("italian", "il"));
  EXPECT_FALSE(IsStopWord("", "the"));
  EXPECT_TRUE(IsEnglishStopWord("with"));
}

TEST(LanguageTest, LanguageTags) {
  for (const char* tag : {"", "en", "fr", "pt-BR", "zh-Hant-TW", "de-1996",
                          "arb", "Russian", "und"}) {
    EXPECT_TRUE(IsLanguageTag(tag)) << tag;
  }
  for (const char* tag : {"klingon", "e", "en--us", "en-", "-en", "english1",
                          "en-toolongsubtag", "fr_FR"}) {
    EXPECT_FALSE(IsLanguageTag(tag)) << tag;
  }
  EXPECT_FALSE(IsLanguageTag(std::string("fr\0", 3)));
}

}  // namespace
}  // namespace rapporteur::analysis
