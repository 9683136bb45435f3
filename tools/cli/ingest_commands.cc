// `rapporteur ingest FILE...` and `rapporteur analyze FILE`: a report
// stored, or only what would be extracted from it.
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "lib/ingest/ingester.h"
#include "tools/cli/commands.h"
#include "tools/cli/input.h"
#include "tools/cli/output.h"

namespace rapporteur::cli {
namespace {

// The metadata given with a document; the masthead fills what is not.
struct SourceOptions {
  std::string symbol;
  std::string title;
  std::string date;
  std::string country;
  std::string language = "en";
};

struct IngestOptions {
  std::vector<std::string> files;
  SourceOptions source;
  std::string results;
};

// The file at `path` ("-": standard input) as a request to ingest.
absl::StatusOr<v1::IngestDocumentRequest> RequestFor(
    const std::string& path, const SourceOptions& options) {
  absl::StatusOr<std::string> content = ReadInput(path);
  if (!content.ok()) {
    return content.status();
  }
  v1::IngestDocumentRequest request;
  v1::DocumentSource* source = request.mutable_source();
  source->set_content(*std::move(content));
  // Untyped content is sniffed by ingest: a PDF header makes it a PDF.
  if (absl::EndsWithIgnoreCase(path, ".pdf")) {
    source->set_media_type("application/pdf");
  }
  source->set_symbol(options.symbol);
  source->set_title(options.title);
  source->set_date(options.date);
  source->set_language(options.language);
  for (absl::string_view country :
       absl::StrSplit(options.country, ',', absl::SkipEmpty())) {
    source->add_countries(std::string(country));
  }
  return request;
}

void PrintIngested(const v1::Document& doc) {
  int numbered = 0;
  for (const v1::Paragraph& paragraph : doc.paragraphs()) {
    numbered += paragraph.number() > 0 ? 1 : 0;
  }
  std::cout << (doc.revision() > 0 ? absl::StrCat("Ingested ", doc.name(),
                                                  " revision ", doc.revision())
                                   : absl::StrCat("Analyzed ", doc.name()))
            << ": " << doc.paragraphs_size() << " paragraphs (" << numbered
            << " numbered), " << doc.sections_size() << " sections, "
            << doc.footnotes_size() << " footnotes, " << doc.warnings_size()
            << " warnings\n"
            << "  " << doc.references_size() << " references, "
            << doc.recommendations_size() << " recommendations, "
            << doc.communications_size() << " communications, "
            << doc.visits_size() << " visits, " << doc.figures_size()
            << " figures, " << doc.entities_size() << " entities\n";
  for (const v1::Warning& warning : doc.warnings()) {
    std::cout << "  warning: line " << warning.line() << ": "
              << warning.message() << "\n";
  }
}

// A progress bar on stderr, redrawn in place on a terminal.
void DrawProgress(const BulkIngestProgress& progress, size_t total) {
  constexpr int kWidth = 30;
  const int filled =
      total == 0 ? kWidth
                 : static_cast<int>(kWidth * progress.documents_done / total);
  std::cerr << absl::StrFormat(
                   "\r[%s%s] %d/%d documents, %d failed, %.1f MiB",
                   std::string(filled, '#'), std::string(kWidth - filled, ' '),
                   progress.documents_done, total, progress.documents_failed,
                   progress.bytes_sent / 1048576.0)
            << std::flush;
}

// The outcome of one file of a bulk ingest, as a line of --results:
// {"file": ..., "outcome": "stored" | "failed" | "not_sent", "code": ...,
//  "message": ..., "document": ..., "revision": ...}.
class ResultsFile {
 public:
  absl::Status Open(const std::string& path) {
    if (path.empty()) return absl::OkStatus();
    out_.open(path, std::ios::trunc);
    if (!out_) {
      return absl::InvalidArgumentError(
          absl::StrCat("--results: cannot write ", path));
    }
    return absl::OkStatus();
  }

  void Write(const std::string& file, absl::string_view outcome,
             absl::StatusCode code, absl::string_view message,
             const v1::Document* document) {
    if (!out_.is_open()) return;
    google::protobuf::Struct line;
    auto& fields = *line.mutable_fields();
    fields["file"].set_string_value(file);
    fields["outcome"].set_string_value(std::string(outcome));
    fields["code"].set_string_value(absl::StatusCodeToString(code));
    if (!message.empty()) {
      fields["message"].set_string_value(std::string(message));
    }
    if (document != nullptr) {
      fields["document"].set_string_value(document->name());
      fields["revision"].set_number_value(
          static_cast<double>(document->revision()));
    }
    std::string json;
    google::protobuf::util::JsonPrintOptions options;
    options.preserve_proto_field_names = true;
    (void)google::protobuf::util::MessageToJsonString(line, &json, options);
    out_ << json << "\n" << std::flush;
  }

 private:
  std::ofstream out_;
};

// Every file gets an outcome, on stdout and in --results: stored, failed
// (unreadable, or refused by ingest), or not sent (the bulk stopped for
// good first). Exits 0 only when every file was stored.
int IngestMany(Client& client, const IngestOptions& options) {
  const std::vector<std::string>& paths = options.files;
  if (!options.source.symbol.empty()) {
    return Fail(absl::InvalidArgumentError(
        "--symbol names one document: give it with one file only"));
  }
  ResultsFile results;
  if (absl::Status opened = results.Open(options.results); !opened.ok()) {
    return Fail(opened);
  }
  size_t next = 0;
  std::vector<std::string> supplied;  // by the index BulkIngest gives them
  size_t heard = 0;                   // outcomes BulkIngest reported
  int64_t stored = 0, failed = 0;
  const bool terminal = isatty(STDERR_FILENO) != 0;
  const auto report_failure = [&](const std::string& path,
                                  absl::StatusCode code,
                                  absl::string_view message) {
    ++failed;
    std::cout << path << ": " << absl::StatusCodeToString(code) << ": "
              << message << "\n";
    results.Write(path, "failed", code, message, nullptr);
  };
  auto result = client.BulkIngest(
      [&]() -> std::optional<v1::IngestDocumentRequest> {
        while (next < paths.size()) {
          const std::string& path = paths[next++];
          auto request = RequestFor(path, options.source);
          if (request.ok()) {
            supplied.push_back(path);
            return *std::move(request);
          }
          report_failure(path, request.status().code(),
                         request.status().message());
        }
        return std::nullopt;
      },
      [&](const BulkIngestProgress& progress,
          const v1::BulkIngestResponse& outcome) {
        ++heard;
        const std::string& path = supplied[outcome.index()];
        if (outcome.status().code() == 0) {
          ++stored;
          std::cout << path << ": " << outcome.document().name() << " revision "
                    << outcome.document().revision() << "\n";
          results.Write(path, "stored", absl::StatusCode::kOk, "",
                        &outcome.document());
        } else {
          report_failure(path,
                         static_cast<absl::StatusCode>(outcome.status().code()),
                         outcome.status().message());
        }
        if (terminal) {
          DrawProgress(progress, paths.size());
        }
        return true;
      });
  if (terminal) {
    std::cerr << "\n";
  }
  int64_t not_sent = 0;
  if (!result.ok()) {
    // What was supplied and never answered, and what was never supplied.
    std::vector<std::string> left(supplied.begin() + heard, supplied.end());
    left.insert(left.end(), paths.begin() + next, paths.end());
    for (const std::string& path : left) {
      ++not_sent;
      std::cout << path << ": not sent: " << result.status().message() << "\n";
      results.Write(path, "not_sent", result.status().code(),
                    result.status().message(), nullptr);
    }
    std::cerr << "rapporteur: " << result.status().message() << "\n";
  }
  std::cout << stored << " stored, " << failed << " failed, " << not_sent
            << " not sent\n";
  return failed == 0 && not_sent == 0 ? 0 : 1;
}

// Analysis stores nothing, so it opens no data directory: embedded, the
// extraction runs here on its own (an embedded client would create and
// open --data first); remote, the ingest service analyzes.
int RunAnalyze(const GlobalOptions& global, const std::string& file,
               const SourceOptions& options) {
  auto request = RequestFor(file, options);
  if (!request.ok()) {
    return Fail(request.status());
  }
  v1::AnalyzeDocumentResponse response;
  if (global.remote()) {
    auto client = MakeClientFor(global, DataUse::kRead);
    if (!client.ok()) {
      return Fail(client.status());
    }
    v1::AnalyzeDocumentRequest analyze;
    *analyze.mutable_source() = request->source();
    auto analyzed = (*client)->AnalyzeDocument(analyze);
    if (!analyzed.ok()) {
      return Fail(analyzed.status());
    }
    response = *std::move(analyzed);
  } else {
    const ingest::Ingester ingester(/*shards=*/{});
    auto analyzed = ingester.Analyze(request->source());
    if (!analyzed.ok()) {
      return Fail(analyzed.status());
    }
    *response.mutable_document() = *std::move(analyzed);
  }
  if (global.json()) {
    PrintJson(response);
  } else {
    PrintIngested(response.document());
  }
  return kExitDone;
}

int RunIngest(const GlobalOptions& global, const IngestOptions& options) {
  if (std::count(options.files.begin(), options.files.end(), kStdin) > 1) {
    return Fail(absl::InvalidArgumentError(
        "standard input (-) can be read once: give it once"));
  }
  auto client = MakeClientFor(global, DataUse::kWrite);
  if (!client.ok()) {
    return Fail(client.status());
  }
  if (options.files.size() > 1) {
    return IngestMany(**client, options);
  }
  auto request = RequestFor(options.files[0], options.source);
  if (!request.ok()) {
    return Fail(request.status());
  }
  // The summary printed counts sections, notes and records: the full view.
  request->set_view(v1::DOCUMENT_VIEW_FULL);
  auto response = (*client)->IngestDocument(*request);
  if (!response.ok()) {
    return Fail(response.status());
  }
  if (global.json()) {
    PrintJson(*response);
  } else {
    PrintIngested(response->document());
  }
  return kExitDone;
}

// --symbol, --title, --date, --country and --language.
void AddSourceOptions(CLI::App& command, SourceOptions& options) {
  command.add_option("--symbol", options.symbol,
                     "UN document symbol, e.g. A/HRC/7/20 (default: from "
                     "the masthead)");
  command.add_option("--title", options.title, "Title of the document");
  command.add_option("--date", options.date,
                     "Publication date, YYYY-MM-DD (default: from the "
                     "masthead)");
  command.add_option("--country", options.country,
                     "ISO 3166-1 alpha-3 codes of the countries the document "
                     "is about, comma-separated");
  command
      .add_option("--language", options.language,
                  "Language of the document (BCP 47)")
      ->capture_default_str();
}

}  // namespace

void AddIngestCommands(CLI::App& app, Cli& cli) {
  CLI::App* ingest = app.add_subcommand(
      "ingest",
      "Store reports: one, with its metadata, or several (bulk, with a "
      "progress bar; every file's outcome on stdout and in --results)");
  auto options = std::make_shared<IngestOptions>();
  ingest
      ->add_option("FILE", options->files,
                   "Text or PDF report; - for standard input")
      ->required();
  AddSourceOptions(*ingest, options->source);
  ingest
      ->add_option("--results", options->results,
                   "Several files: write each file's outcome to this file, "
                   "a JSON object a line (file, outcome stored|failed|"
                   "not_sent, code, message, document, revision)")
      ->type_name("FILE");
  AddDataOptions(*ingest, cli.global);
  AddRemoteOptions(*ingest, cli.global);
  AddFormatOption(*ingest, cli.global);
  ingest->footer(
      "Examples:\n"
      "  rapporteur ingest A_HRC_7_20.txt --symbol=A/HRC/7/20 "
      "--date=2008-02-15 --country=PRK\n"
      "  rapporteur ingest reports/*.pdf --results=out.ndjson\n"
      "  pdftotext report.pdf - | rapporteur ingest - --title=\"...\"");
  SetAction(*ingest, cli,
            [&cli, options] { return RunIngest(cli.global, *options); });

  CLI::App* analyze = app.add_subcommand(
      "analyze",
      "What ingest would extract from a report; stores nothing, and opens "
      "no data directory");
  auto file = std::make_shared<std::string>();
  auto source = std::make_shared<SourceOptions>();
  analyze->add_option("FILE", *file, "Text or PDF report; - for standard input")
      ->required();
  AddSourceOptions(*analyze, *source);
  // No --data: nothing is stored. Remote, the ingest service analyzes.
  AddRemoteOptions(*analyze, cli.global);
  AddFormatOption(*analyze, cli.global);
  analyze->footer(
      "Examples:\n"
      "  rapporteur analyze A_HRC_7_20.txt\n"
      "  rapporteur analyze - --format=json < report.txt");
  SetAction(*analyze, cli, [&cli, file, source] {
    return RunAnalyze(cli.global, *file, *source);
  });
}

}  // namespace rapporteur::cli
