#include "lib/extraction/report_text.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

#ifndef RAPPORTEUR_SOURCE_DIR
#define RAPPORTEUR_SOURCE_DIR "/work/main"
#endif

namespace rapporteur::ingest {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::SizeIs;
using ::testing::StartsWith;

constexpr std::string_view kSep = " \xE2\x80\xBA ";  // " › "
constexpr std::string_view kSituation = "I. SITUATION OF HUMAN RIGHTS";

std::filesystem::path CorpusDir() {
  const char* dir = std::getenv("RAPPORTEUR_CORPUS_DIR");
  if (dir != nullptr && *dir != '\0') return dir;
  return RAPPORTEUR_SOURCE_DIR "/../shared/corpus";
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::stringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string Path(std::string_view a, std::string_view b) {
  return std::string(a) + std::string(kSep) + std::string(b);
}

// ---- A/HRC/7/20, the reference document: results must be exact.

class ReportTextAHrc720Test : public ::testing::Test {
 protected:
  static const std::string& Text() {
    static const std::string* text =
        new std::string(ReadFile(CorpusDir() / "A_HRC_7_20.txt"));
    return *text;
  }
  static const ReportText& Report() {
    static const ReportText* report = new ReportText(ParseReportText(Text()));
    return *report;
  }
  void SetUp() override {
    ASSERT_FALSE(Text().empty())
        << "cannot read " << CorpusDir() / "A_HRC_7_20.txt"
        << "; set RAPPORTEUR_CORPUS_DIR";
  }
  static const TextParagraph& Para(int number) {
    for (const TextParagraph& p : Report().paragraphs) {
      if (p.number == number) return p;
    }
    static const TextParagraph kMissing;
    ADD_FAILURE() << "no paragraph " << number;
    return kMissing;
  }
};

TEST_F(ReportTextAHrc720Test, NumberedParagraphsAreOneToEightyThreeInOrder) {
  std::vector<int> numbers;
  for (const TextParagraph& p : Report().paragraphs) {
    if (p.number != 0) numbers.push_back(p.number);
  }
  std::vector<int> expected;
  for (int n = 1; n <= 83; ++n) expected.push_back(n);
  EXPECT_THAT(numbers, ElementsAreArray(expected));
}

TEST_F(ReportTextAHrc720Test, ParagraphLinesPointAtTheirNumbers) {
  std::vector<std::string> lines = SplitLines(Text());
  for (const TextParagraph& p : Report().paragraphs) {
    if (p.number == 0) continue;
    ASSERT_GE(p.line, 1);
    ASSERT_LE(p.line, static_cast<int>(lines.size()));
    std::string line = lines[p.line - 1];
    EXPECT_THAT(line.substr(line.find_first_not_of(' ')),
                StartsWith(std::to_string(p.number) + "."))
        << "paragraph " << p.number;
  }
  EXPECT_EQ(Para(1).line, 23);
  EXPECT_EQ(Para(10).line, 131);
  EXPECT_EQ(Para(83).line, 871);
}

TEST_F(ReportTextAHrc720Test, SummaryIsUnnumberedAndComesFirst) {
  const std::vector<TextParagraph>& paragraphs = Report().paragraphs;
  ASSERT_THAT(paragraphs, SizeIs(86));
  // The summary has no paragraph numbers; a sentence ending short of the
  // right margin ends one of its paragraphs.
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(paragraphs[i].number, 0);
    EXPECT_EQ(paragraphs[i].section, "Summary");
    EXPECT_THAT(paragraphs[i].footnotes, IsEmpty());
  }
  EXPECT_THAT(
      paragraphs[0].text,
      AllOf(
          StartsWith(
              "The present report of the Special Rapporteur on the situation"),
          EndsWith("thus providing more humanitarian space in a variety of "
                   "settings.")));
  EXPECT_EQ(paragraphs[0].line, 2);
  EXPECT_THAT(paragraphs[1].text,
              AllOf(StartsWith("The human rights situation in the Democratic"),
                    EndsWith("violations: the impunity factor?")));
  EXPECT_THAT(
      paragraphs[2].text,
      AllOf(StartsWith("While much depends upon global-local political will"),
            EndsWith("improvement of the protection of human rights in the "
                     "country.")));
  EXPECT_EQ(paragraphs[3].number, 1);
}

TEST_F(ReportTextAHrc720Test, CalloutsAreRemovedAndRecorded) {
  EXPECT_THAT(
      Para(4).text,
      HasSubstr(
          "should be welcomed and be further consolidated. This was advanced"));
  EXPECT_THAT(Para(4).footnotes, ElementsAre(1));
  // "$914.2 Growth": 2 is the expected callout; "15.6 per cent" is a number.
  EXPECT_THAT(Para(6).text,
              AllOf(HasSubstr("estimated at $914. Growth has taken place"),
                    EndsWith("1 per cent per annum in 2006.")));
  EXPECT_THAT(Para(6).footnotes, ElementsAre(2, 3));
  EXPECT_THAT(Para(7).text,
              HasSubstr("deficit of around $1.001 billion. External debt"));
  EXPECT_THAT(Para(7).footnotes, ElementsAre(4, 5));
  EXPECT_THAT(Para(9).text,
              AllOf(HasSubstr("military expenditure at 15.6 per cent"),
                    HasSubstr("at 2.3 per cent. The share of"),
                    EndsWith("drag on the economic recovery.\xE2\x80\x9D")));
  EXPECT_THAT(Para(9).footnotes, ElementsAre(6, 7));
  EXPECT_THAT(Para(22).text, EndsWith("to include translators.\xE2\x80\x9D"));
  EXPECT_THAT(Para(29).text,
              HasSubstr("in his previous reports the status of those"));
  EXPECT_THAT(Para(30).footnotes, ElementsAre(18, 19));
  EXPECT_THAT(Para(46).text,
              HasSubstr("a non-binding resolution. There may also be"));
  EXPECT_THAT(Para(46).footnotes, ElementsAre(21));

  std::vector<int> all;
  for (const TextParagraph& p : Report().paragraphs) {
    all.insert(all.end(), p.footnotes.begin(), p.footnotes.end());
  }
  std::vector<int> expected;
  for (int n = 1; n <= 21; ++n) expected.push_back(n);
  EXPECT_THAT(all, ElementsAreArray(expected));
}

TEST_F(ReportTextAHrc720Test, ParagraphsContinueAcrossFootnoteBlocks) {
  EXPECT_THAT(
      Para(8).text,
      AllOf(
          StartsWith(
              "The development process is faced with the lack of equity - "),
          HasSubstr(
              "powers-that-be benefit. There is no genuine people\xE2\x80\x99s "
              "participation - a key determinant"),
          EndsWith("which shape the potential for human development.")));
  EXPECT_THAT(Para(8).footnotes, IsEmpty());
  EXPECT_THAT(Para(25).text,
              HasSubstr("video and TV programmes from the Republic of Korea."));
  EXPECT_THAT(
      Para(29).text,
      HasSubstr("at a later stage. There have been reports of greater"));
  EXPECT_THAT(
      Para(47).text,
      HasSubstr("some aspects of human rights through bilateral contacts"));
  for (const TextParagraph& p : Report().paragraphs) {
    EXPECT_THAT(
        p.text,
        AllOf(Not(HasSubstr("Databook")), Not(HasSubstr("Library of Congress")),
              Not(HasSubstr("Ibid.")), Not(HasSubstr("White Paper 2007")),
              Not(HasSubstr("  ")), Not(StartsWith(" ")), Not(EndsWith(" ")),
              Not(HasSubstr("-----"))))
        << "paragraph " << p.number;
  }
}

TEST_F(ReportTextAHrc720Test, WholeParagraphs) {
  EXPECT_THAT(
      Para(49).text,
      AllOf(StartsWith("On 22 February 2007, the Special Rapporteur sent one "
                       "communication "
                       "to the Government of the Democratic "
                       "People\xE2\x80\x99s Republic "
                       "of Korea, in connection with two soldiers"),
            HasSubstr(
                "the commander and vice-commander of a border post near the "
                "town of "
                "Hoeryong, in North Hamgyong province. They were reportedly"),
            EndsWith("The Government of the Democratic People\xE2\x80\x99s "
                     "Republic of "
                     "Korea did not reply to this communication.")));
  EXPECT_EQ(Para(49).line, 512);
  EXPECT_THAT(Para(26).text,
              AllOf(StartsWith("Particularly disquieting is the continuing use "
                               "of public executions"),
                    EndsWith("degrading treatment of those who are dead.")));
  EXPECT_THAT(Para(26).footnotes, ElementsAre(16));
  // Bulleted lists stay in their paragraph; the closing rule "-----" is not
  // text.
  EXPECT_THAT(
      Para(83).text,
      AllOf(StartsWith(
                "The international community is invited to take the following "
                "measures: \xE2\x88\x92 Emphasize more strongly"),
            EndsWith("State responsibility and/or individual criminal "
                     "responsibility.")));
  // A dash after a space at a line end stays a dash.
  EXPECT_THAT(Para(80).text,
              HasSubstr("with family- and community-based networks"));
}

TEST_F(ReportTextAHrc720Test, Footnotes) {
  const std::vector<TextFootnote>& notes = Report().footnotes;
  ASSERT_THAT(notes, SizeIs(20));
  for (int i = 0; i < 20; ++i) EXPECT_EQ(notes[i].number, i + 1);
  EXPECT_EQ(notes[0].text,
            "North Korea\xE2\x80\x99s Nuclear Programmes: Getting Technical, "
            "The Economist, "
            "10-16 November 2007, p. 42.");
  EXPECT_EQ(notes[0].line, 64);
  EXPECT_EQ(notes[2].text,
            "Library of Congress - Federal Research Division - County Profile: "
            "North Korea, "
            "July 2007, p. 9. North-East Asia.");
  EXPECT_EQ(notes[3].text, "North-East Asia Economic Databook, p. 53.");
  EXPECT_EQ(notes[10].text,
            "See OCHA, Situation Report No. 7, 10 September 2007, on Floods in "
            "the country, and "
            "WFP DPRK, Floods Rapid Assessment Report, August 2007, p. 1.");
  EXPECT_EQ(notes[15].text,
            "D. Hawk, Concentrations of Inhumanity, Freedom House, Washington, "
            "2007, pp. 9-10.");
  EXPECT_THAT(
      notes[17].text,
      AllOf(StartsWith("Ho Kyung-hwa, \xE2\x80\x9CThe Human Rights Status"),
            EndsWith("Secretariat of the Fourth General Assembly of "
                     "IPCNKR, Seoul, 2007, pp. 24-33.")));
  EXPECT_EQ(notes[18].text, "See note 17 above.");
  EXPECT_EQ(notes[19].text, "A/HRC/4/15, para. 30, and A/62/264, para. 42.");
}

TEST_F(ReportTextAHrc720Test, MissingNoteTwentyOneIsTheOnlyWarning) {
  std::vector<std::string> lines = SplitLines(Text());
  int callout_line = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].find("non-binding resolution.21") != std::string::npos)
      callout_line = i + 1;
  }
  ASSERT_EQ(callout_line, 492);
  ASSERT_THAT(Report().warnings, SizeIs(1));
  EXPECT_THAT(Report().warnings[0].message, HasSubstr("21"));
  EXPECT_EQ(Report().warnings[0].line, callout_line);
}

TEST_F(ReportTextAHrc720Test, Sections) {
  std::vector<std::string> paths;
  std::vector<int> levels;
  for (const TextSection& s : Report().sections) {
    paths.push_back(s.path);
    levels.push_back(s.level);
  }
  const std::string visits = "III. COUNTRY VISITS";
  EXPECT_THAT(
      paths,
      ElementsAre(
          "Summary", "Introduction", kSituation,
          Path(kSituation,
               "A. Human rights and the development process: the inequity "
               "factor?"),
          Path(
              kSituation,
              "B. Access to food and other necessities: the disparity factor?"),
          Path(kSituation, "C. Rights and freedoms: the insecurity factor?"),
          Path(kSituation,
               "D. Displacement and asylum: the (im)mobility factor?"),
          Path(kSituation,
               "E. Groups of special concern: the inequality factor?"),
          Path(kSituation,
               "F. Consequences of violence and violations: the impunity "
               "factor?"),
          "II. COMMUNICATIONS", visits,
          Path(visits, "A. Mongolia (15-21 December 2007)"),
          Path(visits, "B. Japan (15-19 January 2008)"),
          Path(visits, "C. The Republic of Korea (19-24 January 2008)"),
          "IV. RECOMMENDATIONS"));
  EXPECT_THAT(levels, ElementsAre(1, 1, 1, 2, 2, 2, 2, 2, 2, 1, 1, 2, 2, 2, 1));
  const std::vector<TextSection>& sections = Report().sections;
  EXPECT_EQ(sections[0].line, 1);
  EXPECT_EQ(sections[2].heading, kSituation);
  EXPECT_EQ(sections[2].line, 68);
  EXPECT_EQ(sections[4].heading,
            "B. Access to food and other necessities: the disparity factor?");
  EXPECT_EQ(sections[4].line, 180);
}

TEST_F(ReportTextAHrc720Test, ParagraphSections) {
  EXPECT_EQ(Para(1).section, "Introduction");
  EXPECT_EQ(Para(4).section, "Introduction");
  EXPECT_EQ(Para(5).section, kSituation);
  EXPECT_EQ(
      Para(16).section,
      Path(kSituation,
           "B. Access to food and other necessities: the disparity factor?"));
  EXPECT_EQ(
      Para(43).section,
      Path(kSituation,
           "F. Consequences of violence and violations: the impunity factor?"));
  EXPECT_EQ(Para(49).section, "II. COMMUNICATIONS");
  EXPECT_EQ(Para(51).section,
            Path("III. COUNTRY VISITS", "A. Mongolia (15-21 December 2007)"));
  EXPECT_EQ(Para(70).section,
            Path("III. COUNTRY VISITS",
                 "C. The Republic of Korea (19-24 January 2008)"));
  EXPECT_EQ(Para(83).section, "IV. RECOMMENDATIONS");
}

// ---- Small hand-made inputs.

std::vector<int> Numbers(const ReportText& report) {
  std::vector<int> numbers;
  for (const TextParagraph& p : report.paragraphs) numbers.push_back(p.number);
  return numbers;
}

TEST(ReportTextTest, EmptyInput) {
  for (std::string_view text : {"", "\n", "   \n\n\t\n", "\f\f\n"}) {
    ReportText report = ParseReportText(text);
    EXPECT_THAT(report.sections, IsEmpty());
    EXPECT_THAT(report.paragraphs, IsEmpty());
    EXPECT_THAT(report.footnotes, IsEmpty());
    EXPECT_THAT(report.warnings, IsEmpty());
  }
}

TEST(ReportTextTest, NumberingOutOfSequenceWarns) {
  ReportText report = ParseReportText(
      "1. First paragraph of the text.\n"
      "2. Second paragraph of the text.\n"
      "4. Fourth paragraph, the third is missing.\n"
      "3. Third paragraph, too late.\n"
      "5.\n"
      "Fifth paragraph.\n");
  EXPECT_THAT(Numbers(report), ElementsAre(1, 2, 4, 5));
  ASSERT_THAT(report.warnings, SizeIs(2));
  EXPECT_THAT(report.warnings[0].message,
              AllOf(HasSubstr("4"), HasSubstr("2")));
  EXPECT_EQ(report.warnings[0].line, 3);
  EXPECT_THAT(report.warnings[1].message, HasSubstr("3"));
  EXPECT_EQ(report.warnings[1].line, 4);
  EXPECT_EQ(
      report.paragraphs[2].text,
      "Fourth paragraph, the third is missing. 3. Third paragraph, too late.");
  EXPECT_EQ(report.paragraphs[3].text, "Fifth paragraph.");
}

TEST(ReportTextTest, DuplicateNumberWarns) {
  ReportText report = ParseReportText("1.\nOne.\n2.\nTwo.\n2.\nTwo again.\n");
  EXPECT_THAT(Numbers(report), ElementsAre(1, 2));
  ASSERT_THAT(report.warnings, SizeIs(1));
  EXPECT_EQ(report.warnings[0].line, 5);
}

TEST(ReportTextTest, ListNumberedInsideAParagraphStaysInIt) {
  ReportText report = ParseReportText(
      "1. First.\n2. Second.\n3. The following were recommended:\n"
      "1.\nTo do this;\n2.\nTo do that.\n4. Next.\n");
  EXPECT_THAT(Numbers(report), ElementsAre(1, 2, 3, 4));
  EXPECT_THAT(report.warnings, IsEmpty());
  EXPECT_EQ(report.paragraphs[2].text,
            "The following were recommended: 1. To do this; 2. To do that.");
}

TEST(ReportTextTest, YearAtLineStartIsNotAParagraph) {
  ReportText report = ParseReportText(
      "1. The session was held in February\n2010. The review took place "
      "then.\n2. Next.\n");
  EXPECT_THAT(Numbers(report), ElementsAre(1, 2));
  EXPECT_EQ(
      report.paragraphs[0].text,
      "The session was held in February 2010. The review took place then.");
}

TEST(ReportTextTest, Hyphenation) {
  ReportText report = ParseReportText(
      "1. The inter-\n"
      "national community took a top-\n"
      "down view; a top-down view is common. The inter-\n"
      "Korean summit of 2010\xE2\x80\x93\n"
      "2015 covered pre-\n"
      "and post-harvest losses, the lack of equity -\n"
      "inequity - and more.\n");
  ASSERT_THAT(report.paragraphs, SizeIs(1));
  EXPECT_EQ(report.paragraphs[0].text,
            "The international community took a top-down view; a top-down view "
            "is common. The "
            "inter-Korean summit of 2010\xE2\x80\x93"
            "2015 covered pre- and post-harvest losses, the lack of equity - "
            "inequity - and more.");
}

TEST(ReportTextTest, FootnoteBlockInsideAParagraph) {
  ReportText report = ParseReportText(
      "Introduction\n"
      "1.\n"
      "The text cites a source.1 It goes on and cites\n"
      "another.2 Then the page ends\n"
      "\n"
      "1\n"
      "\n"
      "First source, wrapped over\n"
      "two lines.\n"
      "\n"
      "2\n"
      "\n"
      "Second source.\n"
      " and the paragraph resumes on the next page.3\n"
      "2. Another paragraph.\n");
  EXPECT_THAT(Numbers(report), ElementsAre(1, 2));
  EXPECT_EQ(report.paragraphs[0].section, "Introduction");
  EXPECT_EQ(report.paragraphs[0].text,
            "The text cites a source. It goes on and cites another. Then the "
            "page ends and the "
            "paragraph resumes on the next page.");
  EXPECT_THAT(report.paragraphs[0].footnotes, ElementsAre(1, 2, 3));
  ASSERT_THAT(report.footnotes, SizeIs(2));
  EXPECT_EQ(report.footnotes[0].text, "First source, wrapped over two lines.");
  EXPECT_EQ(report.footnotes[0].line, 6);
  EXPECT_EQ(report.footnotes[1].text, "Second source.");
  ASSERT_THAT(report.warnings, SizeIs(1));
  EXPECT_THAT(report.warnings[0].message, HasSubstr("3"));
  EXPECT_EQ(report.warnings[0].line, 14);
}

TEST(ReportTextTest, EndnotesAndPageFurniture) {
  ReportText report = ParseReportText(
      "I.\n"
      "\n"
      "Background and framework\n"
      "1.\n"
      "The Committee recommended ratification.1 It also noted a\n"
      "\n"
      "2\n"
      "\n"
      "\fA/HRC/WG.6/1/XYZ/2\n"
      "\n"
      "gap in the law. 2\n"
      "GE.20-12345\n"
      "Notes\n"
      "1 CERD/C/XYZ/CO/1, para. 5.\n"
      "2\n"
      "Ibid., para. 6.\n");
  EXPECT_THAT(Numbers(report), ElementsAre(1));
  EXPECT_EQ(report.paragraphs[0].section, "I. Background and framework");
  EXPECT_EQ(report.paragraphs[0].text,
            "The Committee recommended ratification. It also noted a gap in "
            "the law.");
  EXPECT_THAT(report.paragraphs[0].footnotes, ElementsAre(1, 2));
  ASSERT_THAT(report.footnotes, SizeIs(2));
  EXPECT_EQ(report.footnotes[0].text, "CERD/C/XYZ/CO/1, para. 5.");
  EXPECT_EQ(report.footnotes[1].text, "Ibid., para. 6.");
  EXPECT_THAT(report.warnings, IsEmpty());
}

TEST(ReportTextTest, HeadingLevelsAndContinuations) {
  ReportText report = ParseReportText(
      "II. SCOPE OF INTERNATIONAL OBLIGATIONS AND\n"
      "COOPERATION WITH MECHANISMS\n"
      "A. Visits\n"
      "(1-5 May 2020)\n"
      "1. Equality and non-discrimination\n"
      "1. The text of the first paragraph.\n"
      "B. Another letter\n"
      "2. The text of the second paragraph.\n");
  std::vector<std::string> headings;
  std::vector<int> levels;
  for (const TextSection& s : report.sections) {
    headings.push_back(s.heading);
    levels.push_back(s.level);
  }
  EXPECT_THAT(headings, ElementsAre("II. SCOPE OF INTERNATIONAL OBLIGATIONS "
                                    "AND COOPERATION WITH MECHANISMS",
                                    "A. Visits (1-5 May 2020)",
                                    "1. Equality and non-discrimination",
                                    "B. Another letter"));
  EXPECT_THAT(levels, ElementsAre(1, 2, 3, 2));
  ASSERT_THAT(report.paragraphs, SizeIs(2));
  EXPECT_EQ(
      report.paragraphs[0].section,
      "II. SCOPE OF INTERNATIONAL OBLIGATIONS AND COOPERATION WITH MECHANISMS" +
          std::string(kSep) + "A. Visits (1-5 May 2020)" + std::string(kSep) +
          "1. Equality and non-discrimination");
  EXPECT_EQ(report.paragraphs[1].section,
            Path("II. SCOPE OF INTERNATIONAL OBLIGATIONS AND COOPERATION WITH "
                 "MECHANISMS",
                 "B. Another letter"));
}

// ---- Furniture: what is removed from the text is listed, in source order.

std::vector<std::string> FurnitureTexts(const ReportText& report,
                                        TextFurniture::Kind kind) {
  std::vector<std::string> texts;
  for (const TextFurniture& f : report.furniture) {
    if (f.kind == kind) texts.push_back(f.text);
  }
  return texts;
}

TEST(ReportTextTest, FurnitureIsListed) {
  ReportText report = ParseReportText(
      "United Nations          A/HRC/1/2\n"  // a masthead column
      "GE.20-12345\n"
      "Contents\n"
      "Paragraphs Page\n"
      "I. Background ........ 1\xE2\x80\x93"
      "2 3\n"
      "\n"
      "I. Background and cooperation1\n"
      "1. The Committee recommended ratification.\n"
      "2\n"
      "\fA/HRC/1/2\n"
      "2. It noted a gap.2\n"
      "Notes\n"
      "before any note\n"
      "1 CERD/C/XYZ/CO/1, para. 5.\n"
      "2\n"
      "CAT/C/XYZ/CO/3/Add.1.\n");  // a lone reference: note text
  using Kind = TextFurniture::Kind;
  EXPECT_THAT(FurnitureTexts(report, Kind::kMasthead),
              ElementsAre("A/HRC/1/2"));
  EXPECT_THAT(FurnitureTexts(report, Kind::kRunningHead),
              ElementsAre("A/HRC/1/2"));
  EXPECT_THAT(FurnitureTexts(report, Kind::kJobNumber),
              ElementsAre("GE.20-12345"));
  EXPECT_THAT(FurnitureTexts(report, Kind::kPageNumber), ElementsAre("2"));
  EXPECT_THAT(FurnitureTexts(report, Kind::kFormFeed), ElementsAre("\f"));
  EXPECT_THAT(FurnitureTexts(report, Kind::kContents),
              ElementsAre("Contents", "Paragraphs Page",
                          "I. Background ........ 1\xE2\x80\x93"
                          "2 3"));
  EXPECT_THAT(FurnitureTexts(report, Kind::kNotesHeading),
              ElementsAre("Notes"));
  EXPECT_THAT(FurnitureTexts(report, Kind::kUnplaced),
              ElementsAre("before any note"));
  for (size_t i = 1; i < report.furniture.size(); ++i) {
    EXPECT_LE(report.furniture[i - 1].line, report.furniture[i].line);
  }
  ASSERT_THAT(report.paragraphs, SizeIs(3));
  EXPECT_EQ(report.paragraphs[0].text, "United Nations");
  EXPECT_THAT(report.paragraphs[1].footnotes, IsEmpty());
  ASSERT_THAT(report.sections, SizeIs(1));
  EXPECT_EQ(report.sections[0].heading, "I. Background and cooperation");
  EXPECT_THAT(report.sections[0].footnotes, ElementsAre(1));
  EXPECT_THAT(report.paragraphs[2].footnotes, ElementsAre(2));
  ASSERT_THAT(report.footnotes, SizeIs(2));
  EXPECT_EQ(report.footnotes[1].text, "CAT/C/XYZ/CO/3/Add.1.");
}

// ---- Other UN documents: different layouts, must parse sensibly.

// Lower bounds on numbered paragraphs, checked against the documents: all
// paragraphs 1..N are found in both the reading-order and the -layout text,
// except one of the 53 of A/HRC/WG.6/20/SVN/2 in its -layout text (tables).
const std::map<std::string, int>& KnownParagraphCounts() {
  static const auto* counts =
      new std::map<std::string, int>{{"A_HRC_14_15", 113},
                                     {"A_HRC_WG.6_20_SVN_2", 50},
                                     {"A_HRC_WG.6_34_SVN_2", 78},
                                     {"A_HRC_WG.6_7_SVN_3", 49}};
  return *counts;
}

TEST(ReportTextTest, OtherUnDocuments) {
  std::filesystem::path dir = CorpusDir() / "un";
  ASSERT_TRUE(std::filesystem::is_directory(dir)) << dir;
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".txt") continue;
    ++files;
    std::string name = entry.path().filename().string();
    std::string stem = name.substr(0, name.find(".txt"));
    if (stem.ends_with(".layout")) stem.resize(stem.size() - 7);
    SCOPED_TRACE(name);
    ReportText report = ParseReportText(ReadFile(entry.path()));
    std::vector<int> numbers;
    for (const TextParagraph& p : report.paragraphs) {
      if (p.number != 0) numbers.push_back(p.number);
    }
    auto known = KnownParagraphCounts().find(stem);
    int lower_bound = known == KnownParagraphCounts().end() ? 1 : known->second;
    EXPECT_GE(static_cast<int>(numbers.size()), lower_bound);
    for (size_t i = 1; i < numbers.size(); ++i)
      EXPECT_GT(numbers[i], numbers[i - 1]);
    for (size_t i = 1; i < report.footnotes.size(); ++i) {
      EXPECT_GT(report.footnotes[i].number, report.footnotes[i - 1].number);
    }
    for (const TextWarning& w : report.warnings)
      EXPECT_GT(w.line, 0) << w.message;
  }
  EXPECT_GE(files, 8);
}

TEST(ReportTextTest, SlovenianCompilationHasItsEndnotes) {
  ReportText report =
      ParseReportText(ReadFile(CorpusDir() / "un" / "A_HRC_WG.6_34_SVN_2.txt"));
  ASSERT_GE(report.footnotes.size(), 140u);
  EXPECT_EQ(report.footnotes[1].number, 2);
  EXPECT_EQ(report.footnotes[1].text,
            "For relevant recommendations, see A/HRC/28/15, paras. 115.1, "
            "115.4\xE2\x80\x93"
            "115.17 and 115.133.");
  ASSERT_FALSE(report.sections.empty());
  EXPECT_EQ(report.sections[0].heading, "I. Background");
}

}  // namespace
}  // namespace rapporteur::ingest

namespace rapporteur::ingest {
namespace {

// Found by the fuzzer: a "0" in the notes area is no note (notes count
// from 1), so note numbers stay unique and ascending.
// A/HRC/22/13 (Zambia) para. 104: the number alone, then a short line
// without a final period, laid out like a "1. Equality" heading, but it
// introduces the items 104.1... of its own paragraph.
TEST(ReportTextTest, NumberedLineBeforeItsItemsIsAParagraph) {
  const ReportText report = ParseReportText(
      "II. Conclusions and/or recommendations\n"
      "1.\n"
      "\n"
      "The recommendations below will be examined by Zambia:\n"
      "1.1. Abolish the death penalty in law and in practice, and accede to "
      "the "
      "Second\n"
      "Optional Protocol to the International Covenant on Civil and Political "
      "Rights,\n"
      "aiming at the abolition of the death penalty, and commute the sentences "
      "of all\n"
      "those on death row (Italy);\n"
      "2.\n"
      "\n"
      "The recommendations below did not enjoy the support of Zambia\n"
      "2.1.\n"
      "Follow up on the recommendations of its National Aids Council "
      "(Netherlands);\n");
  ASSERT_EQ(report.sections.size(), 1u);
  ASSERT_EQ(report.paragraphs.size(), 2u);
  EXPECT_EQ(report.paragraphs[1].number, 2);
  EXPECT_THAT(report.paragraphs[1].text,
              ::testing::StartsWith("The recommendations below did not enjoy "
                                    "the support of Zambia 2.1."));
}

// Numbers past 9999 are paragraphs of their own, not text of 9999.
TEST(ReportTextTest, ParagraphNumbersPast9999) {
  std::string text;
  for (int n = 1; n <= 10002; ++n) {
    absl::StrAppend(&text, n, ". Paragraph number ", n, " ends here.\n");
  }
  const ReportText report = ParseReportText(text);
  ASSERT_EQ(report.paragraphs.size(), 10002u);
  EXPECT_EQ(report.paragraphs[9999].number, 10000);
  EXPECT_EQ(report.paragraphs[9999].text, "Paragraph number 10000 ends here.");
  EXPECT_EQ(report.paragraphs.back().number, 10002);
  EXPECT_TRUE(report.warnings.empty());
}

TEST(ReportTextRegressionTest, ZeroIsNoNoteNumber) {
  const ReportText report = ParseReportText(
      "1. Text with a callout.1\n"
      "Notes\n"
      "1 A first note.\n"
      "0\n"
      "    See A/HRC/7/20, para. 5.\n");
  int last = 0;
  for (const TextFootnote& note : report.footnotes) {
    EXPECT_GT(note.number, last);
    last = note.number;
  }
  ASSERT_FALSE(report.footnotes.empty());
  EXPECT_EQ(report.footnotes.front().number, 1);
}

}  // namespace
}  // namespace rapporteur::ingest
