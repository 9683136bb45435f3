#include "lib/gateway/request_transcoder.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/util/json_util.h>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "lib/base/status_macros.h"

namespace rapporteur::gateway {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

// A field of `type` by proto name or JSON name.
const FieldDescriptor* FindField(const Descriptor* type,
                                 absl::string_view name) {
  const FieldDescriptor* field = type->FindFieldByName(std::string(name));
  if (field != nullptr) return field;
  for (int i = 0; i < type->field_count(); ++i) {
    if (type->field(i)->json_name() == name) return type->field(i);
  }
  return nullptr;
}

absl::Status BadValue(const FieldDescriptor* field, absl::string_view text,
                      absl::string_view expected) {
  return absl::InvalidArgumentError(absl::StrCat(
      field->name(), ": \"", absl::CEscape(text), "\" is not ", expected));
}

template <typename T>
absl::Status ParseNumber(const FieldDescriptor* field, absl::string_view text,
                         T* value) {
  if (!absl::SimpleAtoi(text, value)) {
    return BadValue(field, text, "an integer in range");
  }
  return absl::OkStatus();
}

// Sets or appends the scalar (or well-known message) `field` from text.
absl::Status SetLeaf(const FieldDescriptor* field, absl::string_view text,
                     Message* message) {
  const Reflection* reflection = message->GetReflection();
  const bool repeated = field->is_repeated();
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING: {
      std::string value(text);
      if (field->type() == FieldDescriptor::TYPE_BYTES &&
          !absl::WebSafeBase64Unescape(text, &value) &&
          !absl::Base64Unescape(text, &value)) {
        return BadValue(field, text, "base64");
      }
      repeated ? reflection->AddString(message, field, std::move(value))
               : reflection->SetString(message, field, std::move(value));
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_INT32: {
      int32_t value;
      ABSL_RETURN_IF_ERROR(ParseNumber(field, text, &value));
      repeated ? reflection->AddInt32(message, field, value)
               : reflection->SetInt32(message, field, value);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_INT64: {
      int64_t value;
      ABSL_RETURN_IF_ERROR(ParseNumber(field, text, &value));
      repeated ? reflection->AddInt64(message, field, value)
               : reflection->SetInt64(message, field, value);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_UINT32: {
      uint32_t value;
      ABSL_RETURN_IF_ERROR(ParseNumber(field, text, &value));
      repeated ? reflection->AddUInt32(message, field, value)
               : reflection->SetUInt32(message, field, value);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_UINT64: {
      uint64_t value;
      ABSL_RETURN_IF_ERROR(ParseNumber(field, text, &value));
      repeated ? reflection->AddUInt64(message, field, value)
               : reflection->SetUInt64(message, field, value);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_DOUBLE:
    case FieldDescriptor::CPPTYPE_FLOAT: {
      double value;
      if (!absl::SimpleAtod(text, &value)) {
        return BadValue(field, text, "a number");
      }
      if (field->cpp_type() == FieldDescriptor::CPPTYPE_FLOAT) {
        repeated ? reflection->AddFloat(message, field, value)
                 : reflection->SetFloat(message, field, value);
      } else {
        repeated ? reflection->AddDouble(message, field, value)
                 : reflection->SetDouble(message, field, value);
      }
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_BOOL: {
      bool value;
      if (!absl::SimpleAtob(text, &value)) {
        return BadValue(field, text, "true or false");
      }
      repeated ? reflection->AddBool(message, field, value)
               : reflection->SetBool(message, field, value);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_ENUM: {
      const google::protobuf::EnumValueDescriptor* value =
          field->enum_type()->FindValueByName(absl::AsciiStrToUpper(text));
      int number;
      if (value == nullptr && absl::SimpleAtoi(text, &number)) {
        value = field->enum_type()->FindValueByNumber(number);
      }
      if (value == nullptr) {
        return BadValue(
            field, text,
            absl::StrCat("a value of ", field->enum_type()->full_name()));
      }
      repeated ? reflection->AddEnum(message, field, value)
               : reflection->SetEnum(message, field, value);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_MESSAGE: {
      // Well-known types written as one JSON string (FieldMask "a,b",
      // Timestamp, Duration) read from the text as their JSON form.
      Message* target = repeated ? reflection->AddMessage(message, field)
                                 : reflection->MutableMessage(message, field);
      return ParseJson(absl::StrCat("\"", absl::CEscape(text), "\""),
                       field->name(), target);
    }
  }
  return absl::InternalError("unhandled field type");
}

}  // namespace

absl::Status SetFieldFromText(absl::string_view field_path,
                              absl::string_view text, Message* message) {
  const std::vector<absl::string_view> steps = absl::StrSplit(field_path, '.');
  for (size_t i = 0; i < steps.size(); ++i) {
    const Descriptor* type = message->GetDescriptor();
    const FieldDescriptor* field = FindField(type, steps[i]);
    if (field == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat(type->full_name(), " has no field ", steps[i]));
    }
    if (i + 1 == steps.size()) return SetLeaf(field, text, message);
    if (field->message_type() == nullptr || field->is_repeated()) {
      return absl::InvalidArgumentError(
          absl::StrCat(field->full_name(), " is not a singular message, so ",
                       field_path, " cannot be set"));
    }
    message = message->GetReflection()->MutableMessage(message, field);
  }
  return absl::OkStatus();
}

absl::Status ParseJson(absl::string_view json, absl::string_view where,
                       Message* message) {
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  const google::protobuf::util::Status status =
      google::protobuf::util::JsonStringToMessage(
          google::protobuf::StringPiece(json.data(), json.size()), message,
          options);
  if (status.ok()) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(
      where, " is not a JSON ", message->GetDescriptor()->full_name(), ": ",
      std::string(status.message())));
}

std::string ToJson(const Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = false;
  std::string json;
  const google::protobuf::util::Status status =
      google::protobuf::util::MessageToJsonString(message, &json, options);
  // Printing fails only for an Any of a type outside the pool; say so in
  // the JSON rather than answer nothing.
  if (!status.ok()) {
    return absl::StrCat("{\"@error\":\"",
                        absl::CEscape(std::string(status.message())), "\"}");
  }
  return json;
}

absl::Status TranscodeRequest(const Route& route, const PathBindings& path,
                              const QueryParams& query, absl::string_view body,
                              Message* request) {
  const absl::string_view trimmed = absl::StripAsciiWhitespace(body);
  if (route.body.empty()) {
    if (!trimmed.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat(route.http_method, " ", route.path.text(),
                       " takes no body: give the fields as query parameters"));
    }
  } else if (!trimmed.empty()) {
    Message* target = request;
    if (route.body != "*") {
      target = request->GetReflection()->MutableMessage(
          request, request->GetDescriptor()->FindFieldByName(route.body));
    }
    ABSL_RETURN_IF_ERROR(ParseJson(trimmed, "request body", target));
  }
  for (const auto& [field_path, value] : path) {
    // A path variable is the resource's name: it wins over the body's.
    const FieldDescriptor* field = nullptr;
    Message* owner = request;
    for (absl::string_view step : absl::StrSplit(field_path, '.')) {
      if (field != nullptr) {
        owner = owner->GetReflection()->MutableMessage(owner, field);
      }
      field = FindField(owner->GetDescriptor(), step);
    }
    owner->GetReflection()->ClearField(owner, field);
    ABSL_RETURN_IF_ERROR(SetLeaf(field, value, owner));
  }
  for (const auto& [name, value] : query) {
    if (route.body == "*") {
      return absl::InvalidArgumentError(absl::StrCat(
          "query parameter ", name, ": the body of ", route.http_method, " ",
          route.path.text(), " holds every field of the request"));
    }
    for (const auto& [bound, unused] : path) {
      if (bound == name) {
        return absl::InvalidArgumentError(absl::StrCat(
            "query parameter ", name, ": the path already gives it"));
      }
    }
    const absl::Status set = SetFieldFromText(name, value, request);
    if (!set.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("query parameter ", name, ": ", set.message()));
    }
  }
  return absl::OkStatus();
}

}  // namespace rapporteur::gateway
