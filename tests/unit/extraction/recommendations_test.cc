#include "lib/extraction/recommendations.h"

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

#ifndef RAPPORTEUR_SOURCE_DIR
#define RAPPORTEUR_SOURCE_DIR "/work/main"
#endif

namespace rapporteur::ingest {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using ::testing::StartsWith;

using ::rapporteur::testing::Context;
using ::rapporteur::testing::FakeCountryCode;

RecommendationCues Cues() {
  auto cues = ParseRecommendationCues(rapporteur::testing::ReadFileOrDie(
      RAPPORTEUR_SOURCE_DIR "/data/vocabularies/recommendation_cues.tsv"));
  EXPECT_TRUE(cues.ok()) << cues.status();
  return cues.ok() ? *cues : RecommendationCues();
}

std::vector<const TextRecommendation*> OfParagraph(
    const std::vector<TextRecommendation>& all, int paragraph) {
  std::vector<const TextRecommendation*> out;
  for (const TextRecommendation& r : all) {
    if (r.paragraph == paragraph) {
      out.push_back(&r);
    }
  }
  return out;
}

TEST(RecommendationCuesTest, ParsesTheDataFile) {
  RecommendationCues cues = Cues();
  EXPECT_THAT(cues.cues, ::testing::Contains("orientations"));
  EXPECT_THAT(cues.weak_cues, ::testing::Contains("measures"));
  EXPECT_THAT(cues.modals, ::testing::Contains("should"));
  EXPECT_THAT(cues.addressees,
              ::testing::Contains(::testing::Pair("international community",
                                                  "international community")));
}

TEST(RecommendationCuesTest, RejectsUnknownKindAndMissingValue) {
  auto bad_kind = ParseRecommendationCues("# c\ncue\turges\nverb\tsays\n");
  ASSERT_FALSE(bad_kind.ok());
  EXPECT_EQ(bad_kind.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(bad_kind.status().message()),
              ::testing::HasSubstr("line 3"));
  EXPECT_FALSE(ParseRecommendationCues("addressee\tdonors\n").ok());
  EXPECT_FALSE(ParseRecommendationCues("cue\n").ok());
}

class SampleReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    report_ = ParseReportText(rapporteur::testing::SampleReport());
    recs_ = FindRecommendations(report_, Context({"PRK"}, "2008-02-15"), Cues(),
                                &warnings_);
  }
  ReportText report_;
  std::vector<TextRecommendation> recs_;
  std::vector<TextWarning> warnings_;
};

TEST_F(SampleReportTest, OnlyTheListsOfParagraphs60To83) {
  std::vector<int> paragraphs;
  for (const TextRecommendation& r : recs_) {
    if (paragraphs.empty() || paragraphs.back() != r.paragraph) {
      paragraphs.push_back(r.paragraph);
    }
  }
  // 19 ("Developments ... included") and 21 ("notes these challenges") are
  // bullet lists but not recommendations; 62's "(a) ... (c)" neither.
  EXPECT_THAT(paragraphs, ElementsAre(60, 69, 80, 82, 83));
  EXPECT_THAT(OfParagraph(recs_, 60), SizeIs(5));
  EXPECT_THAT(OfParagraph(recs_, 69), SizeIs(6));
  EXPECT_THAT(OfParagraph(recs_, 80), SizeIs(5));
  EXPECT_THAT(OfParagraph(recs_, 82), SizeIs(10));
  EXPECT_THAT(OfParagraph(recs_, 83), SizeIs(5));
  EXPECT_THAT(warnings_, IsEmpty());
}

TEST_F(SampleReportTest, Addressees) {
  for (const TextRecommendation& r : recs_) {
    std::string expected = r.paragraph == 60   ? "MNG"
                           : r.paragraph == 69 ? "JPN"
                           : r.paragraph == 80 ? "KOR"
                           : r.paragraph == 82 ? "PRK"
                                               : "international community";
    EXPECT_EQ(r.addressee, expected) << r.paragraph << "." << r.item;
    EXPECT_THAT(r.recommended_by, IsEmpty());
  }
}

TEST_F(SampleReportTest, ItemsAreNumberedAndCleaned) {
  auto p60 = OfParagraph(recs_, 60);
  ASSERT_THAT(p60, SizeIs(5));
  EXPECT_EQ(p60[0]->item, 1);
  EXPECT_EQ(p60[0]->text,
            "The Special Rapporteur welcomes Mongolia’s consideration of "
            "accession to the Convention on the Status of Refugees and its "
            "Protocol, and urges expeditious accession to these treaties, "
            "complemented by effective implementation at the national and "
            "local levels.");
  EXPECT_EQ(p60[4]->item, 5);
  EXPECT_THAT(p60[4]->text, StartsWith("The Special Rapporteur supports "
                                       "continued and strengthened"));
  auto p82 = OfParagraph(recs_, 82);
  ASSERT_THAT(p82, SizeIs(10));
  EXPECT_EQ(p82[5]->text,
            "Become a party to the Conventions of the International Labour "
            "Organization and implement them effectively");
  EXPECT_THAT(p82[9]->text, StartsWith("Request technical assistance from "
                                       "OHCHR"));
  auto p83 = OfParagraph(recs_, 83);
  ASSERT_THAT(p83, SizeIs(5));
  EXPECT_EQ(p83[4]->text,
            "Address the impunity factor through a variety of entry points "
            "substantively, whether in terms of State responsibility and/or "
            "individual criminal responsibility.");
  for (const TextRecommendation& r : recs_) {
    EXPECT_FALSE(absl::StrContains(r.text, "\xE2\x88\x92")) << r.text;
    EXPECT_FALSE(absl::StrContains(r.text, "  ")) << r.text;
  }
}

TEST(UniversalPeriodicReviewTest, Paragraph111OfA_HRC_14_15) {
  ReportText report = ParseReportText(rapporteur::testing::ReadFileOrDie(
      rapporteur::testing::CorpusDir() + "/un/A_HRC_14_15.txt"));
  std::vector<TextWarning> warnings;
  std::vector<TextRecommendation> recs = FindRecommendations(
      report, Context({"SVN"}, "2010-03-15"), Cues(), &warnings);
  auto p111 = OfParagraph(recs, 111);
  // The report numbers them 1 to 97.
  ASSERT_THAT(p111, SizeIs(97));
  for (size_t i = 0; i < p111.size(); ++i) {
    EXPECT_EQ(p111[i]->item, static_cast<int>(i) + 1);
    EXPECT_EQ(p111[i]->addressee, "SVN");
    EXPECT_THAT(p111[i]->recommended_by, ::testing::Not(IsEmpty()))
        << "item " << i + 1;
  }
  EXPECT_THAT(p111[0]->text,
              StartsWith("To examine the possibility of joining (Algeria)/sign "
                         "and ratify (Egypt)/ratify"));
  EXPECT_THAT(p111[0]->recommended_by, ElementsAre("DZA", "EGY", "BIH", "ARG"));
  EXPECT_THAT(p111[1]->text,
              StartsWith("To ratify (Spain)/consider the possibility of "
                         "ratifying (Argentina) the International Convention"));
  EXPECT_THAT(p111[1]->recommended_by, ElementsAre("ESP", "ARG"));
  // "(Social Security)", "(No. 118)" and "(No. 174)" are not States.
  EXPECT_THAT(p111[2]->text,
              StartsWith("To ratify the ILO Equality of Treatment (Social "
                         "Security) Convention, 1962 (No. 118)"));
  EXPECT_THAT(p111[2]->recommended_by, ElementsAre("ARG"));
  EXPECT_EQ(p111[9]->text,
            "To strengthen the Slovenian Human Rights Ombudsman (Egypt)");
  EXPECT_THAT(p111[9]->recommended_by, ElementsAre("EGY"));
  // Item 35 names a State per clause, separated by ";".
  EXPECT_THAT(p111[34]->recommended_by, ElementsAre("AZE", "ITA", "COL"));
  EXPECT_THAT(p111[13]->recommended_by, ElementsAre("GBR"));
  EXPECT_EQ(p111[96]->text,
            "To establish an effective and inclusive process for follow up on "
            "the recommendations resulting from the present review (Norway).");
  EXPECT_THAT(p111[96]->recommended_by, ElementsAre("NOR"));
  // The PDF puts "public" after item 63's bracket (its line "continuous
  // public manifestations" is split): dropped with a warning.
  EXPECT_EQ(p111[62]->text,
            "To take responsible measures against the continuous "
            "manifestations of hate speech by some politicians (Kazakhstan)");
  ASSERT_THAT(warnings, SizeIs(1));
  EXPECT_THAT(warnings[0].message, ::testing::HasSubstr("111.63"));
  // Paragraph 113's pledges and paragraph 3's document list are lists, not
  // recommendations.
  EXPECT_THAT(OfParagraph(recs, 113), IsEmpty());
  EXPECT_THAT(OfParagraph(recs, 3), IsEmpty());
}

TEST(LetteredListTest, ProseListEndsWithItsSentence) {
  ReportText report;
  TextParagraph p;
  p.number = 25;
  p.line = 7;
  p.text =
      "CRC expressed concern about the definition of violence. It "
      "recommended (a) a comprehensive definition of violence; (b) a "
      "national strategy; and (c) an investigation mechanism. It urged "
      "Slovenia to ban all forms of abuse.";
  report.paragraphs.push_back(p);
  std::vector<TextWarning> warnings;
  auto recs =
      FindRecommendations(report, Context({"SVN"}, ""), Cues(), &warnings);
  ASSERT_THAT(recs, SizeIs(3));
  EXPECT_EQ(recs[0].text, "a comprehensive definition of violence");
  EXPECT_EQ(recs[1].text, "a national strategy");
  EXPECT_EQ(recs[2].text, "an investigation mechanism.");
  EXPECT_EQ(recs[2].addressee, "SVN");
}

TEST(LetteredListTest, LettersWithOnlyAClosingBracket) {
  // A/HRC/11/23 para. 65: "a) ... b) ... c)", the last point in a later
  // sentence.
  ReportText report;
  TextParagraph p;
  p.number = 65;
  p.text =
      "Switzerland recommended that Saudi Arabia a) totally abolish those "
      "punishments; b) establish a moratorium on death penalty. While noting "
      "its steps, Switzerland recommended c) that it ratify OP-CEDAW.";
  report.paragraphs.push_back(p);
  std::vector<TextWarning> warnings;
  auto recs =
      FindRecommendations(report, Context({"SAU"}, ""), Cues(), &warnings);
  ASSERT_THAT(recs, SizeIs(3));
  EXPECT_EQ(recs[0].text, "totally abolish those punishments");
  // Its sentence ends before the next point.
  EXPECT_EQ(recs[1].text, "establish a moratorium on death penalty.");
  EXPECT_EQ(recs[2].text, "that it ratify OP-CEDAW.");
}

// 2009 reports answer points of the dialogue by reference: those points are
// recommendations of the State that made them, with that answer; the other
// points of the dialogue are not.
TEST(UniversalPeriodicReviewTest, DialoguePointsAnsweredByReference) {
  ReportText report;
  TextParagraph italy;
  italy.number = 46;
  italy.section = "I. Summary of the proceedings of the review process";
  italy.text =
      "Italy noted the broad scope of crimes punishable by the death "
      "penalty. It recommended that Saudi Arabia: (a) establish a moratorium "
      "on the death penalty; (b) withdraw the general reservation to CEDAW; "
      "(c) reform its legislation on religious freedom.";
  TextParagraph listed;
  listed.number = 87;
  listed.section = "II. Conclusions and/or recommendations";
  listed.text =
      "The following recommendations will be examined by Saudi Arabia: "
      "87.1. Become a party to the ICCPR (Canada, Italy);";
  TextParagraph answer;
  answer.number = 88;
  answer.section = listed.section;
  answer.text =
      "Saudi Arabia considers that recommendations contained in paragraphs "
      "46 (b) and (c) do not enjoy the support of Saudi Arabia.";
  report.paragraphs = {italy, listed, answer};
  std::vector<TextWarning> warnings;
  auto recs =
      FindRecommendations(report, Context({"SAU"}, ""), Cues(), &warnings);
  ASSERT_THAT(recs, SizeIs(3));
  EXPECT_EQ(recs[0].paragraph, 46);
  EXPECT_EQ(recs[0].item, 2);
  EXPECT_EQ(recs[0].text, "withdraw the general reservation to CEDAW");
  EXPECT_THAT(recs[0].recommended_by, ElementsAre("ITA"));
  EXPECT_EQ(recs[0].addressee, "SAU");
  EXPECT_EQ(recs[0].response, RecommendationResponse::kRejected);
  EXPECT_EQ(recs[1].item, 3);
  EXPECT_EQ(recs[2].paragraph, 87);
  EXPECT_EQ(recs[2].response, RecommendationResponse::kToBeExamined);
  EXPECT_THAT(recs[2].recommended_by, ElementsAre("CAN", "ITA"));
}

// Reading order can put an item's words after its States: "103.51. (Iraq);
// Repeal any law ...". They are still the item's words.
TEST(UniversalPeriodicReviewTest, WordsAfterTheStatesOfAnEmptyItem) {
  ReportText report;
  TextParagraph p;
  p.number = 103;
  p.section = "II. Conclusions and/or recommendations";
  p.text =
      "The recommendations below will be examined by Zambia: 103.1. Abolish "
      "the death penalty (Italy); 103.2. (Iraq); Repeal any law limiting "
      "the right to free expression in the media 103.3. Ratify OP-CAT "
      "(Chile); and";
  report.paragraphs.push_back(p);
  std::vector<TextWarning> warnings;
  auto recs =
      FindRecommendations(report, Context({"ZMB"}, ""), Cues(), &warnings);
  ASSERT_THAT(recs, SizeIs(3));
  EXPECT_EQ(recs[1].text,
            "Repeal any law limiting the right to free expression in the "
            "media (Iraq)");
  EXPECT_THAT(recs[1].recommended_by, ElementsAre("IRQ"));
  EXPECT_THAT(warnings, IsEmpty());
}

// A paragraph without a list: each sentence that recommends is one
// recommendation, made by the State the paragraph opens with.
TEST(ProseTest, SentencesOfAParagraphWithoutList) {
  ReportText report;
  TextParagraph p;
  p.number = 43;
  p.text =
      "Italy noted the efforts of Slovenia. Italy urged the international "
      "community to support Slovenia. It also encouraged Slovenia to adopt "
      "the national plan of action. Italy made recommendations.";
  report.paragraphs.push_back(p);
  std::vector<TextWarning> warnings;
  auto recs =
      FindRecommendations(report, Context({"SVN"}, ""), Cues(), &warnings);
  ASSERT_THAT(recs, SizeIs(2));
  EXPECT_EQ(recs[0].item, 1);
  EXPECT_EQ(recs[0].text,
            "Italy urged the international community to support Slovenia.");
  EXPECT_EQ(recs[0].addressee, "international community");
  EXPECT_THAT(recs[0].recommended_by, ElementsAre("ITA"));
  EXPECT_EQ(recs[1].item, 2);
  EXPECT_EQ(recs[1].addressee, "SVN");
  EXPECT_THAT(recs[1].recommended_by, ElementsAre("ITA"));
  EXPECT_THAT(warnings, IsEmpty());
}

TEST(LeadInTest, NamedAddresseeAndWeakCues) {
  ReportText report;
  TextParagraph named;
  named.number = 1;
  named.text =
      "The Special Rapporteur makes the following recommendations to the "
      "Democratic People’s Republic of Korea: − Ratify the Convention; "
      "− Invite the mandate.";
  TextParagraph donors;
  donors.number = 2;
  donors.text =
      "The donor community should take the following steps: − Fund WFP.";
  TextParagraph facts;
  facts.number = 3;
  facts.text =
      "Japan has adopted the following measures: − A law on abductions.";
  report.paragraphs = {named, donors, facts};
  std::vector<TextWarning> warnings;
  auto recs =
      FindRecommendations(report, Context({"JPN"}, ""), Cues(), &warnings);
  ASSERT_THAT(recs, SizeIs(3));
  EXPECT_EQ(recs[0].addressee, "PRK");
  EXPECT_EQ(recs[0].text, "Ratify the Convention");
  EXPECT_EQ(recs[1].addressee, "PRK");
  EXPECT_EQ(recs[2].paragraph, 2);
  EXPECT_EQ(recs[2].addressee, "international community");
  EXPECT_THAT(warnings, IsEmpty());
}

TEST(CorpusTest, EveryUnDocumentRuns) {
  for (const char* stem : {"A_HRC_14_15", "A_HRC_WG.6_20_SVN_2",
                           "A_HRC_WG.6_34_SVN_2", "A_HRC_WG.6_7_SVN_3"}) {
    ReportText report = ParseReportText(rapporteur::testing::ReadFileOrDie(
        rapporteur::testing::CorpusDir() + "/un/" + stem + ".txt"));
    std::vector<TextWarning> warnings;
    auto recs =
        FindRecommendations(report, Context({"SVN"}, ""), Cues(), &warnings);
    for (const TextRecommendation& r : recs) {
      EXPECT_FALSE(r.text.empty()) << stem;
      EXPECT_FALSE(r.addressee.empty()) << stem;
    }
  }
  // A/HRC/WG.6/20/SVN/2 para 30: "CRC recommended that Slovenia (a) put an
  // end to forced and underage marriages of Roma children; ... and (e)
  // protect children who are victims of forced marriage."
  ReportText report = ParseReportText(rapporteur::testing::ReadFileOrDie(
      rapporteur::testing::CorpusDir() + "/un/A_HRC_WG.6_20_SVN_2.txt"));
  std::vector<TextWarning> warnings;
  auto recs = FindRecommendations(report, Context({}, ""), Cues(), &warnings);
  auto p30 = OfParagraph(recs, 30);
  ASSERT_THAT(p30, SizeIs(5));
  EXPECT_EQ(p30[0]->text,
            "put an end to forced and underage marriages of Roma children");
  EXPECT_EQ(p30[0]->addressee, "SVN");  // named in the lead-in
  EXPECT_EQ(p30[4]->text,
            "protect children who are victims of forced marriage.");
}

}  // namespace
}  // namespace rapporteur::ingest
