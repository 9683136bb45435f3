// The gateway's pieces over the API's real descriptors (the set embedded at
// build time): routes, request transcoding, errors, the OpenAPI document.
#include <gmock/gmock.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "lib/gateway/api_descriptors.h"
#include "lib/gateway/http_errors.h"
#include "lib/gateway/openapi.h"
#include "lib/gateway/request_transcoder.h"
#include "lib/gateway/routes.h"
#include "rapporteur/v1/query.pb.h"

namespace rapporteur::gateway {
namespace {

using ::testing::HasSubstr;

class TranscodingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<ApiDescriptors>> api =
        ApiDescriptors::Embedded();
    ASSERT_TRUE(api.ok()) << api.status();
    api_ = *std::move(api);
    absl::StatusOr<RouteTable> routes = RouteTable::Build(api_->services());
    ASSERT_TRUE(routes.ok()) << routes.status();
    routes_ = *std::move(routes);
  }

  // Transcodes a request and reads it back as the generated type.
  template <typename T>
  absl::StatusOr<T> Transcode(absl::string_view method, absl::string_view path,
                              const QueryParams& query,
                              absl::string_view body = "") {
    const RouteTable::Lookup lookup = routes_.Find(method, path);
    if (lookup.route == nullptr) return absl::NotFoundError("no route");
    std::unique_ptr<google::protobuf::Message> message =
        api_->NewMessage(lookup.route->method->input_type());
    absl::Status status = TranscodeRequest(*lookup.route, lookup.bindings,
                                           query, body, message.get());
    if (!status.ok()) return status;
    T typed;
    EXPECT_TRUE(typed.ParseFromString(message->SerializeAsString()));
    return typed;
  }

  std::unique_ptr<ApiDescriptors> api_;
  RouteTable routes_;
};

TEST_F(TranscodingTest, EveryPublicMethodHasARoute) {
  std::set<std::string> routed;
  for (const Route& route : routes_.routes()) {
    routed.insert(route.method->full_name());
  }
  for (const google::protobuf::ServiceDescriptor* service : api_->services()) {
    for (int i = 0; i < service->method_count(); ++i) {
      EXPECT_TRUE(routed.count(service->method(i)->full_name()))
          << service->method(i)->full_name();
    }
  }
  EXPECT_GE(routed.size(), 18u);
}

TEST_F(TranscodingTest, FindPrefersLiteralsAndKnowsOtherMethods) {
  EXPECT_EQ(routes_.Find("GET", "/v1/search:stream").route->method->name(),
            "StreamSearch");
  EXPECT_EQ(routes_.Find("GET", "/v1/paragraphs:lookup").route->method->name(),
            "GetParagraph");
  const RouteTable::Lookup wrong = routes_.Find("DELETE", "/v1/search");
  EXPECT_EQ(wrong.route, nullptr);
  EXPECT_TRUE(wrong.path_known);
  EXPECT_FALSE(routes_.Find("GET", "/v1/elsewhere").path_known);
}

TEST_F(TranscodingTest, QueryParametersFillNestedRepeatedAndEnumFields) {
  absl::StatusOr<v1::SearchRequest> search = Transcode<v1::SearchRequest>(
      "GET", "/v1/search",
      {{"query", "food aid"},
       {"pageSize", "5"},
       {"facets", "country"},
       {"facets", "theme"},
       {"all_words", "true"},
       {"defaultOperator", "default_operator_or"}});
  ASSERT_TRUE(search.ok()) << search.status();
  EXPECT_EQ(search->query(), "food aid");
  EXPECT_EQ(search->page_size(), 5);
  EXPECT_THAT(search->facets(), ::testing::ElementsAre("country", "theme"));
  EXPECT_TRUE(search->all_words());
  EXPECT_EQ(search->default_operator(), v1::DEFAULT_OPERATOR_OR);

  absl::StatusOr<v1::ListRecommendationsRequest> list =
      Transcode<v1::ListRecommendationsRequest>(
          "GET", "/v1/recommendations",
          {{"filter.addressee", "international community"},
           {"filter.start_year", "2007"},
           {"filter.recurring", "1"}});
  ASSERT_TRUE(list.ok()) << list.status();
  EXPECT_EQ(list->filter().addressee(), "international community");
  EXPECT_EQ(list->filter().start_year(), 2007);
  EXPECT_TRUE(list->filter().recurring());
}

TEST_F(TranscodingTest, PathAndBodyFillTheirFields) {
  absl::StatusOr<v1::GetParagraphRequest> paragraph =
      Transcode<v1::GetParagraphRequest>(
          "GET", "/v1/documents/a-hrc-7-20/paragraphs/26", {});
  ASSERT_TRUE(paragraph.ok()) << paragraph.status();
  EXPECT_EQ(paragraph->name(), "documents/a-hrc-7-20/paragraphs/26");

  absl::StatusOr<v1::SearchRequest> posted = Transcode<v1::SearchRequest>(
      "POST", "/v1/search", {}, R"({"query":"torture","pageSize":2})");
  ASSERT_TRUE(posted.ok()) << posted.status();
  EXPECT_EQ(posted->query(), "torture");
  EXPECT_EQ(posted->page_size(), 2);
}

TEST_F(TranscodingTest, WrongInputIsInvalidArgumentNamingIt) {
  struct Case {
    const char* method;
    const char* path;
    QueryParams query;
    const char* body;
    const char* names;
  };
  const std::vector<Case> cases = {
      {"GET", "/v1/search", {{"bogus", "1"}}, "", "bogus"},
      {"GET", "/v1/search", {{"pageSize", "ten"}}, "", "page_size"},
      {"GET", "/v1/search", {{"allWords", "maybe"}}, "", "all_words"},
      {"GET", "/v1/search", {{"defaultOperator", "XOR"}}, "", "XOR"},
      {"GET", "/v1/search", {{"query.deep", "x"}}, "", "query.deep"},
      {"GET", "/v1/search", {}, R"({"query":"x"})", "takes no body"},
      {"POST", "/v1/search", {{"query", "x"}}, R"({"query":"x"})", "body"},
      {"POST", "/v1/search", {}, R"({"qurey":"x"})", "qurey"},
      {"POST", "/v1/search", {}, R"({"query":)", "request body"},
      {"GET", "/v1/documents/a", {{"name", "documents/b"}}, "", "path"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(absl::StrCat(c.method, " ", c.path, " ", c.body));
    absl::StatusOr<v1::SearchRequest> result =
        Transcode<v1::SearchRequest>(c.method, c.path, c.query, c.body);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(result.status().message(), HasSubstr(c.names));
  }
}

TEST_F(TranscodingTest, ErrorsMapCodesAndCarryTheirDetails) {
  EXPECT_EQ(HttpStatusOf(grpc::StatusCode::NOT_FOUND), 404);
  EXPECT_EQ(HttpStatusOf(grpc::StatusCode::INVALID_ARGUMENT), 400);
  EXPECT_EQ(HttpStatusOf(grpc::StatusCode::UNAUTHENTICATED), 401);
  EXPECT_EQ(HttpStatusOf(grpc::StatusCode::PERMISSION_DENIED), 403);
  EXPECT_EQ(HttpStatusOf(grpc::StatusCode::ABORTED), 409);
  EXPECT_EQ(HttpStatusOf(grpc::StatusCode::RESOURCE_EXHAUSTED), 429);
  EXPECT_EQ(HttpStatusOf(grpc::StatusCode::UNAVAILABLE), 503);
  EXPECT_EQ(HttpStatusOf(grpc::StatusCode::DEADLINE_EXCEEDED), 504);
  EXPECT_EQ(HttpStatusOf(grpc::StatusCode::CANCELLED), 499);

  google::rpc::BadRequest bad_request;
  auto* violation = bad_request.add_field_violations();
  violation->set_field("source.content");
  violation->set_description("is empty");
  google::rpc::Status details;
  details.set_code(3);
  details.set_message("source.content is empty");
  details.add_details()->PackFrom(bad_request);
  const grpc::Status status(grpc::StatusCode::INVALID_ARGUMENT,
                            "source.content is empty \xff",
                            details.SerializeAsString());
  const nlohmann::json error =
      nlohmann::json::parse(ErrorJson(status, *api_))["error"];
  EXPECT_EQ(error["code"], 400);
  EXPECT_EQ(error["status"], "INVALID_ARGUMENT");
  // Invalid UTF-8 in a message still makes valid JSON.
  EXPECT_THAT(error["message"].get<std::string>(), HasSubstr("is empty"));
  ASSERT_EQ(error["details"].size(), 1u);
  EXPECT_EQ(error["details"][0]["@type"],
            "type.googleapis.com/google.rpc.BadRequest");
  EXPECT_EQ(error["details"][0]["fieldViolations"][0]["field"],
            "source.content");
}

TEST_F(TranscodingTest, OpenApiHasAnOperationPerRouteWithComments) {
  const nlohmann::json document =
      nlohmann::json::parse(OpenApiJson(routes_, *api_, "9.9.9"));
  EXPECT_EQ(document["info"]["version"], "9.9.9");
  size_t operations = 0;
  for (const auto& [path, item] : document["paths"].items()) {
    operations += item.size();
  }
  EXPECT_EQ(operations, routes_.routes().size());
  const nlohmann::json& get_paragraph =
      document["paths"]["/v1/documents/{document}/paragraphs/{paragraph}"]
              ["get"];
  EXPECT_EQ(get_paragraph["operationId"], "QueryService_GetParagraph");
  int in_path = 0;
  for (const nlohmann::json& parameter : get_paragraph["parameters"]) {
    if (parameter["in"] == "path") ++in_path;
  }
  EXPECT_EQ(in_path, 2);  // document, paragraph; `citation` is a query one
  const nlohmann::json& hit =
      document["components"]["schemas"]["rapporteur.v1.SearchHit"];
  EXPECT_THAT(hit["properties"]["citation"]["description"].get<std::string>(),
              HasSubstr("A/HRC/7/20, para. 26"));
  EXPECT_EQ(hit["properties"]["paragraphNumber"]["type"], "integer");
  EXPECT_EQ(document["components"]["schemas"]["rapporteur.v1.SearchResponse"]
                    ["properties"]["totalSize"]["type"],
            "string");
}

}  // namespace
}  // namespace rapporteur::gateway
