#include "lib/extraction/note_numbers.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace rapporteur::ingest {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::IsEmpty;

// Words of one line of a notes area, as poppler boxes them on A/HRC/WG.6/7/
// SVN/3 page 13: a 6.5 pt superscript number, then 10 pt words 2 pt lower.
std::vector<PageWord> NoteLine(const std::string& number,
                               const std::vector<std::string>& words,
                               double y) {
  std::vector<PageWord> line;
  line.push_back({number, 85.08, y, 6.48, 5.832, 6.48});
  double x = 94.08;
  for (const std::string& word : words) {
    const double width = 5.0 * word.size();
    line.push_back({word, x, y + 2.08, width, 9.018, 10.02});
    x += width + 3.0;
  }
  return line;
}

void Append(std::vector<PageWord>& to, std::vector<PageWord> words) {
  to.insert(to.end(), words.begin(), words.end());
}

TEST(FindPlacedNoteNumbersTest, SuperscriptNumberOpeningItsLine) {
  std::vector<PageWord> words;
  Append(words, NoteLine("37", {"VARUH,", "p.4."}, 97.99));
  Append(words,
         NoteLine("38", {"COE-ECRI,", "pp.24-25.", "See", "also"}, 109.51));
  EXPECT_THAT(
      FindPlacedNoteNumbers(words),
      ElementsAre(AllOf(Field(&PlacedNoteNumber::number, "37"),
                        Field(&PlacedNoteNumber::line_start, "VARUH, p.4.")),
                  AllOf(Field(&PlacedNoteNumber::number, "38"),
                        Field(&PlacedNoteNumber::line_start,
                              "COE-ECRI, pp.24-25. See"))));
}

TEST(FindPlacedNoteNumbersTest, NumbersThatAreNoNoteNumbers) {
  std::vector<PageWord> words;
  // A number in the words' own size: a table cell or a year.
  words.push_back({"2008", 85.0, 100.0, 20.0, 9.0, 10.0});
  words.push_back({"Ratified", 110.0, 100.0, 40.0, 9.0, 10.0});
  // A callout after a word: the line does not open with it.
  words.push_back({"Disappearance,", 85.0, 120.0, 70.0, 9.0, 10.0});
  words.push_back({"3", 156.0, 119.0, 3.0, 5.8, 6.5});
  words.push_back({"the", 162.0, 120.0, 15.0, 9.0, 10.0});
  // A number far from the next word: another column.
  words.push_back({"4", 85.0, 140.0, 3.0, 5.8, 6.5});
  words.push_back({"Text", 300.0, 141.0, 20.0, 9.0, 10.0});
  // A superscript with nothing after it.
  words.push_back({"5", 85.0, 160.0, 3.0, 5.8, 6.5});
  EXPECT_THAT(FindPlacedNoteNumbers(words), IsEmpty());
}

// Page 13 of A/HRC/WG.6/7/SVN/3 as reading order gives it: note 38's number
// last, its text run on into note 37.
constexpr char kDisplaced[] =
    "A/HRC/WG.6/7/SVN/3\nPage 13\n37\n\nVARUH, p.4.\nCOE-ECRI, pp.24-25.\n"
    "39\nVARUH, p.3.\n40\nVARUH, p.4.\n38\n\n-----\n";

TEST(RestoreDisplacedNoteNumbersTest, MovesTheNumberBeforeItsNote) {
  EXPECT_EQ(
      RestoreDisplacedNoteNumbers(kDisplaced, {{"37", "VARUH, p.4."},
                                               {"38", "COE-ECRI, pp.24-25."},
                                               {"39", "VARUH, p.3."},
                                               {"40", "VARUH, p.4."}}),
      "A/HRC/WG.6/7/SVN/3\nPage 13\n37\n\nVARUH, p.4.\n38\n"
      "COE-ECRI, pp.24-25.\n39\nVARUH, p.3.\n40\nVARUH, p.4.\n\n"
      "-----\n");
}

TEST(RestoreDisplacedNoteNumbersTest, NotesNumberedOnTheirLines) {
  // A/HRC/WG.6/34/SVN/2 page 13: "N text" lines, 143's number at the end.
  EXPECT_EQ(RestoreDisplacedNoteNumbers(
                "142\n\nCERD/C/SVN/CO/8-11, para. 13.\nA/HRC/40/64/Add.1, "
                "para. 73.\n144 CERD/C/SVN/CO/8-11, para. 13.\n143\n\n14\n",
                {{"142", "CERD/C/SVN/CO/8-11, para. 13."},
                 {"143", "A/HRC/40/64/Add.1, para. 73."},
                 {"144", "CERD/C/SVN/CO/8-11, para. 13."}}),
            "142\n\nCERD/C/SVN/CO/8-11, para. 13.\n143\nA/HRC/40/64/Add.1, "
            "para. 73.\n144 CERD/C/SVN/CO/8-11, para. 13.\n\n14\n");
}

TEST(RestoreDisplacedNoteNumbersTest,
     SameWordsElsewhereChoosesAfterThePrevious) {
  // "VARUH, p.4." opens notes 36 and 38; only the second one lost its number.
  EXPECT_EQ(
      RestoreDisplacedNoteNumbers(
          "36\nVARUH, p.4.\n37\nAI, p.2.\nVARUH, p.4.\n39\nAI, p.3.\n38\n",
          {{"38", "VARUH, p.4."}}),
      "36\nVARUH, p.4.\n37\nAI, p.2.\n38\nVARUH, p.4.\n39\nAI, p.3.\n");
}

TEST(RestoreDisplacedNoteNumbersTest, NumbersInPlaceChangeNothing) {
  const std::string in_place =
      "37\n\nVARUH, p.4.\n38 COE-ECRI, pp.24-25.\n39\nVARUH, p.3.\n13\n";
  EXPECT_EQ(
      RestoreDisplacedNoteNumbers(in_place, {{"37", "VARUH, p.4."},
                                             {"38", "COE-ECRI, pp.24-25."},
                                             {"39", "VARUH, p.3."}}),
      in_place);
  // A number the text does not hold alone, or words it does not hold.
  EXPECT_EQ(RestoreDisplacedNoteNumbers(
                kDisplaced, {{"41", "VARUH, p.4."}, {"38", "AI, p.9."}}),
            kDisplaced);
}

TEST(MayHaveDisplacedNoteNumbersTest, NumberWithoutTextBesideItsNeighbours) {
  EXPECT_TRUE(MayHaveDisplacedNoteNumbers(kDisplaced));
  EXPECT_TRUE(MayHaveDisplacedNoteNumbers(
      "31 CRPD/C/SVN/CO/1, para. 25.\nCCPR/C/SVN/CO/3, para. 13.\n"
      "33 A/HRC/30/43/Add.1, para. 21.\n32\n\n12\n"));
}

TEST(MayHaveDisplacedNoteNumbersTest, PageNumbersAndPlacedNotes) {
  // Each number is followed by its text, and the page number is no note's
  // neighbour.
  EXPECT_FALSE(MayHaveDisplacedNoteNumbers(
      "Page 13\n37\nVARUH, p.4.\n38\nCOE-ECRI, pp.24-25.\n\n13\n"));
  EXPECT_FALSE(MayHaveDisplacedNoteNumbers(
      "1.\nThe Working Group held its session.\n\n\n4\n"));
}

}  // namespace
}  // namespace rapporteur::ingest
