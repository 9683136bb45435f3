#include "lib/rpc/call_outcome.h"

#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "lib/base/mutex.h"
#include "lib/rpc/server.h"
#include "rapporteur/v1/query.grpc.pb.h"
#include "tests/testing/raw_call.h"

namespace rapporteur {
namespace {

using ::rapporteur::testing::RawUnaryCall;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::SizeIs;

TEST(LogRateLimiterTest, AdmitsABurstThenTheRateAndCountsWhatItLeftOut) {
  LogRateLimiter limiter(/*per_second=*/2, /*burst=*/3);
  const absl::Time start = absl::UnixEpoch();
  int64_t suppressed = -1;
  for (int i = 0; i < 3; ++i) {
    EXPECT_TRUE(limiter.Admit(start, &suppressed));
    EXPECT_EQ(suppressed, 0);
  }
  EXPECT_FALSE(limiter.Admit(start, &suppressed));
  EXPECT_FALSE(limiter.Admit(start + absl::Milliseconds(100), &suppressed));
  // Half a second at 2 a second brings one line back, which reports the two
  // left out.
  EXPECT_TRUE(limiter.Admit(start + absl::Milliseconds(500), &suppressed));
  EXPECT_EQ(suppressed, 2);
  EXPECT_FALSE(limiter.Admit(start + absl::Milliseconds(500), &suppressed));
  // A long quiet fills the bucket to the burst, no more.
  for (int i = 0; i < 3; ++i) {
    EXPECT_TRUE(limiter.Admit(start + absl::Hours(1), &suppressed));
  }
  EXPECT_FALSE(limiter.Admit(start + absl::Hours(1), &suppressed));
}

TEST(DescribeUnparsableRequestTest, NamesTheFieldAndTheRequestType) {
  EXPECT_EQ(DescribeUnparsableRequest(
                "/rapporteur.v1.QueryService/GetDocument",
                "String field 'rapporteur.v1.GetDocumentRequest.name' "
                "contains invalid UTF-8 data when parsing a protocol buffer. "
                "Use the 'bytes' type if you intend to send raw bytes."),
            "the rapporteur.v1.GetDocumentRequest is not valid: string field "
            "rapporteur.v1.GetDocumentRequest.name is not valid UTF-8");
  EXPECT_EQ(
      DescribeUnparsableRequest("/rapporteur.v1.QueryService/GetDocument", ""),
      "the request is not a valid protobuf encoding of "
      "rapporteur.v1.GetDocumentRequest (malformed or truncated)");
  EXPECT_THAT(DescribeUnparsableRequest("/no.Such/Method", ""),
              HasSubstr("not a valid protobuf encoding"));
}

// Answers every GetDocument NOT_FOUND, remembering the request ids it saw.
class NotFoundQueryService final : public v1::QueryService::CallbackService {
 public:
  grpc::ServerUnaryReactor* GetDocument(grpc::CallbackServerContext* context,
                                        const v1::GetDocumentRequest* request,
                                        v1::Document*) override {
    const auto& metadata = context->client_metadata();
    if (auto it = metadata.find("x-request-id"); it != metadata.end()) {
      MutexLock lock(&mu_);
      request_ids_.emplace_back(it->second.data(), it->second.size());
    }
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    // The whole name, however long: as a careless handler would.
    reactor->Finish(
        grpc::Status(grpc::StatusCode::NOT_FOUND,
                     absl::StrCat("no document ", request->name())));
    return reactor;
  }

  std::vector<std::string> request_ids() {
    MutexLock lock(&mu_);
    return request_ids_;
  }

 private:
  Mutex mu_;
  std::vector<std::string> request_ids_ ABSL_GUARDED_BY(mu_);
};

class CallOutcomeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ServerOptions options;
    options.listen = "127.0.0.1:0";
    auto server = Server::Start(options, {&service_});
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    channel_ = grpc::CreateChannel(absl::StrCat("127.0.0.1:", server_->port()),
                                   grpc::InsecureChannelCredentials());
  }

  // The lines of stderr written by `call`, which returns its status.
  template <typename Call>
  std::vector<std::string> LinesOf(Call call, grpc::Status* status) {
    ::testing::internal::CaptureStderr();
    *status = call();
    return absl::StrSplit(::testing::internal::GetCapturedStderr(), '\n',
                          absl::SkipEmpty());
  }

  static constexpr char kGetDocument[] =
      "/rapporteur.v1.QueryService/GetDocument";
  NotFoundQueryService service_;
  std::unique_ptr<Server> server_;
  std::shared_ptr<grpc::Channel> channel_;
};

TEST_F(CallOutcomeTest, AnUnparsableRequestIsInvalidArgumentAndLogsStayJson) {
  grpc::Status status;
  // Field 1 (name) as a string of 16 bytes, of which 2 came.
  std::vector<std::string> lines = LinesOf(
      [&] {
        return RawUnaryCall(channel_, kGetDocument,
                            std::string("\x0a\x10\x61\x62", 4));
      },
      &status);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(),
            "the request is not a valid protobuf encoding of "
            "rapporteur.v1.GetDocumentRequest (malformed or truncated)");
  ASSERT_THAT(lines, SizeIs(1));
  EXPECT_THAT(lines[0], AllOf(HasSubstr("\"level\":\"warning\""),
                              HasSubstr("\"code\":\"INVALID_ARGUMENT\"")));

  // Field 1 (name) holding bytes that are not UTF-8.
  lines = LinesOf(
      [&] {
        return RawUnaryCall(channel_, kGetDocument,
                            std::string("\x0a\x02\xff\xfe", 4));
      },
      &status);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(),
              HasSubstr("string field rapporteur.v1.GetDocumentRequest.name "
                        "is not valid UTF-8"));
  // One line, JSON: not protobuf's "[libprotobuf ERROR ...]".
  ASSERT_THAT(lines, SizeIs(1));
  EXPECT_EQ(lines[0].front(), '{');
  EXPECT_EQ(lines[0].back(), '}');
  EXPECT_THAT(lines[0], Not(HasSubstr("libprotobuf")));
  // The handler never ran.
  EXPECT_THAT(service_.request_ids(), IsEmpty());
}

TEST_F(CallOutcomeTest, AFailedCallIsLoggedOnceWithItsRequestId) {
  v1::GetDocumentRequest request;
  request.set_name("documents/none");
  grpc::Status status;
  std::vector<std::string> lines = LinesOf(
      [&] {
        return RawUnaryCall(channel_, kGetDocument, request.SerializeAsString(),
                            {{"x-request-id", "failing-call-1"}});
      },
      &status);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  ASSERT_THAT(lines, SizeIs(1));
  EXPECT_THAT(
      lines[0],
      AllOf(HasSubstr("\"level\":\"warning\""),
            HasSubstr("\"msg\":\"call failed\""),
            HasSubstr("\"request_id\":\"failing-call-1\""),
            HasSubstr(absl::StrCat("\"method\":\"", kGetDocument, "\"")),
            HasSubstr("\"code\":\"NOT_FOUND\""),
            HasSubstr("\"error\":\"no document documents/none\""),
            HasSubstr("\"duration_ms\":\"")));

  // Without an id from the caller, the handler and the line share a new one.
  lines = LinesOf(
      [&] {
        return RawUnaryCall(channel_, kGetDocument,
                            request.SerializeAsString());
      },
      &status);
  ASSERT_THAT(lines, SizeIs(1));
  const std::vector<std::string> seen = service_.request_ids();
  ASSERT_THAT(seen, SizeIs(2));
  EXPECT_EQ(seen[0], "failing-call-1");
  EXPECT_EQ(seen[1].size(), 32u);
  EXPECT_THAT(lines[0],
              HasSubstr(absl::StrCat("\"request_id\":\"", seen[1], "\"")));
}

TEST_F(CallOutcomeTest, ALongStatusMessageIsCutToFitTheTrailers) {
  v1::GetDocumentRequest request;
  request.set_name(std::string(100000, 'a'));
  // 100 KB of trailer would exceed the client's metadata limit: it would
  // see RESOURCE_EXHAUSTED instead of the handler's NOT_FOUND.
  const grpc::Status status =
      RawUnaryCall(channel_, kGetDocument, request.SerializeAsString());
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND)
      << status.error_message().substr(0, 100);
  EXPECT_LE(status.error_message().size(), kMaxStatusMessageBytes);
  EXPECT_THAT(status.error_message(), HasSubstr("no document aaaa"));
}

}  // namespace
}  // namespace rapporteur
