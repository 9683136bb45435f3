// `rapporteur ingest FILE --symbol=S --title=T --date=D --country=C`
#include <fstream>
#include <iostream>
#include <sstream>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "tools/cli/client_flags.h"
#include "tools/cli/commands.h"

ABSL_FLAG(std::string, symbol, "", "UN document symbol, e.g. A/HRC/7/20");
ABSL_FLAG(std::string, title, "", "Title of the document");
ABSL_FLAG(std::string, date, "", "Publication date, YYYY-MM-DD");
ABSL_FLAG(std::string, country, "",
          "ISO 3166-1 alpha-3 codes of the countries concerned, comma-separated");
ABSL_FLAG(std::string, language, "en", "Language of the document (BCP 47)");

namespace rapporteur::cli {
namespace {

void PrintIngested(const v1::Document& doc) {
  int numbered = 0;
  for (const v1::Paragraph& paragraph : doc.paragraphs()) {
    numbered += paragraph.number() > 0 ? 1 : 0;
  }
  std::cout << "Ingested " << doc.name() << " revision " << doc.revision()
            << ": " << doc.paragraphs_size() << " paragraphs (" << numbered
            << " numbered), " << doc.sections_size() << " sections, "
            << doc.footnotes_size() << " footnotes, " << doc.warnings_size()
            << " warnings\n";
  for (const v1::Warning& warning : doc.warnings()) {
    std::cout << "  warning: line " << warning.line() << ": "
              << warning.message() << "\n";
  }
}

}  // namespace

int RunIngest(const std::vector<std::string>& args) {
  if (args.size() != 1) {
    std::cerr << "usage: rapporteur ingest FILE --symbol=S --title=T "
                 "--date=YYYY-MM-DD --country=ISO3\n";
    return 2;
  }
  std::ifstream in(args[0], std::ios::binary);
  if (!in) {
    return Fail(absl::NotFoundError(absl::StrCat("cannot read ", args[0])));
  }
  std::stringstream content;
  content << in.rdbuf();

  v1::IngestDocumentRequest request;
  v1::DocumentSource* source = request.mutable_source();
  source->set_content(content.str());
  source->set_media_type("text/plain");
  source->set_symbol(absl::GetFlag(FLAGS_symbol));
  source->set_title(absl::GetFlag(FLAGS_title));
  source->set_date(absl::GetFlag(FLAGS_date));
  source->set_language(absl::GetFlag(FLAGS_language));
  for (absl::string_view country :
       absl::StrSplit(absl::GetFlag(FLAGS_country), ',', absl::SkipEmpty())) {
    source->add_countries(std::string(country));
  }

  auto client = ClientFromFlags();
  if (!client.ok()) {
    return Fail(client.status());
  }
  auto response = (*client)->IngestDocument(request);
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
