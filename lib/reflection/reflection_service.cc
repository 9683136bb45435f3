#include "lib/reflection/reflection_service.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "grpc/reflection/v1/reflection.grpc.pb.h"
#include "grpc/reflection/v1alpha/reflection.grpc.pb.h"

namespace rapporteur::reflection {
namespace {

namespace v1 = ::grpc::reflection::v1;
namespace v1alpha = ::grpc::reflection::v1alpha;
using Request = v1::ServerReflectionRequest;
using Response = v1::ServerReflectionResponse;

void SetError(grpc::StatusCode code, std::string message, Response* response) {
  response->mutable_error_response()->set_error_code(static_cast<int>(code));
  response->mutable_error_response()->set_error_message(std::move(message));
}

void SetFile(const DescriptorSource& source,
             const google::protobuf::FileDescriptor* file,
             std::string not_found, Response* response) {
  if (file == nullptr) {
    SetError(grpc::StatusCode::NOT_FOUND, std::move(not_found), response);
    return;
  }
  for (std::string& serialized : source.SerializedWithImports(file)) {
    response->mutable_file_descriptor_response()->add_file_descriptor_proto(
        std::move(serialized));
  }
}

// Reads requests and writes one answer each until the client half-closes.
// `Answer` maps a request of the stream's version to its response.
template <typename Req, typename Resp, typename AnswerFn>
grpc::Status Serve(grpc::ServerReaderWriter<Resp, Req>* stream,
                   AnswerFn answer) {
  Req request;
  while (stream->Read(&request)) {
    if (!stream->Write(answer(request))) {
      break;  // the client is gone
    }
  }
  return grpc::Status::OK;
}

class V1Service final : public v1::ServerReflection::Service {
 public:
  explicit V1Service(const ReflectionService* owner) : owner_(owner) {}
  grpc::Status ServerReflectionInfo(
      grpc::ServerContext*,
      grpc::ServerReaderWriter<Response, Request>* stream) override {
    return Serve(stream, [this](const Request& request) {
      return owner_->Answer(request);
    });
  }

 private:
  const ReflectionService* const owner_;
};

// v1alpha's messages are v1's under another package, field for field, so
// they cross over by their wire form.
class V1AlphaService final : public v1alpha::ServerReflection::Service {
 public:
  explicit V1AlphaService(const ReflectionService* owner) : owner_(owner) {}
  grpc::Status ServerReflectionInfo(
      grpc::ServerContext*,
      grpc::ServerReaderWriter<v1alpha::ServerReflectionResponse,
                               v1alpha::ServerReflectionRequest>* stream)
      override {
    return Serve(stream, [this](const v1alpha::ServerReflectionRequest& alpha) {
      Request request;
      request.ParseFromString(alpha.SerializeAsString());
      v1alpha::ServerReflectionResponse response;
      response.ParseFromString(owner_->Answer(request).SerializeAsString());
      return response;
    });
  }

 private:
  const ReflectionService* const owner_;
};

}  // namespace

Response Answer(const DescriptorSource& source,
                const std::vector<std::string>& service_names,
                const Request& request) {
  Response response;
  response.set_valid_host(request.host());
  *response.mutable_original_request() = request;
  switch (request.message_request_case()) {
    case Request::kListServices:
      for (const std::string& name : service_names) {
        response.mutable_list_services_response()->add_service()->set_name(
            name);
      }
      break;
    case Request::kFileByFilename:
      SetFile(source, source.FileByName(request.file_by_filename()),
              absl::StrCat("no file ", request.file_by_filename()), &response);
      break;
    case Request::kFileContainingSymbol:
      SetFile(source,
              source.FileContainingSymbol(request.file_containing_symbol()),
              absl::StrCat("no symbol ", request.file_containing_symbol()),
              &response);
      break;
    case Request::kFileContainingExtension: {
      const v1::ExtensionRequest& extension =
          request.file_containing_extension();
      SetFile(source,
              source.FileContainingExtension(extension.containing_type(),
                                             extension.extension_number()),
              absl::StrCat("no extension ", extension.extension_number(),
                           " of ", extension.containing_type()),
              &response);
      break;
    }
    case Request::kAllExtensionNumbersOfType: {
      absl::StatusOr<std::vector<int>> numbers =
          source.ExtensionNumbers(request.all_extension_numbers_of_type());
      if (!numbers.ok()) {
        SetError(grpc::StatusCode::NOT_FOUND,
                 std::string(numbers.status().message()), &response);
        break;
      }
      v1::ExtensionNumberResponse* answer =
          response.mutable_all_extension_numbers_response();
      answer->set_base_type_name(request.all_extension_numbers_of_type());
      for (int number : *numbers) {
        answer->add_extension_number(number);
      }
      break;
    }
    case Request::MESSAGE_REQUEST_NOT_SET:
      SetError(grpc::StatusCode::INVALID_ARGUMENT, "empty request", &response);
      break;
  }
  return response;
}

ReflectionService::ReflectionService(std::unique_ptr<DescriptorSource> source)
    : source_(std::move(source)),
      v1_(std::make_unique<V1Service>(this)),
      v1alpha_(std::make_unique<V1AlphaService>(this)) {}

ReflectionService::~ReflectionService() = default;

std::vector<grpc::Service*> ReflectionService::services() const {
  return {v1_.get(), v1alpha_.get()};
}

void ReflectionService::SetServiceNames(std::vector<std::string> names) {
  std::sort(names.begin(), names.end());
  MutexLock lock(&mu_);
  service_names_ = std::move(names);
}

Response ReflectionService::Answer(const Request& request) const {
  std::vector<std::string> names;
  {
    MutexLock lock(&mu_);
    names = service_names_;
  }
  return reflection::Answer(*source_, names, request);
}

}  // namespace rapporteur::reflection
