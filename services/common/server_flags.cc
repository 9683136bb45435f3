#include "services/common/server_flags.h"

#include <string>

#include "absl/flags/flag.h"
#include "absl/time/time.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:0",
          "HOST:PORT to listen on; port 0 picks a free one (see --port_file)");
ABSL_FLAG(std::string, port_file, "",
          "When set, write the bound port to this file once serving");
ABSL_FLAG(int, max_message_bytes, 64 << 20,
          "Largest gRPC message received or sent, in bytes");
ABSL_FLAG(std::string, metrics_listen, "",
          "HOST:PORT serving Prometheus /metrics over HTTP; empty: off");
ABSL_FLAG(absl::Duration, shutdown_grace, absl::Seconds(20),
          "Time in-flight calls get to finish after SIGTERM");

namespace rapporteur {

ServerOptions ServerOptionsFromFlags(absl::string_view service_name) {
  ServerOptions options;
  options.service_name = std::string(service_name);
  options.listen = absl::GetFlag(FLAGS_listen);
  options.port_file = absl::GetFlag(FLAGS_port_file);
  options.max_message_bytes = absl::GetFlag(FLAGS_max_message_bytes);
  options.shutdown_grace = absl::GetFlag(FLAGS_shutdown_grace);
  options.metrics_listen = absl::GetFlag(FLAGS_metrics_listen);
  return options;
}

}  // namespace rapporteur
