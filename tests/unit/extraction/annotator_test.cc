#include "lib/extraction/annotator.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace rapporteur::ingest {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

ReportText OneParagraph(const std::string& text) {
  ReportText report;
  report.paragraphs.push_back(TextParagraph{1, "", text, {}, 1});
  return report;
}

TEST(AnnotatorTest, TheCountryInQuestionIsTheDocumentsCountry) {
  auto annotator = Annotator::Builtin();
  ASSERT_TRUE(annotator.ok()) << annotator.status();
  const ReportText report = OneParagraph(
      "Japan urged the country in question to cooperate with UNHCR.");
  Annotations about_prk = (*annotator)->Annotate(report, {{"PRK"}, ""});
  ASSERT_EQ(about_prk.paragraph_entities.size(), 1u);
  EXPECT_THAT(about_prk.paragraph_entities[0],
              ElementsAre("JPN", "PRK", "UNHCR"));
  // Without metadata the phrase names nobody.
  Annotations unknown = (*annotator)->Annotate(report, {});
  EXPECT_THAT(unknown.paragraph_entities[0], ElementsAre("JPN", "UNHCR"));
  // "the country" alone is no mention; a longer word is no phrase.
  Annotations plain =
      (*annotator)
          ->Annotate(
              OneParagraph("The country in questions of food; the country."),
              {{"PRK"}, ""});
  EXPECT_THAT(plain.paragraph_entities[0], IsEmpty());
}

}  // namespace
}  // namespace rapporteur::ingest
