#include "lib/analysis/analyzer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>
#include <thread>

namespace rapporteur::analysis {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::SizeIs;

// The source bytes a token was cut from.
std::string SourceOf(const std::string& text, const Token& token) {
  return text.substr(token.begin, token.end - token.begin);
}

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
  EXPECT_THAT(AnalyzeTerms(std::string("ab\xff\xfe"
                                       "cd")),
              ElementsAre("ab", "cd"));
}

TEST(AnalyzerTest, ValidatesUtf8) {
  size_t offset = 0;
  EXPECT_TRUE(IsValidUtf8("Démocratique ’ 인권"));
  EXPECT_FALSE(IsValidUtf8(std::string("ok\xc3("), &offset));
  EXPECT_EQ(offset, 2u);
}

TEST(AnalyzerTest, SplitsHangulAtSpaces) {
  // Korean is written with spaces between words (eojeol); ICU keeps each.
  const std::string text = "모든 인간은 태어날 때부터 자유로우며";
  EXPECT_THAT(AnalyzeTerms(text, "ko"),
              ElementsAre("모든", "인간은", "태어날", "때부터", "자유로우며"));
}

TEST(AnalyzerTest, SegmentsChineseWithIcusDictionary) {
  // UDHR article 1: "All human beings are born free..."; no spaces.
  const std::string text = "人人生而自由，在尊严和权利上一律平等。";
  const std::vector<Token> tokens = Analyze(text, "zh");
  EXPECT_GT(tokens.size(), 5u);
  std::vector<std::string> terms;
  for (const Token& token : tokens) {
    terms.push_back(token.term);
    // Han characters fold to themselves: each term is its source.
    EXPECT_EQ(SourceOf(text, token), token.term);
  }
  EXPECT_THAT(terms, Contains("自由"));  // freedom
  EXPECT_THAT(terms, Contains("尊严"));  // dignity
  EXPECT_THAT(terms, Contains("权利"));  // rights
  // The full-width comma and full stop are no words.
  EXPECT_THAT(terms, Not(Contains("，")));
  EXPECT_THAT(terms, Not(Contains("。")));
}

TEST(AnalyzerTest, FoldsAndStemsRussian) {
  EXPECT_EQ(AnalyzeTerms("Права", "ru"), AnalyzeTerms("права", "ru"));
  EXPECT_EQ(AnalyzeTerms("ПРАВА ЧЕЛОВЕКА", "ru"),
            AnalyzeTerms("права человека", "ru"));
  // Snowball's Russian stemmer strips the genitive ending -а.
  EXPECT_EQ(AnalyzeTerms("человека", "ru"), AnalyzeTerms("человек", "ru"));
  EXPECT_EQ(AnalyzeTerms("свободы", "ru"), AnalyzeTerms("свобода", "ru"));
  // "и" (and) and "в" (in) are stop words; their positions stay taken.
  const std::vector<Token> tokens = Analyze("права и свободы в мире", "ru");
  ASSERT_THAT(tokens, SizeIs(3));
  EXPECT_EQ(tokens[1].position, 2u);
  EXPECT_EQ(tokens[2].position, 4u);
}

TEST(AnalyzerTest, StemsArabicAndDropsItsStopWords) {
  // Snowball's Arabic stemmer removes the article al- (ال): "the rights"
  // meets "rights".
  EXPECT_EQ(AnalyzeTerms("الحقوق", "ar"), AnalyzeTerms("حقوق", "ar"));
  // "في" (in) is a stop word: "rights in the world" has two terms.
  const std::string text = "الحقوق في العالم";
  const std::vector<Token> tokens = Analyze(text, "ar");
  ASSERT_THAT(tokens, SizeIs(2));
  EXPECT_EQ(tokens[1].position, 2u);
  EXPECT_EQ(SourceOf(text, tokens[1]), "العالم");
}

TEST(AnalyzerTest, StemsFrenchAndDropsItsStopWords) {
  // "les", "de" and the elided "l’" are stop words.
  const std::string text = "Les droits de l’homme";
  const std::vector<Token> tokens = Analyze(text, "fr");
  ASSERT_THAT(tokens, SizeIs(2));
  EXPECT_EQ(SourceOf(text, tokens[0]), "droits");
  EXPECT_EQ(tokens[0].position, 1u);
  EXPECT_EQ(SourceOf(text, tokens[1]), "homme");
  EXPECT_EQ(tokens[1].position, 4u);
  EXPECT_EQ(AnalyzeTerms(text, "fr"), AnalyzeTerms("droit homme", "fr"));
  EXPECT_EQ(AnalyzeTerms("libertés", "fr"), AnalyzeTerms("liberté", "fr"));
  // In English, "les" and "de" are words.
  EXPECT_THAT(AnalyzeTerms(text, "en"), SizeIs(5));
}

TEST(AnalyzerTest, FoldsCompatibilityForms) {
  EXPECT_EQ(AnalyzeTerms("ﬁnancial"), AnalyzeTerms("financial"));  // ligature
  EXPECT_EQ(AnalyzeTerms("Ｌａｔｉｎ"), AnalyzeTerms("Latin"));    // full width
  EXPECT_EQ(AnalyzeTerms("Straße", "de"), AnalyzeTerms("STRASSE", "de"));
}

TEST(AnalyzerTest, HandlesTurkishDottedAndDotlessI) {
  const std::string text = "İnsan hakları IĞDIR ıı";
  const std::vector<Token> tokens = Analyze(text, "tr");
  ASSERT_THAT(tokens, SizeIs(4));
  for (const Token& token : tokens) {
    EXPECT_FALSE(token.term.empty());
    EXPECT_TRUE(IsValidUtf8(token.term)) << token.term;
  }
  EXPECT_EQ(SourceOf(text, tokens[0]), "İnsan");
}

TEST(AnalyzerTest, LanguageTagsNameTheirStemmer) {
  const std::string text = "The abductions of nationals";
  const std::vector<std::string> english = AnalyzeTerms(text, "en");
  EXPECT_THAT(english, ElementsAre("abduct", "nation"));
  EXPECT_EQ(AnalyzeTerms(text), english);
  EXPECT_EQ(AnalyzeTerms(text, ""), english);  // no metadata: English
  EXPECT_EQ(AnalyzeTerms(text, "en-GB"), english);
  EXPECT_EQ(AnalyzeTerms(text, "eng"), english);
  EXPECT_EQ(AnalyzeTerms(text, "English"), english);
  // A language without a stemmer: folded, not stemmed, no stop words.
  EXPECT_THAT(AnalyzeTerms(text, "zz"),
              ElementsAre("the", "abductions", "of", "nationals"));
  EXPECT_THAT(AnalyzeTerms(text, "und"), SizeIs(4));
}

TEST(AnalyzerTest, NormalizesPrefixesWithoutStemming) {
  EXPECT_EQ(NormalizeForPrefix("Abductions"), "abductions");
  EXPECT_EQ(NormalizeForPrefix("ＤÉTEN"), "déten");
  EXPECT_EQ(NormalizeForPrefix("ПРАВ"), "прав");
  EXPECT_EQ(NormalizeForPrefix(""), "");
}

// Each thread keeps its own stemmers and word iterator: threads analyzing
// in several languages at once get what one thread gets.
TEST(AnalyzerTest, ThreadsAnalyzeIndependently) {
  const std::vector<std::pair<std::string, std::string>> inputs = {
      {"The abductions of foreign nationals", "en"},
      {"Les droits de l’homme et les libertés", "fr"},
      {"Права человека и основные свободы", "ru"},
      {"人人生而自由，在尊严和权利上一律平等。", "zh"},
      {"الحقوق في العالم", "ar"},
  };
  std::vector<std::vector<std::string>> expected;
  for (const auto& [text, language] : inputs) {
    expected.push_back(AnalyzeTerms(text, language));
  }
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 200; ++round) {
        const size_t i = static_cast<size_t>(round + t) % inputs.size();
        if (AnalyzeTerms(inputs[i].first, inputs[i].second) != expected[i]) {
          ++mismatches[static_cast<size_t>(t)];
        }
      }
    });
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  EXPECT_THAT(mismatches, ElementsAre(0, 0, 0, 0));
}

// Any bytes, valid UTF-8 or not, in any script: terms are well-formed and
// offsets lie in the text, in order, on code point boundaries.
TEST(AnalyzerTest, RandomBytesGiveWellFormedTokens) {
  const std::vector<std::string> pieces = {
      "a",      "S",      "1",    ".",        ",",    "'",
      "’",      " ",      "人",   "生",       "모",   "든",
      "п",      "Р",      "ا",    "ل",        "ก",    "ข",
      "\u0301", "\u200C", "·",    "ﬁ",        "Ｌ",   "İ",
      "²",      "\xff",   "\xc3", "\xe4\xba", "\x80", std::string(1, '\0')};
  std::mt19937 random(7);
  std::uniform_int_distribution<size_t> pick(0, pieces.size() - 1);
  std::uniform_int_distribution<int> length(0, 24);
  for (int i = 0; i < 5000; ++i) {
    std::string text;
    for (int n = length(random); n > 0; --n) {
      text += pieces[pick(random)];
    }
    for (const char* language : {"en", "ru", "zh"}) {
      const std::vector<Token> tokens = Analyze(text, language);
      size_t previous_end = 0;
      for (size_t t = 0; t < tokens.size(); ++t) {
        const Token& token = tokens[t];
        ASSERT_FALSE(token.term.empty());
        ASSERT_TRUE(IsValidUtf8(token.term));
        ASSERT_LT(token.begin, token.end);
        ASSERT_LE(token.end, text.size());
        ASSERT_GE(token.begin, previous_end);
        ASSERT_TRUE(IsValidUtf8(SourceOf(text, token)));
        if (t > 0) {
          ASSERT_GT(token.position, tokens[t - 1].position);
        }
        previous_end = token.end;
      }
    }
  }
}

}  // namespace
}  // namespace rapporteur::analysis
