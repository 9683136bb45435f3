#ifndef RAPPORTEUR_LIB_GATEWAY_ROUTES_H_
#define RAPPORTEUR_LIB_GATEWAY_ROUTES_H_

#include <google/protobuf/descriptor.h>

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/gateway/path_template.h"

namespace rapporteur::gateway {

// One HTTP binding of an RPC, from its google.api.http option.
struct Route {
  std::string http_method;  // "GET", "POST", "PATCH", "DELETE", "PUT"
  PathTemplate path;
  // The request field the body fills: "" (no body), "*" (the request) or a
  // top-level field name.
  std::string body;
  const google::protobuf::MethodDescriptor* method = nullptr;
  // 0 for the method's own rule, then 1, 2... for additional bindings
  // (the OpenAPI operation ids).
  int binding = 0;
};

// The routes of every method with an HTTP rule, and which one a request
// takes.
class RouteTable {
 public:
  // INVALID_ARGUMENT naming the method whose rule does not parse or whose
  // path or body names a field its request lacks.
  static absl::StatusOr<RouteTable> Build(
      const std::vector<const google::protobuf::ServiceDescriptor*>& services);

  // What a request to `path` (percent-decoded, no query) with
  // `http_method` takes.
  struct Lookup {
    const Route* route = nullptr;  // null when nothing matched
    PathBindings bindings;
    // Some route has this path, with another method (405, not 404).
    bool path_known = false;
  };
  Lookup Find(absl::string_view http_method, absl::string_view path) const;

  // In the order of the services and methods, bindings in rule order.
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace rapporteur::gateway

#endif  // RAPPORTEUR_LIB_GATEWAY_ROUTES_H_
