// The `rapporteur` command as a user runs it: the real binary (built beside
// this test), its help, exit codes and JSON output. The commands run the
// engines in-process on a temporary --data directory; no service is started.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "lib/base/subprocess.h"
#include "lib/schema/fields.h"
#include "nlohmann/json.hpp"
#include "tests/testing/files.h"

namespace rapporteur::testing {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

// The exit codes the usage documents.
constexpr int kDone = 0;        // also --help and --version
constexpr int kFailed = 1;      // the command ran and failed
constexpr int kUsageError = 2;  // the command line is wrong

struct CliRun {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// Runs `rapporteur args...` to completion with its stdout and stderr kept
// apart (JSON goes to stdout, logs to stderr): /bin/sh sends stderr to a
// file, the Subprocess log takes stdout.
// `stdin_path`, when set, is its standard input; `cwd` its working
// directory when set.
CliRun RunCli(const std::vector<std::string>& args,
              const std::string& stdin_path = "/dev/null",
              const std::string& cwd = ".") {
  TempDir dir;
  const std::string out_path = dir.path() + "/stdout";
  const std::string err_path = dir.path() + "/stderr";
  std::vector<std::string> sh_args = {
      "-c",
      R"(e=$1; i=$2; cd "$3" || exit 99; shift 3; exec "$@" 2>"$e" <"$i")",
      "sh",
      err_path,
      stdin_path,
      cwd,
      ExecutableDir() + "/rapporteur"};
  sh_args.insert(sh_args.end(), args.begin(), args.end());
  absl::StatusOr<Subprocess> process =
      Subprocess::Spawn("/bin/sh", sh_args, out_path);
  CliRun run;
  if (!process.ok()) {
    ADD_FAILURE() << process.status();
    return run;
  }
  // A generous bound against a hang; a run takes about a second.
  run.exit_code = process->Wait(absl::Seconds(120));
  run.out = ReadFileOrDie(out_path);
  run.err = ReadFileOrDie(err_path);
  return run;
}

std::string Describe(const std::vector<std::string>& args, const CliRun& run) {
  return absl::StrCat("rapporteur ", absl::StrJoin(args, " "), "\nexit ",
                      run.exit_code, "\nstdout:\n", run.out, "\nstderr:\n",
                      run.err);
}

// Every command and the flags its usage line and --help name.
struct CommandCase {
  std::string command;
  std::vector<std::string> flags;
};

std::vector<CommandCase> Commands() {
  const std::vector<std::string> records = {
      "document", "country",   "addressee", "recommended_by",
      "theme",    "from_year", "to_year"};
  return {
      {"up",
       {"data", "host", "storage_port", "ingest_port", "query_port",
        "gateway_port"}},
      {"ingest", {"symbol", "title", "date", "country", "language"}},
      {"analyze", {"symbol", "title", "date", "country"}},
      {"search", {"limit", "page_token", "facets", "any", "all", "language"}},
      {"get", {"data", "format"}},
      {"cite", {"data", "format"}},
      {"recommendations", records},
      {"communications", records},
      {"visits", records},
      {"figures", records},
  };
}

void PrintTo(const CommandCase& c, std::ostream* os) { *os << c.command; }

class CommandHelpTest : public ::testing::TestWithParam<CommandCase> {};

TEST_P(CommandHelpTest, HelpNamesTheCommandAndItsFlags) {
  const CommandCase& c = GetParam();
  const std::vector<std::string> args = {c.command, "--help"};
  const CliRun run = RunCli(args);
  EXPECT_EQ(run.exit_code, kDone) << Describe(args, run);
  // On stdout, so that `rapporteur search --help | less` shows it.
  EXPECT_THAT(run.out,
              HasSubstr(absl::StrCat("usage: rapporteur ", c.command, " ")))
      << Describe(args, run);
  EXPECT_THAT(run.out, HasSubstr("Examples:\n  rapporteur " + c.command))
      << Describe(args, run);
  for (const std::string& flag : c.flags) {
    // The flag list names and describes it: "  --limit INT=10   Hits ...".
    EXPECT_THAT(run.out, ::testing::ContainsRegex(
                             absl::StrCat("\n  --", flag, "[ ,\n]")))
        << "--" << flag << " of " << c.command << "\n"
        << Describe(args, run);
  }
}

INSTANTIATE_TEST_SUITE_P(EveryCommand, CommandHelpTest,
                         ::testing::ValuesIn(Commands()),
                         [](const ::testing::TestParamInfo<CommandCase>& info) {
                           return info.param.command;
                         });

TEST(CliTest, HelpListsTheSchemasSearchFieldsAndFacets) {
  const CliRun run = RunCli({"--help"});
  EXPECT_EQ(run.exit_code, kDone);
  const std::string help = run.out + run.err;
  EXPECT_THAT(help, HasSubstr(absl::StrCat(
                        "Search fields (field:value): ",
                        absl::StrJoin(schema::FieldNames(), ", "), "\n")));
  EXPECT_THAT(
      help, HasSubstr(absl::StrCat("Facets (--facets): ",
                                   absl::StrJoin(schema::FacetNames(), ", "))));
  EXPECT_THAT(schema::FieldNames(), ::testing::Contains("language"));
  EXPECT_THAT(schema::FacetNames(), ::testing::Contains("language"));
  EXPECT_THAT(help, HasSubstr("Exit codes:"));
}

TEST(CliTest, NoCommandPrintsTheUsageAndExitsTwo) {
  const CliRun run = RunCli({});
  EXPECT_EQ(run.exit_code, kUsageError);
  EXPECT_THAT(run.err, HasSubstr("rapporteur COMMAND [ARGS] [--flags]"));
}

TEST(CliTest, UnknownCommandExitsTwoNamingIt) {
  const CliRun run = RunCli({"frobnicate"});
  EXPECT_EQ(run.exit_code, kUsageError);
  EXPECT_THAT(run.err, HasSubstr("unknown command 'frobnicate'"));
}

TEST(CliTest, UnknownFlagExitsTwoNamingIt) {
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{
           {"--nosuchflag"},
           {"search", "torture", "--nosuchflag"},
           {"get", "documents/x", "--nosuchflag"}}) {
    const CliRun run = RunCli(args);
    EXPECT_EQ(run.exit_code, kUsageError) << Describe(args, run);
    EXPECT_THAT(run.err, HasSubstr("--nosuchflag")) << Describe(args, run);
  }
}

TEST(CliTest, MissingArgumentExitsTwoWithTheCommandsUsage) {
  for (const std::string command :
       {"ingest", "analyze", "search", "get", "cite"}) {
    const CliRun run = RunCli({command});
    EXPECT_EQ(run.exit_code, kUsageError) << Describe({command}, run);
    EXPECT_THAT(run.err, HasSubstr(absl::StrCat("usage: rapporteur ", command)))
        << Describe({command}, run);
  }
}

TEST(CliTest, UnknownFormatIsAUsageError) {
  TempDir data;
  const std::vector<std::string> args = {"search", "torture", "--format=xml",
                                         "--data=" + data.path()};
  const CliRun run = RunCli(args);
  EXPECT_EQ(run.exit_code, kUsageError) << Describe(args, run);
  EXPECT_THAT(run.err, AllOf(HasSubstr("--format"), HasSubstr("xml")));
}

// The two reviews of Benin (A/HRC/8/39 of 2008, A/HRC/22/9 of 2012): a page
// of --limit recurring recommendations of the second, each followed by the
// earlier item it repeats, cited to its item.
// Every file of a bulk ingest gets an outcome, on stdout and as a JSON line
// of --results; the exit code says whether any failed.
TEST(CliTest, BulkIngestReportsEveryFilesOutcome) {
  TempDir data;
  const std::string results = data.path() + "/results.ndjson";
  const std::string missing = data.path() + "/no-such-report.txt";
  const std::vector<std::string> args = {"ingest",
                                         CorpusDir() + "/A_HRC_7_20.txt",
                                         missing,
                                         CorpusDir() + "/un/A_HRC_14_15.txt",
                                         "--data=" + data.path() + "/db",
                                         "--results=" + results};
  const CliRun run = RunCli(args);
  EXPECT_EQ(run.exit_code, kFailed) << Describe(args, run);
  EXPECT_THAT(run.out, HasSubstr("2 stored, 1 failed, 0 not sent"))
      << Describe(args, run);
  std::map<std::string, nlohmann::json> by_file;
  for (absl::string_view line :
       absl::StrSplit(ReadFileOrDie(results), '\n', absl::SkipEmpty())) {
    nlohmann::json outcome = nlohmann::json::parse(line);
    by_file[outcome["file"].get<std::string>()] = outcome;
  }
  ASSERT_EQ(by_file.size(), 3u) << ReadFileOrDie(results);
  const nlohmann::json& stored = by_file[CorpusDir() + "/A_HRC_7_20.txt"];
  EXPECT_EQ(stored["outcome"], "stored");
  EXPECT_EQ(stored["code"], "OK");
  EXPECT_THAT(stored["document"].get<std::string>(),
              ::testing::StartsWith("documents/"));
  EXPECT_EQ(stored["revision"], 1);
  const nlohmann::json& failed = by_file[missing];
  EXPECT_EQ(failed["outcome"], "failed");
  EXPECT_EQ(failed["code"], "NOT_FOUND");
  EXPECT_THAT(failed["message"].get<std::string>(), HasSubstr("cannot read"));
  EXPECT_EQ(by_file[CorpusDir() + "/un/A_HRC_14_15.txt"]["outcome"], "stored");
}

TEST(CliTest, RecurringRecommendationsCiteTheEarlierItem) {
  TempDir data;
  const std::vector<std::string> ingest = {
      "ingest", CorpusDir() + "/upr/benin2008.pdf",
      CorpusDir() + "/upr/benin2012.pdf", "--data=" + data.path()};
  const CliRun ingested = RunCli(ingest);
  ASSERT_EQ(ingested.exit_code, kDone) << Describe(ingest, ingested);
  const std::vector<std::string> args = {"recommendations", "--addressee=BEN",
                                         "--recurring", "--limit=3",
                                         "--data=" + data.path()};
  const CliRun run = RunCli(args);
  ASSERT_EQ(run.exit_code, kDone) << Describe(args, run);
  int recommendations = 0;
  int links = 0;
  bool linked_last = true;
  for (absl::string_view line : absl::StrSplit(run.out, '\n')) {
    if (absl::StartsWith(line, "A/HRC/")) {
      // "A/HRC/22/9, para. 108.10  to BEN  by FRA  supported ..."
      EXPECT_THAT(std::string(line),
                  ::testing::ContainsRegex(
                      "^A/HRC/22/9, para\\. [0-9]+\\.[0-9]+  to BEN  by "))
          << Describe(args, run);
      EXPECT_TRUE(linked_last) << "no lineage before: " << line;
      ++recommendations;
      linked_last = false;
    } else if (absl::StartsWith(line, "   <- ")) {
      // "   <- 2008 A/HRC/8/39, para. 56.13 (to_be_examined, similarity
      // 0.53): Recommended that Benin ..."
      EXPECT_THAT(std::string(line),
                  ::testing::ContainsRegex(
                      "^   <- 2008 A/HRC/8/39, para\\. 56\\.[1-9][0-9]* "
                      "\\(to_be_examined, similarity (0\\.[5-9][0-9]|1\\.00)"
                      "\\): [A-Z]"))
          << Describe(args, run);
      ++links;
      linked_last = true;
    }
  }
  // A full page: more recurring ones follow.
  EXPECT_EQ(recommendations, 3) << Describe(args, run);
  EXPECT_GE(links, 3) << Describe(args, run);
  EXPECT_TRUE(linked_last) << Describe(args, run);
  EXPECT_THAT(run.out, HasSubstr("\nMore: --page_token="))
      << Describe(args, run);
}

// One embedded ingest of the sample report, shared by the tests that read
// it back.
class IngestedCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    data_ = new TempDir();
    const std::vector<std::string> args = {
        "ingest",
        CorpusDir() + "/A_HRC_7_20.txt",
        "--symbol=A/HRC/7/20",
        "--title=Report of the Special Rapporteur on the situation of human "
        "rights in the Democratic People's Republic of Korea",
        "--date=2008-02-15",
        "--country=PRK",
        "--format=json",
        "--data=" + data_->path()};
    ingest_ = new CliRun(RunCli(args));
    ASSERT_EQ(ingest_->exit_code, kDone) << Describe(args, *ingest_);
  }
  static void TearDownTestSuite() {
    delete ingest_;
    delete data_;
  }

  // Runs a command on the ingested data with --format=json; expects it to
  // succeed and returns its output parsed.
  static nlohmann::json Json(std::vector<std::string> args) {
    args.push_back("--format=json");
    args.push_back("--data=" + data_->path());
    const CliRun run = RunCli(args);
    EXPECT_EQ(run.exit_code, kDone) << Describe(args, run);
    nlohmann::json parsed = nlohmann::json::parse(run.out, nullptr,
                                                  /*allow_exceptions=*/false);
    EXPECT_FALSE(parsed.is_discarded()) << "not JSON:\n" << Describe(args, run);
    return parsed;
  }

  static TempDir* data_;
  static CliRun* ingest_;
};

TempDir* IngestedCliTest::data_ = nullptr;
CliRun* IngestedCliTest::ingest_ = nullptr;

TEST_F(IngestedCliTest, IngestPrintsTheDocumentAsJson) {
  nlohmann::json ingested = nlohmann::json::parse(ingest_->out, nullptr, false);
  ASSERT_FALSE(ingested.is_discarded()) << ingest_->out;
  const nlohmann::json& document = ingested["document"];
  EXPECT_THAT(document.value("name", ""), HasSubstr("documents/"));
  EXPECT_EQ(document.value("symbol", ""), "A/HRC/7/20");
  EXPECT_EQ(document.value("revision", ""), "1");  // int64 as a JSON string
  EXPECT_TRUE(document["paragraphs"].is_array());
  EXPECT_GT(document["paragraphs"].size(), 26u);
}

TEST_F(IngestedCliTest, SearchCitesTheParagraphFirst) {
  const nlohmann::json result = Json({"search", "public executions"});
  ASSERT_TRUE(result["hits"].is_array()) << result.dump(1);
  ASSERT_FALSE(result["hits"].empty()) << result.dump(1);
  const nlohmann::json& first = result["hits"][0];
  EXPECT_EQ(first.value("citation", ""), "A/HRC/7/20, para. 26");
  EXPECT_EQ(first.value("paragraphNumber", 0), 26);
  EXPECT_THAT(first.value("paragraph", ""), HasSubstr("/paragraphs/26"));
  EXPECT_THAT(first.value("snippet", ""), HasSubstr("**executions**"));
  EXPECT_TRUE(first["score"].is_number());
  EXPECT_TRUE(result.contains("totalSize"));
}

TEST_F(IngestedCliTest, SearchCountsTheLanguageFacet) {
  const nlohmann::json result =
      Json({"search", "public executions", "--all-words",
            "--facets=language,country"});
  ASSERT_TRUE(result["facets"].is_array()) << result.dump(1);
  std::vector<std::string> counted;
  for (const nlohmann::json& facet : result["facets"]) {
    for (const nlohmann::json& bucket : facet["buckets"]) {
      counted.push_back(absl::StrCat(facet.value("field", ""), "=",
                                     bucket.value("value", "")));
    }
  }
  EXPECT_THAT(counted,
              ::testing::UnorderedElementsAre("language=en", "country=PRK"))
      << result.dump(1);
}

TEST_F(IngestedCliTest, CitePrintsTheParagraph) {
  const nlohmann::json paragraph = Json({"cite", "A/HRC/7/20", "26"});
  EXPECT_EQ(paragraph.value("number", 0), 26) << paragraph.dump(1);
  EXPECT_THAT(paragraph.value("text", ""), HasSubstr("public executions"));
}

TEST_F(IngestedCliTest, RecommendationsListAsJson) {
  const nlohmann::json result = Json({"recommendations"});
  ASSERT_TRUE(result.is_object()) << result.dump(1);
  EXPECT_TRUE(result["recommendations"].is_array()) << result.dump(1);
  EXPECT_FALSE(result["recommendations"].empty()) << result.dump(1);
}

TEST(CliTest, VersionPrintsTheProjectsVersion) {
  const CliRun run = RunCli({"--version"});
  EXPECT_EQ(run.exit_code, kDone) << Describe({"--version"}, run);
  EXPECT_THAT(run.out,
              ::testing::MatchesRegex("rapporteur [0-9]+\\.[0-9]+\\.[0-9]+\n"));
}

// Each command takes only its own flags, wherever they are given; the
// shared ones (--data, the addresses, --format) also before the command.
TEST(CliTest, FlagsBelongToTheirCommand) {
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{
           {"cluster", "status", "--nats=nats://127.0.0.1:1", "--data=x"},
           {"--data=x", "cluster", "status", "--nats=nats://127.0.0.1:1"},
           {"analyze", "report.txt", "--data=x"},
           {"visits", "--recurring"},
           {"get", "documents/x", "--limit=3"},
           {"search", "torture", "--symbol=A/HRC/7/20"}}) {
    const CliRun run = RunCli(args);
    EXPECT_EQ(run.exit_code, kUsageError) << Describe(args, run);
    EXPECT_THAT(run.err, HasSubstr("usage: rapporteur "))
        << Describe(args, run);
  }
}

// --ingest_address and --query_address, and the spellings scripts use
// (--ingest, --query), before or after the command: each makes the command
// remote (here: no service listens, so the call fails, exit 1, not 2).
TEST(CliTest, AddressFlagsInEitherSpellingMakeCommandsRemote) {
  TempDir cwd;
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{
           {"get", "documents/x", "--query_address=127.0.0.1:1"},
           {"get", "documents/x", "--query=127.0.0.1:1"},
           {"--query=127.0.0.1:1", "--ingest=127.0.0.1:1", "get",
            "documents/x"},
           {"--ingest_address=127.0.0.1:1", "analyze", "-"}}) {
    const CliRun run =
        RunCli(args, CorpusDir() + "/A_HRC_7_20.txt", cwd.path());
    EXPECT_EQ(run.exit_code, kFailed) << Describe(args, run);
    EXPECT_THAT(run.err, HasSubstr("UNAVAILABLE")) << Describe(args, run);
  }
  EXPECT_TRUE(std::filesystem::is_empty(cwd.path()));
}

// `analyze` stores nothing and reads stdin with -: no data directory is
// made, neither there nor in the working directory.
TEST(CliTest, AnalyzeReadsStandardInputAndCreatesNoDataDirectory) {
  TempDir cwd;
  const std::vector<std::string> args = {"analyze", "-", "--format=json"};
  const CliRun run = RunCli(args, CorpusDir() + "/A_HRC_7_20.txt", cwd.path());
  ASSERT_EQ(run.exit_code, kDone) << Describe(args, run);
  nlohmann::json analyzed = nlohmann::json::parse(run.out);
  EXPECT_THAT(analyzed["document"].value("name", ""), HasSubstr("documents/"));
  EXPECT_GT(analyzed["document"]["paragraphs"].size(), 26u);
  EXPECT_TRUE(std::filesystem::is_empty(cwd.path()));
}

// A command that only reads fails on a directory with no data rather than
// creating an empty one and answering from it.
TEST(CliTest, ReadingCommandsCreateNoDataDirectory) {
  TempDir cwd;
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{
           {"search", "torture"}, {"cite", "A/HRC/7/20", "16"}, {"visits"}}) {
    const CliRun run = RunCli(args, "/dev/null", cwd.path());
    EXPECT_EQ(run.exit_code, kFailed) << Describe(args, run);
    EXPECT_THAT(run.err, AllOf(HasSubstr("FAILED_PRECONDITION"),
                               HasSubstr("no data in rapporteur-data")))
        << Describe(args, run);
  }
  EXPECT_TRUE(std::filesystem::is_empty(cwd.path()));
}

TEST(CliTest, IngestReadsStandardInput) {
  TempDir data;
  const std::vector<std::string> args = {"ingest", "-", "--format=json",
                                         "--data=" + data.path()};
  const CliRun run = RunCli(args, CorpusDir() + "/A_HRC_7_20.txt");
  ASSERT_EQ(run.exit_code, kDone) << Describe(args, run);
  const nlohmann::json ingested = nlohmann::json::parse(run.out)["document"];
  EXPECT_EQ(ingested.value("revision", ""), "1");
  EXPECT_GT(ingested["paragraphs"].size(), 26u);
  const std::vector<std::string> twice = {"ingest", "-", "-",
                                          "--data=" + data.path()};
  const CliRun again = RunCli(twice, CorpusDir() + "/A_HRC_7_20.txt");
  EXPECT_EQ(again.exit_code, kFailed) << Describe(twice, again);
  EXPECT_THAT(again.err, HasSubstr("standard input"));
}

// `completion bash` prints a script that completes commands, their
// commands and their own flags.
TEST(CliTest, BashCompletionCompletesCommandsAndFlags) {
  const CliRun run = RunCli({"completion", "bash"});
  ASSERT_EQ(run.exit_code, kDone) << Describe({"completion", "bash"}, run);
  TempDir dir;
  const std::string script = dir.path() + "/rapporteur.bash";
  std::ofstream(script) << run.out;
  // Each line: the words typed, the last being completed.
  const std::string complete = absl::StrCat("source ", script, R"(
complete_words() {
  COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMPREPLY=(); _rapporteur
  echo "${COMPREPLY[*]}"
}
complete_words rapporteur sea
complete_words rapporteur search --all
complete_words rapporteur --data x cases keys n
complete_words rapporteur cluster move --fr
)");
  const std::string log = dir.path() + "/out";
  absl::StatusOr<Subprocess> bash =
      Subprocess::Spawn("/bin/bash", {"-c", complete}, log);
  ASSERT_TRUE(bash.ok()) << bash.status();
  ASSERT_EQ(bash->Wait(absl::Seconds(30)), 0) << ReadFileOrDie(log);
  EXPECT_EQ(ReadFileOrDie(log), "search\n--all --all_words\nnew\n--from\n");
}

// Streams print NDJSON: one compact JSON object a line.
TEST_F(IngestedCliTest, AllHitsStreamAsNdjson) {
  const std::vector<std::string> args = {
      "search", "food", "--all", "--format=json", "--data=" + data_->path()};
  const CliRun run = RunCli(args);
  ASSERT_EQ(run.exit_code, kDone) << Describe(args, run);
  int lines = 0;
  for (absl::string_view line :
       absl::StrSplit(run.out, '\n', absl::SkipEmpty())) {
    nlohmann::json hit = nlohmann::json::parse(line, nullptr, false);
    ASSERT_TRUE(hit.is_object()) << "not a JSON object: " << line;
    EXPECT_THAT(hit.value("citation", ""), ::testing::StartsWith("A/HRC/7/20"))
        << line;
    ++lines;
  }
  EXPECT_GT(lines, 3) << Describe(args, run);
  EXPECT_TRUE(absl::EndsWith(run.out, "}\n")) << Describe(args, run);
}

// A query word starting with '-' is an exclusion, not a flag: unquoted,
// quoted, or after a bare --; the four spellings find the same, fewer
// than the query without the exclusion. A word naming a command is a word.
TEST_F(IngestedCliTest, QueriesWithExclusionsAreNotFlags) {
  const auto total = [](const std::vector<std::string>& args) -> std::string {
    const CliRun run = RunCli(args);
    EXPECT_EQ(run.exit_code, kDone) << Describe(args, run);
    nlohmann::json result = nlohmann::json::parse(run.out, nullptr, false);
    EXPECT_TRUE(result.is_object()) << Describe(args, run);
    return result.is_object() ? result.value("totalSize", "") : "";
  };
  const std::string data = "--data=" + data_->path();
  const std::string all = total({"search", "abduct*", "--format=json", data});
  const std::string excluded =
      total({"search", "abduct*", "-japan", "--format=json", data});
  EXPECT_LT(std::stoi(excluded), std::stoi(all));
  EXPECT_EQ(total({"search", "abduct* -japan", "--format=json", data}),
            excluded);
  EXPECT_EQ(total({"search", "-japan abduct*", "--format=json", data}),
            excluded);
  EXPECT_EQ(total({"search", "--format=json", data, "--", "abduct*", "-japan"}),
            excluded);
  EXPECT_NE(total({"search", "visits", "to", "prisons", "--format=json", data}),
            "");
  // The words keep their order.
  const CliRun run = RunCli({"search", "-japan", "abduct*", data});
  EXPECT_THAT(run.out, HasSubstr("paragraphs for: -japan abduct*\n"));
}

TEST_F(IngestedCliTest, MissingDocumentFailsNamingIt) {
  const std::vector<std::string> args = {"get", "documents/nosuch",
                                         "--data=" + data_->path()};
  const CliRun run = RunCli(args);
  EXPECT_EQ(run.exit_code, kFailed) << Describe(args, run);
  EXPECT_THAT(run.err,
              AllOf(HasSubstr("NOT_FOUND"), HasSubstr("documents/nosuch")));
  EXPECT_THAT(run.out, Not(HasSubstr("documents/nosuch")));
}

// `rapporteur cases`, embedded: a key file, a case created from JSON, read
// back and found by a name, and nothing of the name in the data directory.
class CasesCliTest : public ::testing::Test {
 protected:
  static constexpr char kName[] = "Quillonvar Teshbrandt-Ozymel";
  static constexpr char kAlias[] = "Zorwitten Okafrey";

  void SetUp() override {
    keys_ = dir_.path() + "/case.keys";
    data_ = dir_.path() + "/data";
    case_file_ = dir_.path() + "/case.json";
    std::ofstream(case_file_) << R"({
  "event": {"title": "Ulvenstaad-4471 detention", "startDate": "2007-05",
            "location": {"country": "PRK"},
            "violationTypes": ["arbitrary_detention"]},
  "persons": [{"id": "p1", "roles": ["PERSON_ROLE_VICTIM"],
               "name": ")" << kName
                              << R"(", "aliases": [")" << kAlias << R"("]}],
  "acts": [{"id": "a1", "type": "arbitrary_detention", "victim": "p1"}],
  "paragraphs": ["documents/a-hrc-7-20/paragraphs/49"],
  "confidentiality": "CONFIDENTIALITY_CONFIDENTIAL"
})";
  }

  // `rapporteur cases ARGS... --data=... --case_keys=...`.
  CliRun Cases(std::vector<std::string> args) {
    args.insert(args.begin(), "cases");
    args.push_back("--data=" + data_);
    args.push_back("--case_keys=" + keys_);
    return RunCli(args);
  }

  TempDir dir_;
  std::string keys_, data_, case_file_;
};

TEST_F(CasesCliTest, KeysNewWritesAnOwnerOnlyFileAndNeverOverwritesIt) {
  const std::vector<std::string> args = {"cases", "keys", "new",
                                         "--out=" + keys_, "--key_id=cli-1"};
  const CliRun run = RunCli(args);
  ASSERT_EQ(run.exit_code, kDone) << Describe(args, run);
  EXPECT_THAT(run.out, HasSubstr("cli-1"));
  struct stat info;
  ASSERT_EQ(stat(keys_.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600);
  const std::string written = ReadFileOrDie(keys_);
  EXPECT_THAT(written, HasSubstr("kek cli-1 "));
  const CliRun again = RunCli(args);
  EXPECT_EQ(again.exit_code, kFailed) << Describe(args, again);
  EXPECT_THAT(again.err, HasSubstr("never overwritten"));
  EXPECT_EQ(ReadFileOrDie(keys_), written);
}

TEST_F(CasesCliTest, CreateGetAndListByNameEmbedded) {
  ASSERT_EQ(RunCli({"cases", "keys", "new", "--out=" + keys_}).exit_code,
            kDone);
  const std::vector<std::string> create = {"create", "--file=" + case_file_,
                                           "--case_id=para-49"};
  CliRun run = Cases(create);
  ASSERT_EQ(run.exit_code, kDone) << Describe(create, run);
  nlohmann::json created = nlohmann::json::parse(run.out);
  EXPECT_EQ(created["name"], "cases/para-49");
  EXPECT_EQ(created["persons"][0]["name"], kName);
  // The embedded caller (Options::principal) joined the team.
  EXPECT_EQ(created["accessList"], nlohmann::json::array({"local"}));

  run = Cases({"get", "cases/para-49"});
  ASSERT_EQ(run.exit_code, kDone) << Describe({"get"}, run);
  nlohmann::json read = nlohmann::json::parse(run.out);
  EXPECT_EQ(read["persons"][0]["name"], kName);
  EXPECT_EQ(read["persons"][0]["aliases"][0], kAlias);
  EXPECT_FALSE(read.value("redacted", false));
  EXPECT_EQ(read["etag"], created["etag"]);

  // By alias, case and spacing aside: an exact lookup of the blind index.
  run =
      Cases({"list", "--person_name=  zorwitten   OKAFREY ", "--format=json"});
  ASSERT_EQ(run.exit_code, kDone) << Describe({"list"}, run);
  nlohmann::json listed = nlohmann::json::parse(run.out);
  ASSERT_EQ(listed["cases"].size(), 1u) << run.out;
  EXPECT_EQ(listed["cases"][0]["name"], "cases/para-49");
  run = Cases({"list", "--person_name=Zorwitten", "--format=json"});
  ASSERT_EQ(run.exit_code, kDone) << Describe({"list"}, run);
  EXPECT_EQ(
      nlohmann::json::parse(run.out).value("cases", nlohmann::json()).size(),
      0u)
      << run.out;
  run = Cases({"list"});
  ASSERT_EQ(run.exit_code, kDone);
  EXPECT_THAT(run.out, HasSubstr("cases/para-49"));

  run = Cases({"get", "cases/none-such"});
  EXPECT_EQ(run.exit_code, kFailed);
  EXPECT_THAT(run.err, HasSubstr("NOT_FOUND"));

  // Neither the name nor the alias is in clear in the data directory
  // (while the title, stored in clear, is found the same way).
  const auto files_with = [&](const std::string& needle) {
    int found = 0;
    for (const auto& entry :
         std::filesystem::recursive_directory_iterator(data_)) {
      if (entry.is_regular_file() &&
          ReadFileOrDie(entry.path().string()).find(needle) !=
              std::string::npos) {
        ++found;
      }
    }
    return found;
  };
  EXPECT_GT(files_with("Ulvenstaad-4471"), 0);
  EXPECT_EQ(files_with(kName), 0);
  EXPECT_EQ(files_with(kAlias), 0);
}

TEST_F(CasesCliTest, CreateFailsWithoutFileOnBadJsonAndWithoutKeys) {
  ASSERT_EQ(RunCli({"cases", "keys", "new", "--out=" + keys_}).exit_code,
            kDone);
  CliRun run = Cases({"create"});
  EXPECT_EQ(run.exit_code, kUsageError) << Describe({"create"}, run);
  EXPECT_THAT(run.err, HasSubstr("--file"));

  const std::string bad = dir_.path() + "/bad.json";
  std::ofstream(bad) << R"({"persons": [{"id": "p1", "nickname": "x"}]})";
  run = Cases({"create", "--file=" + bad});
  EXPECT_EQ(run.exit_code, kFailed) << Describe({"create", bad}, run);
  EXPECT_THAT(run.err, AllOf(HasSubstr("INVALID_ARGUMENT"),
                             HasSubstr("does not parse")));
  std::ofstream(bad, std::ios::trunc) << "{\"event\": ";
  run = Cases({"create", "--file=" + bad});
  EXPECT_EQ(run.exit_code, kFailed) << Describe({"create", bad}, run);

  run = Cases({"create", "--file=" + dir_.path() + "/missing.json"});
  EXPECT_EQ(run.exit_code, kFailed);
  EXPECT_THAT(run.err, HasSubstr("missing.json"));

  // A valid case the service refuses: an act of no person.
  std::ofstream(bad, std::ios::trunc)
      << R"({"acts": [{"id": "a1", "type": "torture", "victim": "p9"}]})";
  run = Cases({"create", "--file=" + bad});
  EXPECT_EQ(run.exit_code, kFailed);
  EXPECT_THAT(run.err, HasSubstr("acts[0].victim"));

  // Without keys, case records are off.
  const std::vector<std::string> no_keys = {
      "cases", "create", "--file=" + case_file_, "--data=" + data_};
  run = RunCli(no_keys);
  EXPECT_EQ(run.exit_code, kFailed) << Describe(no_keys, run);
  EXPECT_THAT(run.err, HasSubstr("FAILED_PRECONDITION"));

  // A verb of no command is a usage error.
  run = Cases({"frobnicate"});
  EXPECT_EQ(run.exit_code, kUsageError);
}

}  // namespace
}  // namespace rapporteur::testing
