// One client test suite, run against both backends: the same calls must
// give the same answers whether the engines run in this process or behind
// the three services.
#include "rapporteur/client.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>

#include "absl/strings/str_cat.h"
#include "rapporteur/error_details.h"
#include "tests/integration/cluster.h"
#include "tests/testing/files.h"
#include "tests/testing/status_matchers.h"

namespace rapporteur {
namespace {

using ::rapporteur::testing::IsOk;
using ::rapporteur::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::StartsWith;

enum class Backend { kEmbedded, kRemote };

v1::IngestDocumentRequest SampleRequest() {
  v1::IngestDocumentRequest request;
  v1::DocumentSource* source = request.mutable_source();
  source->set_content(rapporteur::testing::SampleReport());
  source->set_symbol("A/HRC/7/20");
  source->set_date("2008-02-15");
  source->add_countries("PRK");
  return request;
}

class ClientTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kRemote) {
      cluster_ = std::make_unique<rapporteur::testing::Cluster>(dir_.path() +
                                                                "/cluster");
      ASSERT_THAT(cluster_->Start(), IsOk());
      client_ = cluster_->NewClient();
    } else {
      Options options;
      options.data_dir = dir_.path() + "/data";
      auto client = MakeClient(options);
      ASSERT_TRUE(client.ok()) << client.status();
      client_ = std::move(*client);
    }
    ASSERT_NE(client_, nullptr);
  }

  void IngestSample() {
    auto ingested = client_->IngestDocument(SampleRequest());
    ASSERT_TRUE(ingested.ok()) << ingested.status();
  }

  rapporteur::testing::TempDir dir_;
  std::unique_ptr<rapporteur::testing::Cluster> cluster_;
  std::unique_ptr<Client> client_;
};

TEST_P(ClientTest, SearchesAndCitesTheSampleReport) {
  IngestSample();
  auto hits = client_->Search("public executions");
  ASSERT_TRUE(hits.ok()) << hits.status();
  ASSERT_GE(hits->hits_size(), 1);
  EXPECT_EQ(hits->hits(0).citation(), "A/HRC/7/20, para. 26");

  auto cited = client_->Cite("A/HRC/7/20", 49);
  ASSERT_TRUE(cited.ok()) << cited.status();
  EXPECT_THAT(cited->text(), StartsWith("On 22 February 2007"));
  EXPECT_THAT(client_->Cite("A/HRC/7/20", 84),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(client_->Cite("", 4),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_P(ClientTest, ListsRecordsAndResolvesCitations) {
  IngestSample();
  auto visits = client_->ListVisits(v1::ListVisitsRequest());
  ASSERT_TRUE(visits.ok()) << visits.status();
  ASSERT_EQ(visits->visits_size(), 3);
  EXPECT_EQ(visits->visits(0).country(), "MNG");
  EXPECT_EQ(visits->visits(0).start(), "2007-12-15");
  EXPECT_EQ(visits->visits(0).citation(), "A/HRC/7/20, para. 51");

  v1::ListRecommendationsRequest to_korea;
  to_korea.mutable_filter()->set_addressee("KOR");
  auto recommendations = client_->ListRecommendations(to_korea);
  ASSERT_TRUE(recommendations.ok()) << recommendations.status();
  EXPECT_EQ(recommendations->recommendations_size(), 5);
  for (const v1::Recommendation& r : recommendations->recommendations()) {
    EXPECT_EQ(r.paragraph(), 80);
  }
  auto communications = client_->ListCommunications({});
  ASSERT_TRUE(communications.ok()) << communications.status();
  ASSERT_EQ(communications->communications_size(), 1);
  EXPECT_EQ(communications->communications(0).reply(), v1::REPLY_NONE);

  // Para. 7 calls notes 4 and 5; note 5 repeats note 3 ("note 3 above").
  auto cited = client_->Cite("A/HRC/7/20 para 7");
  ASSERT_TRUE(cited.ok()) << cited.status();
  std::vector<int> notes;
  for (const v1::Footnote& note : cited->notes()) {
    notes.push_back(note.number());
  }
  EXPECT_THAT(notes, ::testing::ElementsAre(4, 5, 3));
  EXPECT_THAT(client_->Cite("A/HRC/7/20"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("SYMBOL, para. N")));
}

TEST_P(ClientTest, SearchAllPagesThroughEveryHit) {
  IngestSample();
  auto first = client_->Search("food", 100);
  ASSERT_TRUE(first.ok()) << first.status();
  v1::SearchRequest request;
  request.set_query("food");
  request.set_page_size(4);
  std::vector<std::string> seen;
  for (const absl::StatusOr<v1::SearchHit>& hit : client_->SearchAll(request)) {
    ASSERT_TRUE(hit.ok()) << hit.status();
    seen.push_back(hit->paragraph());
  }
  ASSERT_EQ(static_cast<int64_t>(seen.size()), first->total_size());
  for (int i = 0; i < first->hits_size(); ++i) {
    EXPECT_EQ(seen[i], first->hits(i).paragraph());
  }
}

TEST_P(ClientTest, StreamSearchDeliversEveryHitInRankOrder) {
  IngestSample();
  auto page = client_->Search("food", 100);
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_GT(page->hits_size(), 5);
  v1::StreamSearchRequest request;
  request.set_query("food");
  std::vector<std::string> streamed;
  ASSERT_TRUE(client_
                  ->StreamSearch(request,
                                 [&](const v1::SearchHit& hit) {
                                   streamed.push_back(hit.paragraph());
                                   return true;
                                 })
                  .ok());
  ASSERT_EQ(static_cast<int>(streamed.size()), page->hits_size());
  for (int i = 0; i < page->hits_size(); ++i) {
    EXPECT_EQ(streamed[i], page->hits(i).paragraph());
  }
  // A caller that stops after two hits ends the stream.
  int taken = 0;
  EXPECT_THAT(client_->StreamSearch(
                  request, [&](const v1::SearchHit&) { return ++taken < 2; }),
              StatusIs(absl::StatusCode::kCancelled));
  EXPECT_EQ(taken, 2);
  request.set_query("food AND (");
  EXPECT_THAT(
      client_->StreamSearch(request, [](const v1::SearchHit&) { return true; }),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("column")));
}

TEST_P(ClientTest, RetriedRequestIdStoresOneRevision) {
  v1::IngestDocumentRequest request = SampleRequest();
  request.set_request_id("retry-of-one-ingest");
  auto first = client_->IngestDocument(request);
  auto second = client_->IngestDocument(request);
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(first->document().revision(), 1);
  EXPECT_EQ(second->document().revision(), 1);
  v1::GetDocumentRequest get;
  get.set_name("documents/a-hrc-7-20");
  get.set_summary_only(true);
  auto stored = client_->GetDocument(get);
  ASSERT_TRUE(stored.ok()) << stored.status();
  EXPECT_EQ(stored->revision(), 1);
  // A new request id is a new ingest.
  request.set_request_id("another-ingest");
  auto third = client_->IngestDocument(request);
  ASSERT_TRUE(third.ok()) << third.status();
  EXPECT_EQ(third->document().revision(), 2);
  // Reusing an id for another document is refused, not misapplied.
  request.mutable_source()->set_symbol("A/HRC/7/21");
  EXPECT_THAT(client_->IngestDocument(request),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("already used")));
}

TEST_P(ClientTest, BulkIngestReportsProgressAndFailures) {
  std::vector<v1::IngestDocumentRequest> documents(3, SampleRequest());
  documents[1].mutable_source()->set_content("\xff not text");
  documents[2].mutable_source()->set_symbol("A/HRC/7/20/Add.1");
  size_t next = 0;
  std::vector<int64_t> done;
  auto result = client_->BulkIngest(
      [&]() -> std::optional<v1::IngestDocumentRequest> {
        if (next == documents.size()) {
          return std::nullopt;
        }
        return documents[next++];
      },
      [&](const BulkIngestProgress& progress, const v1::BulkIngestResponse&) {
        done.push_back(progress.documents_done);
        return true;
      });
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_THAT(done, ::testing::ElementsAre(1, 2, 3));
  EXPECT_EQ(result->totals.documents_failed, 1);
  ASSERT_EQ(result->outcomes.size(), 3u);
  EXPECT_EQ(result->outcomes[0].document().name(), "documents/a-hrc-7-20");
  EXPECT_EQ(result->outcomes[1].status().code(),
            static_cast<int>(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(result->outcomes[1].status().message(), HasSubstr("UTF-8"));
  // The outcome's details, read as an SDK user would.
  const absl::Status refused = StatusFromProto(result->outcomes[1].status());
  ASSERT_TRUE(GetBadRequest(refused).has_value()) << refused;
  EXPECT_EQ(GetBadRequest(refused)->field_violations(0).field(),
            "source.content");
  EXPECT_EQ(ErrorReason(refused), "INVALID_UTF8");
  EXPECT_EQ(result->outcomes[2].document().name(),
            "documents/a-hrc-7-20-add-1");
}

TEST_P(ClientTest, CancelledBulkIngestStops) {
  int supplied = 0;
  auto result = client_->BulkIngest(
      [&]() -> std::optional<v1::IngestDocumentRequest> {
        v1::IngestDocumentRequest request = SampleRequest();
        request.mutable_source()->set_symbol(absl::StrCat("TEST/", ++supplied));
        return request;  // an endless supply
      },
      [](const BulkIngestProgress& progress, const v1::BulkIngestResponse&) {
        return progress.documents_done < 2;
      });
  EXPECT_THAT(result, StatusIs(absl::StatusCode::kCancelled));
  EXPECT_EQ(supplied, 2);
}

// Both backends give the same details; remote, they cross storage -> query
// -> client in the grpc-status-details-bin trailer.
TEST_P(ClientTest, ErrorsCarryStructuredDetails) {
  IngestSample();
  v1::GetDocumentRequest missing;
  missing.set_name("documents/missing");
  const absl::Status not_found = client_->GetDocument(missing).status();
  ASSERT_EQ(not_found.code(), absl::StatusCode::kNotFound);
  ASSERT_TRUE(GetResourceInfo(not_found).has_value()) << not_found;
  EXPECT_EQ(GetResourceInfo(not_found)->resource_type(),
            "type.googleapis.com/rapporteur.v1.Document");
  EXPECT_EQ(GetResourceInfo(not_found)->resource_name(), "documents/missing");
  EXPECT_EQ(ErrorReason(not_found), "DOCUMENT_NOT_FOUND");
  EXPECT_EQ(GetErrorInfo(not_found)->domain(), "rapporteur.dev");

  const absl::Status paragraph =
      client_->Cite("A/HRC/7/20", 84).status();  // the report has 83
  EXPECT_EQ(ErrorReason(paragraph), "PARAGRAPH_NOT_FOUND") << paragraph;

  const absl::Status syntax = client_->Search("\"unclosed", 10).status();
  ASSERT_TRUE(GetBadRequest(syntax).has_value()) << syntax;
  EXPECT_EQ(GetBadRequest(syntax)->field_violations(0).field(), "query");
  ASSERT_TRUE(GetErrorInfo(syntax).has_value());
  EXPECT_EQ(GetErrorInfo(syntax)->reason(), "QUERY_SYNTAX");
  EXPECT_EQ(GetErrorInfo(syntax)->metadata().count("column"), 1u);

  v1::SearchRequest bad_token;
  bad_token.set_query("executions");
  bad_token.set_page_token("bogus");
  const absl::Status token = client_->Search(bad_token).status();
  ASSERT_TRUE(GetBadRequest(token).has_value()) << token;
  EXPECT_EQ(GetBadRequest(token)->field_violations(0).field(), "page_token");

  v1::ListRecommendationsRequest years;
  years.mutable_filter()->set_start_year(2010);
  years.mutable_filter()->set_end_year(2000);
  const absl::Status range = client_->ListRecommendations(years).status();
  ASSERT_TRUE(GetBadRequest(range).has_value()) << range;
  EXPECT_EQ(GetBadRequest(range)->field_violations(0).field(),
            "filter.start_year");

  v1::IngestDocumentRequest bad_date = SampleRequest();
  bad_date.mutable_source()->set_date("2008-13-01");
  const absl::Status date = client_->IngestDocument(bad_date).status();
  ASSERT_TRUE(GetBadRequest(date).has_value()) << date;
  EXPECT_EQ(GetBadRequest(date)->field_violations(0).field(), "source.date");
}

TEST_P(ClientTest, AnalyzeStoresNothing) {
  v1::AnalyzeDocumentRequest request;
  *request.mutable_source() = SampleRequest().source();
  auto analyzed = client_->AnalyzeDocument(request);
  ASSERT_TRUE(analyzed.ok()) << analyzed.status();
  EXPECT_EQ(analyzed->document().revision(), 0);
  EXPECT_GE(analyzed->document().paragraphs_size(), 83);
  v1::GetDocumentRequest get;
  get.set_name("documents/a-hrc-7-20");
  EXPECT_THAT(client_->GetDocument(get), StatusIs(absl::StatusCode::kNotFound));
}

TEST_P(ClientTest, AsyncCallsGiveTheSyncAnswers) {
  IngestSample();
  v1::SearchRequest request;
  request.set_query("abductions Japan");
  auto sync = client_->Search(request);
  auto async = client_->SearchAsync(request).get();
  ASSERT_TRUE(sync.ok()) << sync.status();
  ASSERT_TRUE(async.ok()) << async.status();
  EXPECT_EQ(sync->SerializeAsString(), async->SerializeAsString());
}

TEST_P(ClientTest, ManyThreadsShareOneClient) {
  IngestSample();
  constexpr int kThreads = 8;
  constexpr int kCalls = 20;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kCalls; ++i) {
        auto hits = client_->Search(i % 2 == 0 ? "food" : "refugees", 5);
        v1::GetParagraphRequest get;
        get.set_name(absl::StrCat("documents/a-hrc-7-20/paragraphs/",
                                  1 + (t * kCalls + i) % 83));
        auto paragraph = client_->GetParagraph(get);
        if (!hits.ok() || hits->hits_size() == 0 || !paragraph.ok()) {
          failures.fetch_add(1);
        }
      }
    });
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  EXPECT_EQ(failures.load(), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, ClientTest,
                         ::testing::Values(Backend::kEmbedded,
                                           Backend::kRemote),
                         [](const ::testing::TestParamInfo<Backend>& info) {
                           return info.param == Backend::kEmbedded ? "Embedded"
                                                                   : "Remote";
                         });

}  // namespace
}  // namespace rapporteur
