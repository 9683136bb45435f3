// The caller's deadline through the services: a write whose caller gave up
// before its commit is never stored; one that answers OK is.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <thread>

#include "absl/strings/match.h"
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
    ASSERT_THAT(cluster_.Start(), IsOk());
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

}  // namespace
}  // namespace rapporteur
