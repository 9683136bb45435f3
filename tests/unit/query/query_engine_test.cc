#include "lib/query/query_engine.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "lib/ingest/ingester.h"
#include "lib/storage/local_shard.h"
#include "lib/storage/store.h"
#include "tests/testing/files.h"
#include "tests/testing/status_matchers.h"

namespace rapporteur::query {
namespace {

using ::rapporteur::testing::StatusIs;
using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

// The sample report ingested into one in-process shard, shared by the
// tests of this suite (they only read).
class QueryEngineTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new rapporteur::testing::TempDir;
    auto store = storage::Store::Open({.path = dir_->path() + "/db"});
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = store->release();
    shard_ = new storage::LocalShard(store_);
    ingest::Ingester ingester({shard_});
    v1::IngestDocumentRequest request;
    request.mutable_source()->set_content(rapporteur::testing::SampleReport());
    request.mutable_source()->set_symbol("A/HRC/7/20");
    request.mutable_source()->set_date("2008-02-15");
    ASSERT_TRUE(ingester.Ingest(request).ok());
  }
  static void TearDownTestSuite() {
    delete shard_;
    delete store_;
    delete dir_;
  }

  absl::StatusOr<v1::SearchResponse> Search(const std::string& query,
                                            int page_size = 10,
                                            const std::string& token = "") {
    v1::SearchRequest request;
    request.set_query(query);
    request.set_page_size(page_size);
    request.set_page_token(token);
    return QueryEngine({shard_}).Search(request);
  }

  static rapporteur::testing::TempDir* dir_;
  static storage::Store* store_;
  static storage::LocalShard* shard_;
};

rapporteur::testing::TempDir* QueryEngineTest::dir_ = nullptr;
storage::Store* QueryEngineTest::store_ = nullptr;
storage::LocalShard* QueryEngineTest::shard_ = nullptr;

TEST_F(QueryEngineTest, PublicExecutionsRanksParagraph26First) {
  auto response = Search("public executions");
  ASSERT_TRUE(response.ok()) << response.status();
  ASSERT_GE(response->hits_size(), 1);
  const v1::SearchHit& top = response->hits(0);
  EXPECT_EQ(top.paragraph_number(), 26);
  EXPECT_EQ(top.citation(), "A/HRC/7/20, para. 26");
  EXPECT_EQ(top.document(), "documents/a-hrc-7-20");
  EXPECT_EQ(top.paragraph(), "documents/a-hrc-7-20/paragraphs/26");
  EXPECT_THAT(top.snippet(), HasSubstr("**public** **executions**"));
  EXPECT_GT(top.score(), 0);
}

TEST_F(QueryEngineTest, PagesCoverEveryHitOnce) {
  auto all = Search("food", 100);
  ASSERT_TRUE(all.ok()) << all.status();
  ASSERT_GT(all->total_size(), 6);
  std::vector<std::string> paged;
  std::string token;
  do {
    auto page = Search("food", 3, token);
    ASSERT_TRUE(page.ok()) << page.status();
    for (const v1::SearchHit& hit : page->hits()) {
      paged.push_back(hit.paragraph());
    }
    token = page->next_page_token();
  } while (!token.empty());
  ASSERT_EQ(static_cast<int>(paged.size()), all->hits_size());
  for (int i = 0; i < all->hits_size(); ++i) {
    EXPECT_EQ(paged[i], all->hits(i).paragraph());
  }
}

TEST_F(QueryEngineTest, ClearErrors) {
  EXPECT_THAT(Search("the of and"), StatusIs(absl::StatusCode::kInvalidArgument,
                                             HasSubstr("no searchable word")));
  EXPECT_THAT(
      Search("food", 10, "bogus"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("page_token")));
  EXPECT_THAT(Search("food", -1), StatusIs(absl::StatusCode::kInvalidArgument));
  // A NUL or an escape is no query; a made-up language no language.
  EXPECT_THAT(Search(std::string("fo\0od", 5)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("control character (0x00) at byte 2")));
  v1::SearchRequest klingon;
  klingon.set_query("food");
  klingon.set_language("klingon");
  EXPECT_THAT(QueryEngine({shard_}).Search(klingon),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("language 'klingon'")));
  klingon.set_language("fr-CA");
  EXPECT_TRUE(QueryEngine({shard_}).Search(klingon).ok());
  EXPECT_THAT(Search("country:ZZZ food"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  v1::GetDocumentRequest get;
  get.set_name("documents/no-such-report");
  EXPECT_THAT(QueryEngine({shard_}).GetDocument(get),
              StatusIs(absl::StatusCode::kNotFound));
}

// A shard that is down for searches.
class UnreachableShard final : public storage::Shard {
 public:
  std::string Describe() const override { return "10.0.0.9:50051"; }
  absl::Status CheckHealth() override { return Down(); }
  absl::StatusOr<internal::v1::WriteDocumentResponse> WriteDocument(
      const internal::v1::WriteDocumentRequest&) override {
    return Down();
  }
  absl::StatusOr<v1::Document> GetDocument(
      const v1::GetDocumentRequest&) override {
    return Down();
  }
  absl::StatusOr<v1::Paragraph> GetParagraph(
      const v1::GetParagraphRequest&) override {
    return Down();
  }
  absl::Status DeleteDocument(
      const internal::v1::DeleteDocumentRequest&) override {
    return Down();
  }
  absl::StatusOr<internal::v1::SearchShardResponse> SearchShard(
      const internal::v1::SearchShardRequest&) override {
    return Down();
  }
  absl::StatusOr<internal::v1::ListRecordsResponse> ListRecords(
      const internal::v1::ListRecordsRequest&) override {
    return Down();
  }
  absl::StatusOr<internal::v1::CollectionStats> GetCollectionStats(
      const internal::v1::GetCollectionStatsRequest&) override {
    return Down();
  }

 private:
  static absl::Status Down() {
    return absl::UnavailableError("connection refused");
  }
};

TEST_F(QueryEngineTest, AShardDownGivesTheOthersHitsMarked) {
  UnreachableShard down;
  QueryEngine engine({shard_, &down});
  v1::SearchRequest request;
  request.set_query("public executions");
  auto partial = engine.Search(request);
  ASSERT_TRUE(partial.ok()) << partial.status();
  ASSERT_GE(partial->hits_size(), 1);
  EXPECT_EQ(partial->hits(0).paragraph_number(), 26);
  ASSERT_EQ(partial->unavailable_shards_size(), 1);
  EXPECT_THAT(partial->unavailable_shards(0),
              HasSubstr("shard 1 (10.0.0.9:50051): connection refused"));

  request.set_require_all_shards(true);
  EXPECT_THAT(engine.Search(request), StatusIs(absl::StatusCode::kUnavailable));
  // With every shard down there is nothing to return.
  request.set_require_all_shards(false);
  EXPECT_THAT(QueryEngine({&down}).Search(request),
              StatusIs(absl::StatusCode::kUnavailable));
}

TEST_F(QueryEngineTest, GetsParagraph49Whole) {
  v1::GetParagraphRequest request;
  request.set_name("documents/a-hrc-7-20/paragraphs/49");
  auto paragraph = QueryEngine({shard_}).GetParagraph(request);
  ASSERT_TRUE(paragraph.ok()) << paragraph.status();
  EXPECT_EQ(paragraph->number(), 49);
  EXPECT_THAT(paragraph->text(),
              StartsWith("On 22 February 2007, the Special Rapporteur sent"));
  EXPECT_THAT(paragraph->text(),
              EndsWith("Korea did not reply to this communication."));
  EXPECT_THAT(paragraph->text(), Not(HasSubstr("\n")));
}

}  // namespace
}  // namespace rapporteur::query
