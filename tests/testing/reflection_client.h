#ifndef RAPPORTEUR_TESTS_TESTING_REFLECTION_CLIENT_H_
#define RAPPORTEUR_TESTS_TESTING_REFLECTION_CLIENT_H_

#include <google/protobuf/descriptor.pb.h>
#include <grpcpp/grpcpp.h>

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "grpc/reflection/v1/reflection.grpc.pb.h"
#include "grpc/reflection/v1alpha/reflection.grpc.pb.h"

namespace rapporteur::testing {

// Asks `address` one server reflection question over the protocol version
// `Reflection` (grpc::reflection::v1 or v1alpha ::ServerReflection), as
// grpcurl does: one request, one response, on a stream of its own.
template <typename Reflection, typename Response, typename Request>
absl::StatusOr<Response> AskReflection(const std::string& address,
                                       const Request& request) {
  auto stub = Reflection::NewStub(
      grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
  auto stream = stub->ServerReflectionInfo(&context);
  Response response;
  if (!stream->Write(request) || !stream->WritesDone() ||
      !stream->Read(&response)) {
    const grpc::Status status = stream->Finish();
    return absl::UnavailableError(
        absl::StrCat("reflection stream failed: ", status.error_message()));
  }
  const grpc::Status status = stream->Finish();
  if (!status.ok()) {
    return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                        status.error_message());
  }
  return response;
}

inline absl::StatusOr<grpc::reflection::v1::ServerReflectionResponse> AskV1(
    const std::string& address,
    const grpc::reflection::v1::ServerReflectionRequest& request) {
  return AskReflection<grpc::reflection::v1::ServerReflection,
                       grpc::reflection::v1::ServerReflectionResponse>(address,
                                                                       request);
}

inline absl::StatusOr<grpc::reflection::v1alpha::ServerReflectionResponse>
AskV1Alpha(const std::string& address,
           const grpc::reflection::v1alpha::ServerReflectionRequest& request) {
  return AskReflection<grpc::reflection::v1alpha::ServerReflection,
                       grpc::reflection::v1alpha::ServerReflectionResponse>(
      address, request);
}

// The service names of a list_services response (either version).
template <typename Response>
std::vector<std::string> ListedServices(const Response& response) {
  std::vector<std::string> names;
  for (const auto& service : response.list_services_response().service()) {
    names.push_back(service.name());
  }
  return names;
}

// The files of a file_descriptor_response (either version), parsed.
template <typename Response>
std::vector<google::protobuf::FileDescriptorProto> DescribedFiles(
    const Response& response) {
  std::vector<google::protobuf::FileDescriptorProto> files;
  for (const std::string& serialized :
       response.file_descriptor_response().file_descriptor_proto()) {
    files.emplace_back().ParseFromString(serialized);
  }
  return files;
}

// Whether some location of `file`'s source info has a leading comment
// holding `text`.
inline bool HasLeadingComment(const google::protobuf::FileDescriptorProto& file,
                              const std::string& text) {
  for (const auto& location : file.source_code_info().location()) {
    if (absl::StrContains(location.leading_comments(), text)) {
      return true;
    }
  }
  return false;
}

}  // namespace rapporteur::testing

#endif  // RAPPORTEUR_TESTS_TESTING_REFLECTION_CLIENT_H_
