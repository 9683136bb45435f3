#include "lib/analysis/stemmer.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace rapporteur::analysis {
namespace {

TEST(StemTest, StemsEnglish) {
  EXPECT_EQ(Stem("english", "executions"), "execut");
  EXPECT_EQ(Stem("english", "executed"), "execut");
  EXPECT_EQ(Stem("english", "detention"), "detent");
  EXPECT_EQ(Stem("english", "rights"), "right");
}

TEST(StemTest, StemsOtherLanguages) {
  EXPECT_EQ(Stem("french", "droits"), "droit");
  EXPECT_EQ(Stem("russian", "правами"), "прав");
  EXPECT_EQ(Stem("spanish", "derechos"), "derech");
}

TEST(StemTest, UnknownOrEmptyLanguageLeavesTheWord) {
  EXPECT_EQ(Stem("", "executions"), "executions");
  EXPECT_EQ(Stem("klingon", "executions"), "executions");
}

TEST(StemTest, AWordTheStemmerWouldEmptyIsKept) {
  // Snowball's Greek stemmer leaves nothing of some short words.
  EXPECT_FALSE(Stem("greek", "είτε").empty());
  EXPECT_EQ(Stem("english", ""), "");
}

TEST(StemTest, ManyLanguagesInOneThreadKeepTheirOwnStemmer) {
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(Stem("english", "rights"), "right");
    EXPECT_EQ(Stem("french", "droits"), "droit");
    EXPECT_EQ(Stem("german", "rechte"), "recht");
  }
}

TEST(StemTest, RememberedStemsStayRightPastTheCacheSize) {
  // Stems are remembered per thread and forgotten when too many: stemming
  // the same words again, after more distinct words than are remembered,
  // gives what stemming them the first time gave.
  const std::vector<std::pair<std::string, std::string>> known = {
      {"executions", "execut"}, {"detentions", "detent"}, {"rights", "right"}};
  for (int round = 0; round < 3; ++round) {
    for (const auto& [word, stem] : known) {
      EXPECT_EQ(Stem("english", word), stem);
    }
    for (int i = 0; i < 40000; ++i) {
      // "x{i}ings": a distinct word each time, stemmed by its suffix.
      ASSERT_EQ(Stem("english", "x" + std::to_string(i) + "ings"),
                "x" + std::to_string(i) + "ing")
          << i;
    }
  }
  // A word too long to remember is stemmed all the same.
  const std::string long_word = std::string(60, 'a') + "tions";
  EXPECT_EQ(Stem("english", long_word), Stem("english", long_word));
  const std::string stem = Stem("english", long_word);
  EXPECT_LT(stem.size(), long_word.size());
  EXPECT_EQ(stem.substr(stem.size() - 5), "ation");
}

TEST(StemTest, ThreadsStemIndependently) {
  // Each thread keeps its own stemmers; stemming together must give what
  // stemming alone gives.
  std::vector<std::thread> threads;
  std::vector<int> wrong(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([t, &wrong] {
      for (int i = 0; i < 2000; ++i) {
        if (Stem("english", t % 2 == 0 ? "executions" : "detentions") !=
            (t % 2 == 0 ? "execut" : "detent")) {
          ++wrong[t];
        }
      }
    });
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  EXPECT_EQ(wrong, std::vector<int>(4, 0));
}

}  // namespace
}  // namespace rapporteur::analysis
