#include "lib/extraction/prose_recommendations.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace rapporteur::ingest {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::IsEmpty;

std::vector<std::string> Sentences(absl::string_view text) {
  std::vector<std::string> out;
  for (const ProseRecommendation& r : FindProseRecommendations(text)) {
    out.emplace_back(r.sentence);
  }
  return out;
}

TEST(ProseRecommendationsTest, SentencesThatRecommend) {
  EXPECT_THAT(
      FindProseRecommendations(
          "The law was amended in 2005. The Special Rapporteur recommends "
          "that the Government repeal it. In 2006, CoE-ECRI strongly "
          "recommended that Slovenia introduce comprehensive legislation. SRI "
          "recommended improving mental health services for women. CRC urged "
          "Slovenia to ban all forms of corporal punishment. It also "
          "recommended that Indonesia provide training."),
      ElementsAre(
          Field(&ProseRecommendation::subject, "The Special Rapporteur"),
          Field(&ProseRecommendation::subject, "In 2006, CoE-ECRI"),
          Field(&ProseRecommendation::subject, "SRI"),
          Field(&ProseRecommendation::subject, "CRC"),
          Field(&ProseRecommendation::subject, "It")));
  EXPECT_THAT(Sentences("Spain encouraged Palau to continue its efforts to "
                        "create a national human rights institution."),
              ElementsAre("Spain encouraged Palau to continue its efforts to "
                          "create a national human rights institution."));
  const std::vector<ProseRecommendation> calls = FindProseRecommendations(
      "The Special Rapporteur calls upon the authorities to release him.");
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0].request, "the authorities to release him.");
}

TEST(ProseRecommendationsTest, SentencesAboutRecommendations) {
  EXPECT_THAT(
      Sentences(
          "As recommended by the Committee, the law was amended. The "
          "recommended measures were taken. Slovenia was urged to act. The "
          "State had been called upon to report. Has the Committee "
          "recommended that Slovenia act? The Auditor recommends that “WFP "
          "should review its statistics.” Japan recommended by letter a "
          "review. Several reports recommended."),
      IsEmpty());
}

}  // namespace
}  // namespace rapporteur::ingest
