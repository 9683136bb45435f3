// How the real services answer and log calls that fail: requests that do
// not parse, oversized names, and the one log line of each failed call.
#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "nlohmann/json.hpp"
#include "rapporteur/v1/ingest.grpc.pb.h"
#include "rapporteur/v1/query.grpc.pb.h"
#include "tests/integration/cluster.h"
#include "tests/testing/files.h"
#include "tests/testing/raw_call.h"
#include "tests/testing/status_matchers.h"

namespace rapporteur {
namespace {

using ::rapporteur::testing::Cluster;
using ::rapporteur::testing::IsOk;
using ::rapporteur::testing::RawUnaryCall;
using ::testing::HasSubstr;
using ::testing::SizeIs;

class CallFailuresTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_THAT(cluster_.Start(), IsOk());
    query_channel_ = grpc::CreateChannel(cluster_.query_address(),
                                         grpc::InsecureChannelCredentials());
    ingest_channel_ = grpc::CreateChannel(cluster_.ingest_address(),
                                          grpc::InsecureChannelCredentials());
    query_ = v1::QueryService::NewStub(query_channel_);
  }

  // Every line process `label` ("query", "ingest", "storage") wrote to its
  // log, each parsed as JSON; a line that is not JSON fails the test.
  std::vector<nlohmann::json> LogOf(const std::string& label) {
    std::ifstream in(cluster_dir_ + "/" + label + ".log");
    std::vector<nlohmann::json> lines;
    std::string line;
    while (std::getline(in, line)) {
      nlohmann::json parsed = nlohmann::json::parse(line, nullptr, false);
      EXPECT_FALSE(parsed.is_discarded())
          << label << ".log holds a line that is not JSON: " << line;
      EXPECT_THAT(line, ::testing::Not(HasSubstr("libprotobuf")));
      if (!parsed.is_discarded()) {
        lines.push_back(std::move(parsed));
      }
    }
    return lines;
  }

  // The "call failed" lines of `label`'s log with request id `request_id`.
  std::vector<nlohmann::json> FailedCalls(const std::string& label,
                                          const std::string& request_id) {
    std::vector<nlohmann::json> found;
    for (nlohmann::json& line : LogOf(label)) {
      if (line.value("msg", "") == "call failed" &&
          line.value("request_id", "") == request_id) {
        found.push_back(std::move(line));
      }
    }
    return found;
  }

  grpc::Status GetDocument(const std::string& name,
                           const std::string& request_id = "") {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
    if (!request_id.empty()) {
      context.AddMetadata("x-request-id", request_id);
    }
    v1::GetDocumentRequest request;
    request.set_name(name);
    v1::Document document;
    return query_->GetDocument(&context, request, &document);
  }

  rapporteur::testing::TempDir dir_;
  const std::string cluster_dir_ = dir_.path() + "/cluster";
  Cluster cluster_{cluster_dir_};
  std::shared_ptr<grpc::Channel> query_channel_;
  std::shared_ptr<grpc::Channel> ingest_channel_;
  std::unique_ptr<v1::QueryService::Stub> query_;
};

TEST_F(CallFailuresTest, UnparsableRequestsAreInvalidArgumentAndLogsStayJson) {
  // GetDocumentRequest.name announced as 16 bytes, of which 2 came.
  grpc::Status status =
      RawUnaryCall(query_channel_, "/rapporteur.v1.QueryService/GetDocument",
                   std::string("\x0a\x10\x61\x62", 4));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(),
              HasSubstr("not a valid protobuf encoding of "
                        "rapporteur.v1.GetDocumentRequest"));

  // IngestDocumentRequest.source.symbol holding a byte that is not UTF-8.
  status = RawUnaryCall(ingest_channel_,
                        "/rapporteur.v1.IngestService/IngestDocument",
                        std::string("\x0a\x03\x1a\x01\xff", 5));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(),
              HasSubstr("string field rapporteur.v1.DocumentSource.symbol is "
                        "not valid UTF-8"));

  // The same in the second document of a bulk stream: the stream ends
  // INVALID_ARGUMENT, not OK as if the client had closed it.
  auto ingest = v1::IngestService::NewStub(ingest_channel_);
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(60)));
  auto stream = ingest->BulkIngest(&context);
  v1::BulkIngestRequest request;
  v1::DocumentSource* source = request.mutable_document()->mutable_source();
  source->set_content(rapporteur::testing::SampleReport());
  source->set_media_type("text/plain");
  source->set_symbol("A/HRC/7/20");
  ASSERT_TRUE(stream->Write(request));
  v1::BulkIngestResponse response;
  ASSERT_TRUE(stream->Read(&response));
  EXPECT_EQ(response.status().code(), 0) << response.status().message();
  source->set_symbol("A/HRC/\xff");  // protobuf sends it, complaining
  stream->Write(request);
  stream->WritesDone();
  while (stream->Read(&response)) {
  }
  status = stream->Finish();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(),
              HasSubstr("rapporteur.v1.DocumentSource.symbol"));

  // protobuf's complaints went to the JSON log, if anywhere: every line of
  // every process is JSON.
  for (const char* label : {"query", "ingest", "storage"}) {
    EXPECT_THAT(LogOf(label), ::testing::Not(::testing::IsEmpty())) << label;
  }
}

TEST_F(CallFailuresTest, AHugeNameIsInvalidArgumentNotAnOversizedTrailer) {
  // Echoed whole, the name would make a 100 KB trailer, which the client
  // refuses (RESOURCE_EXHAUSTED) before reading the error.
  const std::string huge = "documents/" + std::string(100000, 'a');
  grpc::Status status = GetDocument(huge);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
      << status.error_message().substr(0, 200);
  EXPECT_THAT(status.error_message(), HasSubstr("100010 bytes long"));
  EXPECT_LT(status.error_message().size(), 400u);

  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
  v1::GetParagraphRequest paragraph;
  paragraph.set_name(huge + "/paragraphs/1");
  v1::Paragraph answer;
  status = query_->GetParagraph(&context, paragraph, &answer);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
      << status.error_message().substr(0, 200);
  EXPECT_LT(status.error_message().size(), 400u);
}

TEST_F(CallFailuresTest, EachFailedCallIsLoggedOnceWhereItFailed) {
  EXPECT_EQ(GetDocument("documents/none", "it-not-found").error_code(),
            grpc::StatusCode::NOT_FOUND);
  // Once by query, which answered it, and once by storage, which query
  // asked, under the same request id.
  std::vector<nlohmann::json> lines = FailedCalls("query", "it-not-found");
  ASSERT_THAT(lines, SizeIs(1));
  EXPECT_EQ(lines[0]["level"], "warning");
  EXPECT_EQ(lines[0]["method"], "/rapporteur.v1.QueryService/GetDocument");
  EXPECT_EQ(lines[0]["code"], "NOT_FOUND");
  EXPECT_THAT(lines[0].value("error", ""), HasSubstr("documents/none"));
  double milliseconds = -1;
  EXPECT_TRUE(
      absl::SimpleAtod(lines[0].value("duration_ms", ""), &milliseconds));
  EXPECT_GE(milliseconds, 0);
  lines = FailedCalls("storage", "it-not-found");
  ASSERT_THAT(lines, SizeIs(1));
  EXPECT_EQ(lines[0]["method"],
            "/rapporteur.internal.v1.StorageService/GetDocument");
  EXPECT_EQ(lines[0]["code"], "NOT_FOUND");

  // A document a bulk stream refuses, while the stream goes on: logged under
  // the document's request id.
  {
    auto ingest = v1::IngestService::NewStub(ingest_channel_);
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(60)));
    auto stream = ingest->BulkIngest(&context);
    v1::BulkIngestRequest request;
    request.mutable_document()->set_request_id("it-bulk-document");
    request.mutable_document()->mutable_source()->set_symbol("A/HRC/7/20");
    ASSERT_TRUE(stream->Write(request));  // no content: refused
    v1::BulkIngestResponse response;
    ASSERT_TRUE(stream->Read(&response));
    EXPECT_EQ(response.status().code(),
              static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT));
    stream->WritesDone();
    EXPECT_TRUE(stream->Finish().ok());
  }
  lines = FailedCalls("ingest", "it-bulk-document");
  ASSERT_THAT(lines, SizeIs(1));
  EXPECT_EQ(lines[0]["method"], "/rapporteur.v1.IngestService/BulkIngest");
  EXPECT_EQ(lines[0]["code"], "INVALID_ARGUMENT");
  EXPECT_EQ(lines[0]["index"], "0");

  // A rejected input, and a failure of the server's side (its storage is
  // gone), logged at error.
  EXPECT_EQ(GetDocument("Documents/X", "it-invalid").error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  ASSERT_THAT(FailedCalls("query", "it-invalid"), SizeIs(1));
  EXPECT_EQ(cluster_.storage().Stop(), 0);
  EXPECT_EQ(GetDocument("documents/a", "it-unavailable").error_code(),
            grpc::StatusCode::UNAVAILABLE);
  lines = FailedCalls("query", "it-unavailable");
  ASSERT_THAT(lines, SizeIs(1));
  EXPECT_EQ(lines[0]["level"], "error");
  EXPECT_EQ(lines[0]["code"], "UNAVAILABLE");
}

}  // namespace
}  // namespace rapporteur
