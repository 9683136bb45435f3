// rapporteur: the command line of Rapporteur, written on its SDK.
#include <iostream>
#include <string>
#include <vector>

#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "tools/cli/commands.h"

namespace {

constexpr char kUsage[] = R"(rapporteur COMMAND [ARGS] [--flags]

Commands:
  up      [--data=DIR]             start storage, ingest and query on loopback
  ingest  FILE --symbol=S --title=T --date=YYYY-MM-DD --country=ISO3[,ISO3]
  search  QUERY [--limit=N] [--page_token=T] [--format=text|json]
  get     NAME [--format=text|json]  a document or paragraph by resource name

ingest, search and get talk to the services at --ingest and --query
(default 127.0.0.1:50052 and :50053), or run the engines in-process on
--data=DIR when it is given. See --helpfull for every flag.)";

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(kUsage);
  std::vector<char*> positional = absl::ParseCommandLine(argc, argv);
  if (positional.size() < 2) {
    std::cerr << kUsage << "\n";
    return 2;
  }
  const std::string command = positional[1];
  const std::vector<std::string> args(positional.begin() + 2, positional.end());
  if (command == "up") {
    return rapporteur::cli::RunUp(args);
  }
  if (command == "ingest") {
    return rapporteur::cli::RunIngest(args);
  }
  if (command == "search") {
    return rapporteur::cli::RunSearch(args);
  }
  if (command == "get") {
    return rapporteur::cli::RunGet(args);
  }
  std::cerr << "rapporteur: unknown command '" << command << "'\n\n"
            << kUsage << "\n";
  return 2;
}
