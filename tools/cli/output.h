#ifndef RAPPORTEUR_TOOLS_CLI_OUTPUT_H_
#define RAPPORTEUR_TOOLS_CLI_OUTPUT_H_

#include <string>

#include "absl/status/status.h"
#include "google/protobuf/message.h"

namespace rapporteur::cli {

// The exit codes of every command (README, `rapporteur --help`).
inline constexpr int kExitDone = 0;
inline constexpr int kExitFailed = 1;      // the command ran and failed
inline constexpr int kExitUsageError = 2;  // the command line is wrong

// Prints `message` in protobuf's JSON mapping, indented: one response.
void PrintJson(const google::protobuf::Message& message);

// Prints `message` in protobuf's JSON mapping on one line: an item of a
// stream, so that the output is NDJSON (one object a line).
void PrintJsonLine(const google::protobuf::Message& message);

// Prints an error in one line on stderr and returns kExitFailed.
int Fail(const absl::Status& status);

}  // namespace rapporteur::cli

#endif  // RAPPORTEUR_TOOLS_CLI_OUTPUT_H_
