#include "lib/query/plain_query.h"

#include <gmock/gmock.h>
#include <google/protobuf/text_format.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include <string>

#include "lib/query/query_compiler.h"
#include "tests/testing/status_matchers.h"

namespace rapporteur::query {
namespace {

using ::rapporteur::testing::StatusIs;
using ::testing::HasSubstr;

// Compiles `query` as a plain-language question and compares the tree
// with the text proto `expected`.
::testing::AssertionResult Plain(const std::string& query,
                                 const std::string& expected) {
  absl::StatusOr<internal::v1::QueryNode> got =
      CompileSearchQuery(query, MatchMode::kPlain);
  if (!got.ok()) {
    return ::testing::AssertionFailure()
           << "query `" << query << "`: " << got.status();
  }
  internal::v1::QueryNode want;
  if (!google::protobuf::TextFormat::ParseFromString(expected, &want)) {
    return ::testing::AssertionFailure() << "bad expectation " << expected;
  }
  std::string report;
  google::protobuf::util::MessageDifferencer differencer;
  differencer.ReportDifferencesToString(&report);
  if (!differencer.Compare(want, *got)) {
    return ::testing::AssertionFailure()
           << "query `" << query << "` compiled to\n"
           << got->DebugString() << "differences:\n"
           << report;
  }
  return ::testing::AssertionSuccess();
}

// Whether the plain reading of `query` is its strict AND reading.
::testing::AssertionResult Strict(const std::string& query) {
  absl::StatusOr<internal::v1::QueryNode> plain =
      CompileSearchQuery(query, MatchMode::kPlain);
  absl::StatusOr<internal::v1::QueryNode> strict =
      CompileQuery(query, v1::DEFAULT_OPERATOR_AND);
  if (!plain.ok() || !strict.ok()) {
    return ::testing::AssertionFailure()
           << "query `" << query << "`: " << plain.status() << " / "
           << strict.status();
  }
  if (!google::protobuf::util::MessageDifferencer::Equals(*plain, *strict)) {
    return ::testing::AssertionFailure() << "query `" << query << "` plain:\n"
                                         << plain->DebugString() << "strict:\n"
                                         << strict->DebugString();
  }
  return ::testing::AssertionSuccess();
}

TEST(PlainQueryTest, MinimumShouldMatchAdaptsToTheLength) {
  EXPECT_EQ(MinimumShouldMatch(1), 1);
  EXPECT_EQ(MinimumShouldMatch(2), 1);
  EXPECT_EQ(MinimumShouldMatch(4), 1);
  EXPECT_EQ(MinimumShouldMatch(5), 1);  // 1.7 rounded down
  EXPECT_EQ(MinimumShouldMatch(6), 2);  // 2.04
  EXPECT_EQ(MinimumShouldMatch(8), 2);  // 2.72
  EXPECT_EQ(MinimumShouldMatch(9), 3);  // 3.06
  EXPECT_EQ(MinimumShouldMatch(20), 6);
}

TEST(PlainQueryTest, ModeFollowsTheRequest) {
  EXPECT_EQ(MatchModeOf(v1::DEFAULT_OPERATOR_UNSPECIFIED, false),
            MatchMode::kPlain);
  EXPECT_EQ(MatchModeOf(v1::DEFAULT_OPERATOR_UNSPECIFIED, true),
            MatchMode::kAllWords);
  EXPECT_EQ(MatchModeOf(v1::DEFAULT_OPERATOR_AND, false), MatchMode::kAllWords);
  EXPECT_EQ(MatchModeOf(v1::DEFAULT_OPERATOR_OR, false), MatchMode::kAnyWord);
}

TEST(PlainQueryTest, BareWordsAreOptionalWithAMinimum) {
  EXPECT_TRUE(Plain("food aid tons", R"pb(
    boolean {
      should { term: "food" }
      should { term: "aid" }
      should { term: "ton" }
      minimum_should_match: 1
      coordination: true
      proximity_window: 8
    })pb"));
  // Two words: either, the paragraphs with both first, closeness scored.
  EXPECT_TRUE(Plain("food aid", R"pb(
    boolean {
      should { term: "food" }
      should { term: "aid" }
      minimum_should_match: 1
      coordination: true
      proximity_window: 8
    })pb"));
  // One word is that word; a word said twice counts once.
  EXPECT_TRUE(Plain("famine", R"pb(term: "famin")pb"));
  EXPECT_TRUE(Plain("famine Famines", R"pb(term: "famin")pb"));
}

TEST(PlainQueryTest, StopAndQuestionWordsDoNotCount) {
  // "what" and "happens" make it a question, "to" and "from" are stop
  // words: four words remain (China with its other name,
  // entity_aliases.h), one of which must match.
  absl::StatusOr<internal::v1::QueryNode> question = CompileSearchQuery(
      "what happens to people sent back from China", MatchMode::kPlain);
  ASSERT_TRUE(question.ok()) << question.status();
  const internal::v1::BooleanQuery& words = question->boolean();
  ASSERT_EQ(words.should_size(), 4) << question->DebugString();
  EXPECT_EQ(words.should(0).term(), "peopl");
  EXPECT_EQ(words.should(1).term(), "sent");
  EXPECT_EQ(words.should(2).term(), "back");
  EXPECT_EQ(words.should(3).boolean().should(0).term(), "china");
  EXPECT_EQ(words.minimum_should_match(), 1);
  EXPECT_TRUE(words.coordination());
  EXPECT_EQ(words.proximity_window(), kProximityWindow);
  EXPECT_TRUE(Plain("how many tons of food aid arrived", R"pb(
    boolean {
      should { term: "ton" }
      should { term: "food" }
      should { term: "aid" }
      should { term: "arriv" }
      minimum_should_match: 1
      coordination: true
      proximity_window: 8
    })pb"));
  // A query of question words only searches for them.
  EXPECT_TRUE(Plain("how many", R"pb(
    boolean {
      should { term: "how" }
      should { term: "mani" }
      minimum_should_match: 1
      coordination: true
      proximity_window: 8
    })pb"));
}

TEST(PlainQueryTest, PhrasesPlusWordsFiltersAndExclusionsStayMandatory) {
  EXPECT_TRUE(Plain(
      R"("public executions" +korea food aid -japan)"
      " country:PRK",
      R"pb(
        boolean {
          must {
            phrase { terms: "public" terms: "execut" offsets: 0 offsets: 1 }
          }
          must { term: "korea" }
          must { field { field: "country" values: "PRK" } }
          should { term: "food" }
          should { term: "aid" }
          must_not { term: "japan" }
          minimum_should_match: 1
          coordination: true
          proximity_window: 8
        })pb"));
  // One optional word beside a filter is required with it.
  EXPECT_TRUE(Plain("famine country:PRK", R"pb(
    boolean {
      must { field { field: "country" values: "PRK" } }
      must { term: "famin" }
    })pb"));
  EXPECT_TRUE(Plain("-japan", R"pb(
    boolean {
      must { all: true }
      must_not { term: "japan" }
    })pb"));
}

TEST(PlainQueryTest, AQueryWithAnOperatorIsStrict) {
  EXPECT_TRUE(Strict("food AND aid"));
  EXPECT_TRUE(Strict("food aid OR tons"));
  EXPECT_TRUE(Strict("NOT japan food aid"));
  EXPECT_TRUE(Strict("(food aid) tons"));
  EXPECT_TRUE(Strict("food AND (shortage OR famine)"));
}

TEST(PlainQueryTest, StrictModesAreUnchanged) {
  for (const std::string query :
       {"food aid tons", "what happens to people sent back from China",
        "\"public executions\" -japan country:PRK", "abduct* korea"}) {
    absl::StatusOr<internal::v1::QueryNode> all =
        CompileSearchQuery(query, MatchMode::kAllWords);
    absl::StatusOr<internal::v1::QueryNode> strict =
        CompileQuery(query, v1::DEFAULT_OPERATOR_AND);
    ASSERT_TRUE(all.ok() && strict.ok()) << query;
    EXPECT_TRUE(
        google::protobuf::util::MessageDifferencer::Equals(*all, *strict))
        << query;
    absl::StatusOr<internal::v1::QueryNode> any =
        CompileSearchQuery(query, MatchMode::kAnyWord);
    absl::StatusOr<internal::v1::QueryNode> or_strict =
        CompileQuery(query, v1::DEFAULT_OPERATOR_OR);
    ASSERT_TRUE(any.ok() && or_strict.ok()) << query;
    EXPECT_TRUE(
        google::protobuf::util::MessageDifferencer::Equals(*any, *or_strict))
        << query;
  }
}

TEST(PlainQueryTest, ErrorsAreTheStrictOnes) {
  EXPECT_THAT(CompileSearchQuery("the", MatchMode::kPlain),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("no searchable words")));
  EXPECT_THAT(CompileSearchQuery("food year:abc", MatchMode::kPlain),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("column 11: year")));
  EXPECT_THAT(
      CompileSearchQuery("food (aid", MatchMode::kPlain),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("expected ')'")));
}

}  // namespace
}  // namespace rapporteur::query
