#include "lib/analysis/segmenter.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "tests/testing/files.h"

namespace rapporteur::analysis {
namespace {

using ::testing::ElementsAre;

std::vector<std::string> Words(const std::string& text) {
  std::vector<std::string> words;
  for (const WordSpan& span : SegmentWords(text)) {
    words.push_back(text.substr(span.begin, span.end - span.begin));
  }
  return words;
}

// The same through ICU's iterator, even for Latin text.
std::vector<std::string> IcuWords(const std::string& text) {
  std::vector<std::string> words;
  for (const WordSpan& span : SegmentWordsWithIcu(text)) {
    words.push_back(text.substr(span.begin, span.end - span.begin));
  }
  return words;
}

TEST(SegmenterTest, CutsAtAsciiPunctuationInsideIcuSegments) {
  // ICU keeps "U.S", "e.g", "rights.The" and "l'homme" whole.
  const std::string text = "U.S. e.g. rights.The l'homme a_b a:b";
  EXPECT_THAT(IcuWords(text), ElementsAre("U", "S", "e", "g", "rights", "The",
                                          "l", "homme", "a", "b", "a", "b"));
  EXPECT_EQ(Words(text), IcuWords(text));
  // Non-Latin text goes through ICU; the same rules hold there.
  EXPECT_THAT(Words("Права.Человека l’État"),
              ElementsAre("Права", "Человека", "l", "État"));
}

TEST(SegmenterTest, KeepsNumbersAndWordJoiners) {
  EXPECT_THAT(IcuWords("890,000 tons, 15.6 per cent; 1;2 3,x"),
              ElementsAre("890,000", "tons", "15.6", "per", "cent", "1", "2",
                          "3", "x"));
  // Catalan's middle dot and Persian's zero-width non-joiner are inside
  // words.
  EXPECT_THAT(Words("col·lecció"), ElementsAre("col·lecció"));
  EXPECT_THAT(Words("می\u200Cخواهم"), ElementsAre("می\u200Cخواهم"));
  // A narrow no-break space (ICU joins it to letters) separates words.
  EXPECT_THAT(Words("droits\u202F: 1\u202F000"),
              ElementsAre("droits", "1", "000"));
}

TEST(SegmenterTest, DropsPossessives) {
  EXPECT_THAT(IcuWords("People’s Republic's people's1 ’s Korea’S."),
              ElementsAre("People", "Republic", "people", "s1", "s", "Korea"));
  EXPECT_THAT(Words("Народ’s"), ElementsAre("Народ"));  // through ICU
}

TEST(SegmenterTest, LatinTextTakesTheFastPath) {
  EXPECT_TRUE(IsLatinText("Côte d’Ivoire — “Straße” … 15 °C, −3 €"));
  EXPECT_FALSE(IsLatinText("Права"));
  EXPECT_FALSE(IsLatinText("人人"));
  EXPECT_FALSE(IsLatinText("col·lecció"));  // ICU keeps the middle dot
  EXPECT_FALSE(IsLatinText("x²"));          // ICU: ² is no digit
  EXPECT_FALSE(IsLatinText(std::string("ab\xff")));
}

// The fast path's reason to exist is that it gives ICU's words: proven on
// every line of the sample report and on random Latin strings built from
// the characters where the rules differ most (digits, separators,
// apostrophes, the "s" of possessives).
TEST(SegmenterTest, FastPathAgreesWithIcuOnTheSampleReport) {
  const std::string report = testing::SampleReport();
  int latin_lines = 0;
  int lines = 0;
  for (absl::string_view line : absl::StrSplit(report, '\n')) {
    ++lines;
    if (!IsLatinText(line)) {
      continue;
    }
    ++latin_lines;
    EXPECT_EQ(SegmentWordRuns(line), SegmentWordsWithIcu(line)) << line;
  }
  // All of the report is Latin (the ’ of "People’s" and "−" included).
  EXPECT_EQ(latin_lines, lines);
}

TEST(SegmenterTest, FastPathAgreesWithIcuOnRandomLatinText) {
  const std::vector<std::string> alphabet = {
      "a",  "B",  "s", "S",      "é", "ß", "Ł", "0", "7",     ".",
      ",",  ";",  ":", "'",      "’", "‘", "_", "-", "—",     " ",
      "\n", "\"", "«", "\u00A0", "…", "/", "−", "€", "\uF031"};
  std::mt19937 random(20260101);
  std::uniform_int_distribution<size_t> pick(0, alphabet.size() - 1);
  std::uniform_int_distribution<int> length(0, 12);
  for (int i = 0; i < 20000; ++i) {
    std::string text;
    for (int n = length(random); n > 0; --n) {
      text += alphabet[pick(random)];
    }
    ASSERT_TRUE(IsLatinText(text)) << text;
    ASSERT_EQ(SegmentWordRuns(text), SegmentWordsWithIcu(text)) << text;
  }
}

}  // namespace
}  // namespace rapporteur::analysis
