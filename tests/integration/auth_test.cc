// Bearer tokens and roles, enforced by the real ingest and query services.
#include "lib/rpc/auth.h"

#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "rapporteur/v1/ingest.grpc.pb.h"
#include "rapporteur/v1/query.grpc.pb.h"
#include "tests/integration/cluster.h"
#include "tests/integration/tls_certs.h"
#include "tests/testing/files.h"
#include "tests/testing/status_matchers.h"

namespace rapporteur {
namespace {

using ::rapporteur::testing::Cluster;
using ::rapporteur::testing::IsOk;

constexpr grpc::StatusCode kOk = grpc::StatusCode::OK;
constexpr grpc::StatusCode kUnauthenticated = grpc::StatusCode::UNAUTHENTICATED;
constexpr grpc::StatusCode kDenied = grpc::StatusCode::PERMISSION_DENIED;

// Run in plain text and over TLS (GetParam()): tokens travel the same in
// both, and TLS must not change what they grant.
class AuthTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    const std::string tokens = dir_.path() + "/tokens";
    std::ofstream(tokens) << TokenHash("viewer-token") << " viewer\n"
                          << TokenHash("ingestor-token") << " ingestor\n"
                          << TokenHash("admin-token") << " admin\n";
    const std::string flag = absl::StrCat("--tokens_file=", tokens);
    Cluster::Config config;
    config.ingest_flags = {flag};
    config.query_flags = {flag};
    std::shared_ptr<grpc::ChannelCredentials> credentials =
        grpc::InsecureChannelCredentials();
    if (GetParam()) {
      absl::StatusOr<rapporteur::testing::TlsCerts> certs =
          rapporteur::testing::MakeTlsCerts(dir_.path() + "/pki");
      ASSERT_THAT(certs.status(), IsOk());
      config.tls = *certs;
      grpc::SslCredentialsOptions ssl;
      ssl.pem_root_certs = rapporteur::testing::ReadFileOrDie(certs->ca_cert);
      credentials = grpc::SslCredentials(ssl);
    }
    ASSERT_THAT(cluster_.Start(config), IsOk());
    ingest_ = v1::IngestService::NewStub(
        grpc::CreateChannel(cluster_.ingest_address(), credentials));
    query_ = v1::QueryService::NewStub(
        grpc::CreateChannel(cluster_.query_address(), credentials));
  }

  // Runs `rpc` with `token` ("" for none) and returns its code.
  template <typename Rpc>
  grpc::StatusCode CodeOf(const std::string& token, Rpc rpc) {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
    if (!token.empty()) {
      context.AddMetadata("authorization", absl::StrCat("Bearer ", token));
    }
    return rpc(&context).error_code();
  }

  // The code of every RPC of ingest and query for `token`, in a fixed order.
  std::vector<grpc::StatusCode> Matrix(const std::string& token) {
    v1::IngestDocumentRequest ingest;
    ingest.mutable_source()->set_content(rapporteur::testing::SampleReport());
    ingest.mutable_source()->set_symbol("A/HRC/7/20");
    v1::AnalyzeDocumentRequest analyze;
    *analyze.mutable_source() = ingest.source();
    v1::SearchRequest search;
    search.set_query("food");
    v1::GetDocumentRequest get_document;
    get_document.set_name("documents/a-hrc-7-20");
    v1::GetParagraphRequest get_paragraph;
    get_paragraph.set_name("documents/a-hrc-7-20/paragraphs/16");
    std::vector<grpc::StatusCode> codes;
    codes.push_back(CodeOf(token, [&](grpc::ClientContext* c) {
      v1::IngestDocumentResponse r;
      return ingest_->IngestDocument(c, ingest, &r);
    }));
    codes.push_back(CodeOf(token, [&](grpc::ClientContext* c) {
      v1::AnalyzeDocumentResponse r;
      return ingest_->AnalyzeDocument(c, analyze, &r);
    }));
    codes.push_back(CodeOf(token, [&](grpc::ClientContext* c) {
      auto stream = ingest_->BulkIngest(c);
      stream->WritesDone();
      return stream->Finish();
    }));
    codes.push_back(CodeOf(token, [&](grpc::ClientContext* c) {
      v1::SearchResponse r;
      return query_->Search(c, search, &r);
    }));
    codes.push_back(CodeOf(token, [&](grpc::ClientContext* c) {
      v1::Document r;
      return query_->GetDocument(c, get_document, &r);
    }));
    codes.push_back(CodeOf(token, [&](grpc::ClientContext* c) {
      v1::Paragraph r;
      return query_->GetParagraph(c, get_paragraph, &r);
    }));
    codes.push_back(CodeOf(token, [&](grpc::ClientContext* c) {
      v1::ListRecommendationsResponse r;
      return query_->ListRecommendations(c, {}, &r);
    }));
    codes.push_back(CodeOf(token, [&](grpc::ClientContext* c) {
      v1::ListCommunicationsResponse r;
      return query_->ListCommunications(c, {}, &r);
    }));
    codes.push_back(CodeOf(token, [&](grpc::ClientContext* c) {
      v1::ListVisitsResponse r;
      return query_->ListVisits(c, {}, &r);
    }));
    codes.push_back(CodeOf(token, [&](grpc::ClientContext* c) {
      v1::ListFiguresResponse r;
      return query_->ListFigures(c, {}, &r);
    }));
    return codes;
  }

  rapporteur::testing::TempDir dir_;
  Cluster cluster_{dir_.path() + "/cluster"};
  std::unique_ptr<v1::IngestService::Stub> ingest_;
  std::unique_ptr<v1::QueryService::Stub> query_;
};

TEST_P(AuthTest, TheRoleMatrixHoldsForEveryRpc) {
  // Columns: IngestDocument, AnalyzeDocument, BulkIngest | Search,
  // GetDocument, GetParagraph, ListRecommendations, ListCommunications,
  // ListVisits, ListFigures. The admin goes first, so the document exists.
  using Codes = std::vector<grpc::StatusCode>;
  EXPECT_EQ(Matrix("admin-token"), Codes(10, kOk));
  EXPECT_EQ(Matrix("ingestor-token"),
            Codes({kOk, kOk, kOk, kDenied, kDenied, kDenied, kDenied, kDenied,
                   kDenied, kDenied}));
  EXPECT_EQ(Matrix("viewer-token"), Codes({kDenied, kDenied, kDenied, kOk, kOk,
                                           kOk, kOk, kOk, kOk, kOk}));
  EXPECT_EQ(Matrix("no-such-token"), Codes(10, kUnauthenticated));
  EXPECT_EQ(Matrix(""), Codes(10, kUnauthenticated));
}

INSTANTIATE_TEST_SUITE_P(PlainAndTls, AuthTest, ::testing::Bool(),
                         [](const ::testing::TestParamInfo<bool>& info) {
                           return info.param ? "Tls" : "PlainText";
                         });

}  // namespace
}  // namespace rapporteur
