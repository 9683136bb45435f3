#include "lib/extraction/scattered_words.h"

#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "lib/extraction/page_words.h"

namespace rapporteur::ingest {
namespace {

// One printed line of words, 10 pt, at height y.
std::vector<PageWord> Line(const std::string& text, double y) {
  std::vector<PageWord> words;
  double x = 70;
  for (absl::string_view word : absl::StrSplit(text, ' ')) {
    words.push_back({std::string(word), x, y, 6.0 * word.size(), 10, 10});
    x += 6.0 * word.size() + 20;  // justified: wide gaps
  }
  return words;
}

std::string Rejoin(const std::string& text,
                   const std::vector<std::string>& printed) {
  std::vector<PageWord> words;
  double y = 100;
  for (const std::string& line : printed) {
    for (PageWord& w : Line(line, y)) words.push_back(std::move(w));
    y += 12;
  }
  return RejoinScatteredWords(text, PrintedLines(words));
}

TEST(PrintedLinesTest, WordsByLineLeftToRight) {
  std::vector<PageWord> words = Line("second line", 112);
  for (PageWord& w : Line("first line here", 100)) words.push_back(w);
  // A superscript beside the first line belongs to it.
  words.push_back({"3", 300, 98, 3, 6, 6});
  const auto lines = PrintedLines(words);
  ASSERT_EQ(lines.size(), 2u);
  ASSERT_EQ(lines[0].size(), 4u);
  EXPECT_EQ(lines[0][0]->text, "first");
  EXPECT_EQ(lines[0][3]->text, "3");
  EXPECT_EQ(lines[1][1]->text, "line");
}

// A/HRC/19/... (Benin, 2012) item 108.57 as reading order gives it.
TEST(RejoinScatteredWordsTest, WordsGoBackToTheirLine) {
  EXPECT_EQ(
      Rejoin("108.57 Redouble its efforts to protect children,\n"
             "strengthening their legal protection (Luxembourg);\n\nin\n\n"
             "particular\n\nby\n\n108.58 Adopt all necessary measures",
             {"108.57 Redouble its efforts to protect children, in particular "
              "by",
              "strengthening their legal protection (Luxembourg);",
              "108.58 Adopt all necessary measures"}),
      "108.57 Redouble its efforts to protect children, in particular by\n"
      "strengthening their legal protection (Luxembourg);\n\n"
      "108.58 Adopt all necessary measures");
}

TEST(RejoinScatteredWordsTest, AfterAnItemNumberOnItsOwnLine) {
  // A/HRC/21/5 (Tunisia) 114.33: its words come back after another item
  // and the page's footer.
  EXPECT_EQ(
      Rejoin("114.33.\n\nContinue the institutional and judicial\n"
             "strengthening the rule of law (Angola);\n\n114.34.\n\n"
             "Prioritize efforts (Australia);\n\nreforms\n\naimed\n\nat\n\n"
             "17",
             {"114.33. Continue the institutional and judicial reforms "
              "aimed at",
              "strengthening the rule of law (Angola);"}),
      "114.33.\n\nContinue the institutional and judicial reforms aimed "
      "at\nstrengthening the rule of law (Angola);\n\n114.34.\n\n"
      "Prioritize efforts (Australia);\n\n17");
}

TEST(RejoinScatteredWordsTest, FootersAndIntactLinesStay) {
  // A footer's page number and job number share a printed line, set apart
  // like scattered words, but are no prose.
  const std::string footer = "democracy.\n\n8\n\nGE.09-16312\n";
  EXPECT_EQ(Rejoin(footer, {"8 GE.09-16312"}), footer);
  // Words whose line is whole stay where they are.
  const std::string whole = "Take measures to eliminate\n\nmeasures\n";
  EXPECT_EQ(Rejoin(whole, {"Take measures to eliminate"}), whole);
  // Lone words that are not the rest of the line, in order.
  const std::string other = "96.1. Take\n\nto\n\nmeasures\n";
  EXPECT_EQ(Rejoin(other, {"96.1. Take measures to"}), other);
}

TEST(MayHaveScatteredWordsTest, LoneWordInLowerCase) {
  EXPECT_TRUE(MayHaveScatteredWords("text (Italy);\n\nin\n\nparticular\n"));
  EXPECT_FALSE(MayHaveScatteredWords("text (Italy);\n\n18\n\nA/HRC/21/5 x\n"));
  EXPECT_FALSE(MayHaveScatteredWords("a line\nin\nanother line\n"));
  EXPECT_FALSE(
      MayHaveScatteredWords("End of the text.\n\nAnnex\n\nGE.12-18655\n"));
}

}  // namespace
}  // namespace rapporteur::ingest
