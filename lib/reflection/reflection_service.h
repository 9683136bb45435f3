#ifndef RAPPORTEUR_LIB_REFLECTION_REFLECTION_SERVICE_H_
#define RAPPORTEUR_LIB_REFLECTION_REFLECTION_SERVICE_H_

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "grpc/reflection/v1/reflection.pb.h"
#include "lib/base/mutex.h"
#include "lib/reflection/descriptor_source.h"

namespace rapporteur::reflection {

// Answers one request of the server reflection protocol: the services in
// `service_names`, files with their imports from `source`, extension
// numbers; NOT_FOUND (in error_response) for unknown files, symbols and
// types. In v1 messages: v1alpha's are the same on the wire.
grpc::reflection::v1::ServerReflectionResponse Answer(
    const DescriptorSource& source,
    const std::vector<std::string>& service_names,
    const grpc::reflection::v1::ServerReflectionRequest& request);

// grpc.reflection.v1.ServerReflection and its v1alpha predecessor (which
// grpcurl, Postman and older tools still ask first), answering from one
// DescriptorSource: descriptors with the public API's comments. Replaces
// gRPC's plugin, which speaks only v1alpha and drops comments. Register
// both services(), then give the server's service names once it is built.
// Thread-safe.
class ReflectionService {
 public:
  explicit ReflectionService(std::unique_ptr<DescriptorSource> source);
  ~ReflectionService();
  ReflectionService(const ReflectionService&) = delete;
  ReflectionService& operator=(const ReflectionService&) = delete;

  // The v1 and v1alpha services, to register; owned by this.
  std::vector<grpc::Service*> services() const;

  // What list_services answers: the full names of the services served.
  void SetServiceNames(std::vector<std::string> names) ABSL_LOCKS_EXCLUDED(mu_);

  grpc::reflection::v1::ServerReflectionResponse Answer(
      const grpc::reflection::v1::ServerReflectionRequest& request) const
      ABSL_LOCKS_EXCLUDED(mu_);

 private:
  const std::unique_ptr<DescriptorSource> source_;
  mutable Mutex mu_;
  std::vector<std::string> service_names_ ABSL_GUARDED_BY(mu_);
  std::unique_ptr<grpc::Service> v1_;
  std::unique_ptr<grpc::Service> v1alpha_;
};

}  // namespace rapporteur::reflection

#endif  // RAPPORTEUR_LIB_REFLECTION_REFLECTION_SERVICE_H_
