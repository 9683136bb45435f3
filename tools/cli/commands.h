#ifndef RAPPORTEUR_TOOLS_CLI_COMMANDS_H_
#define RAPPORTEUR_TOOLS_CLI_COMMANDS_H_

#include <string>
#include <vector>

namespace rapporteur::cli {

// Each command takes its positional arguments (after the command name) and
// reads its flags; returns the process exit code.
int RunUp(const std::vector<std::string>& args);
int RunIngest(const std::vector<std::string>& args);
int RunSearch(const std::vector<std::string>& args);
int RunGet(const std::vector<std::string>& args);
int RunCite(const std::vector<std::string>& args);
int RunAnalyze(const std::vector<std::string>& args);
// `kind` is recommendations, communications, visits or figures.
int RunRecords(const std::string& kind, const std::vector<std::string>& args);
// init | status | move of replicated storage.
int RunCluster(const std::vector<std::string>& args);
// Case records: create | get | update | list | delete | audit |
// rotate-keys | keys new|rotate|retire.
int RunCases(const std::vector<std::string>& args);

}  // namespace rapporteur::cli

#endif  // RAPPORTEUR_TOOLS_CLI_COMMANDS_H_
