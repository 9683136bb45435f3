#ifndef RAPPORTEUR_TOOLS_CLI_HELP_FORMATTER_H_
#define RAPPORTEUR_TOOLS_CLI_HELP_FORMATTER_H_

#include <map>
#include <string>

#include "CLI/CLI.hpp"
#include "absl/strings/string_view.h"

namespace rapporteur::cli {

// CLI11's help, with a usage line written by hand where the generated one
// would mislead (search takes its query from words CLI11 does not see as
// positionals; cite takes one argument or two).
class HelpFormatter : public CLI::Formatter {
 public:
  HelpFormatter();

  // `args` follows "usage: rapporteur COMMAND" in the help of `command`.
  void SetUsage(const CLI::App* command, std::string args);

  std::string make_usage(const CLI::App* app, std::string name) const override;

 private:
  std::map<const CLI::App*, std::string> usage_;
};

// Sets the usage line of `command`, whose app was built with a
// HelpFormatter (BuildApp's).
void SetUsage(CLI::App& command, std::string args);

// "rapporteur cases create": the names from the main app to `command`.
std::string CommandPath(const CLI::App& command);

// Prints "rapporteur COMMAND: `message`", the command's usage line and
// where its help is, on stderr; returns kExitUsageError.
int UsageError(const CLI::App& command, absl::string_view message);

}  // namespace rapporteur::cli

#endif  // RAPPORTEUR_TOOLS_CLI_HELP_FORMATTER_H_
