#ifndef RAPPORTEUR_TOOLS_CLI_APP_H_
#define RAPPORTEUR_TOOLS_CLI_APP_H_

#include <memory>

#include "CLI/CLI.hpp"
#include "absl/status/status.h"
#include "tools/cli/commands.h"

namespace rapporteur::cli {

// The `rapporteur` command line: every command with its flags, help and
// examples, and --version. Parsing it sets cli.action. `cli` must outlive
// the app.
std::unique_ptr<CLI::App> BuildApp(Cli& cli);

// The command the parsed command line names (the deepest one: `cases
// create` rather than `cases`); the main app when none.
const CLI::App& ParsedCommand(const CLI::App& app);

// INVALID_ARGUMENT naming a flag given before the command that the command
// does not take (`rapporteur --data=DIR cluster status`): the main app
// accepts every shared flag, each command only those it uses.
absl::Status CheckSharedFlagsApply(const CLI::App& app);

}  // namespace rapporteur::cli

#endif  // RAPPORTEUR_TOOLS_CLI_APP_H_
