#include "lib/cases/identifying_fields.h"

#include "absl/strings/str_cat.h"
#include "rapporteur/v1/cases.pb.h"

namespace rapporteur::cases {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

// `[id]` when the element has a non-empty string `id`, else `[index]`.
std::string ElementKey(const Message& element, int index) {
  const FieldDescriptor* id = element.GetDescriptor()->FindFieldByName("id");
  if (id != nullptr && id->type() == FieldDescriptor::TYPE_STRING &&
      !id->is_repeated()) {
    std::string value = element.GetReflection()->GetString(element, id);
    if (!value.empty()) {
      return absl::StrCat("[", value, "]");
    }
  }
  return absl::StrCat("[", index, "]");
}

void Rewrite(
    Message* message, const std::string& prefix,
    absl::FunctionRef<std::string(absl::string_view, const std::string&)>
        rewrite) {
  const Reflection* reflection = message->GetReflection();
  const google::protobuf::Descriptor* descriptor = message->GetDescriptor();
  for (int i = 0; i < descriptor->field_count(); ++i) {
    const FieldDescriptor* field = descriptor->field(i);
    const std::string path = prefix.empty()
                                 ? field->name()
                                 : absl::StrCat(prefix, ".", field->name());
    if (field->type() == FieldDescriptor::TYPE_MESSAGE) {
      if (field->is_repeated()) {
        for (int j = 0; j < reflection->FieldSize(*message, field); ++j) {
          Message* element =
              reflection->MutableRepeatedMessage(message, field, j);
          Rewrite(element, absl::StrCat(path, ElementKey(*element, j)),
                  rewrite);
        }
      } else if (reflection->HasField(*message, field)) {
        Rewrite(reflection->MutableMessage(message, field), path, rewrite);
      }
      continue;
    }
    if (field->type() != FieldDescriptor::TYPE_STRING ||
        !field->options().GetExtension(v1::identifying)) {
      continue;
    }
    if (field->is_repeated()) {
      for (int j = 0; j < reflection->FieldSize(*message, field); ++j) {
        reflection->SetRepeatedString(
            message, field, j,
            rewrite(absl::StrCat(path, "[", j, "]"),
                    reflection->GetRepeatedString(*message, field, j)));
      }
    } else {
      reflection->SetString(
          message, field,
          rewrite(path, reflection->GetString(*message, field)));
    }
  }
}

}  // namespace

void RewriteIdentifying(
    Message* message,
    absl::FunctionRef<std::string(absl::string_view, const std::string&)>
        rewrite) {
  Rewrite(message, "", rewrite);
}

}  // namespace rapporteur::cases
