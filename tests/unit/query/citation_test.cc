#include "lib/query/citation.h"

#include <gtest/gtest.h>

#include "tests/testing/status_matchers.h"

namespace rapporteur::query {
namespace {

using ::rapporteur::testing::IsOkAndHolds;
using ::rapporteur::testing::StatusIs;

TEST(CitationTest, ReadsTheUsualForms) {
  const std::string expected = "documents/a-hrc-7-20/paragraphs/16";
  EXPECT_THAT(ParagraphNameOfCitation("A/HRC/7/20, para. 16"),
              IsOkAndHolds(expected));
  EXPECT_THAT(ParagraphNameOfCitation("A/HRC/7/20 para 16"),
              IsOkAndHolds(expected));
  EXPECT_THAT(ParagraphNameOfCitation("  A/HRC/7/20, paragraph 16 "),
              IsOkAndHolds(expected));
  EXPECT_THAT(
      ParagraphNameOfCitation("A/HRC/WG.6/7/SVN/3, para. 2"),
      IsOkAndHolds(std::string("documents/a-hrc-wg-6-7-svn-3/paragraphs/2")));
}

TEST(CitationTest, RefusesWhatIsNoCitation) {
  for (const char* bad : {"A/HRC/7/20", "para. 16", "A/HRC/7/20, para. x",
                          "A/HRC/7/20, para. 0", ""}) {
    EXPECT_THAT(ParagraphNameOfCitation(bad),
                StatusIs(absl::StatusCode::kInvalidArgument))
        << bad;
  }
}

}  // namespace
}  // namespace rapporteur::query
