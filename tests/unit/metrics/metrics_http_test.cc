#include "lib/metrics/metrics_http.h"

#include <httplib.h>

#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/metrics/metrics.h"
#include "prometheus/counter.h"

namespace rapporteur {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

std::unique_ptr<MetricsHttpServer> StartOrDie(absl::string_view listen) {
  absl::StatusOr<std::unique_ptr<MetricsHttpServer>> server =
      MetricsHttpServer::Start(listen);
  EXPECT_TRUE(server.ok()) << server.status();
  return server.ok() ? std::move(*server) : nullptr;
}

TEST(ParseHostPortTest, AcceptsTheUsualForms) {
  std::string host;
  int port = -1;
  ASSERT_TRUE(ParseHostPort("127.0.0.1:9464", &host, &port).ok());
  EXPECT_EQ(host, "127.0.0.1");
  EXPECT_EQ(port, 9464);
  ASSERT_TRUE(ParseHostPort("[::1]:0", &host, &port).ok());
  EXPECT_EQ(host, "::1");
  EXPECT_EQ(port, 0);
  ASSERT_TRUE(ParseHostPort(":9100", &host, &port).ok());
  EXPECT_EQ(host, "0.0.0.0");
  EXPECT_EQ(port, 9100);
  ASSERT_TRUE(ParseHostPort("localhost:65535", &host, &port).ok());
  EXPECT_EQ(host, "localhost");
  EXPECT_EQ(port, 65535);
}

TEST(ParseHostPortTest, RejectsMalformedAddresses) {
  std::string host;
  int port = 0;
  for (absl::string_view bad :
       {"", "localhost", "localhost:", "host:-1", "host:65536", "host:8x",
        "host: 80", "::1:80"}) {
    EXPECT_EQ(ParseHostPort(bad, &host, &port).code(),
              absl::StatusCode::kInvalidArgument)
        << bad;
  }
}

TEST(MetricsHttpServerTest, ServesTheRegistry) {
  prometheus::Counter& hits = prometheus::BuildCounter()
                                  .Name("test_hits_total")
                                  .Help("Hits.")
                                  .Register(DefaultRegistry())
                                  .Add({{"path", "/x"}});
  hits.Increment(3);
  std::unique_ptr<MetricsHttpServer> server = StartOrDie("127.0.0.1:0");
  ASSERT_NE(server, nullptr);
  ASSERT_GT(server->port(), 0);

  httplib::Client client("127.0.0.1", server->port());
  httplib::Result first = client.Get("/metrics");
  ASSERT_TRUE(first) << httplib::to_string(first.error());
  EXPECT_EQ(first->status, 200);
  EXPECT_THAT(first->get_header_value("Content-Type"),
              StartsWith("text/plain; version=0.0.4"));
  EXPECT_THAT(first->body, HasSubstr("# TYPE test_hits_total counter\n"));
  EXPECT_THAT(first->body, HasSubstr("test_hits_total{path=\"/x\"} 3\n"));
  // The process's own figures come with every scrape.
  EXPECT_THAT(first->body, HasSubstr("# TYPE process_open_fds gauge\n"));
  EXPECT_THAT(first->body, HasSubstr("rapporteur_build_info{"));

  // Each scrape renders the registry anew.
  hits.Increment();
  httplib::Result second = client.Get("/metrics");
  ASSERT_TRUE(second) << httplib::to_string(second.error());
  EXPECT_THAT(second->body, HasSubstr("test_hits_total{path=\"/x\"} 4\n"));
}

TEST(MetricsHttpServerTest, AnswersHealthAndNotFound) {
  std::unique_ptr<MetricsHttpServer> server = StartOrDie("127.0.0.1:0");
  ASSERT_NE(server, nullptr);
  httplib::Client client("127.0.0.1", server->port());

  httplib::Result health = client.Get("/healthz");
  ASSERT_TRUE(health) << httplib::to_string(health.error());
  EXPECT_EQ(health->status, 200);

  for (const char* path : {"/", "/metricsx", "/metrics/", "/favicon.ico"}) {
    httplib::Result missing = client.Get(path);
    ASSERT_TRUE(missing) << path;
    EXPECT_EQ(missing->status, 404) << path;
  }
  httplib::Result post = client.Post("/metrics", "x", "text/plain");
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 404);
}

TEST(MetricsHttpServerTest, StopClosesThePort) {
  std::unique_ptr<MetricsHttpServer> server = StartOrDie("127.0.0.1:0");
  ASSERT_NE(server, nullptr);
  const int port = server->port();
  server->Stop();
  server->Stop();  // idempotent

  httplib::Client client("127.0.0.1", port);
  client.set_connection_timeout(2, 0);
  httplib::Result result = client.Get("/healthz");
  EXPECT_FALSE(result);
}

TEST(MetricsHttpServerTest, StopRightAfterStartReturns) {
  // httplib ignores stop() until its accept loop runs; Start() waits for it,
  // or this would hang.
  for (int i = 0; i < 20; ++i) {
    std::unique_ptr<MetricsHttpServer> server = StartOrDie("127.0.0.1:0");
    ASSERT_NE(server, nullptr);
  }
}

TEST(MetricsHttpServerTest, ListensOnTheRequestedPort) {
  std::unique_ptr<MetricsHttpServer> probe = StartOrDie("127.0.0.1:0");
  ASSERT_NE(probe, nullptr);
  const int port = probe->port();
  // While the port is held, a second server cannot have it.
  absl::StatusOr<std::unique_ptr<MetricsHttpServer>> taken =
      MetricsHttpServer::Start(absl::StrCat("127.0.0.1:", port));
  EXPECT_EQ(taken.status().code(), absl::StatusCode::kUnavailable);
  probe->Stop();

  // Once released, asking for it by number gets it.
  std::unique_ptr<MetricsHttpServer> server =
      StartOrDie(absl::StrCat("127.0.0.1:", port));
  ASSERT_NE(server, nullptr);
  EXPECT_EQ(server->port(), port);
  httplib::Client client("127.0.0.1", port);
  httplib::Result health = client.Get("/healthz");
  ASSERT_TRUE(health) << httplib::to_string(health.error());
  EXPECT_EQ(health->status, 200);
}

TEST(MetricsHttpServerTest, RejectsBadAddresses) {
  EXPECT_EQ(MetricsHttpServer::Start("no-port").status().code(),
            absl::StatusCode::kInvalidArgument);
  // 192.0.2.0/24 is reserved for documentation: no interface has it.
  EXPECT_EQ(MetricsHttpServer::Start("192.0.2.1:0").status().code(),
            absl::StatusCode::kUnavailable);
}

}  // namespace
}  // namespace rapporteur
