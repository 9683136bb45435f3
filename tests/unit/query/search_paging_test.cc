// Search through the query engine over two in-process shards: global
// statistics, cursor pages that hold still while documents are added,
// StreamSearch, facets and query-language errors.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "lib/ingest/indexed_write.h"
#include "lib/query/query_engine.h"
#include "lib/storage/local_shard.h"
#include "lib/storage/store.h"
#include "tests/testing/documents.h"
#include "tests/testing/files.h"
#include "tests/testing/status_matchers.h"

namespace rapporteur::query {
namespace {

using ::rapporteur::testing::MakeWrite;
using ::rapporteur::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

class SearchPagingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (int i = 0; i < 2; ++i) {
      auto store =
          storage::Store::Open({.path = absl::StrCat(dir_.path(), "/", i)});
      ASSERT_TRUE(store.ok()) << store.status();
      stores_.push_back(std::move(*store));
      shards_.push_back(
          std::make_unique<storage::LocalShard>(stores_.back().get()));
    }
    engine_ = std::make_unique<QueryEngine>(
        std::vector<storage::Shard*>{shards_[0].get(), shards_[1].get()});
  }

  // Writes document `id` on the shard the document id hashes to, as ingest
  // routes it.
  void Write(const std::string& id, const std::vector<std::string>& texts) {
    storage::Shard* shard =
        shards_[storage::ShardFor(id, shards_.size())].get();
    ASSERT_TRUE(shard->WriteDocument(MakeWrite(id, texts)).ok());
  }

  rapporteur::testing::TempDir dir_;
  std::vector<std::unique_ptr<storage::Store>> stores_;
  std::vector<std::unique_ptr<storage::LocalShard>> shards_;
  std::unique_ptr<QueryEngine> engine_;
};

TEST_F(SearchPagingTest, ScoresAreTheSameWhicheverShardHoldsAParagraph) {
  // The same paragraph text in documents on both shards, with different
  // other content per shard: per-shard statistics would score them apart.
  for (int i = 0; i < 12; ++i) {
    Write(absl::StrCat("doc", i),
          {"arbitrary detention in camps", i % 2 == 0 ? "detention" : "food"});
  }
  ASSERT_GT(stores_[0]->GetCollectionStats({}).value().paragraphs(), 0u);
  ASSERT_GT(stores_[1]->GetCollectionStats({}).value().paragraphs(), 0u);
  v1::SearchRequest request;
  request.set_query("\"arbitrary detention\"");
  request.set_page_size(20);
  auto response = engine_->Search(request);
  ASSERT_TRUE(response.ok()) << response.status();
  ASSERT_EQ(response->hits_size(), 12);
  for (const auto& hit : response->hits()) {
    EXPECT_DOUBLE_EQ(hit.score(), response->hits(0).score()) << hit.paragraph();
  }
}

TEST_F(SearchPagingTest, PagesNeitherRepeatNorSkipWhileDocumentsAreAdded) {
  for (int i = 0; i < 15; ++i) {
    std::vector<std::string> texts;
    for (int p = 0; p <= i % 4; ++p)
      texts.push_back("Enforced disappearances were reported.");
    Write(absl::StrCat("report", i), texts);
  }
  v1::SearchRequest request;
  request.set_query("disappearances");
  request.set_page_size(1000);
  auto everything = engine_->Search(request);
  ASSERT_TRUE(everything.ok()) << everything.status();
  std::vector<std::string> expected;
  for (const auto& hit : everything->hits())
    expected.push_back(hit.paragraph());

  request.set_page_size(4);
  std::vector<std::string> paged;
  int pages = 0;
  do {
    auto page = engine_->Search(request);
    ASSERT_TRUE(page.ok()) << page.status();
    for (const auto& hit : page->hits()) paged.push_back(hit.paragraph());
    request.set_page_token(page->next_page_token());
    // Between pages, documents arrive that would outrank every hit.
    Write(absl::StrCat("new", pages),
          {"disappearances disappearances disappearances"});
    ++pages;
  } while (!request.page_token().empty() && pages < 100);
  EXPECT_EQ(paged, expected);
  EXPECT_GT(pages, 5);

  // A token is bound to its query.
  request.set_query("torture");
  request.set_page_token(engine_
                             ->Search([] {
                               v1::SearchRequest r;
                               r.set_query("disappearances");
                               r.set_page_size(1);
                               return r;
                             }())
                             ->next_page_token());
  EXPECT_THAT(
      engine_->Search(request),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("page_token")));
}

TEST_F(SearchPagingTest, StreamSearchGivesEveryHitInRankOrder) {
  for (int i = 0; i < 30; ++i) {
    std::vector<std::string> texts(1 + i % 3,
                                   "Humanitarian access was denied.");
    texts.push_back(i % 2 ? "access" : "nothing here");
    Write(absl::StrCat("s", i), texts);
  }
  std::vector<v1::SearchHit> streamed;
  v1::StreamSearchRequest stream;
  stream.set_query("access");
  ASSERT_TRUE(engine_
                  ->StreamSearch(stream,
                                 [&](v1::SearchHit hit) {
                                   streamed.push_back(std::move(hit));
                                   return true;
                                 })
                  .ok());
  v1::SearchRequest request;
  request.set_query("access");
  request.set_page_size(100);
  auto page = engine_->Search(request);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(static_cast<int>(streamed.size()), page->hits_size());
  EXPECT_EQ(static_cast<int64_t>(streamed.size()), 30 * 2 + 15);
  absl::flat_hash_set<std::string> seen;
  for (size_t i = 0; i < streamed.size(); ++i) {
    EXPECT_TRUE(seen.insert(streamed[i].paragraph()).second);
    EXPECT_DOUBLE_EQ(streamed[i].score(),
                     page->hits(static_cast<int>(i)).score());
    if (i > 0) {
      EXPECT_GE(streamed[i - 1].score(), streamed[i].score());
    }
  }
  // A reader that stops ends the stream.
  int taken = 0;
  EXPECT_THAT(
      engine_->StreamSearch(stream, [&](v1::SearchHit) { return ++taken < 3; }),
      StatusIs(absl::StatusCode::kCancelled));
  EXPECT_EQ(taken, 3);
}

TEST_F(SearchPagingTest, FacetsSumOverShardsAndSyntaxErrorsNameTheColumn) {
  for (int i = 0; i < 10; ++i)
    Write(absl::StrCat("f", i), {"Freedom of expression.", "Other."});
  v1::SearchRequest request;
  request.set_query("expression");
  request.add_facets("document");
  request.add_facets("kind");
  auto response = engine_->Search(request);
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->total_size(), 10);
  EXPECT_FALSE(response->total_size_is_lower_bound());
  ASSERT_EQ(response->facets_size(), 2);
  EXPECT_EQ(response->facets(0).buckets_size(), 10);
  ASSERT_EQ(response->facets(1).buckets_size(), 1);
  EXPECT_EQ(response->facets(1).buckets(0).value(), "paragraph");
  EXPECT_EQ(response->facets(1).buckets(0).count(), 10);
  // Highlights point into the snippet as read without its marks.
  ASSERT_GT(response->hits(0).highlights_size(), 0);
  EXPECT_EQ(response->hits(0).snippet(), "Freedom of **expression**.");
  EXPECT_EQ(response->hits(0).highlights(0).begin(), 11);
  EXPECT_EQ(response->hits(0).highlights(0).end(), 21);

  // A prefix marks the words it expanded to.
  request.set_query("expr*");
  request.clear_facets();
  auto prefixed = engine_->Search(request);
  ASSERT_TRUE(prefixed.ok()) << prefixed.status();
  ASSERT_GT(prefixed->hits_size(), 0);
  EXPECT_EQ(prefixed->hits(0).snippet(), "Freedom of **expression**.");

  request.set_query("expression AND (freedom");
  EXPECT_THAT(
      engine_->Search(request),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("column")));
  request.set_query("expression");
  request.clear_facets();
  request.add_facets("colour");
  EXPECT_THAT(engine_->Search(request),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("unknown facet 'colour'")));
}

// The `language` field, declared once in lib/schema/fields.cc, filters and
// counts with no other change: documents in French and in English, on
// either shard.
TEST_F(SearchPagingTest, LanguageFiltersAndCountsAsTheSchemaDeclaresIt) {
  for (int i = 0; i < 6; ++i) {
    const std::string id = absl::StrCat("doc", i);
    v1::Document doc = rapporteur::testing::MakeDocument(
        id, {i % 3 == 0 ? "la détention arbitraire" : "arbitrary detention"});
    if (i % 3 == 0) {
      doc.set_language("fr");
    }
    storage::Shard* shard =
        shards_[storage::ShardFor(id, shards_.size())].get();
    ASSERT_TRUE(shard->WriteDocument(ingest::MakeIndexedWrite(doc)).ok());
  }
  v1::SearchRequest request;
  request.set_query("language:FR");
  request.add_facets("language");
  absl::StatusOr<v1::SearchResponse> french = engine_->Search(request);
  ASSERT_TRUE(french.ok()) << french.status();
  EXPECT_EQ(french->total_size(), 2);
  for (const v1::SearchHit& hit : french->hits()) {
    EXPECT_THAT(hit.document(),
                ::testing::AnyOf("documents/doc0", "documents/doc3"));
  }
  request.set_query("kind:paragraph");
  absl::StatusOr<v1::SearchResponse> all = engine_->Search(request);
  ASSERT_TRUE(all.ok()) << all.status();
  ASSERT_EQ(all->facets_size(), 1);
  ASSERT_EQ(all->facets(0).buckets_size(), 2);
  EXPECT_EQ(all->facets(0).buckets(0).value(), "en");
  EXPECT_EQ(all->facets(0).buckets(0).count(), 4);
  EXPECT_EQ(all->facets(0).buckets(1).value(), "fr");
  EXPECT_EQ(all->facets(0).buckets(1).count(), 2);
  request.set_query("language:french");
  EXPECT_THAT(
      engine_->Search(request),
      StatusIs(
          absl::StatusCode::kInvalidArgument,
          HasSubstr("language: expected a language subtag such as en or fr")));
}

// The `response` field (lib/schema/fields.cc): what the State under review
// answered to a paragraph's recommendations filters and counts.
TEST_F(SearchPagingTest, ResponseFiltersAndCountsRecommendations) {
  for (int i = 0; i < 4; ++i) {
    const std::string id = absl::StrCat("upr", i);
    v1::Document doc =
        rapporteur::testing::MakeDocument(id, {"ratify the convention"});
    v1::Recommendation* r = doc.add_recommendations();
    r->set_paragraph(doc.paragraphs(0).number());
    r->set_item(1);
    r->set_addressee("BEN");
    r->set_text("Ratify the convention (Mexico)");
    r->set_response(i == 0 ? v1::RECOMMENDATION_RESPONSE_REJECTED
                           : v1::RECOMMENDATION_RESPONSE_SUPPORTED);
    storage::Shard* shard =
        shards_[storage::ShardFor(id, shards_.size())].get();
    ASSERT_TRUE(shard->WriteDocument(ingest::MakeIndexedWrite(doc)).ok());
  }
  v1::SearchRequest request;
  request.set_query("response:Rejected ratify");
  request.add_facets("response");
  absl::StatusOr<v1::SearchResponse> rejected = engine_->Search(request);
  ASSERT_TRUE(rejected.ok()) << rejected.status();
  EXPECT_EQ(rejected->total_size(), 1);
  ASSERT_EQ(rejected->hits_size(), 1);
  EXPECT_EQ(rejected->hits(0).document(), "documents/upr0");
  request.set_query("ratify");
  absl::StatusOr<v1::SearchResponse> all = engine_->Search(request);
  ASSERT_TRUE(all.ok()) << all.status();
  ASSERT_EQ(all->facets_size(), 1);
  ASSERT_EQ(all->facets(0).buckets_size(), 2);
  EXPECT_EQ(all->facets(0).buckets(0).value(), "supported");
  EXPECT_EQ(all->facets(0).buckets(0).count(), 3);
  EXPECT_EQ(all->facets(0).buckets(1).value(), "rejected");
  EXPECT_EQ(all->facets(0).buckets(1).count(), 1);
  request.set_query("response:maybe");
  EXPECT_THAT(
      engine_->Search(request),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("response")));
}

}  // namespace
}  // namespace rapporteur::query
