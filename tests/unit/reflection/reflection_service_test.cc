// Server reflection, in-process: the answers of both protocol versions
// through a real Server, and each kind of request answered from the public
// API's commented descriptors or the generated pool.
#include "lib/reflection/reflection_service.h"

#include <gmock/gmock.h>
#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor_database.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "lib/rpc/server.h"
#include "rapporteur/internal/v1/shard.pb.h"
#include "tests/testing/reflection_client.h"

namespace rapporteur::reflection {
namespace {

namespace v1 = ::grpc::reflection::v1;
namespace v1alpha = ::grpc::reflection::v1alpha;
using ::google::protobuf::FileDescriptorProto;
using ::rapporteur::testing::DescribedFiles;
using ::rapporteur::testing::HasLeadingComment;
using ::rapporteur::testing::ListedServices;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Not;

constexpr int kHttpExtension = 72295728;  // google.api.http

std::unique_ptr<DescriptorSource> Source() {
  auto source = DescriptorSource::Embedded();
  EXPECT_TRUE(source.ok()) << source.status();
  return source.ok() ? std::move(*source) : nullptr;
}

std::vector<std::string> Names(const std::vector<FileDescriptorProto>& files) {
  std::vector<std::string> names;
  for (const FileDescriptorProto& file : files) {
    names.push_back(file.name());
  }
  return names;
}

v1::ServerReflectionRequest SymbolRequest(const std::string& symbol) {
  v1::ServerReflectionRequest request;
  request.set_file_containing_symbol(symbol);
  return request;
}

TEST(ReflectionAnswerTest, SymbolOfThePublicApiComesWithItsComments) {
  auto source = Source();
  ASSERT_NE(source, nullptr);
  const v1::ServerReflectionResponse response =
      Answer(*source, {}, SymbolRequest("rapporteur.v1.QueryService.Search"));
  ASSERT_TRUE(response.has_file_descriptor_response())
      << response.DebugString();
  const std::vector<FileDescriptorProto> files = DescribedFiles(response);
  ASSERT_FALSE(files.empty());
  EXPECT_EQ(files[0].name(), "rapporteur/v1/query.proto");
  EXPECT_TRUE(
      HasLeadingComment(files[0], "Searches paragraphs, ranked by BM25."));
  EXPECT_EQ(response.original_request().file_containing_symbol(),
            "rapporteur.v1.QueryService.Search");
}

TEST(ReflectionAnswerTest, FilesComeWithEveryImportOnceAndBuildAPool) {
  auto source = Source();
  ASSERT_NE(source, nullptr);
  const std::vector<FileDescriptorProto> files = DescribedFiles(
      Answer(*source, {}, SymbolRequest("rapporteur.v1.QueryService")));
  const std::vector<std::string> names = Names(files);
  EXPECT_THAT(names, Contains("google/api/annotations.proto"));
  EXPECT_THAT(names, Contains("google/protobuf/descriptor.proto"));
  EXPECT_THAT(names, Contains("rapporteur/v1/document.proto"));
  std::vector<std::string> unique = names;
  std::sort(unique.begin(), unique.end());
  EXPECT_EQ(std::unique(unique.begin(), unique.end()), unique.end());
  // A client builds the service from what it was sent, nothing else.
  google::protobuf::SimpleDescriptorDatabase database;
  for (const FileDescriptorProto& file : files) {
    ASSERT_TRUE(database.Add(file)) << file.name();
  }
  google::protobuf::DescriptorPool pool(&database);
  const google::protobuf::ServiceDescriptor* service =
      pool.FindServiceByName("rapporteur.v1.QueryService");
  ASSERT_NE(service, nullptr);
  EXPECT_NE(service->FindMethodByName("StreamSearch"), nullptr);
}

TEST(ReflectionAnswerTest, InternalFilesComeFromTheGeneratedPool) {
  // Links shard.pb.cc in, as the storage binary does.
  ASSERT_NE(rapporteur::internal::v1::CreateBackupRequest::descriptor(),
            nullptr);
  auto source = Source();
  ASSERT_NE(source, nullptr);
  const std::vector<FileDescriptorProto> files = DescribedFiles(Answer(
      *source, {}, SymbolRequest("rapporteur.internal.v1.StorageService")));
  ASSERT_FALSE(files.empty());
  EXPECT_EQ(files[0].name(), "rapporteur/internal/v1/shard.proto");
  EXPECT_FALSE(files[0].has_source_code_info());
  // Its public imports come from the commented set.
  bool found_query = false;
  for (const FileDescriptorProto& file : files) {
    if (file.name() == "rapporteur/v1/query.proto") {
      found_query = true;
      EXPECT_TRUE(
          HasLeadingComment(file, "Searches paragraphs, ranked by BM25."));
    }
  }
  EXPECT_TRUE(found_query);
}

TEST(ReflectionAnswerTest, FileByFilenameAndUnknownNames) {
  auto source = Source();
  ASSERT_NE(source, nullptr);
  v1::ServerReflectionRequest request;
  request.set_file_by_filename("rapporteur/v1/document.proto");
  EXPECT_EQ(DescribedFiles(Answer(*source, {}, request))[0].name(),
            "rapporteur/v1/document.proto");

  request.set_file_by_filename("rapporteur/v1/nothing.proto");
  v1::ServerReflectionResponse response = Answer(*source, {}, request);
  EXPECT_EQ(response.error_response().error_code(),
            static_cast<int>(grpc::StatusCode::NOT_FOUND));
  EXPECT_FALSE(response.has_file_descriptor_response());

  response = Answer(*source, {}, SymbolRequest("rapporteur.v1.NoService"));
  EXPECT_EQ(response.error_response().error_code(),
            static_cast<int>(grpc::StatusCode::NOT_FOUND));

  response = Answer(*source, {}, v1::ServerReflectionRequest());
  EXPECT_EQ(response.error_response().error_code(),
            static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT));
}

TEST(ReflectionAnswerTest, Extensions) {
  auto source = Source();
  ASSERT_NE(source, nullptr);
  v1::ServerReflectionRequest request;
  request.set_all_extension_numbers_of_type("google.protobuf.MethodOptions");
  v1::ServerReflectionResponse response = Answer(*source, {}, request);
  EXPECT_EQ(response.all_extension_numbers_response().base_type_name(),
            "google.protobuf.MethodOptions");
  EXPECT_THAT(response.all_extension_numbers_response().extension_number(),
              Contains(kHttpExtension));

  request.set_all_extension_numbers_of_type("rapporteur.v1.NoMessage");
  response = Answer(*source, {}, request);
  EXPECT_EQ(response.error_response().error_code(),
            static_cast<int>(grpc::StatusCode::NOT_FOUND));

  request.mutable_file_containing_extension()->set_containing_type(
      "google.protobuf.MethodOptions");
  request.mutable_file_containing_extension()->set_extension_number(
      kHttpExtension);
  EXPECT_EQ(DescribedFiles(Answer(*source, {}, request))[0].name(),
            "google/api/annotations.proto");

  request.mutable_file_containing_extension()->set_extension_number(1);
  response = Answer(*source, {}, request);
  EXPECT_EQ(response.error_response().error_code(),
            static_cast<int>(grpc::StatusCode::NOT_FOUND));
}

// Through a started Server (which registers the service) over both
// protocol versions.
class ReflectionServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto server = Server::Start(ServerOptions(), {});
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    address_ = absl::StrCat("127.0.0.1:", server_->port());
  }
  std::unique_ptr<Server> server_;
  std::string address_;
};

TEST_F(ReflectionServerTest, BothVersionsListTheServicesServed) {
  v1::ServerReflectionRequest request;
  request.set_list_services("*");
  auto v1_response = rapporteur::testing::AskV1(address_, request);
  ASSERT_TRUE(v1_response.ok()) << v1_response.status();
  EXPECT_THAT(ListedServices(*v1_response),
              Contains("grpc.reflection.v1.ServerReflection"));
  EXPECT_THAT(ListedServices(*v1_response),
              Contains("grpc.reflection.v1alpha.ServerReflection"));

  v1alpha::ServerReflectionRequest alpha;
  alpha.set_list_services("*");
  auto alpha_response = rapporteur::testing::AskV1Alpha(address_, alpha);
  ASSERT_TRUE(alpha_response.ok()) << alpha_response.status();
  EXPECT_EQ(ListedServices(*alpha_response), ListedServices(*v1_response));
  EXPECT_EQ(alpha_response->original_request().list_services(), "*");
}

TEST_F(ReflectionServerTest, V1AlphaDescribesFilesAndErrorsAsV1) {
  v1alpha::ServerReflectionRequest request;
  request.set_file_containing_symbol("rapporteur.v1.QueryService");
  auto response = rapporteur::testing::AskV1Alpha(address_, request);
  ASSERT_TRUE(response.ok()) << response.status();
  const std::vector<FileDescriptorProto> files = DescribedFiles(*response);
  ASSERT_THAT(files, Not(IsEmpty()));
  EXPECT_TRUE(
      HasLeadingComment(files[0], "Searches paragraphs, ranked by BM25."));

  request.set_file_by_filename("no/such.proto");
  response = rapporteur::testing::AskV1Alpha(address_, request);
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->error_response().error_code(),
            static_cast<int>(grpc::StatusCode::NOT_FOUND));
  EXPECT_THAT(DescribedFiles(*response), IsEmpty());
}

}  // namespace
}  // namespace rapporteur::reflection
