#include "tools/cli/global_options.h"

#include <chrono>
#include <cstdlib>
#include <filesystem>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "lib/base/status_macros.h"
#include "lib/routing/data_layout.h"
#include "lib/rpc/tls.h"

namespace rapporteur::cli {
namespace {

// Help groups: connection options come after a command's own.
constexpr char kEmbeddedGroup[] = "Embedded mode (the default)";
constexpr char kRemoteGroup[] = "Remote mode (the services)";
constexpr char kOutputGroup[] = "Output";

// TLS is on when --tls_ca_file is given: the services' certificates are
// checked against it rather than against the system's roots, since a
// deployment's service certificates are signed by its own authority.
absl::StatusOr<TlsOptions> TlsFrom(const GlobalOptions& options) {
  TlsOptions tls;
  if (options.tls_ca_file.empty() && !options.tls_cert_file.empty()) {
    return absl::InvalidArgumentError(
        "--tls_cert_file needs --tls_ca_file, the authority of the "
        "services' certificates");
  }
  tls.enabled = !options.tls_ca_file.empty();
  ABSL_ASSIGN_OR_RETURN(tls.root_certificates_pem,
                        ReadPemFlag("tls_ca_file", options.tls_ca_file));
  ABSL_ASSIGN_OR_RETURN(tls.client_certificate_pem,
                        ReadPemFlag("tls_cert_file", options.tls_cert_file));
  ABSL_ASSIGN_OR_RETURN(tls.client_key_pem,
                        ReadPemFlag("tls_key_file", options.tls_key_file));
  tls.server_name_override = options.tls_server_name;
  return tls;
}

}  // namespace

void AddDataOptions(CLI::App& app, GlobalOptions& options) {
  app.add_option("--data", options.data,
                 "Data directory: where `up` runs the services, and where "
                 "the other commands run the engines in-process")
      ->type_name("DIR")
      ->capture_default_str()
      ->group(kEmbeddedGroup);
  app.add_option("--case_keys", options.case_keys,
                 "Key file of case records (`rapporteur cases keys new` "
                 "makes one); default: the environment variable "
                 "RAPPORTEUR_CASE_KEYS")
      ->type_name("FILE")
      ->group(kEmbeddedGroup);
}

void AddRemoteOptions(CLI::App& app, GlobalOptions& options) {
  app.add_option("--ingest_address", options.ingest_address,
                 "HOST:PORT of the ingest service; with --query_address, "
                 "talk to the services instead of running the engines "
                 "in-process")
      ->type_name("HOST:PORT")
      ->group(kRemoteGroup);
  app.add_option("--query_address", options.query_address,
                 "HOST:PORT[,HOST:PORT...] of the query service replicas")
      ->type_name("HOST:PORT")
      ->group(kRemoteGroup);
  // The spellings of before --ingest_address and --query_address, kept
  // out of the help: scripts and deployments still use them.
  app.add_option("--ingest", options.ingest_address)->group("");
  app.add_option("--query", options.query_address)->group("");
  app.add_option("--timeout_seconds", options.timeout_seconds,
                 "Deadline of each remote call")
      ->capture_default_str()
      ->group(kRemoteGroup);
  app.add_option("--token", options.token,
                 "Bearer token for the services; default: the environment "
                 "variable RAPPORTEUR_TOKEN")
      ->group(kRemoteGroup);
  app.add_option("--tls_ca_file", options.tls_ca_file,
                 "PEM authorities of the services' certificates; turns on "
                 "TLS to ingest and query")
      ->type_name("FILE")
      ->group(kRemoteGroup);
  app.add_option("--tls_cert_file", options.tls_cert_file,
                 "PEM client certificate, for services requiring mutual TLS")
      ->type_name("FILE")
      ->group(kRemoteGroup);
  app.add_option("--tls_key_file", options.tls_key_file,
                 "PEM private key of --tls_cert_file")
      ->type_name("FILE")
      ->group(kRemoteGroup);
  app.add_option("--tls_server_name", options.tls_server_name,
                 "Name to check the services' certificates against instead "
                 "of the host of the addresses")
      ->group(kRemoteGroup);
}

void AddFormatOption(CLI::App& app, GlobalOptions& options) {
  app.add_option("--format", options.format,
                 "text, or json: the response in protobuf's JSON mapping "
                 "(streams: one object a line, NDJSON)")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str()
      ->group(kOutputGroup);
}

void AddClientOptions(CLI::App& app, GlobalOptions& options) {
  AddDataOptions(app, options);
  AddRemoteOptions(app, options);
  AddFormatOption(app, options);
}

absl::StatusOr<std::unique_ptr<Client>> MakeClientFor(
    const GlobalOptions& options, DataUse use) {
  Options client;
  client.timeout = std::chrono::seconds(options.timeout_seconds);
  if (!options.remote()) {
    // The embedded client creates the directory it opens: a command that
    // only reads would leave an empty one behind and find nothing in it.
    if (use == DataUse::kRead &&
        !std::filesystem::exists(storage::ShardDataDir(options.data))) {
      return absl::FailedPreconditionError(
          absl::StrCat("no data in ", options.data,
                       ": ingest a document first, or give --data=DIR or "
                       "--query_address=HOST:PORT"));
    }
    client.data_dir = options.data;
    client.case_keys_file = options.case_keys;
    return MakeClient(client);
  }
  // The address not given keeps its default (127.0.0.1:5005x).
  if (!options.ingest_address.empty()) {
    client.ingest_endpoint = options.ingest_address;
  }
  if (!options.query_address.empty()) {
    client.query_endpoints =
        absl::StrSplit(options.query_address, ',', absl::SkipEmpty());
  }
  ABSL_ASSIGN_OR_RETURN(client.tls, TlsFrom(options));
  client.bearer_token = options.token;
  if (const char* env = std::getenv("RAPPORTEUR_TOKEN");
      client.bearer_token.empty() && env != nullptr) {
    client.bearer_token = env;
  }
  return MakeClient(client);
}

}  // namespace rapporteur::cli
