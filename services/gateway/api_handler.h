#ifndef RAPPORTEUR_SERVICES_GATEWAY_API_HANDLER_H_
#define RAPPORTEUR_SERVICES_GATEWAY_API_HANDLER_H_

#include <grpcpp/grpcpp.h>
#include <httplib.h>

#include <memory>
#include <string>

#include "absl/time/time.h"
#include "lib/gateway/api_descriptors.h"
#include "lib/gateway/generic_call.h"
#include "lib/gateway/routes.h"

namespace rapporteur::gateway {

// The services behind the gateway: IngestService calls go to `ingest`,
// the others (QueryService, CaseService) to `query`.
struct Upstreams {
  std::shared_ptr<grpc::Channel> ingest;
  std::shared_ptr<grpc::Channel> query;
};

// Serves /v1/...: finds the route, builds the request from the path, query
// string and JSON body, calls the service with the caller's bearer token,
// request id and trace context, and answers JSON, or NDJSON for streams
// (one `{"result": ...}` line per message, sent as the client reads them,
// and an `{"error": ...}` line if the stream fails midway). Errors are
// AIP-193 JSON with the HTTP code of their gRPC status. Thread-safe.
class ApiHandler {
 public:
  ApiHandler(const ApiDescriptors* api, const RouteTable* routes,
             Upstreams upstreams, absl::Duration call_timeout)
      : api_(*api),
        routes_(*routes),
        upstreams_(std::move(upstreams)),
        call_timeout_(call_timeout) {}

  // The method of the route a request takes ("rapporteur.v1.QueryService/
  // Search"), for metrics and logs; "" when none.
  std::string MethodOf(const httplib::Request& request) const;

  void Serve(const httplib::Request& request, httplib::Response& response,
             const std::string& request_id) const;

 private:
  // The call's context: deadline from X-Server-Timeout (seconds) or the
  // default (none for streams), and the metadata passed on.
  absl::StatusOr<std::unique_ptr<grpc::ClientContext>> ContextFor(
      const httplib::Request& request, const std::string& request_id,
      bool streaming) const;
  void ServeStream(std::unique_ptr<GenericCall> call,
                   const google::protobuf::Descriptor* response_type,
                   httplib::Response& response) const;

  const ApiDescriptors& api_;
  const RouteTable& routes_;
  const Upstreams upstreams_;
  const absl::Duration call_timeout_;
};

}  // namespace rapporteur::gateway

#endif  // RAPPORTEUR_SERVICES_GATEWAY_API_HANDLER_H_
