// rapporteur: the command line of Rapporteur, written on its SDK. Parses
// the command line (app.cc builds it) and runs the command it names.
#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "tools/cli/app.h"
#include "tools/cli/help_formatter.h"
#include "tools/cli/output.h"

namespace {

// Flag names are spelt with '_'; people also type '-' between words
// (--all-words). Rewrites the name part of each flag up to a bare "--",
// after which every argument is a command's argument.
std::vector<std::string> SpellFlags(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  for (std::string& arg : args) {
    if (arg == "--") {
      break;
    }
    if (!absl::StartsWith(arg, "--")) {
      continue;
    }
    const auto name_end = arg.begin() + std::min(arg.find('='), arg.size());
    std::replace(arg.begin() + 2, name_end, '-', '_');
  }
  return args;
}

// Takes the words after a bare "--" out of a search's arguments: they are
// the end of its query. CLI11 ends a command without positionals (search's
// words are extras) at "--" and hands what follows to the main app, which
// would refuse it. Other commands keep "--" for CLI11 (`ingest -- -a.txt`).
std::vector<std::string> QueryAfterDashes(std::vector<std::string>& args) {
  const auto dashes = std::find(args.begin(), args.end(), "--");
  if (std::find(args.begin(), dashes, "search") == dashes) {
    return {};
  }
  std::vector<std::string> words(dashes + (dashes == args.end() ? 0 : 1),
                                 args.end());
  args.erase(dashes, args.end());
  return words;
}

// Reports a command line CLI11 refused; returns the exit code.
int ReportParseError(const CLI::App& app, const CLI::ParseError& error) {
  if (error.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) {
    // --help or --version: printed on stdout, exit 0.
    return const_cast<CLI::App&>(app).exit(error);
  }
  const CLI::App& command = rapporteur::cli::ParsedCommand(app);
  if (&command == &app) {
    const std::vector<std::string> rest = app.remaining();
    if (rest.empty()) {
      // No command at all: the whole help, as a reminder.
      std::cerr << app.help();
      return rapporteur::cli::kExitUsageError;
    }
    if (!absl::StartsWith(rest.front(), "-")) {
      return rapporteur::cli::UsageError(
          app, absl::StrCat("unknown command '", rest.front(), "'"));
    }
    return rapporteur::cli::UsageError(
        app, absl::StrCat("unknown flag ", rest.front()));
  }
  return rapporteur::cli::UsageError(command, error.what());
}

}  // namespace

int main(int argc, char** argv) {
  rapporteur::cli::Cli cli;
  std::unique_ptr<CLI::App> app = rapporteur::cli::BuildApp(cli);
  std::vector<std::string> args = SpellFlags(argc, argv);
  cli.query_after_dashes = QueryAfterDashes(args);
  std::reverse(args.begin(), args.end());  // CLI11 takes them last first
  try {
    app->parse(args);
  } catch (const CLI::ParseError& error) {
    return ReportParseError(*app, error);
  }
  if (absl::Status shared = rapporteur::cli::CheckSharedFlagsApply(*app);
      !shared.ok()) {
    return rapporteur::cli::UsageError(rapporteur::cli::ParsedCommand(*app),
                                       shared.message());
  }
  // A command group named alone (`rapporteur cases`) has no action.
  if (!cli.action) {
    const CLI::App& command = rapporteur::cli::ParsedCommand(*app);
    return rapporteur::cli::UsageError(command, "a command is required");
  }
  return cli.action();
}
