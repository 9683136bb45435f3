#include "tools/cli/help_formatter.h"

#include <iostream>
#include <memory>
#include <vector>

#include "absl/strings/str_join.h"
#include "tools/cli/output.h"

namespace rapporteur::cli {

HelpFormatter::HelpFormatter() {
  label("Usage", "usage");
  label("OPTIONS", "flags");
  label("SUBCOMMAND", "COMMAND");
  label("SUBCOMMANDS", "COMMANDS");
  label("Positionals", "Arguments");
  column_width(34);
}

void HelpFormatter::SetUsage(const CLI::App* command, std::string args) {
  usage_[command] = std::move(args);
}

std::string HelpFormatter::make_usage(const CLI::App* app,
                                      std::string name) const {
  const auto custom = usage_.find(app);
  if (custom == usage_.end()) {
    return CLI::Formatter::make_usage(app, std::move(name));
  }
  return "usage: " + name + " " + custom->second + "\n";
}

void SetUsage(CLI::App& command, std::string args) {
  // BuildApp gives the main app a HelpFormatter, which its commands share.
  auto formatter =
      std::dynamic_pointer_cast<HelpFormatter>(command.get_formatter());
  if (formatter != nullptr) {
    formatter->SetUsage(&command, std::move(args));
  }
}

std::string CommandPath(const CLI::App& command) {
  std::vector<std::string> names;
  for (const CLI::App* app = &command; app != nullptr;
       app = app->get_parent()) {
    names.insert(names.begin(), app->get_name());
  }
  return absl::StrJoin(names, " ");
}

int UsageError(const CLI::App& command, absl::string_view message) {
  const std::string path = CommandPath(command);
  std::cerr << path << ": " << message << "\n";
  if (auto formatter =
          std::dynamic_pointer_cast<CLI::Formatter>(command.get_formatter());
      formatter != nullptr) {
    std::cerr << formatter->make_usage(&command, path);
  }
  std::cerr << "Run '" << path << " --help' for its flags and examples.\n";
  return kExitUsageError;
}

}  // namespace rapporteur::cli
