#include "tools/cli/client_flags.h"

#include <google/protobuf/util/json_util.h>

#include <chrono>
#include <iostream>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

ABSL_FLAG(std::string, ingest, "127.0.0.1:50052",
          "HOST:PORT of the ingest service (remote mode)");
ABSL_FLAG(std::string, query, "127.0.0.1:50053",
          "HOST:PORT of the query service (remote mode)");
ABSL_FLAG(std::string, data, "",
          "Data directory. With `up`, where the services keep their data; "
          "with other commands, use the engines in-process on it instead of "
          "the services (embedded mode)");
ABSL_FLAG(int, timeout_seconds, 60, "Deadline of each remote call");
ABSL_FLAG(std::string, format, "text", "Output: text or json");

namespace rapporteur::cli {

absl::StatusOr<std::unique_ptr<Client>> ClientFromFlags() {
  Options options;
  options.ingest_endpoint = absl::GetFlag(FLAGS_ingest);
  options.query_endpoint = absl::GetFlag(FLAGS_query);
  options.timeout = std::chrono::seconds(absl::GetFlag(FLAGS_timeout_seconds));
  options.data_dir = absl::GetFlag(FLAGS_data);
  const std::string format = absl::GetFlag(FLAGS_format);
  if (format != "text" && format != "json") {
    return absl::InvalidArgumentError(
        absl::StrCat("--format=", format, ": expected text or json"));
  }
  return MakeClient(options);
}

void PrintJson(const google::protobuf::Message& message) {
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  // Fails only for messages with unresolvable Any fields, which the API
  // does not use.
  if (!google::protobuf::util::MessageToJsonString(message, &json, options)
           .ok()) {
    std::cerr << "rapporteur: cannot print the response as JSON\n";
    return;
  }
  std::cout << json;
}

int Fail(const absl::Status& status) {
  std::cerr << "rapporteur: " << absl::StatusCodeToString(status.code())
            << ": " << status.message() << "\n";
  return 1;
}

}  // namespace rapporteur::cli
