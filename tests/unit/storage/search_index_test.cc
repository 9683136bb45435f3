// The shard's index as searches see it: BM25 scores, query semantics,
// facets, deletes and re-ingest, block skipping, restart.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "google/protobuf/text_format.h"
#include "lib/ingest/indexed_write.h"
#include "lib/schema/attribute_key.h"
#include "lib/storage/store.h"
#include "tests/testing/documents.h"
#include "tests/testing/files.h"
#include "tests/testing/status_matchers.h"

namespace rapporteur::storage {
namespace {

using ::rapporteur::testing::MakeDocument;
using ::rapporteur::testing::MakeWrite;
using ::rapporteur::testing::RawParagraph;
using ::rapporteur::testing::RawWrite;
using ::rapporteur::testing::StatusIs;
using ::testing::DoubleNear;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

internal::v1::QueryNode Query(const std::string& text_proto) {
  internal::v1::QueryNode node;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text_proto, &node))
      << text_proto;
  return node;
}

// Parameter: paragraphs buffered in memory before postings become blocks
// (0: every write flushes), so both the blocks on disk and the pending
// postings answer every test.
class SearchIndexTest : public ::testing::TestWithParam<size_t> {
 protected:
  void SetUp() override { Reopen(); }

  void Reopen() {
    store_.reset();
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

  internal::v1::SearchShardResponse Run(const internal::v1::QueryNode& query,
                                        int limit = 10,
                                        std::vector<std::string> facets = {}) {
    internal::v1::SearchShardRequest request;
    *request.mutable_query() = query;
    request.set_limit(limit);
    for (auto& f : facets) request.add_facets(f);
    auto response = store_->Search(request);
    EXPECT_TRUE(response.ok()) << response.status();
    return response.ok() ? *response : internal::v1::SearchShardResponse();
  }

  // "doc:number" of each hit, best first.
  std::vector<std::string> Hits(const internal::v1::QueryNode& query,
                                int limit = 10) {
    std::vector<std::string> out;
    const internal::v1::SearchShardResponse response = Run(query, limit);
    for (const auto& hit : response.hits()) {
      out.push_back(absl::StrCat(hit.symbol(), ":", hit.paragraph().number()));
    }
    return out;
  }

  rapporteur::testing::TempDir dir_;
  std::unique_ptr<Store> store_;
};

// Scores worked out by hand from Okapi BM25 (k1 = 1.2, b = 0.75, Lucene's
// idf = ln(1 + (N - df + 0.5) / (df + 0.5))) for three paragraphs:
//   1: x        length 2        N = 3, average length 2
//   2: x x y    length 3        idf(x) = ln(1.6) = 0.470004
//   3: z        length 1        idf(y) = ln(1 + 2.5 / 1.5) = 0.980829
TEST_P(SearchIndexTest, Bm25MatchesHandComputedScores) {
  Write(RawWrite("t", {{{{"x", {0}}}, 2},
                       {{{"x", {0, 1}}, {"y", {2}}}, 3},
                       {{{"z", {0}}}, 1}}));
  internal::v1::SearchShardResponse x = Run(Query("term: 'x'"));
  ASSERT_EQ(x.hits_size(), 2);
  EXPECT_EQ(x.hits(0).paragraph().number(), 2);
  // 0.470004 * 2 * 2.2 / (2 + 1.2 * (0.25 + 0.75 * 3 / 2))
  EXPECT_THAT(x.hits(0).score(), DoubleNear(0.566580, 1e-6));
  // 0.470004 * 1 * 2.2 / (1 + 1.2 * (0.25 + 0.75 * 2 / 2))
  EXPECT_THAT(x.hits(1).score(), DoubleNear(0.470004, 1e-6));
  EXPECT_EQ(x.total_matches(), 2);

  // A conjunction adds: 0.566580 + 0.980829 * 2.2 / (1 + 1.65) = 1.380853.
  internal::v1::SearchShardResponse xy =
      Run(Query("boolean { must { term: 'x' } must { term: 'y' } }"));
  ASSERT_EQ(xy.hits_size(), 1);
  EXPECT_THAT(xy.hits(0).score(), DoubleNear(1.380853, 1e-6));
}

TEST_P(SearchIndexTest, GlobalStatisticsReplaceTheShardsOwn) {
  Write(RawWrite("t", {{{{"x", {0}}}, 2}, {{{"y", {0}}}, 2}}));
  internal::v1::SearchShardRequest request;
  request.mutable_query()->set_term("x");
  request.set_limit(1);
  // As if 100 paragraphs of average length 2 were spread over shards, 10
  // holding x: idf = ln(1 + 90.5 / 10.5) = 2.263745, tf part 1.
  request.mutable_stats()->set_paragraphs(100);
  request.mutable_stats()->set_tokens(200);
  (*request.mutable_stats()->mutable_document_frequency())["x"] = 10;
  auto response = store_->Search(request);
  ASSERT_TRUE(response.ok()) << response.status();
  ASSERT_EQ(response->hits_size(), 1);
  EXPECT_THAT(response->hits(0).score(), DoubleNear(2.263745, 1e-6));

  internal::v1::GetCollectionStatsRequest stats_request;
  *stats_request.mutable_query() = Query(
      "boolean { should { term: 'x' } should { phrase { terms: 'y' terms: 'q' "
      "offsets: 0 offsets: 1 } } }");
  auto stats = store_->GetCollectionStats(stats_request);
  ASSERT_TRUE(stats.ok()) << stats.status();
  EXPECT_EQ(stats->paragraphs(), 2u);
  EXPECT_EQ(stats->tokens(), 4u);
  EXPECT_EQ(stats->document_frequency().at("x"), 1u);
  EXPECT_EQ(stats->document_frequency().at("y"), 1u);
  EXPECT_EQ(stats->document_frequency().at("q"), 0u);
}

TEST_P(SearchIndexTest, PhrasesNeedTheTermsAtTheirOffsets) {
  Write(MakeWrite(
      "p", {"The right to food is a human right.",
            "Food is a right of everyone.", "The right of access to food."}));
  // "right to food": [right, food] at offsets [0, 2] ("to" is a stop word).
  const internal::v1::QueryNode phrase =
      Query("phrase { terms: 'right' terms: 'food' offsets: 0 offsets: 2 }");
  EXPECT_THAT(Hits(phrase), ElementsAre("TEST/p:1"));
  EXPECT_EQ(Run(phrase).total_matches(), 1);
}

TEST_P(SearchIndexTest, BooleanClausesCombineAsDocumented) {
  Write(MakeWrite("b", {"famine and drought", "famine", "drought", "floods"}));
  auto numbers = [&](const std::string& q) {
    std::vector<int> out;
    const internal::v1::SearchShardResponse response = Run(Query(q));
    for (const auto& hit : response.hits()) {
      out.push_back(hit.paragraph().number());
    }
    std::sort(out.begin(), out.end());
    return out;
  };
  EXPECT_THAT(
      numbers(
          "boolean { should { term: 'famin' } should { term: 'drought' } }"),
      ElementsAre(1, 2, 3));
  EXPECT_THAT(
      numbers(
          "boolean { must { term: 'famin' } must_not { term: 'drought' } }"),
      ElementsAre(2));
  EXPECT_THAT(
      numbers("boolean { must { all: true } must_not { term: 'famin' } }"),
      ElementsAre(3, 4));
  EXPECT_THAT(numbers("boolean { must_not { term: 'flood' } }"),
              ElementsAre(1, 2, 3));
  EXPECT_THAT(numbers("prefix: 'fl'"), ElementsAre(4));
  // An optional clause adds to the score without widening the match.
  internal::v1::SearchShardResponse ranked = Run(
      Query("boolean { must { term: 'famin' } should { term: 'drought' } }"));
  ASSERT_EQ(ranked.hits_size(), 2);
  EXPECT_EQ(ranked.hits(0).paragraph().number(), 1);
}

TEST_P(SearchIndexTest, PrefixPastTheLimitIsRefused) {
  std::vector<std::string> texts;
  for (int i = 0; i < 20; ++i) texts.push_back(absl::StrCat("word", i, "x"));
  Write(MakeWrite("w", texts));
  internal::v1::SearchShardRequest request;
  request.mutable_query()->set_prefix("word");
  request.set_limit(10);
  request.set_max_prefix_terms(5);
  EXPECT_THAT(store_->Search(request),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("prefix 'word*' matches more than 5 terms")));
}

TEST_P(SearchIndexTest, FiltersAndFacetsReadTheParagraphAttributes) {
  // Attributes as ingest computes them from the documents (lib/schema).
  v1::Document a = MakeDocument("a", {"Executions in public.", "Food."});
  a.set_date("2008-02-15");
  a.add_countries("PRK");
  v1::Recommendation* r = a.add_recommendations();
  r->set_paragraph(1);
  r->set_addressee("PRK");
  Write(ingest::MakeIndexedWrite(a));
  v1::Document b = MakeDocument("b", {"Public executions again."});
  b.set_date("2010-01-01");
  b.add_countries("IRN");
  Write(ingest::MakeIndexedWrite(b));

  const internal::v1::QueryNode executions = Query("term: 'execut'");
  internal::v1::SearchShardResponse all =
      Run(executions, 10, {"country", "year", "kind", "addressee", "document"});
  EXPECT_EQ(all.total_matches(), 2);
  ASSERT_EQ(all.facets_size(), 5);
  auto buckets = [](const v1::FacetCount& facet) {
    std::vector<std::string> out;
    for (const auto& b : facet.buckets())
      out.push_back(absl::StrCat(b.value(), "=", b.count()));
    return out;
  };
  EXPECT_THAT(buckets(all.facets(0)), ElementsAre("IRN=1", "PRK=1"));
  EXPECT_THAT(buckets(all.facets(1)), ElementsAre("2008=1", "2010=1"));
  EXPECT_THAT(buckets(all.facets(2)),
              ElementsAre("paragraph=2", "recommendation=1"));
  EXPECT_THAT(buckets(all.facets(3)), ElementsAre("PRK=1"));
  // Values as stored; the query service shows documents by name.
  EXPECT_THAT(buckets(all.facets(4)), ElementsAre("a=1", "b=1"));

  EXPECT_THAT(Hits(Query("boolean { must { term: 'execut' } must { field { "
                         "field: 'year' min_year: 2009 } } }")),
              ElementsAre("TEST/b:1"));
  EXPECT_THAT(Hits(Query("boolean { must { term: 'execut' } must { field { "
                         "field: 'country' values: 'PRK' } } }")),
              ElementsAre("TEST/a:1"));
  EXPECT_THAT(Hits(Query("field { field: 'kind' values: 'recommendation' }")),
              ElementsAre("TEST/a:1"));
  // A paragraph holding a recommendation ranks 1.25x: same words, a ahead.
  EXPECT_THAT(Hits(executions), ElementsAre("TEST/a:1", "TEST/b:1"));
  // The shard knows no field: one no paragraph has matches nothing, and
  // only a name that cannot be an attribute's is an error.
  EXPECT_THAT(Hits(Query("field { field: 'colour' values: 'blue' }")),
              IsEmpty());
  EXPECT_THAT(store_->Search([] {
    internal::v1::SearchShardRequest r;
    r.mutable_query()->mutable_field()->set_field(std::string("col\0our", 7));
    r.set_limit(1);
    return r;
  }()),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("holds NUL")));
}

TEST_P(SearchIndexTest, AttributesAreOpaqueKeysIngestSends) {
  internal::v1::WriteDocumentRequest write =
      MakeWrite("a", {"Executions.", "Food."});
  write.mutable_paragraph_terms(1)->add_attributes(
      schema::AttributeKey("colour", "blue"));
  write.mutable_paragraph_terms(1)->add_attributes(
      schema::AttributeKey("size", "12"));
  Write(write);
  EXPECT_THAT(Hits(Query("field { field: 'colour' values: 'blue' }")),
              ElementsAre("TEST/a:2"));
  // A field without values is a range over its integer values.
  EXPECT_THAT(Hits(Query("field { field: 'size' min_year: 10 max_year: 12 }")),
              ElementsAre("TEST/a:2"));
  EXPECT_THAT(Hits(Query("field { field: 'size' min_year: 13 }")), IsEmpty());
  internal::v1::WriteDocumentRequest bad = MakeWrite("b", {"Text."});
  bad.mutable_paragraph_terms(0)->add_attributes("no field");
  EXPECT_THAT(
      store_->WriteDocument(bad),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("paragraph 0 has an attribute without a field")));
  internal::v1::WriteDocumentRequest boosted = MakeWrite("c", {"Text."});
  boosted.mutable_paragraph_terms(0)->set_boost(1000.0f);
  EXPECT_THAT(
      store_->WriteDocument(boosted),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("boost 1000")));
}

TEST_P(SearchIndexTest, DeletesAndReingestKeepStatisticsExact) {
  Write(MakeWrite("a", {"torture", "torture and detention"}));
  Write(MakeWrite("b", {"torture"}));
  internal::v1::GetCollectionStatsRequest stats_request;
  stats_request.mutable_query()->set_term("tortur");
  EXPECT_EQ(store_->GetCollectionStats(stats_request)
                ->document_frequency()
                .at("tortur"),
            3u);

  // Re-ingest of a without the word: its old paragraphs leave the index.
  Write(MakeWrite("a", {"detention only"}));
  auto stats = store_->GetCollectionStats(stats_request);
  EXPECT_EQ(stats->document_frequency().at("tortur"), 1u);
  EXPECT_EQ(stats->paragraphs(), 2u);
  EXPECT_THAT(Hits(Query("term: 'tortur'")), ElementsAre("TEST/b:1"));
  EXPECT_THAT(Hits(Query("term: 'detent'")), ElementsAre("TEST/a:1"));

  ASSERT_TRUE(store_->DeleteDocument("b").ok());
  EXPECT_THAT(Hits(Query("term: 'tortur'")), ElementsAre());
  EXPECT_EQ(store_->GetCollectionStats(stats_request)
                ->document_frequency()
                .at("tortur"),
            0u);

  // All of it survives a restart, and compaction drops the dead postings
  // without changing an answer.
  Reopen();
  EXPECT_THAT(Hits(Query("term: 'detent'")), ElementsAre("TEST/a:1"));
  EXPECT_EQ(store_->GetCollectionStats(stats_request)->paragraphs(), 1u);
  auto compacted = store_->CompactIndex();
  ASSERT_TRUE(compacted.ok()) << compacted.status();
  if (GetParam() == 0) {
    // Blocks were written with each write, so the replaced and deleted
    // paragraphs' postings were on disk to drop. (A buffer flushed at
    // Close leaves them out already.)
    EXPECT_GT(*compacted, 0);
  }
  EXPECT_THAT(Hits(Query("term: 'detent'")), ElementsAre("TEST/a:1"));
  EXPECT_THAT(Hits(Query("term: 'tortur'")), ElementsAre());
}

// Block skipping must never change the top hits: compare with the same
// search made exhaustive (facets make a search visit every match).
TEST_P(SearchIndexTest, BlockMaxSkippingGivesTheExhaustiveTopHits) {
  // 40 documents of 30 paragraphs: "common" everywhere with varying
  // frequency and length, "rare" now and then.
  for (int d = 0; d < 40; ++d) {
    std::vector<RawParagraph> paragraphs;
    for (int p = 0; p < 30; ++p) {
      RawParagraph raw;
      const int n = d * 30 + p;
      std::vector<uint32_t> positions;
      for (int k = 0; k < 1 + (n * 7919) % 5; ++k) positions.push_back(k);
      raw.terms.push_back({"common", positions});
      if (n % 11 == 0) raw.terms.push_back({"rare", {10}});
      raw.length = 10 + static_cast<uint32_t>((n * 104729) % 90);
      paragraphs.push_back(raw);
    }
    Write(RawWrite(absl::StrCat("d", d), paragraphs));
  }
  for (const char* q :
       {"term: 'common'",
        "boolean { must { term: 'common' } must { term: 'rare' } }"}) {
    internal::v1::SearchShardResponse pruned = Run(Query(q), 7);
    internal::v1::SearchShardResponse exhaustive = Run(Query(q), 7, {"kind"});
    ASSERT_EQ(pruned.hits_size(), 7) << q;
    for (int i = 0; i < 7; ++i) {
      EXPECT_EQ(pruned.hits(i).paragraph_id(),
                exhaustive.hits(i).paragraph_id())
          << q << " " << i;
      EXPECT_DOUBLE_EQ(pruned.hits(i).score(), exhaustive.hits(i).score()) << q;
    }
  }
  EXPECT_EQ(Run(Query("term: 'common'"), 7).total_matches(), 1200);
  // Compaction merges each document's small blocks into full ones; the
  // answers stay the same.
  const internal::v1::SearchShardResponse before =
      Run(Query("term: 'common'"), 7);
  ASSERT_TRUE(store_->CompactIndex().ok());
  const internal::v1::SearchShardResponse after =
      Run(Query("term: 'common'"), 7);
  for (int i = 0; i < 7; ++i) {
    EXPECT_EQ(before.hits(i).paragraph_id(), after.hits(i).paragraph_id());
  }
}

TEST_P(SearchIndexTest, SearchAfterAndSequenceResumeWhereAPageEnded) {
  std::vector<std::string> texts(25, "sanctions");
  Write(MakeWrite("s", texts));
  internal::v1::SearchShardRequest request;
  request.mutable_query()->set_term("sanction");
  request.set_limit(10);
  auto first = store_->Search(request);
  ASSERT_TRUE(first.ok());
  const uint64_t sequence = first->sequence();
  Write(MakeWrite("later", {"sanctions sanctions"}));  // scores higher
  request.set_max_sequence(sequence);
  *request.mutable_stats() = first->stats();
  request.mutable_after()->set_score(first->hits(9).score());
  request.mutable_after()->set_paragraph_id(first->hits(9).paragraph_id());
  auto second = store_->Search(request);
  ASSERT_TRUE(second.ok());
  ASSERT_EQ(second->hits_size(), 10);
  EXPECT_EQ(second->hits(0).paragraph().number(), 11);
  for (const auto& hit : second->hits()) EXPECT_EQ(hit.symbol(), "TEST/s");
}

// A buffer that rarely fills (pending postings in memory, flushed at Close),
// one that fills every few writes, and none.
INSTANTIATE_TEST_SUITE_P(Buffers, SearchIndexTest,
                         ::testing::Values(size_t{100000}, size_t{50},
                                           size_t{0}),
                         [](const ::testing::TestParamInfo<size_t>& info) {
                           return absl::StrCat("Buffer", info.param);
                         });

// Postings still pending when the process dies are rebuilt from the
// stored terms at the next open.
TEST(SearchIndexRecoveryTest, PendingPostingsSurviveACrash) {
  rapporteur::testing::TempDir dir;
  StoreConfig config;
  config.path = dir.path() + "/db";
  config.index_buffer_paragraphs = 100000;
  {
    auto store = Store::Open(config);
    ASSERT_TRUE(store.ok()) << store.status();
    ASSERT_TRUE((*store)
                    ->WriteDocument(MakeWrite("c", {"Crash course", "course"}))
                    .ok());
    // A crash: the store is never closed, so nothing is flushed.
    (void)store->release();
  }
  config.path = dir.path() + "/db";
  // RocksDB's lock file belongs to the open handle; copy the directory as
  // a crash leaves it (the WAL synced) and open the copy.
  std::filesystem::copy(dir.path() + "/db", dir.path() + "/copy",
                        std::filesystem::copy_options::recursive);
  std::filesystem::remove(dir.path() + "/copy/LOCK");
  config.path = dir.path() + "/copy";
  auto reopened = Store::Open(config);
  ASSERT_TRUE(reopened.ok()) << reopened.status();
  internal::v1::SearchShardRequest request;
  request.mutable_query()->set_term("cours");
  request.set_limit(10);
  auto response = (*reopened)->Search(request);
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->total_matches(), 2);
}

}  // namespace
}  // namespace rapporteur::storage
