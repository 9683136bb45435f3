#include "lib/rpc/server.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "grpc/health/v1/health.grpc.pb.h"

namespace rapporteur {
namespace {

using ::testing::HasSubstr;

TEST(ServerTest, EveryCallIsCountedOnTheMetricsEndpoint) {
  ServerOptions options;
  options.listen = "127.0.0.1:0";
  options.metrics_listen = "127.0.0.1:0";
  auto server = Server::Start(options, {});
  ASSERT_TRUE(server.ok()) << server.status();
  ASSERT_GT((*server)->metrics_port(), 0);

  auto health = grpc::health::v1::Health::NewStub(
      grpc::CreateChannel(absl::StrCat("127.0.0.1:", (*server)->port()),
                          grpc::InsecureChannelCredentials()));
  for (const char* service : {"", "no.such.Service"}) {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
    grpc::health::v1::HealthCheckRequest request;
    request.set_service(service);
    grpc::health::v1::HealthCheckResponse response;
    health->Check(&context, request, &response).ok();
  }

  httplib::Client client("127.0.0.1", (*server)->metrics_port());
  auto scrape = client.Get("/metrics");
  ASSERT_TRUE(scrape) << httplib::to_string(scrape.error());
  EXPECT_EQ(scrape->status, 200);
  EXPECT_THAT(
      scrape->body,
      HasSubstr("rapporteur_rpc_requests_total{code=\"OK\",method=\"Check\","
                "service=\"grpc.health.v1.Health\"} 1"));
  EXPECT_THAT(scrape->body, HasSubstr("code=\"NOT_FOUND\",method=\"Check\""));
  EXPECT_THAT(scrape->body,
              HasSubstr("rapporteur_rpc_latency_seconds_count{method=\"Check\","
                        "service=\"grpc.health.v1.Health\"} 2"));
  (*server)->Shutdown();
}

TEST(ServerTest, MetricsAddressInUseFailsTheStart) {
  ServerOptions options;
  options.listen = "127.0.0.1:0";
  options.metrics_listen = "127.0.0.1:0";
  auto first = Server::Start(options, {});
  ASSERT_TRUE(first.ok()) << first.status();
  options.metrics_listen = absl::StrCat("127.0.0.1:", (*first)->metrics_port());
  auto second = Server::Start(options, {});
  EXPECT_EQ(second.status().code(), absl::StatusCode::kUnavailable);
}

}  // namespace
}  // namespace rapporteur
