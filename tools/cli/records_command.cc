// `rapporteur recommendations|communications|visits|figures [--filters]`
#include <iostream>

#include "absl/flags/declare.h"
#include "absl/flags/flag.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "lib/schema/resource_names.h"
#include "tools/cli/client_flags.h"
#include "tools/cli/commands.h"

ABSL_DECLARE_FLAG(int, limit);
ABSL_DECLARE_FLAG(std::string, page_token);
ABSL_DECLARE_FLAG(std::string, country);  // with ingest: the document's

ABSL_FLAG(std::string, document, "",
          "Only records of this document (documents/ID or a symbol)");
ABSL_FLAG(
    std::string, addressee, "",
    "Recommendations to this ISO3 code or body (international community)");
ABSL_FLAG(std::string, recommended_by, "",
          "Recommendations made by this State (ISO3)");
ABSL_FLAG(std::string, theme, "", "Recommendations with this theme");
ABSL_FLAG(std::string, response, "",
          "Recommendations the State under review answered so: supported, "
          "noted, rejected or to_be_examined");
ABSL_FLAG(bool, recurring, false,
          "Only recommendations repeating an earlier one to the same State, "
          "with their lineage");
ABSL_FLAG(int, from_year, 0, "First year (inclusive)");
ABSL_FLAG(int, to_year, 0, "Last year (inclusive)");

namespace rapporteur::cli {
namespace {

// "to_be_examined" as RECOMMENDATION_RESPONSE_TO_BE_EXAMINED; "" as
// UNSPECIFIED (no filter).
absl::StatusOr<v1::RecommendationResponse> ResponseFromFlag() {
  std::string flag = absl::GetFlag(FLAGS_response);
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

v1::RecordFilter FilterFromFlags() {
  v1::RecordFilter filter;
  std::string document = absl::GetFlag(FLAGS_document);
  if (!document.empty() && document.rfind("documents/", 0) != 0) {
    document = DocumentName(DocumentIdFromSymbol(document));  // a symbol
  }
  filter.set_document(document);
  filter.set_country(absl::GetFlag(FLAGS_country));
  filter.set_addressee(absl::GetFlag(FLAGS_addressee));
  filter.set_recommended_by(absl::GetFlag(FLAGS_recommended_by));
  filter.set_theme(absl::GetFlag(FLAGS_theme));
  filter.set_start_year(absl::GetFlag(FLAGS_from_year));
  filter.set_end_year(absl::GetFlag(FLAGS_to_year));
  filter.set_recurring(absl::GetFlag(FLAGS_recurring));
  return filter;
}

template <typename Request>
Request ListRequest() {
  Request request;
  *request.mutable_filter() = FilterFromFlags();
  request.set_page_size(absl::GetFlag(FLAGS_limit));
  request.set_page_token(absl::GetFlag(FLAGS_page_token));
  return request;
}

void PrintMore(const std::string& token) {
  if (!token.empty()) {
    std::cout << "\nMore: --page_token=" << token << "\n";
  }
}

template <typename Response, typename Print>
int Show(const absl::StatusOr<Response>& response, Print print) {
  if (!response.ok()) {
    return Fail(response.status());
  }
  if (absl::GetFlag(FLAGS_format) == "json") {
    PrintJson(*response);
    return 0;
  }
  print(*response);
  PrintMore(response->next_page_token());
  return 0;
}

}  // namespace

int RunRecords(const std::string& kind, const std::vector<std::string>& args) {
  if (!args.empty()) {
    std::cerr << "usage: rapporteur " << kind
              << " [--document=D --country=ISO3 --addressee=A --recommended_by="
                 "ISO3 --theme=T --from_year=Y --to_year=Y --limit=N"
                 " --response=R --recurring]\n";
    return 2;
  }
  auto client = ClientFromFlags();
  if (!client.ok()) {
    return Fail(client.status());
  }
  Client& c = **client;
  if (kind == "recommendations") {
    auto request = ListRequest<v1::ListRecommendationsRequest>();
    auto response = ResponseFromFlag();
    if (!response.ok()) {
      return Fail(response.status());
    }
    request.mutable_filter()->set_response(*response);
    return Show(c.ListRecommendations(request),
                [](const v1::ListRecommendationsResponse& r) {
                  for (const v1::Recommendation& x : r.recommendations()) {
                    PrintRecommendation(x);
                  }
                });
  }
  if (kind == "communications") {
    return Show(
        c.ListCommunications(ListRequest<v1::ListCommunicationsRequest>()),
        [](const v1::ListCommunicationsResponse& r) {
          for (const v1::Communication& x : r.communications()) {
            std::cout << absl::StrFormat(
                "%s  sent %s to %s  %s\n   %s\n", x.citation(), x.sent(),
                x.recipient(), v1::Reply_Name(x.reply()), x.summary());
          }
        });
  }
  if (kind == "visits") {
    return Show(c.ListVisits(ListRequest<v1::ListVisitsRequest>()),
                [](const v1::ListVisitsResponse& r) {
                  for (const v1::Visit& x : r.visits()) {
                    std::cout
                        << absl::StrFormat("%s  %s  %s..%s\n", x.citation(),
                                           x.country(), x.start(), x.end());
                  }
                });
  }
  return Show(c.ListFigures(ListRequest<v1::ListFiguresRequest>()),
              [](const v1::ListFiguresResponse& r) {
                for (const v1::Figure& x : r.figures()) {
                  std::cout << absl::StrFormat(
                      "%s  %.15g %s  %s%s  \"%s\"\n", x.citation(), x.value(),
                      x.unit(), x.subject(),
                      x.period().empty() ? "" : "  (" + x.period() + ")",
                      x.source_text());
                }
              });
}

}  // namespace rapporteur::cli
