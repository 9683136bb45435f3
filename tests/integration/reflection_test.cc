// Server reflection of the real binaries, as grpcurl and Postman use it:
// both protocol versions list the services, and the public API comes with
// its comments; storage's internal protocol is described too.
#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/integration/cluster.h"
#include "tests/testing/files.h"
#include "tests/testing/reflection_client.h"
#include "tests/testing/status_matchers.h"

namespace rapporteur {
namespace {

namespace v1 = ::grpc::reflection::v1;
namespace v1alpha = ::grpc::reflection::v1alpha;
using ::rapporteur::testing::AskV1;
using ::rapporteur::testing::AskV1Alpha;
using ::rapporteur::testing::Cluster;
using ::rapporteur::testing::DescribedFiles;
using ::rapporteur::testing::HasLeadingComment;
using ::rapporteur::testing::IsOk;
using ::rapporteur::testing::ListedServices;
using ::testing::Contains;
using ::testing::IsEmpty;
using ::testing::Not;

class ReflectionTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_THAT(cluster_.Start(), IsOk()); }

  rapporteur::testing::TempDir dir_;
  Cluster cluster_{dir_.path() + "/cluster"};
};

TEST_F(ReflectionTest, BothVersionsListTheServices) {
  v1::ServerReflectionRequest request;
  request.set_list_services("");
  auto listed = AskV1(cluster_.query_address(), request);
  ASSERT_TRUE(listed.ok()) << listed.status();
  EXPECT_THAT(ListedServices(*listed), Contains("rapporteur.v1.QueryService"));
  EXPECT_THAT(ListedServices(*listed),
              Contains("grpc.reflection.v1.ServerReflection"));

  v1alpha::ServerReflectionRequest alpha;
  alpha.set_list_services("");
  auto alpha_listed = AskV1Alpha(cluster_.ingest_address(), alpha);
  ASSERT_TRUE(alpha_listed.ok()) << alpha_listed.status();
  EXPECT_THAT(ListedServices(*alpha_listed),
              Contains("rapporteur.v1.IngestService"));
  EXPECT_THAT(ListedServices(*alpha_listed),
              Contains("grpc.reflection.v1alpha.ServerReflection"));
}

TEST_F(ReflectionTest, TheQueryServiceComesWithItsComments) {
  v1::ServerReflectionRequest request;
  request.set_file_containing_symbol("rapporteur.v1.QueryService");
  auto described = AskV1(cluster_.query_address(), request);
  ASSERT_TRUE(described.ok()) << described.status();
  const auto files = DescribedFiles(*described);
  ASSERT_THAT(files, Not(IsEmpty())) << described->DebugString();
  EXPECT_EQ(files[0].name(), "rapporteur/v1/query.proto");
  EXPECT_TRUE(
      HasLeadingComment(files[0], "Searches paragraphs, ranked by BM25."));

  v1alpha::ServerReflectionRequest alpha;
  alpha.set_file_containing_symbol("rapporteur.v1.QueryService");
  auto alpha_described = AskV1Alpha(cluster_.query_address(), alpha);
  ASSERT_TRUE(alpha_described.ok()) << alpha_described.status();
  ASSERT_THAT(DescribedFiles(*alpha_described), Not(IsEmpty()));
  EXPECT_TRUE(HasLeadingComment(DescribedFiles(*alpha_described)[0],
                                "Searches paragraphs, ranked by BM25."));
}

TEST_F(ReflectionTest, StorageDescribesItsInternalProtocol) {
  v1::ServerReflectionRequest request;
  request.set_file_containing_symbol("rapporteur.internal.v1.StorageService");
  auto described = AskV1(cluster_.storage_address(), request);
  ASSERT_TRUE(described.ok()) << described.status();
  const auto files = DescribedFiles(*described);
  ASSERT_THAT(files, Not(IsEmpty())) << described->DebugString();
  EXPECT_EQ(files[0].name(), "rapporteur/internal/v1/shard.proto");

  request.set_file_containing_symbol("rapporteur.v1.NoSuchService");
  described = AskV1(cluster_.storage_address(), request);
  ASSERT_TRUE(described.ok()) << described.status();
  EXPECT_EQ(described->error_response().error_code(),
            static_cast<int>(grpc::StatusCode::NOT_FOUND));
}

}  // namespace
}  // namespace rapporteur
