#include "tools/cli/app.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "lib/schema/fields.h"
#include "tools/cli/help_formatter.h"

#ifndef RAPPORTEUR_VERSION
#define RAPPORTEUR_VERSION "unknown"
#endif

namespace rapporteur::cli {
namespace {

constexpr char kDescription[] =
    "Rapporteur: UN human-rights reports as a searchable, citable evidence "
    "base.\n\n"
    "By default the commands run the engines in-process on --data=DIR "
    "(default ./rapporteur-data, the directory `up` serves). With "
    "--ingest_address=HOST:PORT and/or --query_address=HOST:PORT[,...] they "
    "talk to the services instead. These shared flags go before or after "
    "the command; every other flag belongs to its command (`rapporteur "
    "COMMAND --help` lists them, with examples).";

constexpr char kExitCodes[] =
    "Exit codes: 0 done (also --help, --version); 1 the command failed (an "
    "error from the engines or services, a file not read, a bulk ingest "
    "with a file not stored, a replica lagging in `cluster status`); 2 the "
    "command line is wrong (no command, an unknown command or flag, a "
    "missing or extra argument, a bad flag value).";

constexpr char kCompletion[] =
    "Shell completion (bash): source <(rapporteur completion bash)";

// The footer of the main help: the query language's fields as the schema
// declares them, the exit codes and completion.
std::string MainFooter() {
  return absl::StrCat(
      "Search fields (field:value): ",
      absl::StrJoin(schema::FieldNames(), ", "),
      "\nFacets (--facets): ", absl::StrJoin(schema::FacetNames(), ", "),
      "\n\n", kExitCodes, "\n\n", kCompletion);
}

}  // namespace

void SetAction(CLI::App& command, Cli& cli, std::function<int()> run) {
  command.callback([&cli, run = std::move(run)] { cli.action = run; });
}

std::unique_ptr<CLI::App> BuildApp(Cli& cli) {
  auto app = std::make_unique<CLI::App>(kDescription, "rapporteur");
  // Commands inherit the formatter, so set it before adding them.
  auto formatter = std::make_shared<HelpFormatter>();
  formatter->SetUsage(app.get(), "COMMAND [ARGS] [--flags]");
  app->formatter(formatter);
  app->footer(MainFooter());
  app->set_version_flag("--version",
                        absl::StrCat("rapporteur ", RAPPORTEUR_VERSION));
  // Exactly one command; also, once it is named, a word equal to another
  // command's name is an argument (`search visits to prisons`), not a
  // second command.
  app->require_subcommand(1);
  AddClientOptions(*app, cli.global);
  AddUpCommand(*app, cli);
  AddClusterCommands(*app, cli);
  AddIngestCommands(*app, cli);
  AddSearchCommands(*app, cli);
  AddRecordsCommands(*app, cli);
  AddCasesCommands(*app, cli);
  AddCompletionCommand(*app, cli);
  return app;
}

const CLI::App& ParsedCommand(const CLI::App& app) {
  const CLI::App* command = &app;
  while (!command->get_subcommands().empty()) {
    command = command->get_subcommands().front();
  }
  return *command;
}

absl::Status CheckSharedFlagsApply(const CLI::App& app) {
  const CLI::App& command = ParsedCommand(app);
  if (&command == &app) {
    return absl::OkStatus();
  }
  for (const CLI::Option* option : app.get_options()) {
    // By its long name: get_name() is empty for the hidden spellings.
    if (option->count() == 0 || option->get_lnames().empty()) {
      continue;
    }
    const std::string name = "--" + option->get_lnames().front();
    if (name == "--help" || name == "--version") {
      continue;
    }
    if (command.get_option_no_throw(name) == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat(name, " is not a flag of ", command.get_name()));
    }
  }
  return absl::OkStatus();
}

}  // namespace rapporteur::cli
