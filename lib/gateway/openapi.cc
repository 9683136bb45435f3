#include "lib/gateway/openapi.h"

#include <google/protobuf/descriptor.h>

#include <nlohmann/json.hpp>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace rapporteur::gateway {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::EnumDescriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::MethodDescriptor;
using nlohmann::json;

template <typename D>
std::string Comment(const D* descriptor) {
  google::protobuf::SourceLocation location;
  if (!descriptor->GetSourceLocation(&location)) return "";
  std::vector<std::string> lines;
  for (absl::string_view line :
       absl::StrSplit(location.leading_comments, '\n')) {
    absl::ConsumePrefix(&line, " ");
    lines.emplace_back(line);
  }
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  return absl::StrJoin(lines, "\n");
}

// The first sentence of a comment, for a summary.
std::string FirstSentence(const std::string& comment) {
  const std::string flat = absl::StrReplaceAll(comment, {{"\n", " "}});
  const size_t end = flat.find(". ");
  return end == std::string::npos ? std::string(absl::StripSuffix(flat, "."))
                                  : flat.substr(0, end);
}

std::string SchemaRef(const Descriptor* type) {
  return absl::StrCat("#/components/schemas/", type->full_name());
}

// Well-known types have a JSON form of their own.
bool WellKnownSchema(const Descriptor* type, json* schema) {
  const std::string& name = type->full_name();
  if (name == "google.protobuf.Timestamp") {
    *schema = {{"type", "string"}, {"format", "date-time"}};
  } else if (name == "google.protobuf.Duration") {
    *schema = {{"type", "string"}, {"example", "1.5s"}};
  } else if (name == "google.protobuf.FieldMask") {
    *schema = {{"type", "string"},
               {"description", "Field paths, comma-separated"}};
  } else if (name == "google.protobuf.Empty") {
    *schema = {{"type", "object"}};
  } else if (name == "google.protobuf.Any") {
    *schema = {{"type", "object"},
               {"properties", {{"@type", {{"type", "string"}}}}},
               {"additionalProperties", true}};
  } else if (name == "google.protobuf.Struct" ||
             name == "google.protobuf.Value") {
    *schema = json::object();
  } else {
    return false;
  }
  return true;
}

class Writer {
 public:
  json SchemaOfField(const FieldDescriptor* field) {
    json schema = ScalarSchema(field);
    if (field->is_map()) {
      schema = {{"type", "object"},
                {"additionalProperties",
                 ScalarSchema(field->message_type()->map_value())}};
    } else if (field->is_repeated()) {
      schema = {{"type", "array"}, {"items", schema}};
    }
    const std::string comment = Comment(field);
    if (!comment.empty()) {
      if (schema.contains("$ref")) {
        // OpenAPI 3.0 ignores siblings of $ref: wrap it.
        schema = {{"allOf", json::array({schema})}};
      }
      schema["description"] = comment;
    }
    return schema;
  }

  void AddMessage(const Descriptor* type) {
    json ignored;
    if (WellKnownSchema(type, &ignored) || !added_.insert(type).second) return;
    json properties = json::object();
    for (int i = 0; i < type->field_count(); ++i) {
      properties[type->field(i)->json_name()] = SchemaOfField(type->field(i));
    }
    json schema = {{"type", "object"}, {"properties", properties}};
    const std::string comment = Comment(type);
    if (!comment.empty()) schema["description"] = comment;
    schemas_[type->full_name()] = schema;
  }

  // Query parameters for the fields of `type` not in `bound`, dotted paths
  // into singular messages (two levels, as filters go).
  void AddQueryParameters(const Descriptor* type, const std::string& prefix,
                          const std::set<std::string>& bound, int depth,
                          json* parameters) {
    for (int i = 0; i < type->field_count(); ++i) {
      const FieldDescriptor* field = type->field(i);
      const std::string name = prefix + field->json_name();
      if (bound.count(prefix + field->name()) != 0) continue;
      json wk;
      const bool nested = field->message_type() != nullptr &&
                          !WellKnownSchema(field->message_type(), &wk);
      if (nested) {
        if (!field->is_repeated() && depth < 2) {
          AddQueryParameters(field->message_type(), name + ".", bound,
                             depth + 1, parameters);
        }
        continue;
      }
      json parameter = {
          {"name", name}, {"in", "query"}, {"schema", SchemaOfField(field)}};
      const std::string comment = Comment(field);
      if (!comment.empty()) parameter["description"] = comment;
      if (field->is_repeated()) {
        parameter["style"] = "form";
        parameter["explode"] = true;
      }
      parameters->push_back(parameter);
    }
  }

  json schemas() const { return schemas_; }

 private:
  json ScalarSchema(const FieldDescriptor* field) {
    switch (field->type()) {
      case FieldDescriptor::TYPE_DOUBLE:
        return {{"type", "number"}, {"format", "double"}};
      case FieldDescriptor::TYPE_FLOAT:
        return {{"type", "number"}, {"format", "float"}};
      case FieldDescriptor::TYPE_INT64:
      case FieldDescriptor::TYPE_SINT64:
      case FieldDescriptor::TYPE_SFIXED64:
      case FieldDescriptor::TYPE_UINT64:
      case FieldDescriptor::TYPE_FIXED64:
        // Protobuf's JSON writes 64-bit integers as strings.
        return {{"type", "string"}, {"format", "int64"}};
      case FieldDescriptor::TYPE_INT32:
      case FieldDescriptor::TYPE_SINT32:
      case FieldDescriptor::TYPE_SFIXED32:
        return {{"type", "integer"}, {"format", "int32"}};
      case FieldDescriptor::TYPE_UINT32:
      case FieldDescriptor::TYPE_FIXED32:
        return {{"type", "integer"}, {"format", "int64"}, {"minimum", 0}};
      case FieldDescriptor::TYPE_BOOL:
        return {{"type", "boolean"}};
      case FieldDescriptor::TYPE_STRING:
        return {{"type", "string"}};
      case FieldDescriptor::TYPE_BYTES:
        return {{"type", "string"}, {"format", "byte"}};
      case FieldDescriptor::TYPE_ENUM: {
        const EnumDescriptor* type = field->enum_type();
        json values = json::array();
        for (int i = 0; i < type->value_count(); ++i) {
          values.push_back(type->value(i)->name());
        }
        return {{"type", "string"}, {"enum", values}};
      }
      case FieldDescriptor::TYPE_MESSAGE:
      case FieldDescriptor::TYPE_GROUP: {
        json schema;
        if (WellKnownSchema(field->message_type(), &schema)) return schema;
        AddMessage(field->message_type());
        return {{"$ref", SchemaRef(field->message_type())}};
      }
    }
    return json::object();
  }

  std::set<const Descriptor*> added_;
  json schemas_ = json::object();
};

// "/v1/{name=documents/*/paragraphs/*}:x" as OpenAPI writes paths, and the
// path parameters it names.
std::string OpenApiPath(const Route& route, json* parameters) {
  std::vector<std::string> parts;
  std::set<std::string> names;
  const auto& segments = route.path.segments();
  for (size_t i = 0; i < segments.size(); ++i) {
    const PathTemplate::Segment& segment = segments[i];
    if (segment.kind == PathTemplate::Segment::Kind::kLiteral) {
      parts.push_back(segment.literal);
      continue;
    }
    const PathTemplate::Variable& variable =
        route.path.variables()[segment.variable];
    // Name a wildcard after the collection before it: documents/{document}.
    std::string name = variable.field_path;
    if (i > 0 &&
        segments[i - 1].kind == PathTemplate::Segment::Kind::kLiteral &&
        segments[i - 1].variable == segment.variable) {
      name = std::string(absl::StripSuffix(segments[i - 1].literal, "s"));
    }
    while (!names.insert(name).second) name += "_";
    parts.push_back(absl::StrCat("{", name, "}"));
    json parameter = {
        {"name", name},
        {"in", "path"},
        {"required", true},
        {"schema", {{"type", "string"}}},
        {"description", absl::StrCat("Part of the resource name `",
                                     variable.field_path, "`")}};
    if (segment.kind == PathTemplate::Segment::Kind::kRest) {
      parameter["description"] = absl::StrCat(
          parameter["description"].get<std::string>(), " (may hold /)");
    }
    parameters->push_back(parameter);
  }
  std::string path = absl::StrCat("/", absl::StrJoin(parts, "/"));
  if (!route.path.verb().empty())
    absl::StrAppend(&path, ":", route.path.verb());
  return path;
}

std::string Lower(absl::string_view method) {
  return absl::AsciiStrToLower(method);
}

}  // namespace

std::string OpenApiJson(const RouteTable& routes, const ApiDescriptors& api,
                        absl::string_view version) {
  Writer writer;
  const Descriptor* status_type =
      api.pool().FindMessageTypeByName("google.rpc.Status");
  const json error_body = {
      {"type", "object"},
      {"properties",
       {{"code",
         {{"type", "integer"},
          {"format", "int32"},
          {"description", "The HTTP status code"}}},
        {"message", {{"type", "string"}}},
        {"status",
         {{"type", "string"},
          {"description", "The gRPC status name, e.g. NOT_FOUND"}}},
        {"details",
         {{"type", "array"},
          {"description", "google.rpc error details, each with its @type"},
          {"items", {{"type", "object"}, {"additionalProperties", true}}}}}}}};
  const json error_schema = {
      {"type", "object"},
      {"description",
       "A failed call (AIP-193): its HTTP code, gRPC status name, message "
       "and google.rpc error details."},
      {"properties",
       {{"error", {{"$ref", "#/components/schemas/ErrorBody"}}}}}};
  if (status_type != nullptr) {
    // The detail messages, so clients can generate their types.
    for (const char* detail :
         {"google.rpc.BadRequest", "google.rpc.ErrorInfo",
          "google.rpc.RetryInfo", "google.rpc.ResourceInfo",
          "google.rpc.PreconditionFailure", "google.rpc.QuotaFailure",
          "google.rpc.RequestInfo"}) {
      const Descriptor* type = api.pool().FindMessageTypeByName(detail);
      if (type != nullptr) writer.AddMessage(type);
    }
  }

  json paths = json::object();
  json tags = json::array();
  std::set<std::string> tagged;
  for (const Route& route : routes.routes()) {
    const MethodDescriptor* method = route.method;
    const std::string service = method->service()->name();
    if (tagged.insert(service).second) {
      tags.push_back(
          {{"name", service}, {"description", Comment(method->service())}});
    }
    json parameters = json::array();
    const std::string path = OpenApiPath(route, &parameters);
    std::set<std::string> bound;
    for (const PathTemplate::Variable& variable : route.path.variables()) {
      bound.insert(variable.field_path);
    }
    json operation = {
        {"operationId",
         route.binding == 0
             ? absl::StrCat(service, "_", method->name())
             : absl::StrCat(service, "_", method->name(), "_", route.binding)},
        {"tags", json::array({service})},
    };
    const std::string comment = Comment(method);
    if (!comment.empty()) {
      operation["summary"] = FirstSentence(comment);
      operation["description"] = comment;
    }
    if (route.body.empty()) {
      writer.AddQueryParameters(method->input_type(), "", bound, 0,
                                &parameters);
    } else {
      const Descriptor* body_type = route.body == "*"
                                        ? method->input_type()
                                        : method->input_type()
                                              ->FindFieldByName(route.body)
                                              ->message_type();
      writer.AddMessage(body_type);
      const bool streamed = method->client_streaming();
      operation["requestBody"] = {
          {"required", route.body != "*"},
          {"content",
           {{streamed ? "application/x-ndjson" : "application/json",
             {{"schema", {{"$ref", SchemaRef(body_type)}}}}}}}};
      if (streamed) {
        operation["requestBody"]["description"] = "One JSON request per line.";
      }
    }
    if (!parameters.empty()) operation["parameters"] = parameters;

    json ok_schema;
    if (!WellKnownSchema(method->output_type(), &ok_schema)) {
      writer.AddMessage(method->output_type());
      ok_schema = {{"$ref", SchemaRef(method->output_type())}};
    }
    if (method->server_streaming()) {
      operation["responses"]["200"] = {
          {"description",
           "One JSON object per line: {\"result\": ...} per response, "
           "or a final {\"error\": ...}."},
          {"content",
           {{"application/x-ndjson",
             {{"schema",
               {{"type", "object"},
                {"properties",
                 {{"result", ok_schema},
                  {"error",
                   {{"$ref", "#/components/schemas/ErrorBody"}}}}}}}}}}}};
    } else {
      operation["responses"]["200"] = {
          {"description", "OK"},
          {"content", {{"application/json", {{"schema", ok_schema}}}}}};
    }
    operation["responses"]["default"] = {
        {"description", "An error, with the HTTP code of its gRPC status"},
        {"content",
         {{"application/json",
           {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}};
    paths[path][Lower(route.http_method)] = operation;
  }

  json schemas = writer.schemas();
  schemas["Error"] = error_schema;
  schemas["ErrorBody"] = error_body;
  json document = {
      {"openapi", "3.0.3"},
      {"info",
       {{"title", "Rapporteur API"},
        {"version", std::string(version)},
        {"description",
         "Search, cite and extract UN human-rights reports and case records. "
         "The REST mapping of the gRPC API (rapporteur.v1), by its "
         "google.api.http annotations and protobuf's JSON mapping. Send a "
         "bearer token in `Authorization` when the services require one."}}},
      {"servers", json::array({{{"url", "/"}}})},
      {"tags", tags},
      {"paths", paths},
      {"components",
       {{"schemas", schemas},
        {"securitySchemes",
         {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}}}}}},
      {"security", json::array({json::object(), {{"bearer", json::array()}}})},
  };
  return document.dump(1, ' ', false, json::error_handler_t::replace);
}

}  // namespace rapporteur::gateway
