#ifndef RAPPORTEUR_LIB_RPC_SERVER_FLAGS_H_
#define RAPPORTEUR_LIB_RPC_SERVER_FLAGS_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "lib/rpc/server.h"

namespace rapporteur {

// ServerOptions from the flags every service binary shares: --listen,
// --port_file, --max_message_bytes, --shutdown_grace, --metrics_listen,
// --metrics_port_file, --health_listen, --allow_insecure,
// --max_connection_age, --max_connection_age_grace and the TLS files
// --tls_cert_file, --tls_key_file, --tls_client_ca_file, which are read
// here once (and by the server again every --tls_refresh_interval). Fails
// naming the flag and the path of a file that cannot be read or holds no PEM,
// or when only one of --tls_cert_file and --tls_key_file is given. Call after
// absl::ParseCommandLine(). Linked only into service binaries.
absl::StatusOr<ServerOptions> ServerOptionsFromFlags(
    absl::string_view service_name);

// --tls_refresh_interval: how often TLS files are read again, for the
// service's own certificate and for its connections to storage.
absl::Duration TlsRefreshIntervalFromFlags();

}  // namespace rapporteur

#endif  // RAPPORTEUR_LIB_RPC_SERVER_FLAGS_H_
