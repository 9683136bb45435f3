#include "lib/rpc/unary.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "lib/base/executor.h"
#include "lib/base/request_id.h"
#include "lib/rpc/inflight.h"
#include "rapporteur/internal/v1/shard.grpc.pb.h"

namespace rapporteur {
namespace {

using ::testing::MatchesRegex;

// GetDocument through RunUnary: "documents/missing" fails, anything else
// answers with the request id the work saw as the document's title.
class FakeStorage final : public internal::v1::StorageService::CallbackService {
 public:
  explicit FakeStorage(Executor* executor) : executor_(executor) {}

  grpc::ServerUnaryReactor* GetDocument(grpc::CallbackServerContext* context,
                                        const v1::GetDocumentRequest* request,
                                        v1::Document* response) override {
    return RunUnary(context, executor_, [request, response] {
      if (request->name() == "documents/missing") {
        return absl::NotFoundError("documents/missing not found");
      }
      response->set_name(request->name());
      response->set_title(std::string(CurrentRequestId()));
      return absl::OkStatus();
    });
  }

 private:
  Executor* const executor_;
};

class RunUnaryTest : public ::testing::Test {
 protected:
  void Start(size_t max_queued) {
    executor_ = std::make_unique<Executor>(1, max_queued);
    service_ = std::make_unique<FakeStorage>(executor_.get());
    int port = 0;
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(),
                             &port);
    builder.RegisterService(service_.get());
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    stub_ = internal::v1::StorageService::NewStub(grpc::CreateChannel(
        absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials()));
  }
  void TearDown() override {
    if (server_ != nullptr) {
      server_->Shutdown();
    }
    executor_.reset();
  }

  // Calls GetDocument(name), sending `request_id` when not empty.
  grpc::Status Get(const std::string& name, const std::string& request_id,
                   v1::Document* document) {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
    if (!request_id.empty()) {
      context.AddMetadata(kRequestIdKey, request_id);
    }
    v1::GetDocumentRequest request;
    request.set_name(name);
    return stub_->GetDocument(&context, request, document);
  }

  std::unique_ptr<Executor> executor_;
  std::unique_ptr<FakeStorage> service_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<internal::v1::StorageService::Stub> stub_;
};

TEST_F(RunUnaryTest, FinishesWithTheWorksResult) {
  Start(10);
  v1::Document document;
  const grpc::Status status = Get("documents/a", "", &document);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(document.name(), "documents/a");
}

TEST_F(RunUnaryTest, ConvertsTheWorksError) {
  Start(10);
  v1::Document document;
  const grpc::Status status = Get("documents/missing", "", &document);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(status.error_message(), "documents/missing not found");
}

TEST_F(RunUnaryTest, TheWorkSeesTheCallersRequestId) {
  Start(10);
  v1::Document document;
  ASSERT_TRUE(Get("documents/a", "caller-id-1", &document).ok());
  EXPECT_EQ(document.title(), "caller-id-1");
}

TEST_F(RunUnaryTest, ALongRequestIdIsCutToSixtyFourBytes) {
  // A caller cannot make every log line of the call arbitrarily long.
  Start(10);
  v1::Document document;
  ASSERT_TRUE(Get("documents/a", std::string(100, 'r'), &document).ok());
  EXPECT_EQ(document.title(), std::string(64, 'r'));
}

TEST_F(RunUnaryTest, WithoutARequestIdTheCallGetsAFreshOne) {
  Start(10);
  v1::Document first;
  v1::Document second;
  ASSERT_TRUE(Get("documents/a", "", &first).ok());
  ASSERT_TRUE(Get("documents/a", "", &second).ok());
  EXPECT_THAT(first.title(), MatchesRegex("[0-9a-f]{32}"));
  EXPECT_NE(first.title(), second.title());
}

TEST_F(RunUnaryTest, AFullExecutorRefusesWithResourceExhausted) {
  Start(0);  // a queue of none: every task is refused
  v1::Document document;
  const grpc::Status status = Get("documents/a", "", &document);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
}

TEST_F(RunUnaryTest, EveryCallIsCountedOutOfFlightWhenFinished) {
  Start(10);
  const int64_t before = InflightCalls::Count();
  v1::Document document;
  ASSERT_TRUE(Get("documents/a", "", &document).ok());
  EXPECT_EQ(Get("documents/missing", "", &document).error_code(),
            grpc::StatusCode::NOT_FOUND);
  server_->Shutdown();  // waits for the handlers' Finish()
  executor_.reset();    // and for the tasks that called it
  EXPECT_EQ(InflightCalls::Count(), before);
}

TEST_F(RunUnaryTest, RefusedCallsAreCountedOutOfFlightToo) {
  Start(0);
  const int64_t before = InflightCalls::Count();
  v1::Document document;
  EXPECT_FALSE(Get("documents/a", "", &document).ok());
  server_->Shutdown();
  EXPECT_EQ(InflightCalls::Count(), before);
}

}  // namespace
}  // namespace rapporteur
