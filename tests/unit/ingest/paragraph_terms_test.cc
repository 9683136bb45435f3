#include "lib/ingest/paragraph_terms.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"

namespace rapporteur::ingest {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Key;
using ::testing::Not;
using ::testing::Pair;

// The terms of `terms` in order, each with its positions.
std::vector<std::pair<std::string, std::vector<uint32_t>>> Listed(
    const internal::v1::ParagraphTerms& terms) {
  std::vector<std::pair<std::string, std::vector<uint32_t>>> out;
  for (const auto& term : terms.terms()) {
    out.emplace_back(term.term(),
                     std::vector<uint32_t>(term.positions().begin(),
                                           term.positions().end()));
  }
  return out;
}

TEST(TermsOfTest, StemsAndPositionsEachWord) {
  const internal::v1::ParagraphTerms terms =
      TermsOf("Public executions continued");
  EXPECT_THAT(Listed(terms), ElementsAre(Pair("public", ElementsAre(0u)),
                                         Pair("execut", ElementsAre(1u)),
                                         Pair("continu", ElementsAre(2u))));
  EXPECT_EQ(terms.length(), 3u);
}

TEST(TermsOfTest, StopWordsAreDroppedButKeepTheirPositions) {
  // Phrase distances stay true: "executions" is two words after "use".
  const internal::v1::ParagraphTerms terms = TermsOf("use of the executions");
  EXPECT_THAT(Listed(terms), ElementsAre(Pair("use", ElementsAre(0u)),
                                         Pair("execut", ElementsAre(3u))));
  EXPECT_EQ(terms.length(), 2u);  // the indexed tokens
}

TEST(TermsOfTest, OneEntryPerDistinctTermInOrderOfFirstOccurrence) {
  const internal::v1::ParagraphTerms terms =
      TermsOf("Detention, torture and detention; detained persons");
  EXPECT_THAT(Listed(terms), ElementsAre(Pair("detent", ElementsAre(0u, 3u)),
                                         Pair("tortur", ElementsAre(1u)),
                                         Pair("detain", ElementsAre(4u)),
                                         Pair("person", ElementsAre(5u))));
  EXPECT_EQ(terms.length(), 5u);
}

TEST(TermsOfTest, OverLongTokensAreLeftOutButKeepTheirPositions) {
  const std::string long_word(kMaxIndexedTermBytes + 1, 'x');
  const internal::v1::ParagraphTerms terms =
      TermsOf(absl::StrCat("alpha ", long_word, " omega"));
  EXPECT_THAT(Listed(terms), ElementsAre(Pair("alpha", ElementsAre(0u)),
                                         Pair("omega", ElementsAre(2u))));
}

TEST(TermsOfTest, ATokenOfExactlyTheLimitIsIndexed) {
  const std::string word(kMaxIndexedTermBytes, 'x');
  const internal::v1::ParagraphTerms terms = TermsOf(word);
  EXPECT_THAT(Listed(terms), ElementsAre(Pair(word, ElementsAre(0u))));
}

TEST(TermsOfTest, TheLimitIsBelowWhatStorageRefuses) {
  static_assert(kMaxIndexedTermBytes < 256);
  // Multi-byte letters count in bytes: 65 two-byte letters are 130 bytes.
  std::string cyrillic;
  for (int i = 0; i < 65; ++i) {
    cyrillic += "ж";
  }
  EXPECT_THAT(Listed(TermsOf(cyrillic, "ru")), IsEmpty());
}

TEST(TermsOfTest, TheLanguageChoosesStopWordsAndStemmer) {
  // "les" and "de" are French function words, not English ones.
  const internal::v1::ParagraphTerms french =
      TermsOf("les droits de l'homme", "fr");
  EXPECT_THAT(Listed(french), Not(Contains(Key("les"))));
  EXPECT_THAT(Listed(french), Not(Contains(Key("de"))));
  EXPECT_THAT(Listed(french), Contains(Key("droit")));
  const internal::v1::ParagraphTerms english =
      TermsOf("les droits de l'homme", "en");
  EXPECT_THAT(Listed(english), Contains(Key("les")));
}

TEST(TermsOfTest, DefaultsToEnglish) {
  EXPECT_EQ(TermsOf("the executions").SerializeAsString(),
            TermsOf("the executions", "en").SerializeAsString());
}

TEST(TermsOfTest, EmptyTextHasNoTerms) {
  const internal::v1::ParagraphTerms terms = TermsOf("");
  EXPECT_THAT(terms.terms(), IsEmpty());
  EXPECT_EQ(terms.length(), 0u);
  EXPECT_THAT(Listed(TermsOf("... , ;")), IsEmpty());
}

TEST(TermsOfTest, LeavesAttributesAndBoostToTheCaller) {
  const internal::v1::ParagraphTerms terms = TermsOf("torture");
  EXPECT_THAT(terms.attributes(), IsEmpty());
  EXPECT_EQ(terms.boost(), 0.0f);
}

}  // namespace
}  // namespace rapporteur::ingest
