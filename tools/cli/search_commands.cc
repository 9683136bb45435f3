// `rapporteur search QUERY`, `rapporteur get NAME`, `rapporteur cite S N`.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "lib/schema/fields.h"
#include "tools/cli/commands.h"
#include "tools/cli/help_formatter.h"
#include "tools/cli/output.h"

namespace rapporteur::cli {
namespace {

struct SearchOptions {
  // The words of the query, in the order given.
  std::vector<std::string> words;
  int limit = 10;
  std::string page_token;
  std::vector<std::string> facets;
  bool all = false;
  bool any = false;
  bool all_words = false;
  std::string language = "en";
};

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

int PrintParagraph(const GlobalOptions& global,
                   const absl::StatusOr<v1::Paragraph>& paragraph) {
  if (!paragraph.ok()) {
    return Fail(paragraph.status());
  }
  if (global.json()) {
    PrintJson(*paragraph);
  } else {
    std::cout << paragraph->citation() << "\n"
              << paragraph->section() << "\n\n"
              << paragraph->text() << "\n";
  }
  return kExitDone;
}

// Every hit, one per line: NDJSON with --format=json, so that each line
// parses alone as the stream goes.
int StreamAll(Client& client, const std::string& query,
              const SearchOptions& options, bool json) {
  v1::StreamSearchRequest stream;
  stream.set_query(query);
  stream.set_language(options.language);
  if (options.any) {
    stream.set_default_operator(v1::DEFAULT_OPERATOR_OR);
  }
  stream.set_all_words(options.all_words);
  const absl::Status streamed =
      client.StreamSearch(stream, [json](const v1::SearchHit& hit) {
        if (json) {
          PrintJsonLine(hit);
        } else {
          std::cout << absl::StrFormat("%s\t%.4f\t%s\n", hit.citation(),
                                       hit.score(), hit.section());
        }
        return static_cast<bool>(std::cout);
      });
  return streamed.ok() ? kExitDone : Fail(streamed);
}

int RunSearch(const CLI::App& command, const GlobalOptions& global,
              const SearchOptions& options) {
  // Words starting with one '-' are the query's exclusions (-japan) and
  // reach here among the others; anything else unknown is a mistyped flag.
  for (const std::string& word : options.words) {
    if (absl::StartsWith(word, "--")) {
      return UsageError(command, absl::StrCat("unknown flag ", word,
                                              " (a query word starting "
                                              "with -- goes after a bare --)"));
    }
  }
  if (options.words.empty()) {
    return UsageError(command, "QUERY is required");
  }
  if (options.any && options.all_words) {
    return UsageError(command, "--any and --all_words contradict each other");
  }
  const std::string query = absl::StrJoin(options.words, " ");
  auto client = MakeClientFor(global, DataUse::kRead);
  if (!client.ok()) {
    return Fail(client.status());
  }
  if (options.all) {
    return StreamAll(**client, query, options, global.json());
  }
  v1::SearchRequest request;
  request.set_query(query);
  request.set_page_size(options.limit);
  request.set_page_token(options.page_token);
  for (const std::string& facet : options.facets) {
    request.add_facets(facet);
  }
  if (options.any) {
    request.set_default_operator(v1::DEFAULT_OPERATOR_OR);
  }
  request.set_all_words(options.all_words);
  request.set_language(options.language);
  auto response = (*client)->Search(request);
  if (!response.ok()) {
    return Fail(response.status());
  }
  if (global.json()) {
    PrintJson(*response);
  } else {
    PrintHits(query, *response);
  }
  return kExitDone;
}

int RunCite(const GlobalOptions& global, const std::string& citation,
            const std::string& paragraph) {
  if (paragraph.empty()) {  // "A/HRC/7/20, para. 16"
    auto client = MakeClientFor(global, DataUse::kRead);
    if (!client.ok()) {
      return Fail(client.status());
    }
    return PrintParagraph(global, (*client)->Cite(citation));
  }
  int number = 0;
  if (!absl::SimpleAtoi(paragraph, &number)) {
    return Fail(absl::InvalidArgumentError(
        absl::StrCat("PARAGRAPH is a number, not '", paragraph, "'")));
  }
  auto client = MakeClientFor(global, DataUse::kRead);
  if (!client.ok()) {
    return Fail(client.status());
  }
  return PrintParagraph(global, (*client)->Cite(citation, number));
}

int RunGet(const GlobalOptions& global, const std::string& name) {
  auto client = MakeClientFor(global, DataUse::kRead);
  if (!client.ok()) {
    return Fail(client.status());
  }
  if (absl::StrContains(name, "/paragraphs/")) {
    v1::GetParagraphRequest request;
    request.set_name(name);
    return PrintParagraph(global, (*client)->GetParagraph(request));
  }
  v1::GetDocumentRequest request;
  request.set_name(name);
  auto doc = (*client)->GetDocument(request);
  if (!doc.ok()) {
    return Fail(doc.status());
  }
  if (global.json()) {
    PrintJson(*doc);
  } else {
    PrintDocument(*doc);
  }
  return kExitDone;
}

void AddSearch(CLI::App& app, Cli& cli) {
  CLI::App* search = app.add_subcommand(
      "search",
      "Paragraphs matching a query: a question in plain words by default "
      "(most of its words must match; paragraphs with more of them rank "
      "higher), or the query language (docs/query-language.md): \"phrases\", "
      "AND, OR, NOT, (), prefix*, -exclusion, field:value");
  auto options = std::make_shared<SearchOptions>();
  SetUsage(*search, "[flags] [--] QUERY...");
  // The query's words are collected as extras rather than a positional:
  // CLI11 takes a word starting with '-' (an exclusion, -japan; or a quoted
  // query '-japan abduct*') for a flag, and would keep it apart from the
  // other words. As extras, all come in the order given.
  search->allow_extras();
  search->add_option("--limit", options->limit, "Hits per page (at most 100)")
      ->capture_default_str();
  search->add_option("--page_token", options->page_token,
                     "Page to show, from a previous search");
  search
      ->add_option("--facets", options->facets,
                   "Facets to count beside the hits, comma-separated: " +
                       absl::StrJoin(schema::FacetNames(), ", "))
      ->delimiter(',');
  search->add_flag("--all", options->all,
                   "Stream every hit, one per line (citation, score, "
                   "section; with --format=json one JSON object a line), "
                   "for exports; --limit and --page_token are ignored");
  search->add_flag("--any", options->any,
                   "Juxtaposed words are alternatives (OR), strictly");
  search->add_flag("--all_words", options->all_words,
                   "Every word must match (strict AND; also --all-words)");
  search
      ->add_option("--language", options->language,
                   "Language of the query's words (BCP 47)")
      ->capture_default_str();
  AddClientOptions(*search, cli.global);
  search->footer(absl::StrCat(
      "Search fields (field:value): ",
      absl::StrJoin(schema::FieldNames(), ", "),
      "\n\nExamples:\n"
      "  rapporteur search how many tons of food aid arrived\n"
      "  rapporteur search --all-words food aid tons\n"
      "  rapporteur search 'torture country:PRK' --facets=theme,year\n"
      "  rapporteur search abduct* -japan       # -japan: an exclusion\n"
      "  rapporteur search '-japan abduct*'     # quoted, starting with -\n"
      "  rapporteur search -- abduct* -japan    # after --, all is query\n"
      "  rapporteur search food --all --format=json > hits.ndjson"));
  SetAction(*search, cli, [search, &cli, options] {
    SearchOptions given = *options;
    given.words = search->remaining();
    given.words.insert(given.words.end(), cli.query_after_dashes.begin(),
                       cli.query_after_dashes.end());
    return RunSearch(*search, cli.global, given);
  });
}

}  // namespace

void AddSearchCommands(CLI::App& app, Cli& cli) {
  AddSearch(app, cli);

  CLI::App* get = app.add_subcommand(
      "get", "A document or a paragraph by its resource name");
  auto name = std::make_shared<std::string>();
  get->add_option("NAME", *name, "documents/ID or documents/ID/paragraphs/N")
      ->required();
  AddClientOptions(*get, cli.global);
  get->footer(
      "Examples:\n"
      "  rapporteur get documents/a-hrc-7-20\n"
      "  rapporteur get documents/a-hrc-7-20/paragraphs/49 --format=json");
  SetAction(*get, cli, [&cli, name] { return RunGet(cli.global, *name); });

  CLI::App* cite = app.add_subcommand(
      "cite",
      "A paragraph by its citation: a symbol and a number, or the "
      "citation as written");
  auto citation = std::make_shared<std::string>();
  auto paragraph = std::make_shared<std::string>();
  SetUsage(*cite, "[flags] SYMBOL PARAGRAPH | \"CITATION\"");
  cite->add_option("SYMBOL", *citation,
                   "A document symbol (A/HRC/7/20), or a whole citation "
                   "(\"A/HRC/7/20, para. 16\")")
      ->required();
  cite->add_option("PARAGRAPH", *paragraph, "The paragraph's number");
  AddClientOptions(*cite, cli.global);
  cite->footer(
      "Examples:\n"
      "  rapporteur cite A/HRC/7/20 16\n"
      "  rapporteur cite \"A/HRC/7/20, para. 16\"");
  SetAction(*cite, cli, [&cli, citation, paragraph] {
    return RunCite(cli.global, *citation, *paragraph);
  });
}

}  // namespace rapporteur::cli
