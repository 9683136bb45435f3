#include "lib/extraction/visits.h"

#include <map>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/extraction/report_text.h"
#include "tests/testing/extraction_context.h"
#include "tests/testing/files.h"

namespace rapporteur::ingest {
namespace {

using ::testing::IsEmpty;
using ::testing::SizeIs;

using ::rapporteur::testing::Context;
using ::rapporteur::testing::FakeCountryCode;

std::vector<TextVisit> VisitsOf(const std::string& text,
                                ExtractionContext context,
                                std::vector<TextWarning>* warnings) {
  return FindVisits(ParseReportText(text), context, warnings);
}

TextParagraph Para(int number, int line, std::string text) {
  TextParagraph p;
  p.number = number;
  p.line = line;
  p.text = std::move(text);
  return p;
}

TEST(FindVisitsTest, SampleReportHasThreeVisits) {
  std::vector<TextWarning> warnings;
  std::vector<TextVisit> visits =
      VisitsOf(rapporteur::testing::SampleReport(),
               Context({"PRK"}, "2008-02-15"), &warnings);
  ASSERT_THAT(visits, SizeIs(3));
  // Each is stated by a heading and by the paragraph under it: the
  // paragraph is recorded.
  EXPECT_EQ(visits[0].country, "MNG");
  EXPECT_EQ(visits[0].start, "2007-12-15");
  EXPECT_EQ(visits[0].end, "2007-12-21");
  EXPECT_EQ(visits[0].paragraph, 51);
  EXPECT_EQ(visits[1].country, "JPN");
  EXPECT_EQ(visits[1].start, "2008-01-15");
  EXPECT_EQ(visits[1].end, "2008-01-19");
  EXPECT_EQ(visits[1].paragraph, 61);
  EXPECT_EQ(visits[2].country, "KOR");
  EXPECT_EQ(visits[2].start, "2008-01-19");
  EXPECT_EQ(visits[2].end, "2008-01-24");
  EXPECT_EQ(visits[2].paragraph, 70);
  // "invited to visit the country" (para 3), "Invite the Special Rapporteur
  // to visit the country" (para 82), "visits of its vessels" (para 66) are
  // not visits; "also visited Mongolia" (para 53) has no dates, but Mongolia
  // has a dated visit.
  EXPECT_THAT(warnings, IsEmpty());
}

TEST(FindVisitsTest, DateForms) {
  ReportText report;
  report.paragraphs = {
      Para(1, 10, "The Special Rapporteur visited Japan 15-19 January 2008."),
      Para(2, 20,
           "He undertook a mission to Mongolia from 28 February to 3 March "
           "2008, meeting officials."),
      Para(3, 30,
           "From 28 December 2007 to 3 January 2008, he paid a visit to "
           "China."),
      Para(4, 40, "He paid a visit to the country on 5 May."),
      Para(5, 50,
           "The Working Group visited the Republic of Korea from 19 to 24 "
           "January."),
  };
  std::vector<TextWarning> warnings;
  auto visits = FindVisits(report, Context({"PRK"}, "2008-02-15"), &warnings);
  ASSERT_THAT(visits, SizeIs(5));
  EXPECT_EQ(visits[0].country, "JPN");
  EXPECT_EQ(visits[0].start, "2008-01-15");
  EXPECT_EQ(visits[0].end, "2008-01-19");
  EXPECT_EQ(visits[1].country, "MNG");
  EXPECT_EQ(visits[1].start, "2008-02-28");
  EXPECT_EQ(visits[1].end, "2008-03-03");
  EXPECT_EQ(visits[2].country, "CHN");
  EXPECT_EQ(visits[2].start, "2007-12-28");
  EXPECT_EQ(visits[2].end, "2008-01-03");
  // No year: the latest 5 May not after the document (2008-02-15).
  EXPECT_EQ(visits[3].country, "PRK");
  EXPECT_EQ(visits[3].start, "2007-05-05");
  EXPECT_EQ(visits[3].end, "2007-05-05");
  EXPECT_EQ(visits[4].country, "KOR");
  EXPECT_EQ(visits[4].start, "2008-01-19");
  EXPECT_EQ(visits[4].end, "2008-01-24");
  EXPECT_THAT(warnings, IsEmpty());
}

TEST(FindVisitsTest, RefusedAndRequestedVisitsAreNotVisits) {
  ReportText report;
  report.paragraphs = {
      Para(1, 10,
           "The Special Rapporteur requested a visit to Japan from 1 to 5 "
           "May 2008."),
      Para(2, 20, "He was invited to visit Mongolia on 3 June 2008."),
      Para(3, 30,
           "His visit to China, planned from 1 to 3 July 2008, was "
           "postponed."),
      Para(4, 40, "The Government would welcome a visit to China."),
  };
  std::vector<TextWarning> warnings;
  EXPECT_THAT(FindVisits(report, Context({"PRK"}, "2008-12-01"), &warnings),
              IsEmpty());
  EXPECT_THAT(warnings, IsEmpty());
}

TEST(FindVisitsTest, VisitWithoutDatesWarnsWithTheLine) {
  ReportText report;
  report.paragraphs = {Para(7, 42, "The Special Rapporteur visited Japan.")};
  std::vector<TextWarning> warnings;
  EXPECT_THAT(FindVisits(report, Context({"PRK"}, ""), &warnings), IsEmpty());
  ASSERT_THAT(warnings, SizeIs(1));
  EXPECT_EQ(warnings[0].line, 42);
  EXPECT_THAT(warnings[0].message, ::testing::HasSubstr("JPN"));
}

TEST(FindVisitsTest, HeadingAloneGivesTheVisit) {
  ReportText report;
  TextSection top;
  top.heading = "III. COUNTRY VISITS";
  top.path = top.heading;
  top.line = 5;
  TextSection japan;
  japan.heading = "B. Japan (15-19 January 2008)";
  japan.path = top.path + " \xE2\x80\xBA " + japan.heading;
  japan.line = 6;
  TextSection other;
  other.heading = "C. Japan (1-3 March 2008)";  // not under a visits heading
  other.path = "II. TALKS \xE2\x80\xBA " + other.heading;
  other.line = 9;
  report.sections = {top, japan, other};
  TextParagraph p = Para(12, 7, "The talks went on.");
  p.section = japan.path;
  report.paragraphs = {p};
  std::vector<TextWarning> warnings;
  auto visits = FindVisits(report, Context({"PRK"}, ""), &warnings);
  ASSERT_THAT(visits, SizeIs(1));
  EXPECT_EQ(visits[0].country, "JPN");
  EXPECT_EQ(visits[0].start, "2008-01-15");
  EXPECT_EQ(visits[0].end, "2008-01-19");
  EXPECT_EQ(visits[0].paragraph, 12);
}

TEST(FindDateRangeTest, Forms) {
  auto r = FindDateRange("sent on 22 February 2007, to", "");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->start, "2007-02-22");
  EXPECT_EQ(r->end, "2007-02-22");
  r = FindDateRange("on February 22, 2007", "");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->start, "2007-02-22");
  r = FindDateRange("between 2 and 4 October 2007", "");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->start, "2007-10-02");
  EXPECT_EQ(r->end, "2007-10-04");
  r = FindDateRange(
      "from 15\xE2\x80\x93"
      "21 December 2007",
      "");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->start, "2007-12-15");
  EXPECT_EQ(r->end, "2007-12-21");
  // No year and no document date: no date.
  EXPECT_FALSE(FindDateRange("on 22 February", "").has_value());
  EXPECT_FALSE(FindDateRange("in 2007, 1,013 people", "2008-01-01"));
  // A backward range is no range; the date that ends it is still a date.
  r = FindDateRange("31 to 3 May 2007", "");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->start, "2007-05-03");
}

TEST(FindVisitsTest, EveryUnDocumentRuns) {
  for (const char* stem : {"A_HRC_14_15", "A_HRC_WG.6_20_SVN_2",
                           "A_HRC_WG.6_34_SVN_2", "A_HRC_WG.6_7_SVN_3"}) {
    std::vector<TextWarning> warnings;
    auto visits =
        VisitsOf(rapporteur::testing::ReadFileOrDie(
                     rapporteur::testing::CorpusDir() + "/un/" + stem + ".txt"),
                 Context({"SVN"}, "2014-08-18"), &warnings);
    for (const TextVisit& v : visits) {
      EXPECT_EQ(v.start.size(), 10u) << stem;
      EXPECT_LE(v.start, v.end) << stem;
    }
  }
}

}  // namespace
}  // namespace rapporteur::ingest
