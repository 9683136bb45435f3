// rapporteur-gateway over the real services: every public RPC through
// REST and JSON, errors with their HTTP codes, NDJSON streams (and a client
// leaving one), the OpenAPI document, request ids, CORS and limits.
#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "lib/base/subprocess.h"
#include "tests/integration/case_samples.h"
#include "tests/integration/cluster.h"
#include "tests/testing/files.h"
#include "tests/testing/status_matchers.h"

namespace rapporteur::testing {
namespace {

using ::nlohmann::json;
using ::testing::Each;
using ::testing::Eq;
using ::testing::Ge;
using ::testing::HasSubstr;
using ::testing::SizeIs;

std::string Base64(const std::string& bytes) {
  return absl::Base64Escape(bytes);
}

json Parse(const httplib::Result& result) {
  EXPECT_TRUE(result) << "no answer";
  if (!result) return json();
  return json::parse(result->body, nullptr, false);
}

// The services, with case keys, and a gateway in front of them. Shared by
// the suite: starting them is most of its time.
class GatewayTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    const std::string keys = dir_->path() + "/case.keys";
    Subprocess keygen = *Subprocess::Spawn(
        ExecutableDir() + "/rapporteur",
        {"cases", "keys", "new", absl::StrCat("--out=", keys), "--key_id=k1"},
        dir_->path() + "/keygen.log");
    ASSERT_EQ(keygen.Wait(absl::Minutes(1)), 0);
    cluster_ = new Cluster(dir_->path() + "/cluster");
    Cluster::Config config;
    config.query_flags = {absl::StrCat("--case_keys=", keys)};
    config.metrics = true;
    ASSERT_THAT(cluster_->Start(config), IsOk());

    const std::string port_file = dir_->path() + "/gateway.port";
    absl::StatusOr<Subprocess> gateway = Subprocess::Spawn(
        ExecutableDir() + "/rapporteur-gateway",
        {"--listen=127.0.0.1:0", absl::StrCat("--port_file=", port_file),
         absl::StrCat("--ingest=", cluster_->ingest_address()),
         absl::StrCat("--query=", cluster_->query_address()),
         "--cors_origins=https://analysis.example.org",
         "--max_body_bytes=8000000"},
        dir_->path() + "/gateway.log");
    ASSERT_THAT(gateway, IsOk());
    gateway_ = new Subprocess(*std::move(gateway));
    absl::StatusOr<int> port = WaitForPortFile(
        port_file, *gateway_, absl::Seconds(30), dir_->path() + "/gateway.log");
    ASSERT_THAT(port, IsOk());
    port_ = *port;

    // The sample report, through REST.
    httplib::Client client("127.0.0.1", port_);
    const json request = {{"source",
                           {{"content", Base64(SampleReport())},
                            {"symbol", "A/HRC/7/20"},
                            {"date", "2008-02-15"},
                            {"countries", {"PRK"}}}}};
    const httplib::Result ingested =
        client.Post("/v1/documents:ingest", request.dump(), "application/json");
    ASSERT_TRUE(ingested);
    ASSERT_EQ(ingested->status, 200) << ingested->body;
  }

  static void TearDownTestSuite() {
    if (gateway_ != nullptr) {
      EXPECT_EQ(gateway_->Stop(absl::Seconds(10)), 0);
    }
    delete gateway_;
    delete cluster_;
    delete dir_;
  }

  void SetUp() override {
    ASSERT_NE(port_, 0) << "the suite's services did not start";
  }

  httplib::Client Client() const {
    httplib::Client client("127.0.0.1", port_);
    client.set_read_timeout(60, 0);
    return client;
  }

  static inline TempDir* dir_ = nullptr;
  static inline Cluster* cluster_ = nullptr;
  static inline Subprocess* gateway_ = nullptr;
  static inline int port_ = 0;
};

TEST_F(GatewayTest, SearchAnswersSearchResponseJson) {
  httplib::Client client = Client();
  const json answer = Parse(
      client.Get("/v1/search?query=public%20executions&pageSize=3&facets=theme"
                 "&facets=kind"));
  ASSERT_TRUE(answer.is_object());
  ASSERT_THAT(answer["hits"], SizeIs(3));
  EXPECT_EQ(answer["hits"][0]["citation"], "A/HRC/7/20, para. 26");
  EXPECT_EQ(answer["hits"][0]["paragraphNumber"], 26);
  EXPECT_THAT(answer["hits"][0]["snippet"].get<std::string>(),
              HasSubstr("**executions**"));
  // int64 as a string, as protobuf's JSON mapping writes it.
  EXPECT_TRUE(answer["totalSize"].is_string());
  ASSERT_THAT(answer["facets"], SizeIs(2));
  EXPECT_EQ(answer["facets"][0]["field"], "theme");
  EXPECT_FALSE(answer["nextPageToken"].get<std::string>().empty());

  // The next page, by token; and the POST binding with a JSON body.
  const json first = Parse(client.Get("/v1/search?query=food&pageSize=3"));
  const json next = Parse(
      client.Get(absl::StrCat("/v1/search?query=food&pageSize=3&pageToken=",
                              first.value("nextPageToken", ""))));
  ASSERT_THAT(next.value("hits", json::array()), SizeIs(3)) << next.dump();
  EXPECT_NE(next["hits"][0]["paragraph"], first["hits"][0]["paragraph"]);
  const json posted = Parse(
      client.Post("/v1/search", R"({"query":"public executions","pageSize":1})",
                  "application/json"));
  EXPECT_EQ(posted["hits"][0]["citation"], "A/HRC/7/20, para. 26");
}

TEST_F(GatewayTest, DocumentsAndParagraphsByNameAndCitation) {
  httplib::Client client = Client();
  const json summary =
      Parse(client.Get("/v1/documents/a-hrc-7-20?summaryOnly=true"));
  EXPECT_EQ(summary["symbol"], "A/HRC/7/20");
  EXPECT_FALSE(summary.contains("paragraphs"));
  EXPECT_GT(summary["paragraphCount"].get<int>(), 80);
  const json whole = Parse(client.Get("/v1/documents/a-hrc-7-20"));
  EXPECT_THAT(whole["paragraphs"],
              SizeIs(summary["paragraphCount"].get<int>()));

  const json paragraph =
      Parse(client.Get("/v1/documents/a-hrc-7-20/paragraphs/16"));
  EXPECT_EQ(paragraph["citation"], "A/HRC/7/20, para. 16");
  EXPECT_THAT(paragraph["notes"], SizeIs(Ge(1u)));

  const json cited = Parse(client.Get(
      "/v1/paragraphs:lookup?citation=A%2FHRC%2F7%2F20%2C%20para.%2026"));
  EXPECT_EQ(cited["name"], "documents/a-hrc-7-20/paragraphs/26");
}

TEST_F(GatewayTest, ListsFilterByQueryParameters) {
  httplib::Client client = Client();
  const json recommendations = Parse(client.Get(
      "/v1/recommendations?filter.addressee=international%20community"
      "&pageSize=100"));
  ASSERT_THAT(recommendations["recommendations"], SizeIs(Ge(3u)));
  for (const json& recommendation : recommendations["recommendations"]) {
    EXPECT_EQ(recommendation["addressee"], "international community");
  }
  // JSON names and proto names both address a field.
  const json by_proto_name = Parse(client.Get(
      "/v1/recommendations?filter.addressee=international%20community"
      "&page_size=100"));
  EXPECT_EQ(by_proto_name, recommendations);

  EXPECT_THAT(Parse(client.Get("/v1/communications"))["communications"],
              SizeIs(Ge(1u)));
  EXPECT_THAT(Parse(client.Get("/v1/visits?filter.country=JPN"))["visits"],
              SizeIs(1));
  const json figures = Parse(client.Get("/v1/figures?pageSize=100"));
  EXPECT_THAT(figures["figures"], SizeIs(Ge(10u)));
}

TEST_F(GatewayTest, AnalyzeStoresNothingAndBulkIngestAnswersPerLine) {
  httplib::Client client = Client();
  const json analyzed = Parse(client.Post(
      "/v1/documents:analyze",
      json{{"source",
            {{"content", Base64("1. Torture was reported in Freedonia.")},
             {"symbol", "A/TEST/1"}}}}
          .dump(),
      "application/json"));
  EXPECT_EQ(analyzed["document"]["name"], "documents/a-test-1");
  EXPECT_EQ(client.Get("/v1/documents/a-test-1")->status, 404);

  const std::string lines = absl::StrCat(
      json{{"document",
            {{"source",
              {{"content", Base64("1. Food aid arrived late.")},
               {"symbol", "A/TEST/2"}}}}}}
          .dump(),
      "\n", json{{"document", {{"source", {{"symbol", "A/TEST/3"}}}}}}.dump(),
      "\n");
  const httplib::Result bulk =
      client.Post("/v1/documents:bulkIngest", lines, "application/x-ndjson");
  ASSERT_TRUE(bulk);
  ASSERT_EQ(bulk->status, 200) << bulk->body;
  std::vector<json> results;
  for (absl::string_view line :
       absl::StrSplit(bulk->body, '\n', absl::SkipEmpty())) {
    results.push_back(json::parse(line));
  }
  ASSERT_THAT(results, SizeIs(2));
  EXPECT_EQ(results[0]["result"]["document"]["name"], "documents/a-test-2");
  EXPECT_EQ(results[1]["result"]["index"], "1");
  // Each outcome is a google.rpc.Status, with the details of the error.
  EXPECT_EQ(results[0]["result"]["status"].value("code", 0), 0);
  const json& failed = results[1]["result"]["status"];
  EXPECT_EQ(failed["code"], 3);  // INVALID_ARGUMENT
  std::string violated_field;
  for (const json& detail : failed["details"]) {
    if (detail["@type"] == "type.googleapis.com/google.rpc.BadRequest") {
      violated_field = detail["fieldViolations"][0]["field"];
    }
  }
  EXPECT_EQ(violated_field, "source.content") << failed.dump();
  EXPECT_EQ(client.Get("/v1/documents/a-test-2?summaryOnly=true")->status, 200);
}

TEST_F(GatewayTest, CaseRecordsThroughRest) {
  httplib::Client client = Client();
  std::string case_json;
  ASSERT_TRUE(google::protobuf::util::MessageToJsonString(
                  SampleCase(v1::CONFIDENTIALITY_CONFIDENTIAL, {"anonymous"}),
                  &case_json)
                  .ok());
  const httplib::Result created =
      client.Post("/v1/cases?caseId=gateway-1", case_json, "application/json");
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 200) << created->body;
  const json made = json::parse(created->body);
  EXPECT_EQ(made["name"], "cases/gateway-1");

  const json got = Parse(client.Get("/v1/cases/gateway-1"));
  EXPECT_EQ(got["etag"], made["etag"]);

  // PATCH with a field mask; the path names the case.
  const httplib::Result patched = client.Patch(
      "/v1/cases/gateway-1?updateMask=event.title",
      json{{"event", {{"title", "Renamed"}}}, {"etag", made["etag"]}}.dump(),
      "application/json");
  ASSERT_TRUE(patched);
  ASSERT_EQ(patched->status, 200) << patched->body;
  EXPECT_EQ(json::parse(patched->body)["event"]["title"], "Renamed");
  // The old etag is stale now: ABORTED is 409.
  const httplib::Result stale = client.Patch(
      "/v1/cases/gateway-1?updateMask=event.title",
      json{{"event", {{"title", "Again"}}}, {"etag", made["etag"]}}.dump(),
      "application/json");
  ASSERT_TRUE(stale);
  EXPECT_EQ(stale->status, 409);
  EXPECT_EQ(json::parse(stale->body)["error"]["status"], "ABORTED");

  EXPECT_THAT(Parse(client.Get("/v1/cases"))["cases"], SizeIs(1));
  const std::string name =
      SampleCase(v1::CONFIDENTIALITY_CONFIDENTIAL, {"anonymous"})
          .persons(0)
          .name();
  EXPECT_THAT(
      Parse(client.Post("/v1/cases:search", json{{"personName", name}}.dump(),
                        "application/json"))["cases"],
      SizeIs(1));
  EXPECT_THAT(
      Parse(client.Get("/v1/auditEntries?case=cases/gateway-1"))["entries"],
      SizeIs(Ge(3u)));
  EXPECT_EQ(Parse(client.Post("/v1/cases:rotateKeys", "",
                              "application/json"))["keyId"],
            "k1");
  EXPECT_EQ(client.Delete("/v1/cases/gateway-1")->status, 200);
  EXPECT_EQ(client.Get("/v1/cases/gateway-1")->status, 404);
}

// The details a shard attached cross every hop (storage -> query ->
// gateway) and come out as AIP-193 JSON.
TEST_F(GatewayTest, ServiceErrorsCarryGoogleRpcDetails) {
  httplib::Client client = Client();
  const auto details_of = [&](const std::string& path) {
    std::map<std::string, json> by_type;
    httplib::Result result = client.Get(path);
    if (!result) {
      return by_type;
    }
    const json error = json::parse(result->body, nullptr, false);
    if (error.is_object() && error["error"].contains("details")) {
      for (const json& detail : error["error"]["details"]) {
        by_type[detail["@type"].get<std::string>()] = detail;
      }
    }
    return by_type;
  };
  constexpr char kPrefix[] = "type.googleapis.com/google.rpc.";

  auto missing = details_of("/v1/documents/missing");
  json& resource = missing[absl::StrCat(kPrefix, "ResourceInfo")];
  EXPECT_EQ(resource["resourceName"], "documents/missing");
  EXPECT_EQ(resource["resourceType"],
            "type.googleapis.com/rapporteur.v1.Document");
  EXPECT_EQ(missing[absl::StrCat(kPrefix, "ErrorInfo")]["reason"],
            "DOCUMENT_NOT_FOUND");
  EXPECT_EQ(missing[absl::StrCat(kPrefix, "ErrorInfo")]["domain"],
            "rapporteur.dev");

  auto syntax = details_of("/v1/search?query=%22unclosed");
  EXPECT_EQ(syntax[absl::StrCat(kPrefix, "BadRequest")]["fieldViolations"][0]
                  ["field"],
            "query");
  json& info = syntax[absl::StrCat(kPrefix, "ErrorInfo")];
  EXPECT_EQ(info["reason"], "QUERY_SYNTAX");
  EXPECT_TRUE(info["metadata"].contains("column")) << info.dump();

  auto token = details_of("/v1/search?query=food&pageToken=bogus");
  EXPECT_EQ(
      token[absl::StrCat(kPrefix, "BadRequest")]["fieldViolations"][0]["field"],
      "page_token");
  EXPECT_EQ(token[absl::StrCat(kPrefix, "ErrorInfo")]["reason"],
            "INVALID_PAGE_TOKEN");
}

TEST_F(GatewayTest, ErrorsCarryTheirHttpCodeAndStatusJson) {
  httplib::Client client = Client();
  struct Case {
    std::string method, path, body;
    int http;
    std::string status, message;
  };
  const std::vector<Case> cases = {
      {"GET", "/v1/documents/missing", "", 404, "NOT_FOUND", "missing"},
      {"GET", "/v1/search?query=food&bogus=1", "", 400, "INVALID_ARGUMENT",
       "query parameter bogus"},
      {"GET", "/v1/search?query=food&pageSize=many", "", 400,
       "INVALID_ARGUMENT", "pageSize"},
      {"GET", "/v1/search?query=%22unclosed", "", 400, "INVALID_ARGUMENT",
       "query"},
      {"POST", "/v1/documents:ingest", R"({"source":{"contentt":"eA=="}})", 400,
       "INVALID_ARGUMENT", "contentt"},
      {"POST", "/v1/documents:ingest", R"({"source":{"content":""}})", 400,
       "INVALID_ARGUMENT", "content"},
      {"DELETE", "/v1/search", "", 405, "UNIMPLEMENTED", "not a method"},
      {"GET", "/v1/nothing", "", 404, "NOT_FOUND", "no API method"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.method + " " + c.path);
    httplib::Result result =
        c.method == "GET"    ? client.Get(c.path)
        : c.method == "POST" ? client.Post(c.path, c.body, "application/json")
                             : client.Delete(c.path);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, c.http);
    const json error = json::parse(result->body, nullptr, false);
    ASSERT_TRUE(error.is_object()) << result->body;
    EXPECT_EQ(error["error"]["code"], c.http);
    EXPECT_EQ(error["error"]["status"], c.status);
    EXPECT_THAT(error["error"]["message"].get<std::string>(),
                HasSubstr(c.message));
  }
  // A body over --max_body_bytes is refused before it reaches a service.
  const httplib::Result large = client.Post(
      "/v1/documents:ingest", std::string(9'000'000, 'x'), "application/json");
  ASSERT_TRUE(large);
  EXPECT_EQ(large->status, 413);
  EXPECT_EQ(json::parse(large->body)["error"]["code"], 413);
}

TEST_F(GatewayTest, StreamSearchIsNdjsonOfEveryHit) {
  httplib::Client client = Client();
  const json counted =
      Parse(client.Get("/v1/search?query=food&pageSize=1&facets=kind"));
  const int total = std::stoi(counted["totalSize"].get<std::string>());
  ASSERT_GT(total, 10);
  const httplib::Result streamed = client.Get("/v1/search:stream?query=food");
  ASSERT_TRUE(streamed);
  ASSERT_EQ(streamed->status, 200);
  EXPECT_EQ(streamed->get_header_value("Content-Type"), "application/x-ndjson");
  int lines = 0;
  for (absl::string_view line :
       absl::StrSplit(streamed->body, '\n', absl::SkipEmpty())) {
    const json parsed = json::parse(line);
    ASSERT_TRUE(parsed["result"]["hit"].contains("citation")) << line;
    ++lines;
  }
  EXPECT_EQ(lines, total);
  // A query that does not parse fails the request, not a 200 stream.
  EXPECT_EQ(client.Get("/v1/search:stream?query=(food")->status, 400);
}

// Reads the gateway's counter of streams the client left.
double StreamsCancelled(httplib::Client& client) {
  const httplib::Result metrics = client.Get("/metrics");
  if (!metrics) return -1;
  for (absl::string_view line : absl::StrSplit(metrics->body, '\n')) {
    if (absl::ConsumePrefix(&line,
                            "rapporteur_gateway_streams_cancelled_total ")) {
      return std::stod(std::string(line));
    }
  }
  return 0;
}

TEST_F(GatewayTest, AClientLeavingAStreamCancelsTheCall) {
  httplib::Client client = Client();
  // Enough hits that the stream cannot sit whole in the sockets' buffers.
  std::string text;
  for (int i = 1; i <= 20000; ++i) {
    absl::StrAppend(&text, i,
                    ". The zebrafish survey recorded harvest losses in "
                    "district number ",
                    i, " of the northern provinces this season.\n\n");
  }
  const httplib::Result ingested = client.Post(
      "/v1/documents:ingest",
      json{{"source", {{"content", Base64(text)}, {"symbol", "A/TEST/BIG"}}}}
          .dump(),
      "application/json");
  ASSERT_TRUE(ingested);
  ASSERT_EQ(ingested->status, 200) << ingested->body.substr(0, 300);
  const double before = StreamsCancelled(client);

  // A raw client that reads the first bytes and hangs up.
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port_);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)),
            0);
  const std::string request =
      "GET /v1/search:stream?query=zebrafish HTTP/1.1\r\nHost: x\r\n\r\n";
  ASSERT_EQ(write(fd, request.data(), request.size()),
            static_cast<ssize_t>(request.size()));
  char buffer[4096];
  ASSERT_GT(read(fd, buffer, sizeof(buffer)), 0);
  EXPECT_THAT(std::string(buffer, 15), Eq("HTTP/1.1 200 OK"));
  close(fd);

  const absl::Time deadline = absl::Now() + absl::Seconds(60);
  while (StreamsCancelled(client) <= before && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(50));
  }
  EXPECT_GT(StreamsCancelled(client), before);
}

TEST_F(GatewayTest, OpenApiDocumentCoversEveryRouteAndResolves) {
  httplib::Client client = Client();
  const json document = Parse(client.Get("/openapi.json"));
  ASSERT_TRUE(document.is_object());
  EXPECT_EQ(document["openapi"], "3.0.3");
  const json& paths = document["paths"];
  for (const auto& [path, method] :
       std::vector<std::pair<std::string, std::string>>{
           {"/v1/search", "get"},
           {"/v1/search", "post"},
           {"/v1/search:stream", "get"},
           {"/v1/documents/{document}", "get"},
           {"/v1/documents/{document}/paragraphs/{paragraph}", "get"},
           {"/v1/paragraphs:lookup", "get"},
           {"/v1/recommendations", "get"},
           {"/v1/communications", "get"},
           {"/v1/visits", "get"},
           {"/v1/figures", "get"},
           {"/v1/documents:ingest", "post"},
           {"/v1/documents:bulkIngest", "post"},
           {"/v1/documents:analyze", "post"},
           {"/v1/cases", "post"},
           {"/v1/cases", "get"},
           {"/v1/cases/{case}", "get"},
           {"/v1/cases/{case}", "patch"},
           {"/v1/cases/{case}", "delete"},
           {"/v1/auditEntries", "get"},
           {"/v1/cases:rotateKeys", "post"}}) {
    SCOPED_TRACE(method + " " + path);
    ASSERT_TRUE(paths.contains(path));
    ASSERT_TRUE(paths[path].contains(method));
    EXPECT_FALSE(paths[path][method]["operationId"].get<std::string>().empty());
  }
  // Comments of the protos are the descriptions.
  EXPECT_THAT(paths["/v1/search"]["get"]["summary"].get<std::string>(),
              HasSubstr("Searches paragraphs"));
  bool addressee = false;
  for (const json& parameter :
       paths["/v1/recommendations"]["get"]["parameters"]) {
    if (parameter["name"] == "filter.addressee") addressee = true;
  }
  EXPECT_TRUE(addressee);
  // Every $ref points at a schema of the document.
  std::set<std::string> refs;
  std::function<void(const json&)> collect = [&](const json& node) {
    if (node.is_object()) {
      for (const auto& [key, value] : node.items()) {
        if (key == "$ref") refs.insert(value.get<std::string>());
        collect(value);
      }
    } else if (node.is_array()) {
      for (const json& value : node) collect(value);
    }
  };
  collect(document);
  EXPECT_GT(refs.size(), 20u);
  for (const std::string& ref : refs) {
    const std::string prefix = "#/components/schemas/";
    ASSERT_TRUE(absl::StartsWith(ref, prefix)) << ref;
    EXPECT_TRUE(
        document["components"]["schemas"].contains(ref.substr(prefix.size())))
        << ref;
  }
}

TEST_F(GatewayTest, RequestIdsCorsAndHealth) {
  httplib::Client client = Client();
  // A failed call is logged by the query service, with the request id.
  const httplib::Result given = client.Get(
      "/v1/documents/not-there", {{"X-Request-Id", "analyst-req-42"}});
  ASSERT_TRUE(given);
  EXPECT_EQ(given->status, 404);
  EXPECT_EQ(given->get_header_value("X-Request-Id"), "analyst-req-42");
  const httplib::Result made =
      client.Get("/v1/visits", {{"X-Request-Id", "bad id\twith tab"}});
  ASSERT_TRUE(made);
  EXPECT_THAT(made->get_header_value("X-Request-Id"), SizeIs(32));
  // The id reached the query service's log.
  const absl::Time deadline = absl::Now() + absl::Seconds(10);
  bool logged = false;
  while (!logged && absl::Now() < deadline) {
    logged = absl::StrContains(
        ReadFileOrDie(dir_->path() + "/cluster/query.log"), "analyst-req-42");
    if (!logged) absl::SleepFor(absl::Milliseconds(50));
  }
  EXPECT_TRUE(logged);

  const httplib::Result preflight =
      client.Options("/v1/search", {{"Origin", "https://analysis.example.org"},
                                    {"Access-Control-Request-Method", "GET"}});
  ASSERT_TRUE(preflight);
  EXPECT_EQ(preflight->status, 204);
  EXPECT_EQ(preflight->get_header_value("Access-Control-Allow-Origin"),
            "https://analysis.example.org");
  EXPECT_THAT(preflight->get_header_value("Access-Control-Allow-Headers"),
              HasSubstr("Authorization"));
  const httplib::Result stranger =
      client.Options("/v1/search", {{"Origin", "https://elsewhere.example"}});
  ASSERT_TRUE(stranger);
  EXPECT_EQ(stranger->status, 403);
  const httplib::Result cross =
      client.Get("/v1/visits", {{"Origin", "https://analysis.example.org"}});
  EXPECT_EQ(cross->get_header_value("Access-Control-Allow-Origin"),
            "https://analysis.example.org");

  EXPECT_EQ(client.Get("/healthz")->status, 200);
  const json ready = Parse(client.Get("/readyz"));
  EXPECT_EQ(ready["ingest"], "SERVING");
  EXPECT_EQ(ready["query"], "SERVING");
  const httplib::Result metrics = client.Get("/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_THAT(
      metrics->body,
      HasSubstr("rapporteur_gateway_requests_total{code=\"200\",method=\""
                "rapporteur.v1.QueryService/ListVisits\"}"));
}

}  // namespace
}  // namespace rapporteur::testing
