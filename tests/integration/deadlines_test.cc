// The caller's deadline through the services: a write whose caller gave up
// before its commit is never stored; one that answers OK is. Through the
// streaming calls too: a BulkIngest stream whose caller left stores nothing
// more, and a StreamSearch stops reading shards when its reader is gone
// instead of waiting out storage's own timeout.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>

#include <fstream>
#include <string>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "rapporteur/v1/ingest.grpc.pb.h"
#include "rapporteur/v1/query.grpc.pb.h"
#include "tests/integration/cluster.h"
#include "tests/testing/files.h"
#include "tests/testing/sample_request.h"
#include "tests/testing/status_matchers.h"

namespace rapporteur {
namespace {

using ::rapporteur::testing::Cluster;
using ::rapporteur::testing::IsOk;
using ::rapporteur::testing::SampleIngestRequest;

class DeadlinesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Cluster::Config config;
    config.metrics = true;  // for the StreamSearch call's counter
    ASSERT_THAT(cluster_.Start(config), IsOk());
    ingest_ = v1::IngestService::NewStub(grpc::CreateChannel(
        cluster_.ingest_address(), grpc::InsecureChannelCredentials()));
    query_ = v1::QueryService::NewStub(grpc::CreateChannel(
        cluster_.query_address(), grpc::InsecureChannelCredentials()));
  }

  grpc::Status Ingest(absl::Duration deadline, const std::string& request_id) {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + deadline));
    context.AddMetadata("x-request-id", request_id);
    v1::IngestDocumentResponse response;
    return ingest_->IngestDocument(&context, SampleIngestRequest(), &response);
  }

  grpc::StatusCode Get(const std::string& name) {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
    v1::GetDocumentRequest request;
    request.set_name(name);
    request.set_summary_only(true);
    v1::Document document;
    return query_->GetDocument(&context, request, &document).error_code();
  }

  // Sends the sample report on a BulkIngest stream with `deadline`; when
  // `wait_for_answer`, half-closes and reads its outcome. The stream's
  // final status.
  grpc::Status BulkIngestSample(absl::Duration deadline, bool wait_for_answer) {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + deadline));
    auto stream = ingest_->BulkIngest(&context);
    v1::BulkIngestRequest request;
    *request.mutable_document() = SampleIngestRequest();
    stream->Write(request);
    if (wait_for_answer) {
      stream->WritesDone();
      v1::BulkIngestResponse response;
      while (stream->Read(&response)) {
        EXPECT_EQ(response.status().code(), 0) << response.status().message();
      }
    }
    return stream->Finish();
  }

  // Whether query's metrics count a finished StreamSearch call.
  bool QueryCountedStreamSearch() {
    httplib::Client http("127.0.0.1", cluster_.metrics_port("query"));
    httplib::Result scrape = http.Get("/metrics");
    if (!scrape) return false;
    // A line of rapporteur_rpc_requests_total for the call, labels in
    // whatever order the exposition writes them.
    for (absl::string_view line : absl::StrSplit(scrape->body, '\n')) {
      if (absl::StartsWith(line, "rapporteur_rpc_requests_total{") &&
          absl::StrContains(line, "service=\"rapporteur.v1.QueryService\"") &&
          absl::StrContains(line, "method=\"StreamSearch\"")) {
        return true;
      }
    }
    return false;
  }

  // Whether ingest's log tells that call `request_id` ended (its work is
  // done, whatever the client saw).
  bool IngestFinished(const std::string& request_id) {
    std::ifstream in(cluster_dir_ + "/ingest.log");
    std::string line;
    while (std::getline(in, line)) {
      if (absl::StrContains(line, request_id) &&
          absl::StrContains(line, "deadline passed")) {
        return true;
      }
    }
    return false;
  }

  rapporteur::testing::TempDir dir_;
  const std::string cluster_dir_ = dir_.path() + "/cluster";
  Cluster cluster_{cluster_dir_};
  std::unique_ptr<v1::IngestService::Stub> ingest_;
  std::unique_ptr<v1::QueryService::Stub> query_;
};

TEST_F(DeadlinesTest, AWriteWhoseCallerGaveUpIsNotStoredLater) {
  // 5 ms: less than extracting the report takes.
  const grpc::Status status = Ingest(absl::Milliseconds(5), "short-deadline");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED)
      << status.error_message();
  // Wait for the work to end on the server. On a loaded machine the 5 ms
  // may run out before the call reaches ingest at all: then gRPC ends it
  // without running the handler, nothing is logged and nothing can be
  // stored, so after a while without the line the check below still holds.
  const absl::Time give_up = absl::Now() + absl::Seconds(30);
  while (!IngestFinished("short-deadline") && absl::Now() < give_up) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(Get("documents/a-hrc-7-20"), grpc::StatusCode::NOT_FOUND);

  // The same write with time to finish is stored, and answered OK.
  EXPECT_TRUE(Ingest(absl::Minutes(1), "long-deadline").ok());
  EXPECT_EQ(Get("documents/a-hrc-7-20"), grpc::StatusCode::OK);
}

// The streaming calls, on the same services.
using StreamDeadlinesTest = DeadlinesTest;

TEST_F(StreamDeadlinesTest, ABulkStreamWhoseCallerLeftStoresNothingMore) {
  // 50 ms: less than extracting and storing the report takes, so the
  // document is in ingest's hands when the caller goes.
  const grpc::Status status = BulkIngestSample(absl::Milliseconds(50), false);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED)
      << status.error_message();
  // Long enough for an ingest that ignored the caller to have stored it.
  absl::SleepFor(absl::Seconds(3));
  EXPECT_EQ(Get("documents/a-hrc-7-20"), grpc::StatusCode::NOT_FOUND);

  // The same stream with time to finish stores it.
  EXPECT_TRUE(BulkIngestSample(absl::Minutes(1), true).ok());
  EXPECT_EQ(Get("documents/a-hrc-7-20"), grpc::StatusCode::OK);
}

TEST_F(StreamDeadlinesTest, AStreamSearchEndsWithItsCallerNotWithStorage) {
  ASSERT_EQ(Get("documents/nothing"), grpc::StatusCode::NOT_FOUND);
  // A storage that takes calls and never answers them.
  cluster_.storage().Signal(SIGSTOP);
  {
    grpc::ClientContext context;
    context.set_deadline(
        absl::ToChronoTime(absl::Now() + absl::Milliseconds(500)));
    v1::StreamSearchRequest request;
    request.set_query("public executions");
    auto reader = query_->StreamSearch(&context, request);
    v1::StreamSearchResponse response;
    EXPECT_FALSE(reader->Read(&response));
    EXPECT_EQ(reader->Finish().error_code(),
              grpc::StatusCode::DEADLINE_EXCEEDED);
  }
  // Query's work ends with the caller's deadline: well before the 30 s
  // a shard call without it would wait for storage.
  const absl::Time give_up = absl::Now() + absl::Seconds(10);
  while (!QueryCountedStreamSearch() && absl::Now() < give_up) {
    absl::SleepFor(absl::Milliseconds(100));
  }
  const bool counted = QueryCountedStreamSearch();
  cluster_.storage().Signal(SIGCONT);
  EXPECT_TRUE(counted);
}

}  // namespace
}  // namespace rapporteur
