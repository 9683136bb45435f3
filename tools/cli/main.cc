// rapporteur: the command line of Rapporteur, written on its SDK.
#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/flags/usage_config.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "lib/schema/fields.h"
#include "tools/cli/commands.h"

namespace {

constexpr char kUsage[] = R"(rapporteur COMMAND [ARGS] [--flags]

Commands:
  up       [--data=DIR]            start NATS JetStream, storage, ingest and
                                   query on loopback
  cluster  init|status|move|compact --nats=URLS   replicated storage: create
           the partitions' logs and shard map, show each partition's
           replicas, move a partition to another replica, purge the logs
           below what every replica applied (README, "Replication")
  ingest   FILE --symbol=S --title=T --date=YYYY-MM-DD --country=ISO3[,ISO3]
  ingest   FILE FILE... [--results=F]   bulk, with a progress bar; every
                                   file's outcome as JSON lines in F
  analyze  FILE                    what ingest would extract; stores nothing
  search   QUERY [--limit=N] [--page_token=T] [--facets=country,year,...]
           [--all-words | --any] [--language=fr] [--all]   a question in
           plain words by default; --all-words: every word must match
           (query language: docs/query-language.md)
  get      NAME                    a document or paragraph by resource name
  cite     SYMBOL PARAGRAPH        e.g. cite A/HRC/7/20 16
  cite     "CITATION"              e.g. cite "A/HRC/7/20, para. 16"
  recommendations | communications | visits | figures
           [--document=D --country=ISO3 --addressee=A --recommended_by=ISO3
            --theme=T --from_year=Y --to_year=Y]   records of every document
           recommendations also [--response=supported|noted|rejected|
            to_be_examined] [--recurring]   (with the earlier ones it repeats)
  cases    create|get|update|list|delete|audit|rotate-keys   confidential
           case records (README, "Case records"); `cases keys new --out=F`
           makes their key file

By default the commands run the engines in-process on --data=DIR (default
./rapporteur-data, the directory `up` serves). With --ingest=HOST:PORT
and/or --query=HOST:PORT[,...] they talk to the services instead.
--format=json prints responses in protobuf's JSON mapping.

Exit codes: 0 done; 1 failed, an unknown flag, or --help (which lists the
flags of every command; --helpfull adds those of the libraries); 2 no
command, an unknown command or a missing argument.)";

// The usage, with the query language's fields as the schema declares them.
std::string Usage() {
  return absl::StrCat(kUsage, "\n\nSearch fields (field:value): ",
                      absl::StrJoin(rapporteur::schema::FieldNames(), ", "),
                      "\nFacets (--facets): ",
                      absl::StrJoin(rapporteur::schema::FacetNames(), ", "));
}

// Abseil spells flag names with '_'; people also type '-' between words
// (--all-words). Rewrites the name part of each flag before a bare "--".
void AcceptHyphenatedFlags(int argc, char** argv,
                           std::vector<std::string>* storage) {
  storage->reserve(argc);
  for (int i = 1; i < argc; ++i) {
    const absl::string_view arg = argv[i];
    if (arg == "--") {
      return;
    }
    if (!absl::StartsWith(arg, "--")) {
      continue;
    }
    const size_t name_end = std::min(arg.find('='), arg.size());
    if (arg.substr(2, name_end - 2).find('-') == absl::string_view::npos) {
      continue;
    }
    std::string spelt(arg);
    std::replace(spelt.begin() + 2, spelt.begin() + name_end, '-', '_');
    storage->push_back(std::move(spelt));
    argv[i] = storage->back().data();
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> hyphenated;
  AcceptHyphenatedFlags(argc, argv, &hyphenated);
  const std::string usage = Usage();
  absl::SetProgramUsageMessage(usage);
  // --help shows the flags of every command (defined in tools/cli/), not
  // Abseil's default of those in a file named after the binary (none).
  absl::FlagsUsageConfig config;
  config.contains_help_flags = [](absl::string_view file) {
    return absl::StrContains(file, "tools/cli/");
  };
  config.contains_helpshort_flags = config.contains_help_flags;
  absl::SetFlagsUsageConfig(config);
  std::vector<char*> positional = absl::ParseCommandLine(argc, argv);
  if (positional.size() < 2) {
    std::cerr << usage << "\n";
    return 2;
  }
  const std::string command = positional[1];
  const std::vector<std::string> args(positional.begin() + 2, positional.end());
  if (command == "up") {
    return rapporteur::cli::RunUp(args);
  }
  if (command == "cases") {
    return rapporteur::cli::RunCases(args);
  }
  if (command == "cluster") {
    return rapporteur::cli::RunCluster(args);
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
  if (command == "cite") {
    return rapporteur::cli::RunCite(args);
  }
  if (command == "analyze") {
    return rapporteur::cli::RunAnalyze(args);
  }
  if (command == "recommendations" || command == "communications" ||
      command == "visits" || command == "figures") {
    return rapporteur::cli::RunRecords(command, args);
  }
  std::cerr << "rapporteur: unknown command '" << command << "'\n\n"
            << usage << "\n";
  return 2;
}
