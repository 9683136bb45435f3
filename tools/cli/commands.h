#ifndef RAPPORTEUR_TOOLS_CLI_COMMANDS_H_
#define RAPPORTEUR_TOOLS_CLI_COMMANDS_H_

#include <functional>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "tools/cli/global_options.h"

namespace rapporteur::cli {

// What the command groups are built into: the options the main app shares
// with them, and the action of the command the command line names.
struct Cli {
  GlobalOptions global;
  // Set by the callback of the parsed command; returns the exit code. It
  // runs only once the whole command line parsed, so that a bad flag
  // anywhere stops every command before it starts.
  std::function<int()> action;
  // The words after a bare "--" of `search` (main.cc): its query's last.
  std::vector<std::string> query_after_dashes;
};

// Makes `run` the action of `command` when the command line names it.
void SetAction(CLI::App& command, Cli& cli, std::function<int()> run);

// Each adds its command (or group of commands) to `app`, with the command's
// own flags, a description and examples.
void AddUpCommand(CLI::App& app, Cli& cli);
void AddClusterCommands(CLI::App& app, Cli& cli);
void AddIngestCommands(CLI::App& app, Cli& cli);  // ingest, analyze
void AddSearchCommands(CLI::App& app, Cli& cli);  // search, get, cite
// recommendations, communications, visits, figures.
void AddRecordsCommands(CLI::App& app, Cli& cli);
void AddCasesCommands(CLI::App& app, Cli& cli);
// `completion bash`: a script generated from `app` once it is complete.
void AddCompletionCommand(CLI::App& app, Cli& cli);

}  // namespace rapporteur::cli

#endif  // RAPPORTEUR_TOOLS_CLI_COMMANDS_H_
