// Entity names at query time: a country, UN body or treaty named by any of
// its names matches the others; quoted, the words match as written.
#include "lib/query/entity_aliases.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_join.h"
#include "lib/query/plain_query.h"
#include "lib/query/query_compiler.h"
#include "lib/query/query_engine.h"
#include "lib/storage/local_shard.h"
#include "lib/storage/store.h"
#include "tests/testing/documents.h"
#include "tests/testing/files.h"

namespace rapporteur::query {
namespace {

using ::rapporteur::testing::MakeWrite;
using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

// The terms and phrases a compiled query may match, one string each
// ("dprk", "north korea"), for a tree that is one OR of names.
std::vector<std::string> Names(const std::string& query) {
  absl::StatusOr<internal::v1::QueryNode> node =
      CompileQuery(query, v1::DEFAULT_OPERATOR_AND);
  EXPECT_TRUE(node.ok()) << node.status();
  std::vector<std::string> names;
  if (!node.ok()) {
    return names;
  }
  auto add = [&](const internal::v1::QueryNode& name) {
    if (name.has_term()) {
      names.push_back(name.term());
    } else if (name.has_phrase()) {
      names.push_back(absl::StrJoin(name.phrase().terms(), " "));
    } else {
      names.push_back(name.DebugString());
    }
  };
  if (node->has_boolean()) {
    for (const auto& name : node->boolean().should()) add(name);
  } else {
    add(*node);
  }
  return names;
}

TEST(EntityAliasesTest, AnyNameOfACountryMatchesEveryName) {
  const std::vector<std::string> prk = {"democrat peopl republ korea", "dprk",
                                        "dpr korea", "north korea",
                                        "korea democrat peopl republ"};
  EXPECT_THAT(Names("DPRK"), ::testing::UnorderedElementsAreArray(prk));
  EXPECT_THAT(Names("North Korea"), ::testing::UnorderedElementsAreArray(prk));
  EXPECT_THAT(Names("north korea"), ::testing::UnorderedElementsAreArray(prk));
  EXPECT_THAT(Names("the Democratic People's Republic of Korea"),
              ::testing::UnorderedElementsAreArray(prk));
  // The longest name wins: the Republic of Korea is another country.
  EXPECT_THAT(Names("Republic of Korea"),
              UnorderedElementsAre("republ korea", "south korea",
                                   "korea republ", "rok"));
}

TEST(EntityAliasesTest, QuotesAndLowerCaseAcronymsAreLiteral) {
  EXPECT_THAT(Names("\"DPRK\""), ElementsAre("dprk"));
  EXPECT_THAT(Names("\"North Korea\""), ElementsAre("north korea"));
  // An acronym only as written: "dprk" is a word, "who" a stop word.
  EXPECT_THAT(Names("dprk"), ElementsAre("dprk"));
  EXPECT_THAT(Names("who food"), ElementsAre("food"));
  EXPECT_THAT(Names("WFP"),
              UnorderedElementsAre("world food programm", "world food program",
                                   "unit nation world food programm", "wfp"));
}

TEST(EntityAliasesTest, NamesAreOneOperand) {
  // Excluded: none of the names.
  absl::StatusOr<internal::v1::QueryNode> excluded =
      CompileQuery("food -North Korea", v1::DEFAULT_OPERATOR_AND);
  ASSERT_TRUE(excluded.ok()) << excluded.status();
  EXPECT_EQ(excluded->boolean().must_not_size(), 5);
  // In a plain question, one of the optional words beside "food".
  absl::StatusOr<internal::v1::QueryNode> plain =
      CompileSearchQuery("food in North Korea", MatchMode::kPlain);
  ASSERT_TRUE(plain.ok()) << plain.status();
  ASSERT_EQ(plain->boolean().should_size(), 2);
  EXPECT_EQ(plain->boolean().should(1).boolean().should_size(), 5);
  EXPECT_EQ(plain->boolean().minimum_should_match(), 1);
  // Operators between the words keep them words.
  EXPECT_THAT(Names("North OR Korea"), ElementsAre("north", "korea"));
}

TEST(EntityAliasesTest, LongestFindsNamesEndingOnAWord) {
  EntityAliases aliases({{"X", {"Alpha Beta", "AB"}}});
  size_t length = 0;
  std::vector<QueryWord> words = {{"alpha", {"alpha"}}, {"beta", {"beta"}}};
  const Entity* found = aliases.Longest(words, &length);
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->id, "X");
  EXPECT_EQ(length, 2u);
  std::vector<QueryWord> half = {{"alpha", {"alpha"}}, {"gamma", {"gamma"}}};
  EXPECT_EQ(aliases.Longest(half, &length), nullptr);
  std::vector<QueryWord> acronym = {{"ab", {"ab"}}};
  EXPECT_EQ(aliases.Longest(acronym, &length), nullptr);
  acronym[0].text = "AB";
  EXPECT_NE(aliases.Longest(acronym, &length), nullptr);
}

// The names at work on a shard: each paragraph names the country one way.
TEST(EntityAliasesTest, SearchesFindEveryNameOfTheCountry) {
  rapporteur::testing::TempDir dir;
  auto store = storage::Store::Open({.path = dir.path() + "/db"});
  ASSERT_TRUE(store.ok()) << store.status();
  storage::LocalShard shard(store->get());
  ASSERT_TRUE(
      shard
          .WriteDocument(MakeWrite(
              "names", {"Famine in North Korea worsened.",
                        "The DPRK rejected the visit.",
                        "The Democratic People's Republic of Korea replied.",
                        "The Republic of Korea received refugees.",
                        "Korea, north of the border, in the dprk spelling."}))
          .ok());
  QueryEngine engine({&shard});
  auto numbers = [&](const std::string& query) {
    v1::SearchRequest request;
    request.set_query(query);
    auto response = engine.Search(request);
    EXPECT_TRUE(response.ok()) << response.status();
    std::vector<int> out;
    if (response.ok()) {
      for (const auto& hit : response->hits()) {
        out.push_back(hit.paragraph_number());
      }
    }
    return out;
  };
  EXPECT_THAT(numbers("DPRK"), UnorderedElementsAre(1, 2, 3, 5));
  EXPECT_THAT(numbers("North Korea"), UnorderedElementsAre(1, 2, 3, 5));
  EXPECT_THAT(numbers("\"DPRK\""), UnorderedElementsAre(2, 5));
  EXPECT_THAT(numbers("\"North Korea\""), ElementsAre(1));
  // Names are phrases: "Republic of Korea" stands inside the longer name
  // of paragraph 3 too.
  EXPECT_THAT(numbers("South Korea"), UnorderedElementsAre(3, 4));
}

}  // namespace
}  // namespace rapporteur::query
