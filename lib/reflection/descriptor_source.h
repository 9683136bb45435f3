#ifndef RAPPORTEUR_LIB_REFLECTION_DESCRIPTOR_SOURCE_H_
#define RAPPORTEUR_LIB_REFLECTION_DESCRIPTOR_SOURCE_H_

#include <google/protobuf/descriptor.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/gateway/api_descriptors.h"

namespace rapporteur::reflection {

// The proto files server reflection describes, looked up in two pools in
// turn:
//  1. the public API's descriptors with their comments (the set protoc
//     wrote at build time, ApiDescriptors::Embedded()), so that clients see
//     the documentation of rapporteur.v1;
//  2. the binary's generated pool, for everything else it serves: the
//     internal storage protocol (not in the public set, which the SDK
//     installs), gRPC's health and reflection. protoc's generated code keeps
//     no source info, so these files come without comments.
// Thread-safe: lookups only read the pools.
class DescriptorSource {
 public:
  // Over the embedded public set.
  static absl::StatusOr<std::unique_ptr<DescriptorSource>> Embedded();
  // Over `api` (tests give a set of their own).
  explicit DescriptorSource(std::unique_ptr<gateway::ApiDescriptors> api)
      : api_(std::move(api)) {}

  DescriptorSource(const DescriptorSource&) = delete;
  DescriptorSource& operator=(const DescriptorSource&) = delete;

  // Null when neither pool has the file / symbol / extension.
  const google::protobuf::FileDescriptor* FileByName(
      absl::string_view name) const;
  // `symbol`: the full name of a service, method, message, field, enum,
  // enum value or extension ("rapporteur.v1.QueryService.Search").
  const google::protobuf::FileDescriptor* FileContainingSymbol(
      absl::string_view symbol) const;
  const google::protobuf::FileDescriptor* FileContainingExtension(
      absl::string_view containing_type, int number) const;

  // The field numbers of the extensions of message `type` both pools know,
  // ascending; NOT_FOUND when neither knows the type.
  absl::StatusOr<std::vector<int>> ExtensionNumbers(
      absl::string_view type) const;

  // `file` as serialized FileDescriptorProtos (with source info when its
  // pool has it), followed by its transitive imports, each once, as
  // FileDescriptorResponse carries them. Imports are looked up by name
  // anew, so an internal file's public imports come with their comments.
  std::vector<std::string> SerializedWithImports(
      const google::protobuf::FileDescriptor* file) const;

 private:
  // The pools in lookup order.
  std::vector<const google::protobuf::DescriptorPool*> pools() const {
    return {&api_->pool(), google::protobuf::DescriptorPool::generated_pool()};
  }

  const std::unique_ptr<gateway::ApiDescriptors> api_;
};

}  // namespace rapporteur::reflection

#endif  // RAPPORTEUR_LIB_REFLECTION_DESCRIPTOR_SOURCE_H_
