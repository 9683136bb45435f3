#include "lib/reflection/descriptor_source.h"

#include <google/protobuf/descriptor.pb.h>

#include <algorithm>
#include <deque>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"

namespace rapporteur::reflection {

using ::google::protobuf::Descriptor;
using ::google::protobuf::DescriptorPool;
using ::google::protobuf::FieldDescriptor;
using ::google::protobuf::FileDescriptor;

absl::StatusOr<std::unique_ptr<DescriptorSource>> DescriptorSource::Embedded() {
  absl::StatusOr<std::unique_ptr<gateway::ApiDescriptors>> api =
      gateway::ApiDescriptors::Embedded();
  if (!api.ok()) {
    return api.status();
  }
  return std::make_unique<DescriptorSource>(std::move(*api));
}

const FileDescriptor* DescriptorSource::FileByName(
    absl::string_view name) const {
  for (const DescriptorPool* pool : pools()) {
    if (const FileDescriptor* file = pool->FindFileByName(std::string(name))) {
      return file;
    }
  }
  return nullptr;
}

const FileDescriptor* DescriptorSource::FileContainingSymbol(
    absl::string_view symbol) const {
  for (const DescriptorPool* pool : pools()) {
    if (const FileDescriptor* file =
            pool->FindFileContainingSymbol(std::string(symbol))) {
      return file;
    }
  }
  return nullptr;
}

const FileDescriptor* DescriptorSource::FileContainingExtension(
    absl::string_view containing_type, int number) const {
  for (const DescriptorPool* pool : pools()) {
    const Descriptor* type =
        pool->FindMessageTypeByName(std::string(containing_type));
    if (type == nullptr) {
      continue;
    }
    if (const FieldDescriptor* extension =
            pool->FindExtensionByNumber(type, number)) {
      return extension->file();
    }
  }
  return nullptr;
}

absl::StatusOr<std::vector<int>> DescriptorSource::ExtensionNumbers(
    absl::string_view type_name) const {
  bool known = false;
  std::vector<int> numbers;
  for (const DescriptorPool* pool : pools()) {
    const Descriptor* type =
        pool->FindMessageTypeByName(std::string(type_name));
    if (type == nullptr) {
      continue;
    }
    known = true;
    std::vector<const FieldDescriptor*> extensions;
    pool->FindAllExtensions(type, &extensions);
    for (const FieldDescriptor* extension : extensions) {
      numbers.push_back(extension->number());
    }
  }
  if (!known) {
    return absl::NotFoundError(absl::StrCat("no message type ", type_name));
  }
  // Both pools may know the same extension (google.api.http).
  std::sort(numbers.begin(), numbers.end());
  numbers.erase(std::unique(numbers.begin(), numbers.end()), numbers.end());
  return numbers;
}

std::vector<std::string> DescriptorSource::SerializedWithImports(
    const FileDescriptor* file) const {
  std::vector<std::string> serialized;
  absl::flat_hash_set<std::string> seen = {file->name()};
  std::deque<const FileDescriptor*> pending = {file};
  while (!pending.empty()) {
    const FileDescriptor* next = pending.front();
    pending.pop_front();
    google::protobuf::FileDescriptorProto proto;
    next->CopyTo(&proto);
    next->CopySourceCodeInfoTo(&proto);  // nothing when the pool has none
    serialized.push_back(proto.SerializeAsString());
    for (int i = 0; i < next->dependency_count(); ++i) {
      const std::string& name = next->dependency(i)->name();
      if (seen.insert(name).second) {
        const FileDescriptor* import = FileByName(name);
        pending.push_back(import != nullptr ? import : next->dependency(i));
      }
    }
  }
  return serialized;
}

}  // namespace rapporteur::reflection
