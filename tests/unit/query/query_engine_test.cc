#include "lib/query/query_engine.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "lib/base/call_scope.h"
#include "lib/ingest/indexed_write.h"
#include "lib/ingest/ingester.h"
#include "lib/storage/local_shard.h"
#include "lib/storage/store.h"
#include "tests/testing/documents.h"
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

// A shard that does not answer, as a stopped process does: each call
// waits for the deadline the engine gave it, and ends DEADLINE_EXCEEDED
// then, as RemoteShard's does. Statistics may be answered (zero counts).
class HungShard final : public storage::Shard {
 public:
  explicit HungShard(bool answers_stats) : answers_stats_(answers_stats) {}

  std::string Describe() const override { return "10.0.0.7:50051"; }
  absl::Status CheckHealth() override { return Hang(); }
  absl::StatusOr<internal::v1::WriteDocumentResponse> WriteDocument(
      const internal::v1::WriteDocumentRequest&) override {
    return Hang();
  }
  absl::StatusOr<v1::Document> GetDocument(
      const v1::GetDocumentRequest&) override {
    return Hang();
  }
  absl::StatusOr<v1::Paragraph> GetParagraph(
      const v1::GetParagraphRequest&) override {
    return Hang();
  }
  absl::Status DeleteDocument(
      const internal::v1::DeleteDocumentRequest&) override {
    return Hang();
  }
  absl::StatusOr<internal::v1::SearchShardResponse> SearchShard(
      const internal::v1::SearchShardRequest&) override {
    ++searches;
    return Hang();
  }
  absl::StatusOr<internal::v1::ListRecordsResponse> ListRecords(
      const internal::v1::ListRecordsRequest&) override {
    return Hang();
  }
  absl::StatusOr<internal::v1::CollectionStats> GetCollectionStats(
      const internal::v1::GetCollectionStatsRequest&) override {
    ++stats;
    if (answers_stats_) {
      return internal::v1::CollectionStats();
    }
    return Hang();
  }

  std::atomic<int> stats{0};
  std::atomic<int> searches{0};
  // The last deadline a call was given.
  std::atomic<absl::Time> deadline_given{absl::InfinitePast()};

 private:
  absl::Status Hang() {
    const absl::Time deadline = CurrentDeadline();
    deadline_given = deadline;
    if (deadline == absl::InfiniteFuture()) {
      return absl::InternalError("a call without a deadline would hang");
    }
    absl::SleepFor(deadline - absl::Now());
    return absl::DeadlineExceededError("Deadline Exceeded");
  }

  const bool answers_stats_;
};

TEST_F(QueryEngineTest, AHungShardCostsAShareOfTheDeadlineNotTheSearch) {
  HungShard hung(/*answers_stats=*/false);
  // First: the others are not asked after it, or they would have no time.
  QueryEngine engine({&hung, shard_});
  v1::SearchRequest request;
  request.set_query("public executions");
  const absl::Time deadline = absl::Now() + absl::Seconds(1);
  ScopedDeadline scoped(deadline);
  auto partial = engine.Search(request);
  ASSERT_TRUE(partial.ok()) << partial.status();
  ASSERT_GE(partial->hits_size(), 1);
  EXPECT_EQ(partial->hits(0).paragraph_number(), 26);
  ASSERT_EQ(partial->unavailable_shards_size(), 1);
  EXPECT_THAT(partial->unavailable_shards(0),
              HasSubstr("shard 0 (10.0.0.7:50051): Deadline Exceeded"));
  // Its statistics call had a share of the time, and it was not asked to
  // search after missing it.
  EXPECT_EQ(hung.stats.load(), 1);
  EXPECT_EQ(hung.searches.load(), 0);
  EXPECT_LT(hung.deadline_given.load(), deadline);
}

TEST_F(QueryEngineTest, AShardHungInTheSearchRoundIsLeftOutByTheDeadline) {
  HungShard hung(/*answers_stats=*/true);
  QueryEngine engine({shard_, &hung});
  v1::SearchRequest request;
  request.set_query("public executions");
  const absl::Time deadline = absl::Now() + absl::Seconds(1);
  ScopedDeadline scoped(deadline);
  auto partial = engine.Search(request);
  ASSERT_TRUE(partial.ok()) << partial.status();
  ASSERT_GE(partial->hits_size(), 1);
  EXPECT_EQ(partial->hits(0).paragraph_number(), 26);
  ASSERT_EQ(partial->unavailable_shards_size(), 1);
  EXPECT_THAT(partial->unavailable_shards(0), HasSubstr("shard 1"));
  EXPECT_EQ(hung.searches.load(), 1);
  // Time is kept for the merge after the calls.
  EXPECT_LT(hung.deadline_given.load(), deadline);

  // Asked for every shard, the search fails with the deadline.
  request.set_require_all_shards(true);
  ScopedDeadline again(absl::Now() + absl::Seconds(1));
  EXPECT_THAT(engine.Search(request),
              StatusIs(absl::StatusCode::kDeadlineExceeded));
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

// Recommendations of one earlier review and of many later documents on two
// shards, few of them repeating an earlier one.
class RecurringRecommendationsTest : public ::testing::Test {
 protected:
  // What the earlier review asked (paragraph 56, items 1..5); the later
  // documents repeat some of it.
  static constexpr const char* kEarlier[] = {
      "Ratify the Optional Protocol to the Convention against Torture",
      "Abolish the death penalty and commute existing sentences",
      "Criminalize female genital mutilation and prosecute offenders",
      "Guarantee free primary education for every girl",
      "Establish a national human rights institution under the Paris "
      "Principles",
  };
  // Shares no word with any of kEarlier.
  static constexpr const char* kNew =
      "Strengthen cooperation on tourism statistics (Norway)";

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

  struct Item {
    std::string addressee;
    std::string text;
  };
  // Writes document `id` of `date` with `items` as the list of paragraph
  // `paragraph`, on the shard the id hashes to.
  void Write(const std::string& id, const std::string& date, int paragraph,
             const std::vector<Item>& items) {
    v1::Document doc = rapporteur::testing::MakeDocument(id, {"The review."});
    doc.set_date(date);
    int n = 0;
    for (const Item& item : items) {
      v1::Recommendation* r = doc.add_recommendations();
      r->set_paragraph(paragraph);
      r->set_item(++n);
      r->set_addressee(item.addressee);
      r->set_text(item.text);
      r->set_response(v1::RECOMMENDATION_RESPONSE_SUPPORTED);
      r->set_name(absl::StrCat(doc.name(), "/recommendations/", n));
      r->set_citation(absl::StrCat(doc.symbol(), ", para. ", paragraph));
    }
    storage::Shard* shard =
        shards_[storage::ShardFor(id, shards_.size())].get();
    ASSERT_TRUE(shard->WriteDocument(ingest::MakeIndexedWrite(doc)).ok());
  }

  // The recurring recommendations, page by page.
  std::vector<v1::ListRecommendationsResponse> Pages(int page_size) {
    std::vector<v1::ListRecommendationsResponse> pages;
    v1::ListRecommendationsRequest request;
    request.mutable_filter()->set_recurring(true);
    request.set_page_size(page_size);
    for (int guard = 0; guard < 1000; ++guard) {
      auto page = engine_->ListRecommendations(request);
      EXPECT_TRUE(page.ok()) << page.status();
      if (!page.ok()) {
        break;
      }
      pages.push_back(*page);
      if (page->next_page_token().empty()) {
        break;
      }
      request.set_page_token(page->next_page_token());
    }
    return pages;
  }

  rapporteur::testing::TempDir dir_;
  std::vector<std::unique_ptr<storage::Store>> stores_;
  std::vector<std::unique_ptr<storage::LocalShard>> shards_;
  std::unique_ptr<QueryEngine> engine_;
};

TEST_F(RecurringRecommendationsTest, PagesAreFullAndCoverEachRecurringOnce) {
  std::vector<Item> earlier;
  for (const char* text : kEarlier) {
    earlier.push_back({"BEN", absl::StrCat(text, " (Mexico)")});
  }
  Write("review-2008", "2008-05-30", 56, earlier);
  // 24 later documents of 9 items each (216): 11 repeat an earlier one,
  // none in the 8 documents in the middle, so that a page of them spans
  // several pages of the shards. The same texts to another State, which had
  // no earlier review, do not recur.
  std::vector<std::string> expected;  // in document order
  int k = 0;
  for (int d = 0; d < 24; ++d) {
    const std::string id = absl::StrFormat("review-2012-%02d", d);
    std::vector<Item> items(9, Item{"BEN", kNew});
    items[8] = {"PHL", absl::StrCat(kEarlier[d % 5], " (Brazil)")};
    if (d < 9 ? d % 2 == 0 : d >= 17 && d % 3 != 1) {
      const int at = (d * 5) % 8;
      items[at] = {"BEN", absl::StrCat(kEarlier[k++ % 5], " (Denmark)")};
      expected.push_back(
          absl::StrCat("documents/", id, "/recommendations/", at + 1));
      if (d == 20) {  // two in one document
        items[7] = {"BEN", absl::StrCat(kEarlier[k++ % 5], " (Chile)")};
        expected.push_back(
            absl::StrCat("documents/", id, "/recommendations/", 8));
      }
    }
    Write(id, "2012-10-25", 108, items);
  }
  ASSERT_EQ(expected.size(), 11u);

  for (int page_size : {1, 3, 4, 11, 12}) {
    SCOPED_TRACE(absl::StrCat("page size ", page_size));
    const std::vector<v1::ListRecommendationsResponse> pages = Pages(page_size);
    ASSERT_FALSE(pages.empty());
    std::vector<std::string> names;
    absl::flat_hash_set<std::string> seen;
    for (size_t p = 0; p < pages.size(); ++p) {
      const int size = pages[p].recommendations_size();
      if (p + 1 < pages.size()) {
        EXPECT_EQ(size, page_size) << "page " << p << " of " << pages.size();
      } else {
        // A token is given only when another recurring one follows.
        EXPECT_GT(size, 0) << "last page " << p;
        EXPECT_LE(size, page_size) << "last page " << p;
      }
      for (const v1::Recommendation& r : pages[p].recommendations()) {
        EXPECT_TRUE(seen.insert(r.name()).second) << "twice: " << r.name();
        EXPECT_EQ(r.addressee(), "BEN") << r.name();
        EXPECT_FALSE(r.lineage().empty()) << r.name();
        names.push_back(r.name());
      }
    }
    EXPECT_EQ(names, expected);
    EXPECT_EQ(pages.size(), (expected.size() + page_size - 1) / page_size);
  }
}

TEST_F(RecurringRecommendationsTest, LinkNamesTheEarlierParagraphAndItem) {
  std::vector<Item> earlier;
  for (const char* text : kEarlier) {
    earlier.push_back({"BEN", absl::StrCat(text, " (Mexico)")});
  }
  Write("review-2008", "2008-05-30", 56, earlier);
  Write("review-2012", "2012-10-25", 108,
        {{"BEN", kNew},
         {"BEN", absl::StrCat(kEarlier[3], " (Denmark)")},
         {"BEN", kNew}});
  v1::ListRecommendationsRequest request;
  request.mutable_filter()->set_recurring(true);
  auto response = engine_->ListRecommendations(request);
  ASSERT_TRUE(response.ok()) << response.status();
  ASSERT_EQ(response->recommendations_size(), 1);
  const v1::Recommendation& now = response->recommendations(0);
  EXPECT_EQ(now.name(), "documents/review-2012/recommendations/2");
  EXPECT_EQ(now.paragraph(), 108);
  EXPECT_EQ(now.item(), 2);
  ASSERT_EQ(now.lineage_size(), 1);
  const v1::RecommendationLink& link = now.lineage(0);
  // Item 56.4 of the earlier review.
  EXPECT_EQ(link.recommendation(), "documents/review-2008/recommendations/4");
  EXPECT_EQ(link.citation(), "TEST/review-2008, para. 56");
  EXPECT_EQ(link.paragraph(), 56);
  EXPECT_EQ(link.item(), 4);
  EXPECT_EQ(link.year(), 2008);
  EXPECT_EQ(link.response(), v1::RECOMMENDATION_RESPONSE_SUPPORTED);
  EXPECT_DOUBLE_EQ(link.similarity(), 1.0);
  EXPECT_TRUE(response->next_page_token().empty());
  // Without `recurring`, every recommendation, without lineage.
  request.mutable_filter()->set_recurring(false);
  response = engine_->ListRecommendations(request);
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->recommendations_size(), 8);
  for (const v1::Recommendation& r : response->recommendations()) {
    EXPECT_THAT(r.lineage(), ::testing::IsEmpty()) << r.name();
  }
}

TEST_F(RecurringRecommendationsTest, TokenIsBoundToTheRecurringListing) {
  std::vector<Item> earlier;
  for (const char* text : kEarlier) {
    earlier.push_back({"BEN", text});
  }
  Write("review-2008", "2008-05-30", 56, earlier);
  Write("review-2012", "2012-10-25", 108, earlier);
  v1::ListRecommendationsRequest request;
  request.mutable_filter()->set_recurring(true);
  request.set_page_size(2);
  auto first = engine_->ListRecommendations(request);
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_EQ(first->recommendations_size(), 2);
  ASSERT_FALSE(first->next_page_token().empty());
  request.set_page_token(first->next_page_token());
  request.mutable_filter()->set_recurring(false);
  EXPECT_THAT(
      engine_->ListRecommendations(request),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("page_token")));
  request.mutable_filter()->set_recurring(true);
  request.set_page_size(-1);
  EXPECT_THAT(engine_->ListRecommendations(request),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

// A paragraph of megabytes, on one line, as a careless conversion makes:
// a search matching it answers with a snippet from around the match and
// highlights that point at the matched word.
TEST(QueryEngineHugeParagraphTest, SnippetAndHighlightsComeFromTheMatch) {
  rapporteur::testing::TempDir dir;
  auto store = storage::Store::Open({.path = dir.path() + "/db"});
  ASSERT_TRUE(store.ok()) << store.status();
  storage::LocalShard shard(store->get());
  std::string filler;
  while (filler.size() < (1 << 20)) {
    filler += "The delegation met officials of several ministries. ";
  }
  v1::IngestDocumentRequest request;
  request.mutable_source()->set_content(
      absl::StrCat("1. ", filler, "Reports of the zqxhuge camps continue. ",
                   filler, "\n2. A short paragraph on zqxhuge.\n"));
  request.mutable_source()->set_symbol("A/HRC/99/1");
  request.mutable_source()->set_date("2008-02-15");
  ASSERT_TRUE(ingest::Ingester({&shard}).Ingest(request).ok());

  v1::SearchRequest search;
  search.set_query("zqxhuge camps");
  search.set_all_words(true);  // paragraph 2 has one of the words only
  auto response = QueryEngine({&shard}).Search(search);
  ASSERT_TRUE(response.ok()) << response.status();
  ASSERT_EQ(response->hits_size(), 1);
  const v1::SearchHit& hit = response->hits(0);
  EXPECT_EQ(hit.paragraph_number(), 1);
  EXPECT_THAT(hit.snippet(),
              HasSubstr("Reports of the **zqxhuge** **camps** continue."));
  EXPECT_LT(hit.snippet().size(), 1000u);
  std::string plain = hit.snippet();
  plain.erase(std::remove(plain.begin(), plain.end(), '*'), plain.end());
  ASSERT_EQ(hit.highlights_size(), 2);
  EXPECT_EQ(plain.substr(hit.highlights(0).begin(),
                         hit.highlights(0).end() - hit.highlights(0).begin()),
            "zqxhuge");
  EXPECT_EQ(plain.substr(hit.highlights(1).begin(),
                         hit.highlights(1).end() - hit.highlights(1).begin()),
            "camps");
  (*store)->Close().IgnoreError();
}

}  // namespace
}  // namespace rapporteur::query
