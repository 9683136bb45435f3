// The standard health service of the real binaries: readiness per service
// name (following storage), liveness apart from it (never following
// storage), unknown names NOT_FOUND; the plain-text health port alike.
#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "lib/rpc/grpc_status.h"
#include "lib/rpc/server.h"
#include "tests/integration/cluster.h"
#include "tests/testing/files.h"
#include "tests/testing/status_matchers.h"

namespace rapporteur {
namespace {

using ::grpc::health::v1::HealthCheckResponse;
using ::rapporteur::testing::Cluster;
using ::rapporteur::testing::IsOk;
using ::rapporteur::testing::IsOkAndHolds;
using ::rapporteur::testing::StatusIs;

constexpr auto kServing = HealthCheckResponse::SERVING;
constexpr auto kNotServing = HealthCheckResponse::NOT_SERVING;

// The state `address` reports for `service` (plain text, one call).
absl::StatusOr<HealthCheckResponse::ServingStatus> Check(
    const std::string& address, const std::string& service) {
  auto stub = grpc::health::v1::Health::NewStub(
      grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
  grpc::health::v1::HealthCheckRequest request;
  request.set_service(service);
  HealthCheckResponse response;
  const grpc::Status status = stub->Check(&context, request, &response);
  if (!status.ok()) {
    return FromGrpcStatus(status);
  }
  return response.status();
}

// Polls until `address` reports `want` for `service`, for at most a minute
// (readiness is re-evaluated every 2 s; a shard's health check may take its
// own timeout). Returns the last state seen.
absl::StatusOr<HealthCheckResponse::ServingStatus> WaitFor(
    const std::string& address, const std::string& service,
    HealthCheckResponse::ServingStatus want) {
  const absl::Time deadline = absl::Now() + absl::Seconds(60);
  absl::StatusOr<HealthCheckResponse::ServingStatus> state =
      Check(address, service);
  while (!(state.ok() && *state == want) && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(100));
    state = Check(address, service);
  }
  return state;
}

class HealthTest : public ::testing::Test {
 protected:
  void SetUp() override {
    health_port_ = rapporteur::testing::FreeLoopbackPort();
    ASSERT_GT(health_port_, 0);
    Cluster::Config config;
    config.query_flags = {
        absl::StrCat("--health_listen=127.0.0.1:", health_port_)};
    ASSERT_THAT(cluster_.Start(config), IsOk());
  }

  std::string health_address() const {
    return absl::StrCat("127.0.0.1:", health_port_);
  }

  rapporteur::testing::TempDir dir_;
  int health_port_ = 0;  // query's plain-text health port
  Cluster cluster_{dir_.path() + "/cluster"};
};

TEST_F(HealthTest, EveryServiceAnswersForItsNameAndUnknownNamesAreNotFound) {
  for (const std::string& address :
       {cluster_.query_address(), health_address()}) {
    SCOPED_TRACE(address);
    for (const std::string service :
         {"", "rapporteur.v1.QueryService", "rapporteur.v1.CaseService",
          kLivenessService}) {
      EXPECT_THAT(Check(address, service), IsOkAndHolds(kServing)) << service;
    }
    // Served by another binary, or by none.
    for (const std::string service :
         {"rapporteur.v1.IngestService", "rapporteur.v1.NoSuchService",
          "QueryService"}) {
      EXPECT_THAT(Check(address, service),
                  StatusIs(absl::StatusCode::kNotFound))
          << service;
    }
  }
  EXPECT_THAT(Check(cluster_.ingest_address(), "rapporteur.v1.IngestService"),
              IsOkAndHolds(kServing));
  EXPECT_THAT(Check(cluster_.ingest_address(), "rapporteur.v1.QueryService"),
              StatusIs(absl::StatusCode::kNotFound));
  const std::string storage = cluster_.storage_address();
  for (const std::string service :
       {"", "rapporteur.internal.v1.StorageService",
        "rapporteur.internal.v1.CaseStorageService", kLivenessService}) {
    EXPECT_THAT(Check(storage, service), IsOkAndHolds(kServing)) << service;
  }
}

TEST_F(HealthTest, StorageOutageMakesQueryUnreadyButNeverNotLive) {
  const int storage_port = cluster_.storage_port();
  ASSERT_EQ(cluster_.storage().Stop(absl::Seconds(20)), 0);

  for (const std::string& address :
       {cluster_.query_address(), health_address()}) {
    SCOPED_TRACE(address);
    EXPECT_THAT(WaitFor(address, "", kNotServing), IsOkAndHolds(kNotServing));
    EXPECT_THAT(Check(address, "rapporteur.v1.QueryService"),
                IsOkAndHolds(kNotServing));
    EXPECT_THAT(Check(address, "rapporteur.v1.CaseService"),
                IsOkAndHolds(kNotServing));
    // What a livenessProbe checks: the process serves, storage or not.
    EXPECT_THAT(Check(address, kLivenessService), IsOkAndHolds(kServing));
  }
  EXPECT_THAT(WaitFor(cluster_.ingest_address(), "rapporteur.v1.IngestService",
                      kNotServing),
              IsOkAndHolds(kNotServing));
  EXPECT_THAT(Check(cluster_.ingest_address(), kLivenessService),
              IsOkAndHolds(kServing));

  // Storage back where query expects it: ready again.
  ASSERT_THAT(cluster_.StartStorage(storage_port), IsOk());
  EXPECT_THAT(
      WaitFor(cluster_.query_address(), "rapporteur.v1.QueryService", kServing),
      IsOkAndHolds(kServing));
  EXPECT_THAT(Check(cluster_.query_address(), ""), IsOkAndHolds(kServing));
  EXPECT_THAT(Check(cluster_.query_address(), kLivenessService),
              IsOkAndHolds(kServing));
}

}  // namespace
}  // namespace rapporteur
