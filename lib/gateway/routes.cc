#include "lib/gateway/routes.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "google/api/annotations.pb.h"
#include "lib/base/status_macros.h"

namespace rapporteur::gateway {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::MethodDescriptor;

// Whether `path` ("case.name") names a singular field of `type`, each step
// but the last a message.
bool HasFieldPath(const Descriptor* type, absl::string_view path) {
  const std::vector<absl::string_view> steps = absl::StrSplit(path, '.');
  for (size_t i = 0; i < steps.size(); ++i) {
    if (type == nullptr) return false;
    const FieldDescriptor* field = type->FindFieldByName(std::string(steps[i]));
    if (field == nullptr || field->is_repeated()) return false;
    type = field->message_type();
  }
  return true;
}

absl::StatusOr<Route> RouteOf(const MethodDescriptor* method,
                              const google::api::HttpRule& rule, int binding) {
  Route route;
  route.method = method;
  route.binding = binding;
  route.body = rule.body();
  std::string path;
  switch (rule.pattern_case()) {
    case google::api::HttpRule::kGet:
      route.http_method = "GET";
      path = rule.get();
      break;
    case google::api::HttpRule::kPost:
      route.http_method = "POST";
      path = rule.post();
      break;
    case google::api::HttpRule::kPut:
      route.http_method = "PUT";
      path = rule.put();
      break;
    case google::api::HttpRule::kPatch:
      route.http_method = "PATCH";
      path = rule.patch();
      break;
    case google::api::HttpRule::kDelete:
      route.http_method = "DELETE";
      path = rule.delete_();
      break;
    case google::api::HttpRule::kCustom:
      route.http_method = rule.custom().kind();
      path = rule.custom().path();
      break;
    case google::api::HttpRule::PATTERN_NOT_SET:
      return absl::InvalidArgumentError(
          absl::StrCat(method->full_name(), ": HTTP rule without a path"));
  }
  absl::StatusOr<PathTemplate> parsed = PathTemplate::Parse(path);
  if (!parsed.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(method->full_name(), ": ", parsed.status().message()));
  }
  route.path = *std::move(parsed);
  for (const PathTemplate::Variable& variable : route.path.variables()) {
    if (!HasFieldPath(method->input_type(), variable.field_path)) {
      return absl::InvalidArgumentError(absl::StrCat(
          method->full_name(), ": path variable ", variable.field_path,
          " is not a singular field of ", method->input_type()->full_name()));
    }
  }
  if (!route.body.empty() && route.body != "*") {
    const FieldDescriptor* field =
        method->input_type()->FindFieldByName(route.body);
    if (field == nullptr || field->is_repeated() ||
        field->message_type() == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat(method->full_name(), ": body ", route.body,
                       " is not a singular message field of the request"));
    }
  }
  return route;
}

}  // namespace

absl::StatusOr<RouteTable> RouteTable::Build(
    const std::vector<const google::protobuf::ServiceDescriptor*>& services) {
  RouteTable table;
  for (const google::protobuf::ServiceDescriptor* service : services) {
    for (int i = 0; i < service->method_count(); ++i) {
      const MethodDescriptor* method = service->method(i);
      if (!method->options().HasExtension(google::api::http)) continue;
      const google::api::HttpRule& rule =
          method->options().GetExtension(google::api::http);
      ABSL_ASSIGN_OR_RETURN(Route route, RouteOf(method, rule, 0));
      table.routes_.push_back(std::move(route));
      int binding = 0;
      for (const google::api::HttpRule& additional :
           rule.additional_bindings()) {
        ABSL_ASSIGN_OR_RETURN(Route extra,
                              RouteOf(method, additional, ++binding));
        table.routes_.push_back(std::move(extra));
      }
    }
  }
  return table;
}

RouteTable::Lookup RouteTable::Find(absl::string_view http_method,
                                    absl::string_view path) const {
  Lookup best;
  int best_literals = -1;
  PathBindings bindings;
  for (const Route& route : routes_) {
    if (!route.path.Match(path, &bindings)) continue;
    if (route.http_method != http_method) {
      best.path_known = true;
      continue;
    }
    // The most specific template wins: literals beat variables.
    const int literals = route.path.LiteralCount();
    if (literals > best_literals) {
      best_literals = literals;
      best.route = &route;
      best.bindings = bindings;
    }
  }
  return best;
}

}  // namespace rapporteur::gateway
