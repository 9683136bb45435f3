// rapporteur-gateway: the API as REST/JSON, its OpenAPI document and the
// web console, over the ingest and query services.
#include <iostream>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "lib/base/log.h"
#include "lib/base/status_macros.h"
#include "lib/rpc/channel.h"
#include "lib/rpc/server.h"
#include "lib/rpc/tls.h"
#include "services/gateway/gateway_server.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:8080",
          "HOST:PORT to serve HTTP on; port 0 picks a free port");
ABSL_FLAG(std::string, port_file, "",
          "File to write the bound port to, once listening");
ABSL_FLAG(std::string, ingest, "", "HOST:PORT of the ingest service");
ABSL_FLAG(std::string, query, "", "HOST:PORT of the query service");
ABSL_FLAG(std::string, tls_cert_file, "",
          "PEM certificate chain to serve HTTPS with");
ABSL_FLAG(std::string, tls_key_file, "", "PEM private key of --tls_cert_file");
ABSL_FLAG(std::string, services_tls_ca_file, "",
          "PEM authority of the services' certificates: calls them over TLS");
ABSL_FLAG(std::string, services_tls_cert_file, "",
          "PEM client certificate for the services (mutual TLS)");
ABSL_FLAG(std::string, services_tls_key_file, "",
          "PEM key of --services_tls_cert_file");
ABSL_FLAG(std::string, services_tls_server_name, "",
          "Name to check the services' certificates against instead of "
          "their host (tests)");
ABSL_FLAG(std::string, cors_origins, "",
          "Comma-separated origins whose pages may call the API, or *; "
          "empty: the console's own origin only");
ABSL_FLAG(int64_t, max_body_bytes, 96 << 20,
          "Largest request body; a document travels base64 in JSON, 4/3 of "
          "its size");
ABSL_FLAG(absl::Duration, call_timeout, absl::Seconds(60),
          "Deadline of a call when the client sends no X-Server-Timeout");
ABSL_FLAG(int, threads, 16,
          "Threads serving connections (a streamed answer holds one)");
ABSL_FLAG(bool, allow_insecure, false,
          "Serve plain HTTP on, or call services in plain text at, "
          "addresses that are not loopback (behind a mesh that encrypts)");

namespace rapporteur::gateway {
namespace {

absl::StatusOr<GatewayOptions> OptionsFromFlags() {
  GatewayOptions options;
  options.listen = absl::GetFlag(FLAGS_listen);
  options.tls_cert_file = absl::GetFlag(FLAGS_tls_cert_file);
  options.tls_key_file = absl::GetFlag(FLAGS_tls_key_file);
  const bool allow_insecure = absl::GetFlag(FLAGS_allow_insecure);
  if (options.tls_cert_file.empty() && !allow_insecure &&
      !IsLoopbackAddress(options.listen)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--listen=", options.listen,
        " is not loopback: give --tls_cert_file and --tls_key_file, or "
        "--allow_insecure behind a proxy that terminates TLS"));
  }
  const std::string ingest = absl::GetFlag(FLAGS_ingest);
  const std::string query = absl::GetFlag(FLAGS_query);
  if (ingest.empty() || query.empty()) {
    return absl::InvalidArgumentError("--ingest and --query are required");
  }

  ClientTls tls;
  const std::string ca_file = absl::GetFlag(FLAGS_services_tls_ca_file);
  tls.enabled = !ca_file.empty();
  ABSL_ASSIGN_OR_RETURN(tls.root_certificates_pem,
                        ReadPemFlag("services_tls_ca_file", ca_file));
  ABSL_ASSIGN_OR_RETURN(
      tls.certificate_pem,
      ReadPemFlag("services_tls_cert_file",
                  absl::GetFlag(FLAGS_services_tls_cert_file)));
  ABSL_ASSIGN_OR_RETURN(
      tls.private_key_pem,
      ReadPemFlag("services_tls_key_file",
                  absl::GetFlag(FLAGS_services_tls_key_file)));
  tls.server_name_override = absl::GetFlag(FLAGS_services_tls_server_name);
  for (const std::string& address : {ingest, query}) {
    if (!tls.enabled && !allow_insecure && !IsLoopbackAddress(address)) {
      return absl::InvalidArgumentError(
          absl::StrCat(address,
                       " is not loopback: give --services_tls_ca_file, or "
                       "--allow_insecure behind a mesh that encrypts"));
    }
  }
  ABSL_ASSIGN_OR_RETURN(std::shared_ptr<grpc::ChannelCredentials> credentials,
                        MakeChannelCredentials(tls));
  options.upstreams.ingest = MakeChannel(
      ingest, credentials, kInternalMessageBytes, tls.server_name_override);
  options.upstreams.query = MakeChannel(
      query, credentials, kInternalMessageBytes, tls.server_name_override);

  for (absl::string_view origin : absl::StrSplit(
           absl::GetFlag(FLAGS_cors_origins), ',', absl::SkipWhitespace())) {
    options.cors_origins.emplace_back(origin);
  }
  const int64_t max_body = absl::GetFlag(FLAGS_max_body_bytes);
  if (max_body <= 0) {
    return absl::InvalidArgumentError("--max_body_bytes must be positive");
  }
  options.max_body_bytes = static_cast<size_t>(max_body);
  options.call_timeout = absl::GetFlag(FLAGS_call_timeout);
  options.threads = absl::GetFlag(FLAGS_threads);
  return options;
}

int Run() {
  absl::StatusOr<GatewayOptions> options = OptionsFromFlags();
  if (!options.ok()) {
    std::cerr << "rapporteur-gateway: " << options.status().message() << "\n";
    return 2;
  }
  absl::StatusOr<std::unique_ptr<GatewayServer>> server =
      GatewayServer::Start(*std::move(options));
  if (!server.ok()) {
    std::cerr << "rapporteur-gateway: " << server.status().message() << "\n";
    return 1;
  }
  const std::string port_file = absl::GetFlag(FLAGS_port_file);
  if (!port_file.empty()) {
    const absl::Status written = WritePortFile(port_file, (*server)->port());
    if (!written.ok()) {
      std::cerr << "rapporteur-gateway: " << written.message() << "\n";
      return 1;
    }
  }
  LogInfo("serving", {{"port", absl::StrCat((*server)->port())}});
  const int signal = WaitForTermSignal();
  LogInfo("signal received", {{"signal", absl::StrCat(signal)}});
  (*server)->Stop();
  LogInfo("stopped");
  return 0;
}

}  // namespace
}  // namespace rapporteur::gateway

int main(int argc, char** argv) {
  rapporteur::BlockTermSignals();
  absl::SetProgramUsageMessage(
      "rapporteur-gateway --listen=HOST:PORT --ingest=HOST:PORT "
      "--query=HOST:PORT");
  absl::ParseCommandLine(argc, argv);
  rapporteur::SetLogService("gateway");
  return rapporteur::gateway::Run();
}
