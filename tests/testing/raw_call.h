#ifndef RAPPORTEUR_TESTS_TESTING_RAW_CALL_H_
#define RAPPORTEUR_TESTS_TESTING_RAW_CALL_H_

#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

#include <future>
#include <map>
#include <memory>
#include <string>

#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace rapporteur::testing {

// Calls unary method `method` ("/rapporteur.v1.QueryService/GetDocument")
// on `channel` with `request_bytes` as the request, whatever they hold (a
// malformed protobuf, invalid UTF-8), and `metadata`; returns the status.
inline grpc::Status RawUnaryCall(
    const std::shared_ptr<grpc::Channel>& channel, const std::string& method,
    const std::string& request_bytes,
    const std::map<std::string, std::string>& metadata = {}) {
  grpc::GenericStub stub(channel);
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
  for (const auto& [key, value] : metadata) {
    context.AddMetadata(key, value);
  }
  grpc::Slice slice(request_bytes);
  grpc::ByteBuffer request(&slice, 1);
  grpc::ByteBuffer response;
  std::promise<grpc::Status> done;
  stub.UnaryCall(&context, method, grpc::StubOptions(), &request, &response,
                 [&done](grpc::Status status) { done.set_value(status); });
  return done.get_future().get();
}

}  // namespace rapporteur::testing

#endif  // RAPPORTEUR_TESTS_TESTING_RAW_CALL_H_
