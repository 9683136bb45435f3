#include "lib/schema/fields.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "tests/testing/status_matchers.h"

namespace rapporteur::schema {
namespace {

using ::rapporteur::testing::IsOkAndHolds;
using ::rapporteur::testing::StatusIs;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsSupersetOf;
using ::testing::Not;

TEST(FieldsTest, EveryFieldIsCompleteAndNamedOnce) {
  std::vector<std::string> names = FieldNames();
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
  EXPECT_EQ(std::adjacent_find(names.begin(), names.end()), names.end());
  for (const Field& field : Fields()) {
    SCOPED_TRACE(field.name);
    EXPECT_NE(field.values, nullptr);
    EXPECT_EQ(FindField(field.name), &field);
    if (field.syntax == ValueSyntax::kKeyword) {
      EXPECT_FALSE(field.keywords.empty());
    } else {
      EXPECT_FALSE(field.expected.empty());
    }
  }
  EXPECT_EQ(FindField("Country"), nullptr);
  EXPECT_EQ(FindField("nosuch"), nullptr);
}

TEST(FieldsTest, FacetsAreTheDeclaredOnes) {
  EXPECT_THAT(FacetNames(),
              ElementsAre("addressee", "country", "document", "kind",
                          "language", "response", "theme", "year"));
  EXPECT_THAT(FieldNames(), Contains("section"));
  EXPECT_THAT(FacetNames(), Not(Contains("section")));
}

TEST(FieldsTest, NormalizeValueBySyntax) {
  EXPECT_THAT(NormalizeValue(*FindField("country"), "prk"),
              IsOkAndHolds("PRK"));
  EXPECT_THAT(
      NormalizeValue(*FindField("country"), "Korea"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("ISO 3166-1")));
  EXPECT_THAT(NormalizeValue(*FindField("theme"), "Death-Penalty"),
              IsOkAndHolds("death-penalty"));
  EXPECT_THAT(NormalizeValue(*FindField("kind"), "Visit"),
              IsOkAndHolds("visit"));
  EXPECT_THAT(NormalizeValue(*FindField("kind"), "report"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("one of recommendation, communication")));
  EXPECT_THAT(NormalizeValue(*FindField("symbol"), "A/HRC/7/20/Add.1"),
              IsOkAndHolds("A/HRC/7/20/Add.1"));
  EXPECT_THAT(NormalizeValue(*FindField("document"), "documents/a-hrc-7-20"),
              IsOkAndHolds("a-hrc-7-20"));
  EXPECT_THAT(NormalizeValue(*FindField("document"), "A/HRC/7/20"),
              IsOkAndHolds("a-hrc-7-20"));
  EXPECT_THAT(NormalizeValue(*FindField("addressee"),
                             "  international   "
                             "Community "),
              IsOkAndHolds("international community"));
  EXPECT_THAT(NormalizeValue(*FindField("language"), "FR"), IsOkAndHolds("fr"));
  EXPECT_THAT(NormalizeValue(*FindField("language"), "french"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(NormalizeValue(*FindField("response"), "To_Be_Examined"),
              IsOkAndHolds("to_be_examined"));
  EXPECT_THAT(NormalizeValue(*FindField("response"), "accepted"),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

v1::Document SampleDocument() {
  v1::Document doc;
  doc.set_name("documents/a-hrc-7-20");
  doc.set_symbol("A/HRC/7/20");
  doc.set_date("2008-02-15");
  doc.set_language("fr-CH");
  doc.add_countries("PRK");
  v1::Entity* japan = doc.add_entities();
  japan->set_id("JPN");
  japan->set_kind(v1::ENTITY_KIND_COUNTRY);
  v1::Entity* wfp = doc.add_entities();
  wfp->set_id("WFP");
  wfp->set_kind(v1::ENTITY_KIND_UN_BODY);
  v1::Paragraph* first = doc.add_paragraphs();
  first->set_number(60);
  first->set_section("Recommandations");
  first->add_entities("JPN");
  first->add_entities("WFP");
  first->add_themes("food");
  doc.add_paragraphs()->set_number(61);
  v1::Recommendation* r = doc.add_recommendations();
  r->set_paragraph(60);
  r->set_addressee("International Community");
  r->add_themes("refugees");
  r->set_response(v1::RECOMMENDATION_RESPONSE_NOTED);
  doc.add_visits()->set_paragraph(61);
  return doc;
}

TEST(FieldsTest, ParagraphAttributesFromEveryField) {
  const v1::Document doc = SampleDocument();
  std::vector<std::vector<std::string>> attributes =
      ParagraphAttributes(doc, "a-hrc-7-20");
  ASSERT_EQ(attributes.size(), 2u);
  EXPECT_TRUE(std::is_sorted(attributes[0].begin(), attributes[0].end()));
  EXPECT_THAT(
      attributes[0],
      IsSupersetOf(
          {AttributeKey("document", "a-hrc-7-20"),
           AttributeKey("symbol", "A/HRC/7/20"), AttributeKey("year", "2008"),
           AttributeKey("country", "PRK"), AttributeKey("country", "JPN"),
           AttributeKey("theme", "food"), AttributeKey("theme", "refugees"),
           AttributeKey("kind", "paragraph"),
           AttributeKey("kind", "recommendation"),
           AttributeKey("addressee", "international community"),
           AttributeKey("response", "noted"), AttributeKey("language", "fr")}));
  // WFP is an entity but not a country; the section is analyzed in French.
  EXPECT_THAT(attributes[0], Not(Contains(AttributeKey("country", "WFP"))));
  EXPECT_THAT(
      attributes[0],
      Contains(::testing::StartsWith(AttributeKey("section", "recommand"))));
  EXPECT_THAT(attributes[1], Contains(AttributeKey("kind", "visit")));
  EXPECT_THAT(attributes[1],
              Not(Contains(AttributeKey("kind", "recommendation"))));
  EXPECT_FLOAT_EQ(ParagraphBoost(attributes[0]), 1.25f);
  EXPECT_FLOAT_EQ(ParagraphBoost(attributes[1]), 1.0f);
}

TEST(FieldsTest, LanguageDefaultsToEnglish) {
  v1::Document doc;
  doc.add_paragraphs()->set_text("Text.");
  EXPECT_THAT(ParagraphAttributes(doc, "d")[0],
              Contains(AttributeKey("language", "en")));
}

TEST(FieldsTest, FacetDisplayValue) {
  EXPECT_EQ(FacetDisplayValue(*FindField("document"), "a-hrc-7-20"),
            "documents/a-hrc-7-20");
  EXPECT_EQ(FacetDisplayValue(*FindField("country"), "PRK"), "PRK");
}

}  // namespace
}  // namespace rapporteur::schema
