// A real Prometheus (Debian's `prometheus`, installed by scripts/setup)
// scrapes the three real services and reads back their RPC counters.
#include <gmock/gmock.h>
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "lib/base/subprocess.h"
#include "tests/integration/cluster.h"
#include "tests/integration/tls_certs.h"
#include "tests/testing/files.h"
#include "tests/testing/status_matchers.h"

namespace rapporteur {
namespace {

using ::rapporteur::testing::Cluster;
using ::rapporteur::testing::FreeLoopbackPort;
using ::rapporteur::testing::IsOk;

// The samples of an instant query's answer: the "result" list of the
// Prometheus HTTP API's JSON; empty when the answer is not a success.
google::protobuf::ListValue ResultOf(const std::string& json) {
  google::protobuf::Struct answer;
  if (!google::protobuf::util::JsonStringToMessage(json, &answer).ok() ||
      answer.fields().at("status").string_value() != "success") {
    return {};
  }
  return answer.fields()
      .at("data")
      .struct_value()
      .fields()
      .at("result")
      .list_value();
}

TEST(PrometheusTest, ScrapesTheRpcCountersOfTheServices) {
  absl::StatusOr<std::string> prometheus =
      rapporteur::testing::FindInPath("prometheus");
  ASSERT_THAT(prometheus.status(), IsOk())
      << "scripts/setup installs Debian's prometheus package";
  rapporteur::testing::TempDir dir;
  Cluster cluster(dir.path() + "/cluster");
  Cluster::Config config;
  config.metrics = true;
  ASSERT_THAT(cluster.Start(config), IsOk());

  const std::string config_file = dir.path() + "/prometheus.yml";
  {
    std::ofstream out(config_file);
    out << "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n"
        << "scrape_configs:\n";
    for (const char* job : {"storage", "ingest", "query"}) {
      out << "  - job_name: " << job << "\n"
          << "    static_configs:\n"
          << "      - targets: ['127.0.0.1:" << cluster.metrics_port(job)
          << "']\n";
    }
  }
  const int port = FreeLoopbackPort();
  ASSERT_GT(port, 0);
  const std::string log = dir.path() + "/prometheus.log";
  absl::StatusOr<Subprocess> server = Subprocess::Spawn(
      *prometheus,
      {absl::StrCat("--config.file=", config_file),
       absl::StrCat("--storage.tsdb.path=", dir.path(), "/tsdb"),
       absl::StrCat("--web.listen-address=127.0.0.1:", port)},
      log);
  ASSERT_THAT(server.status(), IsOk());

  std::unique_ptr<Client> client = cluster.NewClient();
  ASSERT_NE(client, nullptr);
  v1::IngestDocumentRequest request;
  request.mutable_source()->set_content(rapporteur::testing::SampleReport());
  request.mutable_source()->set_symbol("A/HRC/7/20");
  ASSERT_THAT(client->IngestDocument(request).status(), IsOk());

  // The first scrape after the ingest brings the counter; Prometheus needs
  // a few seconds to start, then scrapes every second.
  const std::string query =
      "rapporteur_rpc_requests_total{job=\"ingest\","
      "service=\"rapporteur.v1.IngestService\",method=\"IngestDocument\"}";
  httplib::Client http("127.0.0.1", port);
  google::protobuf::ListValue result;
  std::string last_answer;
  const absl::Time deadline = absl::Now() + absl::Seconds(60);
  while (result.values_size() == 0 && absl::Now() < deadline &&
         !server->Exited()) {
    absl::SleepFor(absl::Milliseconds(250));
    httplib::Result answer =
        http.Get("/api/v1/query", {{"query", query}}, httplib::Headers());
    if (answer && answer->status == 200) {
      last_answer = answer->body;
      result = ResultOf(answer->body);
    }
  }
  ASSERT_EQ(result.values_size(), 1)
      << "last answer: " << last_answer
      << "\nprometheus log: " << rapporteur::testing::ReadFileOrDie(log);
  const auto& sample = result.values(0).struct_value().fields();
  const auto& labels = sample.at("metric").struct_value().fields();
  EXPECT_EQ(labels.at("__name__").string_value(),
            "rapporteur_rpc_requests_total");
  EXPECT_EQ(labels.at("job").string_value(), "ingest");
  EXPECT_EQ(labels.at("instance").string_value(),
            absl::StrCat("127.0.0.1:", cluster.metrics_port("ingest")));
  EXPECT_EQ(labels.at("code").string_value(), "OK");
  // "value": [unix time, "count"]: the count as a string.
  const double count =
      std::stod(sample.at("value").list_value().values(1).string_value());
  EXPECT_GE(count, 1);

  EXPECT_EQ(server->Stop(absl::Seconds(30)), 0);
}

}  // namespace
}  // namespace rapporteur
