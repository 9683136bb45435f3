#include "lib/query/lineage.h"

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/ingest/ingester.h"
#include "tests/testing/files.h"

namespace rapporteur::query {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::SizeIs;

v1::Recommendation Make(const std::string& name, const std::string& to,
                        const std::string& text,
                        v1::RecommendationResponse response =
                            v1::RECOMMENDATION_RESPONSE_UNSPECIFIED,
                        int paragraph = 0, int item = 0) {
  v1::Recommendation r;
  r.set_name(name);
  r.set_citation(name);
  r.set_paragraph(paragraph);
  r.set_item(item);
  r.set_addressee(to);
  r.set_text(text);
  r.set_response(response);
  return r;
}

TEST(LineageWordsTest, StemsAndDropsStatesAndFunctionWords) {
  EXPECT_THAT(
      LineageWords("Ratify the Optional Protocol to the Convention "
                   "against Torture (Mexico, France);"),
      ElementsAre("again", "conve", "optio", "proto", "ratif", "tortu"));
  EXPECT_EQ(LineageWords("ratifying"), LineageWords("ratification"));
  EXPECT_THAT(LineageWords("(Bolivia (Plurinational State of))"), IsEmpty());
}

TEST(LineageTest, HandMadePairAcrossCycles) {
  std::vector<LineageCandidate> earlier = {
      {Make("documents/a/recommendations/4", "BEN",
            "To sign and ratify the Optional Protocol to the Convention "
            "against Torture (Slovenia, Mexico)",
            v1::RECOMMENDATION_RESPONSE_TO_BE_EXAMINED, 56, 4),
       2008},
      {Make("documents/a/recommendations/5", "BEN",
            "To report regularly to the Committee against Torture "
            "(Slovenia)",
            v1::RECOMMENDATION_RESPONSE_UNSPECIFIED, 56, 5),
       2008},
      // Same words, another State: not its history.
      {Make("documents/b/recommendations/1", "PHL",
            "Ratify the Optional Protocol to the Convention against Torture "
            "(Brazil)"),
       2008},
  };
  v1::Recommendation now =
      Make("documents/c/recommendations/9", "BEN",
           "Ratify the Optional Protocol to the Convention against Torture "
           "(Denmark)",
           v1::RECOMMENDATION_RESPONSE_SUPPORTED);
  std::vector<v1::RecommendationLink> links = LinkLineage(now, 2012, earlier);
  ASSERT_THAT(links, SizeIs(1));
  EXPECT_EQ(links[0].recommendation(), "documents/a/recommendations/4");
  EXPECT_EQ(links[0].citation(), "documents/a/recommendations/4");
  // Item 56.4: its paragraph and its place in the paragraph's list.
  EXPECT_EQ(links[0].paragraph(), 56);
  EXPECT_EQ(links[0].item(), 4);
  EXPECT_EQ(links[0].year(), 2008);
  EXPECT_EQ(links[0].response(), v1::RECOMMENDATION_RESPONSE_TO_BE_EXAMINED);
  EXPECT_GT(links[0].similarity(), 0.8);
  EXPECT_LE(links[0].similarity(), 1.0);
  // Nothing links forward in time, nor to the same year.
  EXPECT_THAT(LinkLineage(now, 2008, earlier), IsEmpty());
}

// Benin was reviewed in 2008 (A/HRC/8/39) and 2012 (A/HRC/22/9): the
// second cycle repeats recommendations of the first.
TEST(LineageTest, TwoCyclesOfBenin) {
  std::vector<LineageCandidate> first;
  std::vector<v1::Recommendation> second;
  int second_year = 0;
  for (const char* file : {"benin2008.pdf", "benin2012.pdf"}) {
    v1::DocumentSource source;
    source.set_content(rapporteur::testing::ReadFileOrDie(
        rapporteur::testing::CorpusDir() + "/upr/" + file));
    source.set_media_type("application/pdf");
    auto doc = ingest::Ingester({}).Analyze(source);
    ASSERT_TRUE(doc.ok()) << doc.status();
    int year = std::stoi(doc->date().substr(0, 4));
    ASSERT_FALSE(doc->recommendations().empty()) << file;
    for (const v1::Recommendation& r : doc->recommendations()) {
      EXPECT_EQ(r.addressee(), "BEN") << r.citation();
      if (year < 2012) {
        first.push_back({r, year});
      } else {
        second.push_back(r);
        second_year = year;
      }
    }
  }
  ASSERT_FALSE(first.empty());
  ASSERT_FALSE(second.empty());
  int linked = 0;
  bool death_penalty = false;
  bool torture_defined = false;
  for (const v1::Recommendation& r : second) {
    std::vector<v1::RecommendationLink> links =
        LinkLineage(r, second_year, first);
    for (const v1::RecommendationLink& link : links) {
      EXPECT_GE(link.similarity(), 0.5);
      // A/HRC/8/39 lists every recommendation under paragraph 56: 56.1,
      // 56.2, ... (tests/data/upr/benin2008.tsv).
      EXPECT_EQ(link.citation(), "A/HRC/8/39, para. 56");
      EXPECT_EQ(link.paragraph(), 56) << link.text();
      EXPECT_GT(link.item(), 0) << link.text();
      // Paragraph and item name the linked recommendation, no other.
      int named = 0;
      for (const LineageCandidate& c : first) {
        if (c.recommendation.paragraph() == link.paragraph() &&
            c.recommendation.item() == link.item()) {
          ++named;
          EXPECT_EQ(c.recommendation.name(), link.recommendation());
          EXPECT_EQ(c.recommendation.text(), link.text());
        }
      }
      EXPECT_EQ(named, 1) << "56." << link.item();
      // 56.13 (United Kingdom): "take measures to ensure that torture is
      // defined and listed as a specific offence".
      torture_defined = torture_defined ||
                        (absl::StrContains(r.text(), "criminalize torture") &&
                         link.item() == 13);
    }
    if (!links.empty()) {
      ++linked;
      death_penalty = death_penalty ||
                      (absl::StrContains(r.text(), "death penalty") &&
                       absl::StrContains(links[0].text(), "death penalty"));
    }
  }
  // Some, not all: a second cycle also asks new things.
  EXPECT_GT(linked, 0);
  EXPECT_LT(linked, static_cast<int>(second.size()));
  EXPECT_TRUE(death_penalty);
  EXPECT_TRUE(torture_defined);
}

}  // namespace
}  // namespace rapporteur::query
