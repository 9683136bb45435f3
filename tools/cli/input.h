#ifndef RAPPORTEUR_TOOLS_CLI_INPUT_H_
#define RAPPORTEUR_TOOLS_CLI_INPUT_H_

#include <string>

#include "absl/status/statusor.h"

namespace rapporteur::cli {

// The name that stands for standard input where a command reads a file.
inline constexpr char kStdin[] = "-";

// The bytes of the file at `path`, or of standard input when `path` is
// "-". NOT_FOUND naming the path when it cannot be read.
absl::StatusOr<std::string> ReadInput(const std::string& path);

}  // namespace rapporteur::cli

#endif  // RAPPORTEUR_TOOLS_CLI_INPUT_H_
