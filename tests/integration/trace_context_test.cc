// Request ids and W3C trace context across the real services: a call's
// x-request-id comes back in its response metadata, and its traceparent's
// trace id is on the log lines of every process it crossed, each under a
// span id of its own.
#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "absl/time/clock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "nlohmann/json.hpp"
#include "rapporteur/v1/query.grpc.pb.h"
#include "tests/integration/cluster.h"
#include "tests/testing/files.h"
#include "tests/testing/status_matchers.h"

namespace rapporteur {
namespace {

using ::rapporteur::testing::Cluster;
using ::rapporteur::testing::IsOk;
using ::testing::MatchesRegex;
using ::testing::SizeIs;

constexpr char kTraceId[] = "4bf92f3577b34da6a3ce929d0e0e4736";
constexpr char kParentSpan[] = "00f067aa0ba902b7";

class TraceContextTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_THAT(cluster_.Start(), IsOk()); }

  // The lines of process `label`'s log with message `msg`, parsed.
  std::vector<nlohmann::json> LinesOf(const std::string& label,
                                      const std::string& msg) {
    std::ifstream in(cluster_dir_ + "/" + label + ".log");
    std::vector<nlohmann::json> found;
    std::string line;
    while (std::getline(in, line)) {
      nlohmann::json parsed = nlohmann::json::parse(line, nullptr, false);
      if (!parsed.is_discarded() && parsed.value("msg", "") == msg) {
        found.push_back(std::move(parsed));
      }
    }
    return found;
  }

  // The x-request-id of a call's response (initial) metadata; "" if none.
  static std::string RequestIdOf(const grpc::ClientContext& context) {
    const auto& metadata = context.GetServerInitialMetadata();
    auto it = metadata.find("x-request-id");
    return it == metadata.end()
               ? ""
               : std::string(it->second.data(), it->second.size());
  }

  rapporteur::testing::TempDir dir_;
  const std::string cluster_dir_ = dir_.path() + "/cluster";
  Cluster cluster_{cluster_dir_};
};

TEST_F(TraceContextTest, TheTraceIdReachesQueryAndStorageLogs) {
  auto query = v1::QueryService::NewStub(grpc::CreateChannel(
      cluster_.query_address(), grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
  context.AddMetadata("x-request-id", "trace-test-1");
  context.AddMetadata(
      "traceparent", std::string("00-") + kTraceId + "-" + kParentSpan + "-01");
  v1::GetDocumentRequest request;
  request.set_name("documents/none");
  v1::Document document;
  const grpc::Status status = query->GetDocument(&context, request, &document);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(RequestIdOf(context), "trace-test-1");

  // Query answered NOT_FOUND because storage did: each logs the failure.
  std::set<std::string> spans = {kParentSpan};
  for (const char* label : {"query", "storage"}) {
    std::vector<nlohmann::json> lines = LinesOf(label, "call failed");
    ASSERT_THAT(lines, SizeIs(1)) << label;
    EXPECT_EQ(lines[0].value("request_id", ""), "trace-test-1") << label;
    EXPECT_EQ(lines[0].value("trace_id", ""), kTraceId) << label;
    const std::string span = lines[0].value("span_id", "");
    EXPECT_THAT(span, MatchesRegex("[0-9a-f]{16}")) << label;
    // A span of each hop's own: neither the caller's nor the other's.
    EXPECT_TRUE(spans.insert(span).second) << label << " reused " << span;
  }
}

TEST_F(TraceContextTest, ACallWithoutContextGetsARequestIdAndATrace) {
  auto query = v1::QueryService::NewStub(grpc::CreateChannel(
      cluster_.query_address(), grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
  v1::GetDocumentRequest request;
  request.set_name("documents/none");
  v1::Document document;
  ASSERT_EQ(query->GetDocument(&context, request, &document).error_code(),
            grpc::StatusCode::NOT_FOUND);
  const std::string request_id = RequestIdOf(context);
  EXPECT_THAT(request_id, MatchesRegex("[0-9a-f]{32}"));

  // Query started a trace and passed it on to storage.
  std::vector<nlohmann::json> in_query = LinesOf("query", "call failed");
  std::vector<nlohmann::json> in_storage = LinesOf("storage", "call failed");
  ASSERT_THAT(in_query, SizeIs(1));
  ASSERT_THAT(in_storage, SizeIs(1));
  EXPECT_EQ(in_query[0].value("request_id", ""), request_id);
  EXPECT_THAT(in_query[0].value("trace_id", ""), MatchesRegex("[0-9a-f]{32}"));
  EXPECT_EQ(in_storage[0].value("trace_id", ""),
            in_query[0].value("trace_id", ""));
}

TEST_F(TraceContextTest, EveryServiceEchoesTheRequestId) {
  // A call that succeeds, on each process, through the health service its
  // server carries.
  for (const std::string& address :
       {cluster_.query_address(), cluster_.ingest_address(),
        cluster_.storage_address()}) {
    auto health = grpc::health::v1::Health::NewStub(
        grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
    context.AddMetadata("x-request-id", "echo-me");
    grpc::health::v1::HealthCheckRequest request;
    grpc::health::v1::HealthCheckResponse response;
    ASSERT_TRUE(health->Check(&context, request, &response).ok()) << address;
    EXPECT_EQ(RequestIdOf(context), "echo-me") << address;
  }
}

}  // namespace
}  // namespace rapporteur
