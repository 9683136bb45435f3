#include "tools/cli/output.h"

#include <google/protobuf/util/json_util.h>

#include <iostream>

namespace rapporteur::cli {
namespace {

void Print(const google::protobuf::Message& message, bool indented) {
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = indented;
  // Fails only for messages with unresolvable Any fields, which the API
  // does not use.
  if (!google::protobuf::util::MessageToJsonString(message, &json, options)
           .ok()) {
    std::cerr << "rapporteur: cannot print the response as JSON\n";
    return;
  }
  std::cout << json;
  // Indented output already ends with a newline; a compact one does not.
  if (!indented) {
    std::cout << "\n";
  }
}

}  // namespace

void PrintJson(const google::protobuf::Message& message) {
  Print(message, /*indented=*/true);
}

void PrintJsonLine(const google::protobuf::Message& message) {
  Print(message, /*indented=*/false);
}

int Fail(const absl::Status& status) {
  std::cerr << "rapporteur: " << absl::StatusCodeToString(status.code()) << ": "
            << status.message() << "\n";
  return kExitFailed;
}

}  // namespace rapporteur::cli
