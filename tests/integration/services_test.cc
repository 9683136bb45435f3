// The three real binaries on loopback, driven through the SDK and raw stubs.
#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <iterator>
#include <memory>
#include <random>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "rapporteur/v1/ingest.grpc.pb.h"
#include "tests/integration/cluster.h"
#include "tests/testing/files.h"
#include "tests/testing/status_matchers.h"

namespace rapporteur {
namespace {

using ::rapporteur::testing::Cluster;
using ::rapporteur::testing::IsOk;
using ::rapporteur::testing::StatusIs;
using ::rapporteur::testing::UntilAvailable;
using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::StartsWith;

v1::IngestDocumentRequest SampleRequest() {
  v1::IngestDocumentRequest request;
  v1::DocumentSource* source = request.mutable_source();
  source->set_content(rapporteur::testing::SampleReport());
  source->set_media_type("text/plain");
  source->set_symbol("A/HRC/7/20");
  source->set_title(
      "Report of the Special Rapporteur on the situation of human rights in "
      "the Democratic People's Republic of Korea");
  source->set_date("2008-02-15");
  source->add_countries("PRK");
  return request;
}

v1::GetDocumentRequest GetSample() {
  v1::GetDocumentRequest request;
  request.set_name("documents/a-hrc-7-20");
  return request;
}

class ServicesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_THAT(cluster_.Start(), IsOk());
    client_ = cluster_.NewClient();
    ASSERT_NE(client_, nullptr);
  }

  rapporteur::testing::TempDir dir_;
  Cluster cluster_{dir_.path() + "/cluster"};
  std::unique_ptr<Client> client_;
};

TEST_F(ServicesTest, AnswersQuestionsOnTheSampleReport) {
  auto ingested = client_->IngestDocument(SampleRequest());
  ASSERT_TRUE(ingested.ok()) << ingested.status();
  EXPECT_EQ(ingested->document().name(), "documents/a-hrc-7-20");
  EXPECT_EQ(ingested->document().revision(), 1);
  // The default view is the summary: counts, no text.
  EXPECT_GT(ingested->document().paragraph_count(), 80);
  EXPECT_EQ(ingested->document().paragraphs_size(), 0);
  EXPECT_EQ(ingested->document().sections_size(), 0);

  auto executions = client_->Search("public executions");
  ASSERT_TRUE(executions.ok()) << executions.status();
  ASSERT_GE(executions->hits_size(), 1);
  EXPECT_EQ(executions->hits(0).paragraph_number(), 26);
  EXPECT_EQ(executions->hits(0).citation(), "A/HRC/7/20, para. 26");
  EXPECT_THAT(executions->hits(0).snippet(), HasSubstr("**executions**"));

  auto abductions = client_->Search("abductions Japan");
  ASSERT_TRUE(abductions.ok()) << abductions.status();
  ASSERT_GE(abductions->hits_size(), 3);
  for (const v1::SearchHit& hit : abductions->hits()) {
    EXPECT_THAT(hit.snippet(), HasSubstr("**Japan**"));
    EXPECT_EQ(hit.symbol(), "A/HRC/7/20");
  }

  v1::GetParagraphRequest paragraph_request;
  paragraph_request.set_name("documents/a-hrc-7-20/paragraphs/49");
  auto paragraph = client_->GetParagraph(paragraph_request);
  ASSERT_TRUE(paragraph.ok()) << paragraph.status();
  EXPECT_THAT(paragraph->text(),
              StartsWith("On 22 February 2007, the Special"));
  EXPECT_THAT(paragraph->text(),
              EndsWith("did not reply to this communication."));
  EXPECT_EQ(paragraph->section(), "II. COMMUNICATIONS");

  auto doc = client_->GetDocument(GetSample());
  ASSERT_TRUE(doc.ok()) << doc.status();
  std::vector<int> numbers;
  for (const v1::Paragraph& p : doc->paragraphs()) {
    if (p.number() > 0) {
      numbers.push_back(p.number());
    }
  }
  ASSERT_EQ(numbers.size(), 83u);  // stored once each, in order
  for (int i = 0; i < 83; ++i) {
    EXPECT_EQ(numbers[i], i + 1);
  }
}

TEST_F(ServicesTest, EveryServiceReportsServing) {
  for (const std::string& address :
       {absl::StrCat("127.0.0.1:", cluster_.storage_port()),
        cluster_.ingest_address(), cluster_.query_address()}) {
    auto stub = grpc::health::v1::Health::NewStub(
        grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
    grpc::health::v1::HealthCheckRequest request;
    grpc::health::v1::HealthCheckResponse response;
    ASSERT_TRUE(stub->Check(&context, request, &response).ok()) << address;
    EXPECT_EQ(response.status(),
              grpc::health::v1::HealthCheckResponse::SERVING);
  }
}

// The health status `address` reports for the whole server ("").
grpc::health::v1::HealthCheckResponse::ServingStatus HealthOf(
    const std::string& address) {
  auto stub = grpc::health::v1::Health::NewStub(
      grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(5)));
  grpc::health::v1::HealthCheckRequest request;
  grpc::health::v1::HealthCheckResponse response;
  if (!stub->Check(&context, request, &response).ok()) {
    return grpc::health::v1::HealthCheckResponse::UNKNOWN;
  }
  return response.status();
}

// Polls until `address` reports `wanted`, for at most 30 s.
bool BecomesHealth(
    const std::string& address,
    grpc::health::v1::HealthCheckResponse::ServingStatus wanted) {
  const absl::Time deadline = absl::Now() + absl::Seconds(30);
  while (HealthOf(address) != wanted) {
    if (absl::Now() > deadline) {
      return false;
    }
    absl::SleepFor(absl::Milliseconds(100));
  }
  return true;
}

TEST_F(ServicesTest, RequestIdFollowsACallIntoEveryServiceLog) {
  auto stub = v1::IngestService::NewStub(grpc::CreateChannel(
      cluster_.ingest_address(), grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
  context.AddMetadata("x-request-id", "trace-4711");
  v1::IngestDocumentResponse response;
  ASSERT_TRUE(stub->IngestDocument(&context, SampleRequest(), &response).ok());
  cluster_.ingest().Stop();
  cluster_.storage().Stop();  // logs flushed and closed
  for (const char* log : {"/ingest.log", "/storage.log"}) {
    const std::string text =
        rapporteur::testing::ReadFileOrDie(dir_.path() + "/cluster" + log);
    EXPECT_THAT(text, HasSubstr("\"request_id\":\"trace-4711\"")) << log;
  }
}

TEST_F(ServicesTest, NotServingWhileStorageIsUnreachable) {
  using Health = grpc::health::v1::HealthCheckResponse;
  ASSERT_EQ(HealthOf(cluster_.query_address()), Health::SERVING);
  ASSERT_EQ(cluster_.storage().Stop(), 0);
  // Probes take ingest and query out of rotation...
  EXPECT_TRUE(BecomesHealth(cluster_.query_address(), Health::NOT_SERVING));
  EXPECT_TRUE(BecomesHealth(cluster_.ingest_address(), Health::NOT_SERVING));
  // ...and back when storage returns.
  ASSERT_THAT(cluster_.StartStorage(cluster_.storage_port()), IsOk());
  EXPECT_TRUE(BecomesHealth(cluster_.query_address(), Health::SERVING));
  EXPECT_TRUE(BecomesHealth(cluster_.ingest_address(), Health::SERVING));
}

TEST_F(ServicesTest, AcknowledgedDocumentSurvivesKillNine) {
  v1::IngestDocumentRequest request = SampleRequest();
  request.set_view(v1::DOCUMENT_VIEW_FULL);
  auto ingested = client_->IngestDocument(request);
  ASSERT_TRUE(ingested.ok()) << ingested.status();
  // No flush, no shutdown: the process dies right after the ack.
  cluster_.storage().Signal(SIGKILL);
  EXPECT_EQ(cluster_.storage().Wait(), 128 + SIGKILL);
  ASSERT_THAT(cluster_.StartStorage(cluster_.storage_port()), IsOk());

  auto doc = UntilAvailable([&] { return client_->GetDocument(GetSample()); });
  ASSERT_TRUE(doc.ok()) << doc.status();
  EXPECT_EQ(doc->revision(), 1);
  ASSERT_EQ(doc->paragraphs_size(), ingested->document().paragraphs_size());
  for (int i = 0; i < doc->paragraphs_size(); ++i) {
    EXPECT_EQ(doc->paragraphs(i).text(),
              ingested->document().paragraphs(i).text());
  }
  auto hits = client_->Search("public executions");
  ASSERT_TRUE(hits.ok()) << hits.status();
  ASSERT_GE(hits->hits_size(), 1);
  EXPECT_EQ(hits->hits(0).paragraph_number(), 26);
}

TEST_F(ServicesTest, BadInputGetsAClearStatus) {
  v1::IngestDocumentRequest empty = SampleRequest();
  empty.mutable_source()->clear_content();
  EXPECT_THAT(client_->IngestDocument(empty),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("source.content is empty")));

  v1::IngestDocumentRequest binary = SampleRequest();
  binary.mutable_source()->mutable_content()->insert(100, "\xfe\xff");
  EXPECT_THAT(
      client_->IngestDocument(binary),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("not valid UTF-8: bad byte 0xfe at offset 100")));

  EXPECT_THAT(
      client_->GetDocument(GetSample()),
      StatusIs(absl::StatusCode::kNotFound, HasSubstr("documents/a-hrc-7-20")));
  v1::GetParagraphRequest bad_name;
  bad_name.set_name("documents/a-hrc-7-20/paragraph/4");
  EXPECT_THAT(client_->GetParagraph(bad_name),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(client_->Search("   "),
              StatusIs(absl::StatusCode::kInvalidArgument));
  // None of it crashed a service.
  EXPECT_FALSE(cluster_.ingest().Exited());
  EXPECT_FALSE(cluster_.query().Exited());
  EXPECT_FALSE(cluster_.storage().Exited());
}

TEST(ServicesLimitsTest, OversizedMessageIsResourceExhausted) {
  rapporteur::testing::TempDir dir;
  Cluster cluster(dir.path() + "/cluster");
  Cluster::Config config;
  config.ingest_flags = {"--max_message_bytes=1048576"};
  ASSERT_THAT(cluster.Start(config), IsOk());
  std::unique_ptr<Client> client = cluster.NewClient();
  v1::IngestDocumentRequest request = SampleRequest();
  request.mutable_source()->set_content(std::string(2 << 20, 'a'));
  EXPECT_THAT(client->IngestDocument(request),
              StatusIs(absl::StatusCode::kResourceExhausted));
  // The service lives on and takes a document within the limit.
  EXPECT_THAT(client->IngestDocument(SampleRequest()), IsOk());
}

// What the edge accepts, every hop carries: a 47 MiB text, under ingest's
// 48 MiB limit, makes a write to storage of about 70 MiB (its paragraphs
// and their terms), over the 64 MiB a client may send.
TEST(ServicesLimitsTest, LargestAcceptedTextIsStoredThroughEveryHop) {
  rapporteur::testing::TempDir dir;
  Cluster cluster(dir.path() + "/cluster");
  ASSERT_THAT(cluster.Start(), IsOk());
  Options options = cluster.client_options();
  // The response holds the document as stored, larger than the text.
  options.max_message_bytes = 512 << 20;
  absl::StatusOr<std::unique_ptr<Client>> client = MakeClient(options);
  ASSERT_THAT(client, IsOk());

  std::mt19937 random(7);
  static constexpr const char* kWords[] = {
      "detention", "refugees", "food",     "shortage",  "women",
      "children",  "torture",  "prison",   "camp",      "famine",
      "asylum",    "border",   "families", "execution", "trafficking"};
  std::string text;
  const size_t target = 47u << 20;
  for (int n = 1; text.size() < target; ++n) {
    absl::StrAppend(&text, n, ". Paragraph ", n, " reports");
    for (int w = 0; w < 120; ++w) {
      absl::StrAppend(&text, " ", kWords[random() % std::size(kWords)], n % 97);
    }
    text += ".\n";
  }
  text += "Its last words are zanzibarian quintessence.\n";
  v1::IngestDocumentRequest request = SampleRequest();
  request.mutable_source()->set_content(text);
  request.mutable_source()->set_symbol("A/HRC/99/1");
  auto stored = (*client)->IngestDocument(request);
  ASSERT_THAT(stored, IsOk());
  EXPECT_GT(stored->document().paragraph_count(), 10000);
  auto found = (*client)->Search("zanzibarian quintessence");
  ASSERT_THAT(found, IsOk());
  ASSERT_EQ(found->hits_size(), 1);
  EXPECT_EQ(found->hits(0).document(), "documents/a-hrc-99-1");
  EXPECT_GT(found->hits(0).paragraph_number(), 10000);
}

TEST_F(ServicesTest, StorageDownIsUnavailableAndNothingIsHalfWritten) {
  ASSERT_EQ(cluster_.storage().Stop(), 0);
  EXPECT_THAT(client_->IngestDocument(SampleRequest()),
              StatusIs(absl::StatusCode::kUnavailable, HasSubstr("storage")));
  EXPECT_THAT(client_->Search("food"),
              StatusIs(absl::StatusCode::kUnavailable));

  ASSERT_THAT(cluster_.StartStorage(cluster_.storage_port()), IsOk());
  auto doc = UntilAvailable([&] { return client_->GetDocument(GetSample()); });
  EXPECT_THAT(doc, StatusIs(absl::StatusCode::kNotFound));
  auto retried =
      UntilAvailable([&] { return client_->IngestDocument(SampleRequest()); });
  ASSERT_TRUE(retried.ok()) << retried.status();
  EXPECT_EQ(retried->document().revision(), 1);
}

// Backups: backup_test.cc.

TEST_F(ServicesTest, BulkIngestAnswersEveryDocumentInOrder) {
  auto stub = v1::IngestService::NewStub(grpc::CreateChannel(
      cluster_.ingest_address(), grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(60)));
  auto stream = stub->BulkIngest(&context);
  std::vector<v1::IngestDocumentRequest> documents(3, SampleRequest());
  documents[1]
      .mutable_source()
      ->clear_content();  // bad: must not end the stream
  documents[2].mutable_source()->set_symbol("A/HRC/7/20/Corr.1");
  std::vector<v1::BulkIngestResponse> responses;
  for (const auto& document : documents) {
    v1::BulkIngestRequest request;
    *request.mutable_document() = document;
    ASSERT_TRUE(stream->Write(request));
    v1::BulkIngestResponse response;
    ASSERT_TRUE(stream->Read(&response));
    responses.push_back(response);
  }
  stream->WritesDone();
  ASSERT_TRUE(stream->Finish().ok());
  ASSERT_EQ(responses.size(), 3u);
  EXPECT_EQ(responses[0].index(), 0);
  EXPECT_EQ(responses[0].status().code(), 0);
  EXPECT_EQ(responses[0].document().name(), "documents/a-hrc-7-20");
  EXPECT_EQ(responses[1].index(), 1);
  EXPECT_EQ(responses[1].status().code(),
            static_cast<int>(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(responses[1].status().message(),
              HasSubstr("source.content is empty"));
  EXPECT_EQ(responses[2].status().code(), 0);
  EXPECT_EQ(responses[2].document().name(), "documents/a-hrc-7-20-corr-1");
}

TEST_F(ServicesTest, SigtermLetsAnOpenStreamFinish) {
  auto stub = v1::IngestService::NewStub(grpc::CreateChannel(
      cluster_.ingest_address(), grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(60)));
  auto stream = stub->BulkIngest(&context);
  v1::BulkIngestRequest request;
  *request.mutable_document() = SampleRequest();
  v1::BulkIngestResponse response;
  ASSERT_TRUE(stream->Write(request));
  ASSERT_TRUE(stream->Read(&response));
  ASSERT_EQ(response.status().code(), 0);

  // The call is in flight when the signal comes: it is drained, not cut.
  cluster_.ingest().Signal(SIGTERM);
  request.mutable_document()->mutable_source()->set_symbol("A/HRC/7/20/Add.1");
  ASSERT_TRUE(stream->Write(request));
  ASSERT_TRUE(stream->Read(&response));
  EXPECT_EQ(response.status().code(), 0);
  EXPECT_EQ(response.document().name(), "documents/a-hrc-7-20-add-1");
  stream->WritesDone();
  EXPECT_TRUE(stream->Finish().ok());
  EXPECT_EQ(cluster_.ingest().Wait(), 0);
}

TEST_F(ServicesTest, SigtermStopsEveryServiceCleanly) {
  ASSERT_TRUE(client_->IngestDocument(SampleRequest()).ok());
  EXPECT_EQ(cluster_.query().Stop(), 0);
  EXPECT_EQ(cluster_.ingest().Stop(), 0);
  EXPECT_EQ(cluster_.storage().Stop(), 0);
  // The database closed cleanly: a new storage process opens it at once.
  ASSERT_THAT(cluster_.StartStorage(cluster_.storage_port()), IsOk());
  EXPECT_FALSE(cluster_.storage().Exited());
}

}  // namespace
}  // namespace rapporteur
