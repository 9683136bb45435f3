#include "lib/schema/resource_names.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "lib/schema/country_codes.h"
#include "tests/testing/status_matchers.h"

namespace rapporteur {
namespace {

using ::rapporteur::testing::IsOkAndHolds;
using ::rapporteur::testing::StatusIs;
using ::testing::HasSubstr;

TEST(ResourceNamesTest, IdFromSymbol) {
  EXPECT_EQ(DocumentIdFromSymbol("A/HRC/7/20"), "a-hrc-7-20");
  EXPECT_EQ(DocumentIdFromSymbol("A/HRC/WG.6/20/SVN/2"), "a-hrc-wg-6-20-svn-2");
  EXPECT_EQ(DocumentIdFromSymbol(" /CRC/C/PRK/4/ "), "crc-c-prk-4");
  EXPECT_EQ(DocumentIdFromSymbol("//"), "");
}

// Two symbols alike in their first 128 characters are two documents: the
// cut id ends with a fingerprint of the whole symbol.
TEST(ResourceNamesTest, LongSymbolsKeepDistinctIds) {
  const std::string stem = "A/HRC/" + std::string(150, 'X');
  const std::string first = DocumentIdFromSymbol(stem + "/1");
  const std::string second = DocumentIdFromSymbol(stem + "/2");
  EXPECT_NE(first, second);
  EXPECT_EQ(first.size(), 128u);
  EXPECT_TRUE(IsValidDocumentId(first)) << first;
  EXPECT_TRUE(IsValidDocumentId(second)) << second;
  // The same symbol always gives the same id, written either way.
  EXPECT_EQ(DocumentIdFromSymbol(stem + "/1"), first);
  EXPECT_EQ(DocumentIdFromSymbol(stem + "-1"), first);
  // Ids that fit are not touched.
  const std::string fits(128, 'a');
  EXPECT_EQ(DocumentIdFromSymbol(fits), fits);
}

TEST(CountryCodesTest, IsoCodesOfTheVocabulary) {
  for (const char* code : {"AFG", "PRK", "KOR", "SVN", "ZWE", "ALA"}) {
    EXPECT_TRUE(IsIsoCountryCode(code)) << code;
  }
  for (const char* code : {"ZZZ", "ZZZZ", "prk", "PR", "", "EUR"}) {
    EXPECT_FALSE(IsIsoCountryCode(code)) << code;
  }
}

TEST(ResourceNamesTest, ParsesDocumentNames) {
  EXPECT_THAT(ParseDocumentName("documents/a-hrc-7-20"),
              IsOkAndHolds(std::string("a-hrc-7-20")));
  EXPECT_THAT(ParseDocumentName("docs/a"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("documents/{id}")));
  EXPECT_THAT(ParseDocumentName("documents/A-HRC"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseDocumentName("documents/"),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(ResourceNamesTest, ParsesParagraphNames) {
  auto ref = ParseParagraphName("documents/a-hrc-7-20/paragraphs/49");
  ASSERT_TRUE(ref.ok()) << ref.status();
  EXPECT_EQ(ref->document_id, "a-hrc-7-20");
  EXPECT_EQ(ref->paragraph_id, "49");
  EXPECT_TRUE(ParseParagraphName("documents/x/paragraphs/u0").ok());
  EXPECT_THAT(ParseParagraphName("documents/x/paragraphs/forty"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("must be a number")));
  EXPECT_THAT(ParseParagraphName("documents/x/49"),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(ResourceNamesTest, AHugeNameIsRefusedOnItsLengthWithAShortMessage) {
  const std::string huge = "documents/" + std::string(100000, 'a');
  for (const absl::Status& status :
       {ParseDocumentName(huge).status(),
        ParseParagraphName(huge + "/paragraphs/1").status(),
        ParseDocumentName(std::string(100000, 'x')).status()}) {
    EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument,
                                 HasSubstr("bytes long")));
    EXPECT_LT(status.message().size(), 300u) << status.message().substr(0, 80);
  }
  // The longest valid names pass the length check.
  EXPECT_THAT(ParseDocumentName("documents/" + std::string(128, 'a')),
              IsOkAndHolds(std::string(128, 'a')));
  EXPECT_TRUE(ParseParagraphName("documents/" + std::string(128, 'a') +
                                 "/paragraphs/u" + std::string(15, '9'))
                  .ok());
}

TEST(ResourceNamesTest, MessagesQuoteAShortPrefixOfAnInvalidName) {
  // Within the length limit, but wrong: quoted, cut.
  const std::string name = "documents/" + std::string(128, 'A');
  const absl::Status status = ParseDocumentName(name).status();
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument,
                               HasSubstr("(138 bytes)")));
}

}  // namespace
}  // namespace rapporteur
