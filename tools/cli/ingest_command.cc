// `rapporteur ingest FILE... [--symbol=S --title=T --date=D --country=C]`
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <unistd.h>

#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "tools/cli/client_flags.h"
#include "tools/cli/commands.h"

ABSL_FLAG(std::string, symbol, "", "UN document symbol, e.g. A/HRC/7/20");
ABSL_FLAG(std::string, title, "", "Title of the document");
ABSL_FLAG(std::string, date, "", "Publication date, YYYY-MM-DD");
ABSL_FLAG(std::string, country, "",
          "ingest, analyze: ISO 3166-1 alpha-3 codes of the countries the "
          "document is about, comma-separated; listing records: the country "
          "they concern");
ABSL_FLAG(std::string, results, "",
          "ingest of several files: write each file's outcome to this file, "
          "a JSON object a line (file, outcome stored|failed|not_sent, code, "
          "message, document, revision)");
ABSL_FLAG(
    std::string, language, "en",
    "Language of the document (BCP 47); for search, of the query's words");

namespace rapporteur::cli {
namespace {

absl::StatusOr<v1::IngestDocumentRequest> RequestFor(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::NotFoundError(absl::StrCat("cannot read ", path));
  }
  std::stringstream content;
  content << in.rdbuf();
  v1::IngestDocumentRequest request;
  v1::DocumentSource* source = request.mutable_source();
  source->set_content(content.str());
  // Untyped content is sniffed by ingest: a PDF header makes it a PDF.
  if (absl::EndsWithIgnoreCase(path, ".pdf")) {
    source->set_media_type("application/pdf");
  }
  source->set_symbol(absl::GetFlag(FLAGS_symbol));
  source->set_title(absl::GetFlag(FLAGS_title));
  source->set_date(absl::GetFlag(FLAGS_date));
  source->set_language(absl::GetFlag(FLAGS_language));
  for (absl::string_view country :
       absl::StrSplit(absl::GetFlag(FLAGS_country), ',', absl::SkipEmpty())) {
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
int IngestMany(Client& client, const std::vector<std::string>& paths) {
  if (!absl::GetFlag(FLAGS_symbol).empty()) {
    return Fail(absl::InvalidArgumentError(
        "--symbol names one document: give it with one file only"));
  }
  ResultsFile results;
  if (absl::Status opened = results.Open(absl::GetFlag(FLAGS_results));
      !opened.ok()) {
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
          auto request = RequestFor(path);
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
        if (outcome.code() == 0) {
          ++stored;
          std::cout << path << ": " << outcome.document().name() << " revision "
                    << outcome.document().revision() << "\n";
          results.Write(path, "stored", absl::StatusCode::kOk, "",
                        &outcome.document());
        } else {
          report_failure(path, static_cast<absl::StatusCode>(outcome.code()),
                         outcome.message());
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

}  // namespace

int RunAnalyze(const std::vector<std::string>& args) {
  if (args.size() != 1) {
    std::cerr << "usage: rapporteur analyze FILE [--symbol=S ...]\n";
    return 2;
  }
  auto request = RequestFor(args[0]);
  if (!request.ok()) {
    return Fail(request.status());
  }
  auto client = ClientFromFlags();
  if (!client.ok()) {
    return Fail(client.status());
  }
  v1::AnalyzeDocumentRequest analyze;
  *analyze.mutable_source() = request->source();
  auto response = (*client)->AnalyzeDocument(analyze);
  if (!response.ok()) {
    return Fail(response.status());
  }
  if (absl::GetFlag(FLAGS_format) == "json") {
    PrintJson(*response);
  } else {
    PrintIngested(response->document());
  }
  return 0;
}

int RunIngest(const std::vector<std::string>& args) {
  if (args.empty()) {
    std::cerr << "usage: rapporteur ingest FILE... [--symbol=S --title=T "
                 "--date=YYYY-MM-DD --country=ISO3]\n";
    return 2;
  }
  auto client = ClientFromFlags();
  if (!client.ok()) {
    return Fail(client.status());
  }
  if (args.size() > 1) {
    return IngestMany(**client, args);
  }
  auto request = RequestFor(args[0]);
  if (!request.ok()) {
    return Fail(request.status());
  }
  auto response = (*client)->IngestDocument(*request);
  if (!response.ok()) {
    return Fail(response.status());
  }
  if (absl::GetFlag(FLAGS_format) == "json") {
    PrintJson(*response);
  } else {
    PrintIngested(response->document());
  }
  return 0;
}

}  // namespace rapporteur::cli
