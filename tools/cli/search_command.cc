// `rapporteur search QUERY`, `rapporteur get NAME`, `rapporteur cite S N`.
#include <iostream>
#include <string>
#include <vector>

#include "absl/flags/declare.h"
#include "absl/flags/flag.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "tools/cli/client_flags.h"
#include "tools/cli/commands.h"

ABSL_FLAG(int, limit, 10, "Hits per page (at most 100)");
ABSL_FLAG(std::string, page_token, "", "Page to show, from a previous search");
ABSL_FLAG(std::vector<std::string>, facets, {},
          "Facets to count beside the hits, comma-separated (the facet "
          "fields are listed by `rapporteur --help`)");
ABSL_FLAG(bool, all, false,
          "Stream every hit, one per line (citation, score, section), for "
          "exports; --limit and --page_token are ignored");
ABSL_FLAG(bool, any, false, "Juxtaposed words are alternatives (OR), strictly");
ABSL_FLAG(bool, all_words, false,
          "Every word must match (strict AND; also --all-words). By "
          "default a query without AND, OR, NOT or parentheses is a "
          "plain-language question: most of its words must match, "
          "paragraphs with more of them rank higher");
// --language (ingest_command.cc) also names the language of a query's words.
ABSL_DECLARE_FLAG(std::string, language);

namespace rapporteur::cli {
namespace {

void PrintHits(const std::string& query, const v1::SearchResponse& response) {
  std::cout << absl::StrFormat(
      "%d of %s%d paragraphs for: %s\n", response.hits_size(),
      response.total_size_is_lower_bound() ? "at least " : "",
      response.total_size(), query);
  for (const v1::FacetCount& facet : response.facets()) {
    std::vector<std::string> buckets;
    for (const auto& bucket : facet.buckets()) {
      buckets.push_back(absl::StrCat(bucket.value(), " ", bucket.count()));
    }
    std::cout << "  " << facet.field() << ": " << absl::StrJoin(buckets, ", ")
              << "\n";
  }
  for (const std::string& shard : response.unavailable_shards()) {
    std::cout << "  missing: " << shard << "\n";
  }
  int rank = 0;
  for (const v1::SearchHit& hit : response.hits()) {
    std::cout << absl::StrFormat("\n%d. %s  (score %.2f)\n", ++rank,
                                 hit.citation(), hit.score());
    if (!hit.section().empty()) {
      std::cout << "   " << hit.section() << "\n";
    }
    std::cout << "   " << hit.snippet() << "\n";
  }
  if (!response.next_page_token().empty()) {
    std::cout << "\nMore: --page_token=" << response.next_page_token() << "\n";
  }
}

void PrintDocument(const v1::Document& doc) {
  std::cout << doc.name() << "  " << doc.symbol() << "  revision "
            << doc.revision() << "\n"
            << doc.title() << "  " << doc.date() << "  "
            << absl::StrJoin(doc.countries(), ",") << "\n";
  for (const v1::Paragraph& paragraph : doc.paragraphs()) {
    std::cout << "\n[" << paragraph.citation() << "] " << paragraph.text()
              << "\n";
  }
}

}  // namespace

int RunSearch(const std::vector<std::string>& args) {
  if (args.empty()) {
    std::cerr << "usage: rapporteur search QUERY [--limit=N]\n";
    return 2;
  }
  const std::string query = absl::StrJoin(args, " ");
  const bool any = absl::GetFlag(FLAGS_any);
  const bool all_words = absl::GetFlag(FLAGS_all_words);
  if (any && all_words) {
    std::cerr << "rapporteur search: --any and --all-words contradict each "
                 "other\n";
    return 2;
  }
  auto client = ClientFromFlags();
  if (!client.ok()) {
    return Fail(client.status());
  }
  if (absl::GetFlag(FLAGS_all)) {
    v1::StreamSearchRequest stream;
    stream.set_query(query);
    stream.set_language(absl::GetFlag(FLAGS_language));
    if (any) {
      stream.set_default_operator(v1::DEFAULT_OPERATOR_OR);
    }
    stream.set_all_words(all_words);
    const bool json = absl::GetFlag(FLAGS_format) == "json";
    const absl::Status streamed =
        (*client)->StreamSearch(stream, [json](const v1::SearchHit& hit) {
          if (json) {
            PrintJson(hit);
          } else {
            std::cout << absl::StrFormat("%s\t%.4f\t%s\n", hit.citation(),
                                         hit.score(), hit.section());
          }
          return static_cast<bool>(std::cout);
        });
    return streamed.ok() ? 0 : Fail(streamed);
  }
  v1::SearchRequest request;
  request.set_query(query);
  request.set_page_size(absl::GetFlag(FLAGS_limit));
  request.set_page_token(absl::GetFlag(FLAGS_page_token));
  for (const std::string& facet : absl::GetFlag(FLAGS_facets)) {
    request.add_facets(facet);
  }
  if (any) {
    request.set_default_operator(v1::DEFAULT_OPERATOR_OR);
  }
  request.set_all_words(all_words);
  request.set_language(absl::GetFlag(FLAGS_language));
  auto response = (*client)->Search(request);
  if (!response.ok()) {
    return Fail(response.status());
  }
  if (absl::GetFlag(FLAGS_format) == "json") {
    PrintJson(*response);
  } else {
    PrintHits(query, *response);
  }
  return 0;
}

namespace {

int PrintParagraph(const absl::StatusOr<v1::Paragraph>& paragraph) {
  if (!paragraph.ok()) {
    return Fail(paragraph.status());
  }
  if (absl::GetFlag(FLAGS_format) == "json") {
    PrintJson(*paragraph);
  } else {
    std::cout << paragraph->citation() << "\n"
              << paragraph->section() << "\n\n"
              << paragraph->text() << "\n";
  }
  return 0;
}

}  // namespace

int RunCite(const std::vector<std::string>& args) {
  if (args.size() == 1) {  // "A/HRC/7/20, para. 16"
    auto client = ClientFromFlags();
    if (!client.ok()) {
      return Fail(client.status());
    }
    return PrintParagraph((*client)->Cite(args[0]));
  }
  int number = 0;
  if (args.size() != 2 || !absl::SimpleAtoi(args[1], &number)) {
    std::cerr << "usage: rapporteur cite SYMBOL PARAGRAPH   e.g. cite "
                 "A/HRC/7/20 16\n";
    return 2;
  }
  auto client = ClientFromFlags();
  if (!client.ok()) {
    return Fail(client.status());
  }
  return PrintParagraph((*client)->Cite(args[0], number));
}

int RunGet(const std::vector<std::string>& args) {
  if (args.size() != 1) {
    std::cerr << "usage: rapporteur get documents/ID[/paragraphs/N]\n";
    return 2;
  }
  auto client = ClientFromFlags();
  if (!client.ok()) {
    return Fail(client.status());
  }
  const bool json = absl::GetFlag(FLAGS_format) == "json";
  if (absl::StrContains(args[0], "/paragraphs/")) {
    v1::GetParagraphRequest request;
    request.set_name(args[0]);
    return PrintParagraph((*client)->GetParagraph(request));
  }
  v1::GetDocumentRequest request;
  request.set_name(args[0]);
  auto doc = (*client)->GetDocument(request);
  if (!doc.ok()) {
    return Fail(doc.status());
  }
  if (json) {
    PrintJson(*doc);
  } else {
    PrintDocument(*doc);
  }
  return 0;
}

}  // namespace rapporteur::cli
