#ifndef RAPPORTEUR_SERVICES_COMMON_SERVER_FLAGS_H_
#define RAPPORTEUR_SERVICES_COMMON_SERVER_FLAGS_H_

#include "absl/strings/string_view.h"

#include "services/common/server.h"

namespace rapporteur {

// ServerOptions from the flags every service binary shares: --listen,
// --port_file, --max_message_bytes, --shutdown_grace, --metrics_listen. Call after
// absl::ParseCommandLine(). Linked only into service binaries.
ServerOptions ServerOptionsFromFlags(absl::string_view service_name);

}  // namespace rapporteur

#endif  // RAPPORTEUR_SERVICES_COMMON_SERVER_FLAGS_H_
