#include "tools/cli/client_flags.h"

#include <google/protobuf/util/json_util.h>

#include <chrono>
#include <cstdlib>
#include <iostream>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "lib/base/status_macros.h"
#include "lib/rpc/tls.h"

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
ABSL_FLAG(std::string, case_keys, "",
          "Key file of case records (embedded mode; `rapporteur cases keys "
          "new` makes one); default: the environment variable "
          "RAPPORTEUR_CASE_KEYS");
ABSL_FLAG(std::string, token, "",
          "Bearer token for the services (remote mode); default: the "
          "environment variable RAPPORTEUR_TOKEN");
ABSL_FLAG(std::string, format, "text", "Output: text or json");
ABSL_FLAG(std::string, tls_ca_file, "",
          "PEM authorities of the services' certificates; turns on TLS to "
          "ingest and query (remote mode)");
ABSL_FLAG(std::string, tls_cert_file, "",
          "PEM client certificate, for services requiring mutual TLS");
ABSL_FLAG(std::string, tls_key_file, "", "PEM private key of --tls_cert_file");
ABSL_FLAG(std::string, tls_server_name, "",
          "Name to check the services' certificates against instead of the "
          "host of --ingest and --query");

namespace rapporteur::cli {
namespace {

// TLS is on when --tls_ca_file is given: the services' certificates are
// checked against it rather than against the system's roots, since a
// deployment's service certificates are signed by its own authority.
absl::StatusOr<TlsOptions> TlsFromFlags() {
  TlsOptions tls;
  const std::string ca_file = absl::GetFlag(FLAGS_tls_ca_file);
  const std::string cert_file = absl::GetFlag(FLAGS_tls_cert_file);
  const std::string key_file = absl::GetFlag(FLAGS_tls_key_file);
  if (ca_file.empty() && !cert_file.empty()) {
    return absl::InvalidArgumentError(
        "--tls_cert_file needs --tls_ca_file, the authority of the "
        "services' certificates");
  }
  tls.enabled = !ca_file.empty();
  ABSL_ASSIGN_OR_RETURN(tls.root_certificates_pem,
                        ReadPemFlag("tls_ca_file", ca_file));
  ABSL_ASSIGN_OR_RETURN(tls.client_certificate_pem,
                        ReadPemFlag("tls_cert_file", cert_file));
  ABSL_ASSIGN_OR_RETURN(tls.client_key_pem,
                        ReadPemFlag("tls_key_file", key_file));
  tls.server_name_override = absl::GetFlag(FLAGS_tls_server_name);
  return tls;
}

}  // namespace

absl::StatusOr<std::unique_ptr<Client>> ClientFromFlags() {
  Options options;
  options.timeout = std::chrono::seconds(absl::GetFlag(FLAGS_timeout_seconds));
  const std::string ingest = absl::GetFlag(FLAGS_ingest);
  const std::string query = absl::GetFlag(FLAGS_query);
  if (ingest.empty() && query.empty()) {
    options.data_dir = absl::GetFlag(FLAGS_data);
    options.case_keys_file = absl::GetFlag(FLAGS_case_keys);
  } else {
    // Remote; the address not given keeps its default (127.0.0.1:5005x).
    if (!ingest.empty()) {
      options.ingest_endpoint = ingest;
    }
    if (!query.empty()) {
      options.query_endpoints = absl::StrSplit(query, ',', absl::SkipEmpty());
    }
    ABSL_ASSIGN_OR_RETURN(options.tls, TlsFromFlags());
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
  std::cerr << "rapporteur: " << absl::StatusCodeToString(status.code()) << ": "
            << status.message() << "\n";
  return 1;
}

}  // namespace rapporteur::cli
