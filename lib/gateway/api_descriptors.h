#ifndef RAPPORTEUR_LIB_GATEWAY_API_DESCRIPTORS_H_
#define RAPPORTEUR_LIB_GATEWAY_API_DESCRIPTORS_H_

#include <google/protobuf/descriptor.h>
#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/message.h>

#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace rapporteur::gateway {

// The public API as descriptors with their comments: a pool built from the
// FileDescriptorSet protoc wrote at build time (proto/CMakeLists.txt), and
// dynamic messages of its types. The gateway reads its routes, JSON and
// OpenAPI document from here, so they follow the protos without code per
// method. Thread-safe once built.
class ApiDescriptors {
 public:
  // The set embedded in the binary.
  static absl::StatusOr<std::unique_ptr<ApiDescriptors>> Embedded();
  // A serialized google.protobuf.FileDescriptorSet holding every import;
  // INVALID_ARGUMENT naming the file that does not build.
  static absl::StatusOr<std::unique_ptr<ApiDescriptors>> FromDescriptorSet(
      absl::string_view serialized);

  ApiDescriptors(const ApiDescriptors&) = delete;
  ApiDescriptors& operator=(const ApiDescriptors&) = delete;

  const google::protobuf::DescriptorPool& pool() const { return pool_; }

  // Services of the `rapporteur.` packages, in file order.
  const std::vector<const google::protobuf::ServiceDescriptor*>& services()
      const {
    return services_;
  }

  // An empty message of `type`, a type of pool().
  std::unique_ptr<google::protobuf::Message> NewMessage(
      const google::protobuf::Descriptor* type) const;

 private:
  ApiDescriptors() = default;

  google::protobuf::DescriptorPool pool_;
  mutable google::protobuf::DynamicMessageFactory factory_{&pool_};
  std::vector<const google::protobuf::ServiceDescriptor*> services_;
};

}  // namespace rapporteur::gateway

#endif  // RAPPORTEUR_LIB_GATEWAY_API_DESCRIPTORS_H_
