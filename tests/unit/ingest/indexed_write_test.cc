#include "lib/ingest/indexed_write.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "lib/ingest/paragraph_terms.h"
#include "lib/schema/attribute_key.h"
#include "tests/testing/documents.h"

namespace rapporteur::ingest {
namespace {

using ::rapporteur::testing::MakeDocument;
using ::testing::Contains;
using ::testing::Not;

std::vector<std::string> Attributes(const internal::v1::ParagraphTerms& p) {
  return {p.attributes().begin(), p.attributes().end()};
}

v1::Document WithRecommendation() {
  v1::Document doc = MakeDocument(
      "A-HRC-7-20", {"The situation of detainees.",
                     "The Special Rapporteur recommends that the Government "
                     "release all detainees.",
                     "Closing remarks."});
  doc.set_language("en");
  for (int i = 0; i < 2; ++i) {  // the same addressee twice in paragraph 2
    v1::Recommendation* r = doc.add_recommendations();
    r->set_paragraph(2);
    r->set_item(i + 1);
    r->set_addressee("PRK");
    r->set_text("release all detainees");
  }
  return doc;
}

TEST(MakeIndexedWriteTest, OneParagraphTermsPerParagraph) {
  const v1::Document doc = WithRecommendation();
  const internal::v1::WriteDocumentRequest write = MakeIndexedWrite(doc);
  ASSERT_EQ(write.paragraph_terms_size(), doc.paragraphs_size());
  for (int i = 0; i < doc.paragraphs_size(); ++i) {
    // The terms are the paragraph's own, analyzed in the doc's language.
    const internal::v1::ParagraphTerms expected =
        TermsOf(doc.paragraphs(i).text(), doc.language());
    EXPECT_EQ(write.paragraph_terms(i).terms_size(), expected.terms_size());
    for (int t = 0; t < expected.terms_size(); ++t) {
      EXPECT_EQ(write.paragraph_terms(i).terms(t).SerializeAsString(),
                expected.terms(t).SerializeAsString());
    }
    EXPECT_EQ(write.paragraph_terms(i).length(), expected.length());
  }
}

TEST(MakeIndexedWriteTest, CarriesTheDocumentUnchangedAndNoRequestId) {
  const v1::Document doc = WithRecommendation();
  const internal::v1::WriteDocumentRequest write = MakeIndexedWrite(doc);
  EXPECT_EQ(write.document().SerializeAsString(), doc.SerializeAsString());
  EXPECT_EQ(write.request_id(), "");
}

TEST(MakeIndexedWriteTest, AttributesAreSortedAndDistinct) {
  const internal::v1::WriteDocumentRequest write =
      MakeIndexedWrite(WithRecommendation());
  for (const internal::v1::ParagraphTerms& paragraph :
       write.paragraph_terms()) {
    const std::vector<std::string> attributes = Attributes(paragraph);
    EXPECT_FALSE(attributes.empty());  // at least the document's own
    EXPECT_TRUE(std::is_sorted(attributes.begin(), attributes.end()));
    EXPECT_EQ(std::adjacent_find(attributes.begin(), attributes.end()),
              attributes.end());
  }
}

TEST(MakeIndexedWriteTest, AttributesNameTheDocumentAndTheRecords) {
  const internal::v1::WriteDocumentRequest write =
      MakeIndexedWrite(WithRecommendation());
  const std::string recommendation =
      schema::AttributeKey("kind", "recommendation");
  EXPECT_THAT(Attributes(write.paragraph_terms(1)), Contains(recommendation));
  EXPECT_THAT(Attributes(write.paragraph_terms(0)),
              Not(Contains(recommendation)));
  EXPECT_THAT(Attributes(write.paragraph_terms(2)),
              Not(Contains(recommendation)));
  // The id is the name's last part: every paragraph knows its document.
  for (const internal::v1::ParagraphTerms& paragraph :
       write.paragraph_terms()) {
    EXPECT_THAT(Attributes(paragraph),
                Contains(schema::AttributeKey("document", "A-HRC-7-20")));
  }
}

TEST(MakeIndexedWriteTest, BoostsAParagraphHoldingARecommendation) {
  const internal::v1::WriteDocumentRequest write =
      MakeIndexedWrite(WithRecommendation());
  EXPECT_EQ(write.paragraph_terms(0).boost(), 1.0f);
  EXPECT_EQ(write.paragraph_terms(1).boost(), 1.25f);
  EXPECT_EQ(write.paragraph_terms(2).boost(), 1.0f);
}

TEST(MakeIndexedWriteTest, AnalyzesInTheDocumentsLanguage) {
  v1::Document doc = MakeDocument("fr-doc", {"les droits de l'homme"});
  doc.set_language("fr");
  const internal::v1::WriteDocumentRequest write = MakeIndexedWrite(doc);
  ASSERT_EQ(write.paragraph_terms_size(), 1);
  for (const auto& term : write.paragraph_terms(0).terms()) {
    EXPECT_NE(term.term(), "les");  // a French stop word
  }
  EXPECT_EQ(write.paragraph_terms(0).terms_size(),
            TermsOf("les droits de l'homme", "fr").terms_size());
}

TEST(MakeIndexedWriteTest, ADocumentWithoutParagraphsHasNoTerms) {
  v1::Document doc = MakeDocument("empty", {});
  const internal::v1::WriteDocumentRequest write = MakeIndexedWrite(doc);
  EXPECT_EQ(write.paragraph_terms_size(), 0);
  EXPECT_EQ(write.document().name(), doc.name());
}

}  // namespace
}  // namespace rapporteur::ingest
