// `rapporteur recommendations|communications|visits|figures [--filters]`
#include <iostream>
#include <memory>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "lib/schema/resource_names.h"
#include "tools/cli/commands.h"
#include "tools/cli/output.h"

namespace rapporteur::cli {
namespace {

// The filters of every kind of record; --response and --recurring are
// recommendations' only.
struct RecordsOptions {
  std::string document;
  std::string country;
  std::string addressee;
  std::string recommended_by;
  std::string theme;
  std::string response;
  bool recurring = false;
  int from_year = 0;
  int to_year = 0;
  int limit = 10;
  std::string page_token;
};

// "to_be_examined" as RECOMMENDATION_RESPONSE_TO_BE_EXAMINED; "" as
// UNSPECIFIED (no filter).
absl::StatusOr<v1::RecommendationResponse> ResponseFromFlag(
    const std::string& flag) {
  if (flag.empty()) {
    return v1::RECOMMENDATION_RESPONSE_UNSPECIFIED;
  }
  v1::RecommendationResponse response;
  if (!v1::RecommendationResponse_Parse(
          absl::StrCat("RECOMMENDATION_RESPONSE_", absl::AsciiStrToUpper(flag)),
          &response) ||
      response == v1::RECOMMENDATION_RESPONSE_UNSPECIFIED) {
    return absl::InvalidArgumentError(
        absl::StrCat("--response=", flag,
                     ": one of supported, noted, rejected, to_be_examined"));
  }
  return response;
}

// "supported" for RECOMMENDATION_RESPONSE_SUPPORTED; "" for UNSPECIFIED.
std::string ResponseLabel(v1::RecommendationResponse response) {
  if (response == v1::RECOMMENDATION_RESPONSE_UNSPECIFIED) {
    return "";
  }
  std::string label(absl::StripPrefix(v1::RecommendationResponse_Name(response),
                                      "RECOMMENDATION_RESPONSE_"));
  absl::AsciiStrToLower(&label);
  return label;
}

// The citation of an item of a list: "A/HRC/8/39, para. 56.3" for item 3
// of paragraph 56 cited "A/HRC/8/39, para. 56", as the Universal Periodic
// Review numbers its items; "CITATION (item k)" when the citation names no
// numbered paragraph; the citation alone when the item is not known.
std::string ItemCitation(const std::string& citation, int paragraph, int item) {
  if (item <= 0) {
    return citation;
  }
  if (paragraph > 0 &&
      absl::EndsWith(citation, absl::StrCat(", para. ", paragraph))) {
    return absl::StrCat(citation, ".", item);
  }
  return absl::StrCat(citation, " (item ", item, ")");
}

// "A/HRC/22/9, para. 108.10  to BEN  by FRA  supported  [themes]", its
// text, then a line per earlier recommendation it repeats:
// "<- 2008 A/HRC/8/39, para. 56.13 (to_be_examined, similarity 0.53): text".
void PrintRecommendation(const v1::Recommendation& x) {
  std::string answer = ResponseLabel(x.response());
  std::cout << absl::StrFormat(
      "%s  to %s%s%s%s\n   %s\n",
      ItemCitation(x.citation(), x.paragraph(), x.item()), x.addressee(),
      x.recommended_by().empty()
          ? ""
          : "  by " + absl::StrJoin(x.recommended_by(), ","),
      answer.empty() ? "" : "  " + answer,
      x.themes().empty() ? "" : "  [" + absl::StrJoin(x.themes(), ", ") + "]",
      x.text());
  for (const v1::RecommendationLink& link : x.lineage()) {
    std::string earlier = ResponseLabel(link.response());
    std::cout << absl::StrFormat(
        "   <- %d %s (%ssimilarity %.2f): %s\n", link.year(),
        ItemCitation(link.citation(), link.paragraph(), link.item()),
        earlier.empty() ? "" : earlier + ", ", link.similarity(), link.text());
  }
}

v1::RecordFilter FilterFrom(const RecordsOptions& options) {
  v1::RecordFilter filter;
  std::string document = options.document;
  if (!document.empty() && document.rfind("documents/", 0) != 0) {
    document = DocumentName(DocumentIdFromSymbol(document));  // a symbol
  }
  filter.set_document(document);
  filter.set_country(options.country);
  filter.set_addressee(options.addressee);
  filter.set_recommended_by(options.recommended_by);
  filter.set_theme(options.theme);
  filter.set_start_year(options.from_year);
  filter.set_end_year(options.to_year);
  filter.set_recurring(options.recurring);
  return filter;
}

template <typename Request>
Request ListRequest(const RecordsOptions& options) {
  Request request;
  *request.mutable_filter() = FilterFrom(options);
  request.set_page_size(options.limit);
  request.set_page_token(options.page_token);
  return request;
}

void PrintMore(const std::string& token) {
  if (!token.empty()) {
    std::cout << "\nMore: --page_token=" << token << "\n";
  }
}

template <typename Response, typename Print>
int Show(const GlobalOptions& global, const absl::StatusOr<Response>& response,
         Print print) {
  if (!response.ok()) {
    return Fail(response.status());
  }
  if (global.json()) {
    PrintJson(*response);
    return 0;
  }
  print(*response);
  PrintMore(response->next_page_token());
  return 0;
}

int RunRecords(const std::string& kind, const GlobalOptions& global,
               const RecordsOptions& options) {
  auto client = MakeClientFor(global, DataUse::kRead);
  if (!client.ok()) {
    return Fail(client.status());
  }
  Client& c = **client;
  if (kind == "recommendations") {
    auto request = ListRequest<v1::ListRecommendationsRequest>(options);
    auto response = ResponseFromFlag(options.response);
    if (!response.ok()) {
      return Fail(response.status());
    }
    request.mutable_filter()->set_response(*response);
    return Show(global, c.ListRecommendations(request),
                [](const v1::ListRecommendationsResponse& r) {
                  for (const v1::Recommendation& x : r.recommendations()) {
                    PrintRecommendation(x);
                  }
                });
  }
  if (kind == "communications") {
    return Show(global,
                c.ListCommunications(
                    ListRequest<v1::ListCommunicationsRequest>(options)),
                [](const v1::ListCommunicationsResponse& r) {
                  for (const v1::Communication& x : r.communications()) {
                    std::cout << absl::StrFormat(
                        "%s  sent %s to %s  %s\n   %s\n", x.citation(),
                        x.sent(), x.recipient(), v1::Reply_Name(x.reply()),
                        x.summary());
                  }
                });
  }
  if (kind == "visits") {
    return Show(
        global, c.ListVisits(ListRequest<v1::ListVisitsRequest>(options)),
        [](const v1::ListVisitsResponse& r) {
          for (const v1::Visit& x : r.visits()) {
            std::cout << absl::StrFormat("%s  %s  %s..%s\n", x.citation(),
                                         x.country(), x.start(), x.end());
          }
        });
  }
  return Show(
      global, c.ListFigures(ListRequest<v1::ListFiguresRequest>(options)),
      [](const v1::ListFiguresResponse& r) {
        for (const v1::Figure& x : r.figures()) {
          std::cout << absl::StrFormat(
              "%s  %.15g %s  %s%s  \"%s\"\n", x.citation(), x.value(), x.unit(),
              x.subject(), x.period().empty() ? "" : "  (" + x.period() + ")",
              x.source_text());
        }
      });
}

void AddRecordsCommand(CLI::App& app, Cli& cli, const std::string& kind,
                       const std::string& description) {
  CLI::App* command = app.add_subcommand(kind, description);
  auto options = std::make_shared<RecordsOptions>();
  command->add_option("--document", options->document,
                      "Only records of this document (documents/ID or a "
                      "symbol)");
  command->add_option("--country", options->country,
                      "Only records concerning this country (ISO3)");
  command->add_option("--addressee", options->addressee,
                      "Recommendations to this ISO3 code or body "
                      "(international community)");
  command->add_option("--recommended_by", options->recommended_by,
                      "Recommendations made by this State (ISO3)");
  command->add_option("--theme", options->theme,
                      "Recommendations with this theme");
  command->add_option("--from_year", options->from_year,
                      "First year (inclusive)");
  command->add_option("--to_year", options->to_year, "Last year (inclusive)");
  command->add_option("--limit", options->limit, "Records per page")
      ->capture_default_str();
  command->add_option("--page_token", options->page_token,
                      "Page to show, from a previous listing");
  if (kind == "recommendations") {
    command
        ->add_option("--response", options->response,
                     "Recommendations the State under review answered so")
        ->check(CLI::IsMember(
            {"supported", "noted", "rejected", "to_be_examined"}));
    command->add_flag("--recurring", options->recurring,
                      "Only recommendations repeating an earlier one to the "
                      "same State, with their lineage");
  }
  AddClientOptions(*command, cli.global);
  command->footer(absl::StrCat(
      "Examples:\n  rapporteur ", kind, " --country=PRK --from_year=2008\n",
      kind == "recommendations"
          ? "  rapporteur recommendations --addressee=BEN --recurring\n"
            "  rapporteur recommendations --addressee=\"international "
            "community\" --limit=2"
          : absl::StrCat("  rapporteur ", kind,
                         " --document=A/HRC/7/20 --format=json")));
  SetAction(*command, cli, [kind, &cli, options] {
    return RunRecords(kind, cli.global, *options);
  });
}

}  // namespace

void AddRecordsCommands(CLI::App& app, Cli& cli) {
  AddRecordsCommand(app, cli, "recommendations",
                    "Recommendations of every document: to whom, by whom, "
                    "the answer, and the earlier ones they repeat");
  AddRecordsCommand(app, cli, "communications",
                    "Communications sent to States, and their replies");
  AddRecordsCommand(app, cli, "visits", "Country visits of the mandates");
  AddRecordsCommand(app, cli, "figures",
                    "Figures the documents report (value, unit, subject)");
}

}  // namespace rapporteur::cli
