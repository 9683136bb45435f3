#include "lib/rpc/server_flags.h"

#include <string>

#include "absl/flags/flag.h"
#include "absl/time/time.h"
#include "lib/base/status_macros.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:0",
          "HOST:PORT to listen on; port 0 picks a free one (see --port_file). "
          "Without TLS, only a loopback address unless --allow_insecure");
ABSL_FLAG(std::string, port_file, "",
          "When set, write the bound port to this file once serving");
ABSL_FLAG(int, max_message_bytes, 64 << 20,
          "Largest gRPC message received or sent, in bytes");
ABSL_FLAG(std::string, metrics_listen, "",
          "HOST:PORT serving Prometheus /metrics over HTTP; empty: off");
ABSL_FLAG(std::string, metrics_port_file, "",
          "When set, write the bound metrics port to this file");
ABSL_FLAG(std::string, health_listen, "",
          "HOST:PORT of a plain-text gRPC port serving only the health "
          "service, for probes that speak no TLS; empty: off");
ABSL_FLAG(absl::Duration, shutdown_grace, absl::Seconds(20),
          "Time in-flight calls get to finish after SIGTERM");
ABSL_FLAG(std::string, tls_cert_file, "",
          "PEM certificate chain of this server; with --tls_key_file turns "
          "TLS on");
ABSL_FLAG(std::string, tls_key_file, "", "PEM private key of --tls_cert_file");
ABSL_FLAG(std::string, tls_client_ca_file, "",
          "PEM certificate authorities of accepted clients: turns on mutual "
          "TLS (a client without a certificate they signed is refused)");
ABSL_FLAG(absl::Duration, tls_refresh_interval, absl::Seconds(30),
          "How often the TLS files (of this server, and of its storage "
          "connections) are read again, so that rotated certificates "
          "(cert-manager) are used without a restart; at least 1s");
ABSL_FLAG(absl::Duration, max_connection_age, absl::Minutes(5),
          "A client connection is closed after about this long (the client "
          "reconnects, resolving the name again), so that clients spread "
          "over a Deployment that scaled out; inf: never");
ABSL_FLAG(absl::Duration, max_connection_age_grace, absl::Minutes(5),
          "Time calls in flight on a connection past --max_connection_age "
          "get before it is cut; inf: no limit");
ABSL_FLAG(bool, allow_insecure, false,
          "Serve (and dial storage) in plain text on non-loopback addresses. "
          "Only when something else encrypts the traffic, e.g. a service "
          "mesh (Istio, Linkerd) terminating mutual TLS in sidecars");

namespace rapporteur {

absl::Duration TlsRefreshIntervalFromFlags() {
  return absl::GetFlag(FLAGS_tls_refresh_interval);
}

absl::StatusOr<ServerOptions> ServerOptionsFromFlags(
    absl::string_view service_name) {
  ServerOptions options;
  options.service_name = std::string(service_name);
  options.listen = absl::GetFlag(FLAGS_listen);
  options.port_file = absl::GetFlag(FLAGS_port_file);
  options.max_message_bytes = absl::GetFlag(FLAGS_max_message_bytes);
  options.shutdown_grace = absl::GetFlag(FLAGS_shutdown_grace);
  options.metrics_listen = absl::GetFlag(FLAGS_metrics_listen);
  options.metrics_port_file = absl::GetFlag(FLAGS_metrics_port_file);
  options.health_listen = absl::GetFlag(FLAGS_health_listen);
  options.allow_insecure = absl::GetFlag(FLAGS_allow_insecure);
  options.max_connection_age = absl::GetFlag(FLAGS_max_connection_age);
  options.max_connection_age_grace =
      absl::GetFlag(FLAGS_max_connection_age_grace);
  const std::string cert_file = absl::GetFlag(FLAGS_tls_cert_file);
  const std::string key_file = absl::GetFlag(FLAGS_tls_key_file);
  if (cert_file.empty() != key_file.empty()) {
    return absl::InvalidArgumentError(
        "--tls_cert_file and --tls_key_file go together");
  }
  const std::string client_ca_file = absl::GetFlag(FLAGS_tls_client_ca_file);
  if (!client_ca_file.empty() && cert_file.empty()) {
    return absl::InvalidArgumentError(
        "--tls_client_ca_file (mutual TLS) needs --tls_cert_file and "
        "--tls_key_file");
  }
  // Read once here, so that a missing or wrong file fails the start naming
  // its flag; served from the files, read again when they change.
  ABSL_ASSIGN_OR_RETURN(options.tls.certificate_pem,
                        ReadPemFlag("tls_cert_file", cert_file));
  ABSL_ASSIGN_OR_RETURN(options.tls.private_key_pem,
                        ReadPemFlag("tls_key_file", key_file));
  ABSL_ASSIGN_OR_RETURN(options.tls.client_ca_pem,
                        ReadPemFlag("tls_client_ca_file", client_ca_file));
  options.tls.files = {.certificate = cert_file,
                       .private_key = key_file,
                       .ca = client_ca_file,
                       .refresh_interval = TlsRefreshIntervalFromFlags()};
  return options;
}

}  // namespace rapporteur
