#include "tools/cli/client_flags.h"

#include <google/protobuf/util/json_util.h>

#include <chrono>
#include <cstdlib>
#include <iostream>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

ABSL_FLAG(std::string, ingest, "",
          "HOST:PORT of the ingest service; with --query, talk to the services "
          "(remote mode) instead of running the engines in-process");
ABSL_FLAG(std::string, query, "",
          "HOST:PORT[,HOST:PORT...] of the query service replicas (remote "
          "mode)");
ABSL_FLAG(std::string, data, "rapporteur-data",
          "Data directory: where `up` runs the services, and where the other "
          "commands run the engines in-process (embedded mode, the default)");
ABSL_FLAG(int, timeout_seconds, 60, "Deadline of each remote call");
ABSL_FLAG(std::string, token, "",
          "Bearer token for the services (remote mode); default: the "
          "environment variable RAPPORTEUR_TOKEN");
ABSL_FLAG(std::string, format, "text", "Output: text or json");

namespace rapporteur::cli {

absl::StatusOr<std::unique_ptr<Client>> ClientFromFlags() {
  Options options;
  options.timeout = std::chrono::seconds(absl::GetFlag(FLAGS_timeout_seconds));
  const std::string ingest = absl::GetFlag(FLAGS_ingest);
  const std::string query = absl::GetFlag(FLAGS_query);
  if (ingest.empty() && query.empty()) {
    options.data_dir = absl::GetFlag(FLAGS_data);
  } else {
    // Remote; the address not given keeps its default (127.0.0.1:5005x).
    if (!ingest.empty()) {
      options.ingest_endpoint = ingest;
    }
    if (!query.empty()) {
      options.query_endpoints = absl::StrSplit(query, ',', absl::SkipEmpty());
    }
    options.bearer_token = absl::GetFlag(FLAGS_token);
    if (const char* env = std::getenv("RAPPORTEUR_TOKEN");
        options.bearer_token.empty() && env != nullptr) {
      options.bearer_token = env;
    }
  }
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
