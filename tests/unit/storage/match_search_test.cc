// Counted matches on a shard (BooleanQuery's minimum_should_match,
// coordination, proximity_window) and the MaxScore pruning of OR-shaped
// queries, on hand-made paragraphs whose terms and positions are given.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "google/protobuf/text_format.h"
#include "lib/storage/index/doc_iterator.h"
#include "lib/storage/store.h"
#include "tests/testing/documents.h"
#include "tests/testing/files.h"

namespace rapporteur::storage {
namespace {

using ::rapporteur::testing::RawParagraph;
using ::rapporteur::testing::RawWrite;
using ::testing::DoubleNear;
using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

internal::v1::QueryNode Query(const std::string& text_proto) {
  internal::v1::QueryNode node;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text_proto, &node))
      << text_proto;
  return node;
}

// A paragraph holding `terms`, the i-th at position i, of `length` tokens.
RawParagraph Words(const std::vector<std::string>& terms,
                   uint32_t length = 10) {
  RawParagraph raw;
  for (size_t i = 0; i < terms.size(); ++i) {
    raw.terms.push_back({terms[i], {static_cast<uint32_t>(i)}});
  }
  raw.length = length;
  return raw;
}

// Parameter: paragraphs buffered in memory before postings become blocks,
// so that pending postings and blocks on disk both answer.
class MatchSearchTest : public ::testing::TestWithParam<size_t> {
 protected:
  void SetUp() override {
    StoreConfig config;
    config.path = dir_.path() + "/db";
    config.index_buffer_paragraphs = GetParam();
    auto store = Store::Open(config);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = std::move(*store);
  }

  void Write(const internal::v1::WriteDocumentRequest& write) {
    auto written = store_->WriteDocument(write);
    ASSERT_TRUE(written.ok()) << written.status();
  }

  internal::v1::SearchShardResponse Run(const std::string& query,
                                        int limit = 10,
                                        std::vector<std::string> facets = {}) {
    internal::v1::SearchShardRequest request;
    *request.mutable_query() = Query(query);
    request.set_limit(limit);
    for (auto& facet : facets) request.add_facets(facet);
    auto response = store_->Search(request);
    EXPECT_TRUE(response.ok()) << response.status();
    return response.ok() ? *response : internal::v1::SearchShardResponse();
  }

  // Paragraph numbers of the hits, best first.
  std::vector<int> Numbers(const std::string& query) {
    std::vector<int> out;
    const internal::v1::SearchShardResponse response = Run(query);
    for (const auto& hit : response.hits()) {
      out.push_back(hit.paragraph().number());
    }
    return out;
  }

  rapporteur::testing::TempDir dir_;
  std::unique_ptr<Store> store_;
};

constexpr char kFourWords[] =
    "boolean { should { term: 'a' } should { term: 'b' } should { term: 'c' } "
    "should { term: 'd' } minimum_should_match: %d }";

std::string FourWords(int minimum) {
  std::string query = kFourWords;
  query.replace(query.find("%d"), 2, absl::StrCat(minimum));
  return query;
}

TEST_P(MatchSearchTest, MinimumShouldMatchCountsTheOptionalClauses) {
  Write(RawWrite("m", {Words({"a"}), Words({"a", "b"}), Words({"a", "b", "c"}),
                       Words({"b", "c", "d"}), Words({"a", "b", "c", "d"}),
                       Words({"e"})}));
  EXPECT_THAT(Numbers(FourWords(1)), UnorderedElementsAre(1, 2, 3, 4, 5));
  EXPECT_THAT(Numbers(FourWords(2)), UnorderedElementsAre(2, 3, 4, 5));
  EXPECT_THAT(Numbers(FourWords(3)), UnorderedElementsAre(3, 4, 5));
  EXPECT_THAT(Numbers(FourWords(4)), ElementsAre(5));
  EXPECT_EQ(Run(FourWords(3)).total_matches(), 3);
  // More than there are clauses: all of them.
  EXPECT_THAT(Numbers(FourWords(9)), ElementsAre(5));
}

TEST_P(MatchSearchTest, FiltersAndExclusionsStayMandatory) {
  Write(RawWrite("f", {Words({"a", "b", "x"}), Words({"a", "b"}),
                       Words({"a", "c"}), Words({"b"})}));
  // Required b, at least one of a and c, never x.
  EXPECT_THAT(Numbers("boolean { must { term: 'b' } should { term: 'a' } "
                      "should { term: 'c' } must_not { term: 'x' } "
                      "minimum_should_match: 1 }"),
              ElementsAre(2));
  // A required clause that does not score (a filter) still filters.
  EXPECT_THAT(Numbers("boolean { must { field { field: 'document' values: "
                      "'nowhere' } } should { term: 'a' } should { term: 'b' } "
                      "minimum_should_match: 1 }"),
              ElementsAre());
}

// Paragraph 1 holds two of the three words twice; paragraph 2 holds all
// three once, z the commonest. BM25 alone prefers 1 (2.147 against
// 1.948); with coordination 1 keeps two thirds (1.431) and 2 wins.
TEST_P(MatchSearchTest, CoordinationRanksParagraphsWithMoreWordsHigher) {
  RawParagraph dense;
  dense.terms = {{"x", {0, 2}}, {"y", {1, 3}}};
  dense.length = 20;
  RawParagraph all = Words({"x", "y", "z"}, 20);
  Write(RawWrite("c", {dense, all, Words({"z"}), Words({"z"}), Words({"q"})}));
  const std::string bm25_only =
      "boolean { should { term: 'x' } should { term: 'y' } should { term: "
      "'z' } minimum_should_match: 1 }";
  EXPECT_THAT(Numbers(bm25_only), ElementsAre(1, 2, 3, 4));
  const std::string coordinated =
      "boolean { should { term: 'x' } should { term: 'y' } should { term: "
      "'z' } minimum_should_match: 1 coordination: true }";
  EXPECT_THAT(Numbers(coordinated), ElementsAre(2, 1, 3, 4));
  // The optional part scales by the share matched: z alone is a third.
  const auto plain = Run(bm25_only);
  const auto scaled = Run(coordinated);
  EXPECT_THAT(scaled.hits(2).score(),
              DoubleNear(plain.hits(2).score() / 3, 1e-9));
}

// The same words, once side by side and once far apart: the proximity
// bonus ranks the first higher, by kProximityWeight times the lesser
// term score (distance 1: a factor 2 / (1 + 1) = 1).
TEST_P(MatchSearchTest, ProximityBonusRanksCloseWordsHigher) {
  RawParagraph far;
  far.terms = {{"x", {0}}, {"y", {15}}};
  far.length = 20;
  RawParagraph close;
  close.terms = {{"x", {7}}, {"y", {8}}};
  close.length = 20;
  RawParagraph beyond;  // 9 apart: outside a window of 8
  beyond.terms = {{"x", {0}}, {"y", {9}}};
  beyond.length = 20;
  Write(RawWrite("p", {far, close, beyond, Words({"x"}), Words({"y"})}));
  const std::string without =
      "boolean { should { term: 'x' } should { term: 'y' } "
      "minimum_should_match: 2 }";
  const std::string with =
      "boolean { should { term: 'x' } should { term: 'y' } "
      "minimum_should_match: 2 proximity_window: 8 }";
  // Equal scores rank by id: 1, 2, 3.
  EXPECT_THAT(Numbers(without), ElementsAre(1, 2, 3));
  EXPECT_THAT(Numbers(with), ElementsAre(2, 1, 3));
  const auto base = Run(without);
  const auto raised = Run(with);
  ASSERT_EQ(raised.hits_size(), 3);
  EXPECT_DOUBLE_EQ(raised.hits(1).score(), base.hits(0).score());
  EXPECT_DOUBLE_EQ(raised.hits(2).score(), base.hits(2).score());
  // x and y score the same here (same df, tf and length): the bonus is
  // kProximityWeight times half the sum.
  EXPECT_THAT(
      raised.hits(0).score() - base.hits(1).score(),
      DoubleNear(index::kProximityWeight * base.hits(1).score() / 2, 1e-9));
}

// MaxScore pruning must never change the top hits: compare with the same
// search made exhaustive (facets make a search visit every match).
TEST_P(MatchSearchTest, MaxScorePruningGivesTheExhaustiveTopHits) {
  for (int d = 0; d < 30; ++d) {
    std::vector<RawParagraph> paragraphs;
    for (int p = 0; p < 40; ++p) {
      const int n = d * 40 + p;
      RawParagraph raw;
      raw.terms.push_back({"common", {static_cast<uint32_t>(n % 7)}});
      if (n % 3 == 0) raw.terms.push_back({"some", {8}});
      if (n % 13 == 0) raw.terms.push_back({"rare", {9}});
      if (n % 29 == 0) raw.terms.push_back({"rarest", {10}});
      raw.length = 12 + static_cast<uint32_t>((n * 104729) % 80);
      paragraphs.push_back(raw);
    }
    Write(RawWrite(absl::StrCat("d", d), paragraphs));
  }
  const std::string words =
      "should { term: 'common' } should { term: 'some' } should { term: "
      "'rare' } should { term: 'rarest' } ";
  for (const std::string& q :
       {absl::StrCat("boolean { ", words, "}"),
        absl::StrCat("boolean { ", words, "minimum_should_match: 2 }"),
        absl::StrCat("boolean { ", words,
                     "minimum_should_match: 2 coordination: true "
                     "proximity_window: 8 }"),
        absl::StrCat("boolean { must { term: 'common' } ", words,
                     "minimum_should_match: 3 }")}) {
    const internal::v1::SearchShardResponse pruned = Run(q, 5);
    const internal::v1::SearchShardResponse exhaustive = Run(q, 5, {"kind"});
    ASSERT_EQ(pruned.hits_size(), 5) << q;
    ASSERT_EQ(exhaustive.hits_size(), 5) << q;
    for (int i = 0; i < 5; ++i) {
      EXPECT_EQ(pruned.hits(i).paragraph_id(),
                exhaustive.hits(i).paragraph_id())
          << q << " " << i;
      EXPECT_DOUBLE_EQ(pruned.hits(i).score(), exhaustive.hits(i).score()) << q;
    }
    EXPECT_LE(pruned.total_matches(), exhaustive.total_matches()) << q;
  }
  // Every paragraph holds "common": a plain OR skips most of them, and
  // says its count is a lower bound.
  const internal::v1::SearchShardResponse any =
      Run(absl::StrCat("boolean { ", words, "}"), 5);
  EXPECT_TRUE(any.total_is_lower_bound());
  EXPECT_LT(any.total_matches(), 1200);
  EXPECT_EQ(
      Run(absl::StrCat("boolean { ", words, "}"), 5, {"kind"}).total_matches(),
      1200);
}

INSTANTIATE_TEST_SUITE_P(Buffers, MatchSearchTest,
                         ::testing::Values(size_t{100000}, size_t{50},
                                           size_t{0}),
                         [](const ::testing::TestParamInfo<size_t>& info) {
                           return absl::StrCat("Buffer", info.param);
                         });

}  // namespace
}  // namespace rapporteur::storage
