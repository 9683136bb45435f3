#include "lib/extraction/communications.h"

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

TextParagraph Para(int number, int line, std::string text) {
  TextParagraph p;
  p.number = number;
  p.line = line;
  p.text = std::move(text);
  return p;
}

TEST(FindCommunicationsTest, SampleReportParagraph49) {
  std::vector<TextWarning> warnings;
  auto comms =
      FindCommunications(ParseReportText(rapporteur::testing::SampleReport()),
                         Context({"PRK"}, "2008-02-15"), &warnings);
  // Para 50 speaks of communications "received by him": not sent.
  ASSERT_THAT(comms, SizeIs(1));
  EXPECT_EQ(comms[0].paragraph, 49);
  EXPECT_EQ(comms[0].sent, "2007-02-22");
  EXPECT_EQ(comms[0].recipient, "PRK");
  EXPECT_THAT(comms[0].summary,
              ::testing::StartsWith("On 22 February 2007, the Special "
                                    "Rapporteur sent one communication"));
  EXPECT_THAT(comms[0].summary, ::testing::HasSubstr("two soldiers"));
  EXPECT_THAT(comms[0].summary,
              ::testing::HasSubstr("at risk of imminent execution"));
  EXPECT_EQ(comms[0].reply, ReplyKind::kNone);
  EXPECT_THAT(warnings, IsEmpty());
}

TEST(FindCommunicationsTest, RepliesRecipientsAndDates) {
  ReportText report;
  report.paragraphs = {
      Para(1, 10,
           "The Special Rapporteur transmitted an urgent appeal to the "
           "Government of Japan on 3 May 2008 concerning a journalist. The "
           "Government replied on 10 May 2008."),
      Para(2, 20,
           "On 4 June, a letter of allegation was sent to the Government "
           "regarding detention conditions. Then a joint letter was sent to "
           "the Government of Mongolia on 5 June 2008. A reply was received "
           "from Mongolia."),
      Para(3, 30, "In the period under review no communications were sent."),
      Para(4, 40, "He sent a communication to the authorities."),
  };
  std::vector<TextWarning> warnings;
  auto comms =
      FindCommunications(report, Context({"PRK"}, "2008-12-31"), &warnings);
  ASSERT_THAT(comms, SizeIs(4));
  EXPECT_EQ(comms[0].recipient, "JPN");
  EXPECT_EQ(comms[0].sent, "2008-05-03");
  EXPECT_EQ(comms[0].reply, ReplyKind::kReceived);
  // "the Government" alone is the document's country; the year comes from
  // the document's date; the reply told after the second letter is not
  // the first one's.
  EXPECT_EQ(comms[1].recipient, "PRK");
  EXPECT_EQ(comms[1].sent, "2008-06-04");
  EXPECT_EQ(comms[1].reply, ReplyKind::kUnknown);
  EXPECT_EQ(comms[2].recipient, "MNG");
  EXPECT_EQ(comms[2].sent, "2008-06-05");
  EXPECT_EQ(comms[2].reply, ReplyKind::kReceived);
  EXPECT_EQ(comms[3].paragraph, 4);
  EXPECT_EQ(comms[3].recipient, "PRK");
  EXPECT_EQ(comms[3].sent, "");
  ASSERT_THAT(warnings, SizeIs(1));
  EXPECT_EQ(warnings[0].line, 40);
}

TEST(FindCommunicationsTest, EveryUnDocumentRuns) {
  int total = 0;
  for (const char* stem : {"A_HRC_14_15", "A_HRC_WG.6_20_SVN_2",
                           "A_HRC_WG.6_34_SVN_2", "A_HRC_WG.6_7_SVN_3"}) {
    std::vector<TextWarning> warnings;
    auto comms = FindCommunications(
        ParseReportText(rapporteur::testing::ReadFileOrDie(
            rapporteur::testing::CorpusDir() + "/un/" + stem + ".txt")),
        Context({"SVN"}, "2014-08-18"), &warnings);
    total += static_cast<int>(comms.size());
  }
  // A/HRC/WG.6/20/SVN/2: "In the period under review no communications
  // were sent."; the other documents report none sent.
  EXPECT_EQ(total, 0);
}

}  // namespace
}  // namespace rapporteur::ingest
