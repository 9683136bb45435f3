#include "lib/extraction/upr_lists.h"

#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace rapporteur::ingest {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(PointsReferencedTest, ParagraphsAndTheirLetteredPoints) {
  // A/HRC/11/23 para. 88, shortened; its lines end where "79" and "74" do.
  EXPECT_THAT(
      PointsReferenced(
          "Saudi Arabia considers that recommendations contained in "
          "paragraphs 44 (e), 54 (b), 79 (c), 46 (b) and 27 (c) and (d) 74 "
          "(b) do not enjoy the support of Saudi Arabia because they do not "
          "conform to its existing laws."),
      ElementsAre(PointReference{44, 5}, PointReference{54, 2},
                  PointReference{79, 3}, PointReference{46, 2},
                  PointReference{27, 3}, PointReference{27, 4},
                  PointReference{74, 2}));
  EXPECT_THAT(PointsReferenced("as in paragraph 12 a), and"),
              ElementsAre(PointReference{12, 1}));
}

TEST(PointsReferencedTest, NoLetteredPointNoReference) {
  EXPECT_THAT(PointsReferenced("With regard to the recommendation reflected "
                               "in paragraph 35 above, Zambia (a) agrees"),
              IsEmpty());
  EXPECT_THAT(PointsReferenced("The recommendations in paragraphs 90 and 91 "
                               "enjoy the support of Zambia."),
              IsEmpty());
  EXPECT_THAT(PointsReferenced("No reference here (a) at all."), IsEmpty());
}

}  // namespace
}  // namespace rapporteur::ingest
