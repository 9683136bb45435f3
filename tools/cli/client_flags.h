#ifndef RAPPORTEUR_TOOLS_CLI_CLIENT_FLAGS_H_
#define RAPPORTEUR_TOOLS_CLI_CLIENT_FLAGS_H_

#include <memory>
#include <string>

#include "absl/flags/declare.h"
#include "absl/status/statusor.h"
#include "google/protobuf/message.h"
#include "rapporteur/client.h"

ABSL_DECLARE_FLAG(std::string, data);
ABSL_DECLARE_FLAG(std::string, format);
ABSL_DECLARE_FLAG(std::string, case_keys);

namespace rapporteur::cli {

// The client the flags choose: embedded on --data when given, otherwise
// remote on --ingest and --query.
absl::StatusOr<std::unique_ptr<Client>> ClientFromFlags();

// Prints `message` in protobuf's JSON mapping, indented.
void PrintJson(const google::protobuf::Message& message);

// Prints an error in one line on stderr and returns the exit code 1.
int Fail(const absl::Status& status);

}  // namespace rapporteur::cli

#endif  // RAPPORTEUR_TOOLS_CLI_CLIENT_FLAGS_H_
