#include "lib/gateway/api_descriptors.h"

#include <google/protobuf/descriptor.pb.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "rapporteur_api_descriptors.h"

namespace rapporteur::gateway {

absl::StatusOr<std::unique_ptr<ApiDescriptors>> ApiDescriptors::Embedded() {
  for (const api_descriptors::EmbeddedFile& file : api_descriptors::Files()) {
    return FromDescriptorSet(
        absl::string_view(file.bytes.data(), file.bytes.size()));
  }
  return absl::InternalError("no API descriptor set was embedded");
}

absl::StatusOr<std::unique_ptr<ApiDescriptors>>
ApiDescriptors::FromDescriptorSet(absl::string_view serialized) {
  google::protobuf::FileDescriptorSet set;
  if (!set.ParseFromArray(serialized.data(),
                          static_cast<int>(serialized.size()))) {
    return absl::InvalidArgumentError("API descriptor set does not parse");
  }
  std::unique_ptr<ApiDescriptors> api(new ApiDescriptors());
  // protoc lists imports before the files that import them.
  for (const google::protobuf::FileDescriptorProto& file : set.file()) {
    const google::protobuf::FileDescriptor* built = api->pool_.BuildFile(file);
    if (built == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("API descriptor set: ", file.name(), " does not build"));
    }
    if (!absl::StartsWith(built->package(), "rapporteur.")) continue;
    for (int i = 0; i < built->service_count(); ++i) {
      api->services_.push_back(built->service(i));
    }
  }
  return api;
}

std::unique_ptr<google::protobuf::Message> ApiDescriptors::NewMessage(
    const google::protobuf::Descriptor* type) const {
  return std::unique_ptr<google::protobuf::Message>(
      factory_.GetPrototype(type)->New());
}

}  // namespace rapporteur::gateway
