#include "lib/rpc/rpc_metrics.h"

#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "lib/metrics/metrics.h"
#include "lib/rpc/server.h"
#include "rapporteur/v1/query.grpc.pb.h"

namespace rapporteur {
namespace {

using std::chrono::system_clock;

TEST(CodeAsClientSawTest, DeadlineThenCancellationThenWhatWasSent) {
  const system_clock::time_point now = system_clock::now();
  const system_clock::time_point later = now + std::chrono::seconds(1);
  const system_clock::time_point earlier = now - std::chrono::seconds(1);
  EXPECT_EQ(CodeAsClientSaw(grpc::StatusCode::NOT_FOUND, false, later, now),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(CodeAsClientSaw(grpc::StatusCode::OK, true, later, now),
            grpc::StatusCode::CANCELLED);
  EXPECT_EQ(CodeAsClientSaw(grpc::StatusCode::UNKNOWN, true, later, now),
            grpc::StatusCode::CANCELLED);
  EXPECT_EQ(CodeAsClientSaw(grpc::StatusCode::OK, false, earlier, now),
            grpc::StatusCode::DEADLINE_EXCEEDED);
  EXPECT_EQ(CodeAsClientSaw(grpc::StatusCode::OK, true, earlier, now),
            grpc::StatusCode::DEADLINE_EXCEEDED);
  EXPECT_EQ(CodeAsClientSaw(grpc::StatusCode::OK, false,
                            system_clock::time_point::max(), now),
            grpc::StatusCode::OK);
}

// Answers GetDocument OK, but only once gRPC cancels the call: a handler
// that does not watch for its caller leaving.
class OblivousQueryService final : public v1::QueryService::CallbackService {
 public:
  grpc::ServerUnaryReactor* GetDocument(grpc::CallbackServerContext*,
                                        const v1::GetDocumentRequest*,
                                        v1::Document*) override {
    class Reactor final : public grpc::ServerUnaryReactor {
     public:
      void OnCancel() override { Finish(grpc::Status::OK); }
      void OnDone() override { delete this; }
    };
    auto* reactor = new Reactor;
    if (!started_.HasBeenNotified()) {
      started_.Notify();
    }
    return reactor;
  }

  void WaitForACall() { started_.WaitForNotification(); }

 private:
  absl::Notification started_;
};

// rapporteur_rpc_requests_total of GetDocument with `code`.
double GetDocumentCalls(const std::string& code) {
  for (const prometheus::MetricFamily& family : DefaultRegistry().Collect()) {
    if (family.name != "rapporteur_rpc_requests_total") {
      continue;
    }
    for (const prometheus::ClientMetric& metric : family.metric) {
      bool method = false;
      bool matches = false;
      for (const prometheus::ClientMetric::Label& label : metric.label) {
        method |= label.name == "method" && label.value == "GetDocument";
        matches |= label.name == "code" && label.value == code;
      }
      if (method && matches) {
        return metric.counter.value;
      }
    }
  }
  return 0;
}

// Waits (the server counts after the client has its answer) until the count
// of `code` reaches `expected`; returns the last count.
double WaitForCount(const std::string& code, double expected) {
  const absl::Time give_up = absl::Now() + absl::Seconds(10);
  double count = GetDocumentCalls(code);
  while (count < expected && absl::Now() < give_up) {
    absl::SleepFor(absl::Milliseconds(10));
    count = GetDocumentCalls(code);
  }
  return count;
}

class RpcMetricsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ServerOptions options;
    options.listen = "127.0.0.1:0";
    auto server = Server::Start(options, {&service_});
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    stub_ = v1::QueryService::NewStub(
        grpc::CreateChannel(absl::StrCat("127.0.0.1:", server_->port()),
                            grpc::InsecureChannelCredentials()));
  }

  OblivousQueryService service_;
  std::unique_ptr<Server> server_;
  std::unique_ptr<v1::QueryService::Stub> stub_;
};

TEST_F(RpcMetricsTest, ACallTheClientCancelledCountsAsCancelled) {
  const double before = GetDocumentCalls("CANCELLED");
  const double ok_before = GetDocumentCalls("OK");
  grpc::ClientContext context;
  context.set_deadline(system_clock::now() + std::chrono::seconds(30));
  v1::GetDocumentRequest request;
  request.set_name("documents/x");
  v1::Document response;
  absl::Notification done;
  grpc::Status status;
  stub_->async()->GetDocument(&context, &request, &response,
                              [&](grpc::Status s) {
                                status = std::move(s);
                                done.Notify();
                              });
  service_.WaitForACall();
  context.TryCancel();
  done.WaitForNotification();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::CANCELLED);
  EXPECT_EQ(WaitForCount("CANCELLED", before + 1), before + 1);
  EXPECT_EQ(GetDocumentCalls("OK"), ok_before);
}

TEST_F(RpcMetricsTest, ACallPastItsDeadlineCountsAsDeadlineExceeded) {
  const double before = GetDocumentCalls("DEADLINE_EXCEEDED");
  const double ok_before = GetDocumentCalls("OK");
  grpc::ClientContext context;
  context.set_deadline(system_clock::now() + std::chrono::milliseconds(50));
  v1::GetDocumentRequest request;
  request.set_name("documents/x");
  v1::Document response;
  const grpc::Status status = stub_->GetDocument(&context, request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  EXPECT_EQ(WaitForCount("DEADLINE_EXCEEDED", before + 1), before + 1);
  EXPECT_EQ(GetDocumentCalls("OK"), ok_before);
}

}  // namespace
}  // namespace rapporteur
