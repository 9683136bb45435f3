#include "services/query/query_engine.h"

#include <algorithm>
#include <future>
#include <tuple>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "services/analysis/analyzer.h"
#include "services/common/resource_names.h"
#include "services/common/status_macros.h"
#include "services/query/citation.h"
#include "services/query/page_token.h"
#include "services/query/record_lister.h"
#include "services/query/snippet.h"

namespace rapporteur::query {
namespace {

constexpr size_t kMaxQueryBytes = 4096;
constexpr int kMaxQueryTerms = 32;

// "documents/x" of the paragraph "documents/x/paragraphs/n".
absl::string_view DocumentOf(const v1::Paragraph& paragraph) {
  absl::string_view name = paragraph.name();
  return name.substr(0, name.find("/paragraphs/"));
}

v1::SearchHit ToSearchHit(const v1::ShardHit& shard_hit,
                          const absl::flat_hash_set<std::string>& terms) {
  const v1::Paragraph& paragraph = shard_hit.paragraph();
  v1::SearchHit hit;
  hit.set_paragraph(paragraph.name());
  hit.set_document(std::string(DocumentOf(paragraph)));
  hit.set_symbol(shard_hit.symbol());
  hit.set_title(shard_hit.title());
  hit.set_date(shard_hit.date());
  hit.set_paragraph_number(paragraph.number());
  hit.set_section(paragraph.section());
  hit.set_citation(paragraph.citation());
  hit.set_score(shard_hit.score());
  hit.set_snippet(MakeSnippet(paragraph.text(), terms));
  return hit;
}

// Puts in paragraph->notes the notes it calls, and the notes those repeat
// ("Ibid.", "note 3 above"), each once, in call order.
void ResolveNotes(const v1::Document& document, v1::Paragraph* paragraph) {
  absl::flat_hash_map<int, const v1::Footnote*> by_number;
  for (const v1::Footnote& note : document.footnotes()) {
    by_number[note.number()] = &note;
  }
  absl::flat_hash_set<int> added;
  for (int number : paragraph->footnotes()) {
    // A chain of repeats is short; the bound guards against a cycle.
    for (int hops = 0; hops < 8 && number != 0 && added.insert(number).second;
         ++hops) {
      auto found = by_number.find(number);
      if (found == by_number.end()) {
        break;
      }
      *paragraph->add_notes() = *found->second;
      number = found->second->same_as();
    }
  }
}

}  // namespace

QueryEngine::QueryEngine(std::vector<storage::Shard*> shards,
                         QueryEngineConfig config)
    : shards_(std::move(shards)), config_(config) {}

storage::Shard* QueryEngine::ShardOf(const std::string& doc_id) const {
  return shards_[storage::ShardFor(doc_id, shards_.size())];
}

absl::StatusOr<v1::SearchResponse> QueryEngine::Search(
    const v1::SearchRequest& request) const {
  if (shards_.empty()) {
    return absl::FailedPreconditionError("no storage shard is configured");
  }
  if (request.query().size() > kMaxQueryBytes) {
    return absl::InvalidArgumentError(absl::StrCat(
        "query is ", request.query().size(), " bytes; the limit is ",
        kMaxQueryBytes));
  }
  if (!analysis::IsValidUtf8(request.query())) {
    return absl::InvalidArgumentError("query is not valid UTF-8");
  }
  if (request.page_size() < 0) {
    return absl::InvalidArgumentError("page_size must not be negative");
  }
  const std::vector<std::string> analyzed =
      analysis::AnalyzeTerms(request.query());
  if (analyzed.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "query '", request.query(), "' has no searchable word"));
  }
  const absl::flat_hash_set<std::string> terms(analyzed.begin(), analyzed.end());
  if (terms.size() > kMaxQueryTerms) {
    return absl::InvalidArgumentError(absl::StrCat(
        "query has ", terms.size(), " distinct words; the limit is ",
        kMaxQueryTerms));
  }
  ABSL_ASSIGN_OR_RETURN(int64_t offset,
                        DecodePageToken(request.page_token(), request.query()));
  const int page_size =
      request.page_size() == 0
          ? config_.default_page_size
          : std::min(request.page_size(), config_.max_page_size);
  if (offset + page_size > config_.max_offset) {
    return absl::InvalidArgumentError(absl::StrCat(
        "page_token reaches past hit ", config_.max_offset,
        ", the deepest a search pages to"));
  }

  // Every shard returns its best offset + page_size hits: enough for the
  // merged page whatever the spread of hits across shards.
  v1::SearchShardRequest shard_request;
  for (const std::string& term : terms) {
    shard_request.add_terms(term);
  }
  shard_request.set_limit(static_cast<int32_t>(offset + page_size));
  std::vector<std::future<absl::StatusOr<v1::SearchShardResponse>>> pending;
  for (storage::Shard* shard : shards_) {
    pending.push_back(std::async(std::launch::async, [shard, &shard_request] {
      return shard->SearchShard(shard_request);
    }));
  }
  std::vector<v1::ShardHit> merged;
  int64_t total = 0;
  absl::Status failed;
  std::vector<std::string> unavailable;
  for (size_t i = 0; i < pending.size(); ++i) {
    absl::StatusOr<v1::SearchShardResponse> response = pending[i].get();
    if (!response.ok()) {
      if (failed.ok()) {
        failed = response.status();
      }
      unavailable.push_back(absl::StrCat("shard ", i, " (",
                                         shards_[i]->Describe(), "): ",
                                         response.status().message()));
      continue;
    }
    total += response->total_matches();
    for (v1::ShardHit& hit : *response->mutable_hits()) {
      merged.push_back(std::move(hit));
    }
  }
  // A shard that fails fails the search when the caller asks for all, or
  // when no shard answered; else the others' hits come back, marked.
  if (!failed.ok() &&
      (request.require_all_shards() || unavailable.size() == shards_.size())) {
    return failed;
  }
  // Best score first; ties in document order, so pages are stable.
  std::sort(merged.begin(), merged.end(),
            [](const v1::ShardHit& a, const v1::ShardHit& b) {
              return std::make_tuple(-a.score(), DocumentOf(a.paragraph()),
                                     a.paragraph().ordinal()) <
                     std::make_tuple(-b.score(), DocumentOf(b.paragraph()),
                                     b.paragraph().ordinal());
            });

  v1::SearchResponse response;
  response.set_total_size(total);
  *response.mutable_unavailable_shards() = {unavailable.begin(),
                                            unavailable.end()};
  const size_t end =
      std::min(merged.size(), static_cast<size_t>(offset + page_size));
  for (size_t i = static_cast<size_t>(offset); i < end; ++i) {
    *response.add_hits() = ToSearchHit(merged[i], terms);
  }
  if (offset + page_size < total) {
    response.set_next_page_token(
        EncodePageToken(offset + page_size, request.query()));
  }
  return response;
}

absl::StatusOr<v1::Document> QueryEngine::GetDocument(
    const v1::GetDocumentRequest& request) const {
  ABSL_ASSIGN_OR_RETURN(std::string id, ParseDocumentName(request.name()));
  if (shards_.empty()) {
    return absl::FailedPreconditionError("no storage shard is configured");
  }
  return ShardOf(id)->GetDocument(request);
}

absl::StatusOr<v1::Paragraph> QueryEngine::GetParagraph(
    const v1::GetParagraphRequest& request) const {
  if (request.name().empty() == request.citation().empty()) {
    return absl::InvalidArgumentError(
        "give the paragraph's name or its citation, one of the two");
  }
  v1::GetParagraphRequest by_name = request;
  if (!request.citation().empty()) {
    ABSL_ASSIGN_OR_RETURN(*by_name.mutable_name(),
                          ParagraphNameOfCitation(request.citation()));
    by_name.clear_citation();
  }
  ABSL_ASSIGN_OR_RETURN(ParagraphRef ref, ParseParagraphName(by_name.name()));
  if (shards_.empty()) {
    return absl::FailedPreconditionError("no storage shard is configured");
  }
  storage::Shard* shard = ShardOf(ref.document_id);
  ABSL_ASSIGN_OR_RETURN(v1::Paragraph paragraph, shard->GetParagraph(by_name));
  if (paragraph.footnotes_size() == 0) {
    return paragraph;
  }
  v1::GetDocumentRequest get;
  get.set_name(DocumentName(ref.document_id));
  get.set_summary_only(true);
  ABSL_ASSIGN_OR_RETURN(v1::Document document, shard->GetDocument(get));
  ResolveNotes(document, &paragraph);
  return paragraph;
}

namespace {

// One page of records of `kind` as a List response: `take` moves each
// record's message into the response.
template <typename Response, typename Request, typename Take>
absl::StatusOr<Response> ListAs(const std::vector<storage::Shard*>& shards,
                                v1::RecordKind kind, const Request& request,
                                Take take) {
  ABSL_ASSIGN_OR_RETURN(RecordPage page,
                        ListRecords(shards, kind, request.filter(),
                                    request.page_size(), request.page_token()));
  Response response;
  for (v1::Record& record : page.records) {
    take(record, &response);
  }
  response.set_next_page_token(page.next_page_token);
  return response;
}

}  // namespace

absl::StatusOr<v1::ListRecommendationsResponse>
QueryEngine::ListRecommendations(
    const v1::ListRecommendationsRequest& request) const {
  return ListAs<v1::ListRecommendationsResponse>(
      shards_, v1::RECORD_KIND_RECOMMENDATION, request,
      [](v1::Record& record, v1::ListRecommendationsResponse* response) {
        *response->add_recommendations() =
            std::move(*record.mutable_recommendation());
      });
}

absl::StatusOr<v1::ListCommunicationsResponse> QueryEngine::ListCommunications(
    const v1::ListCommunicationsRequest& request) const {
  return ListAs<v1::ListCommunicationsResponse>(
      shards_, v1::RECORD_KIND_COMMUNICATION, request,
      [](v1::Record& record, v1::ListCommunicationsResponse* response) {
        *response->add_communications() =
            std::move(*record.mutable_communication());
      });
}

absl::StatusOr<v1::ListVisitsResponse> QueryEngine::ListVisits(
    const v1::ListVisitsRequest& request) const {
  return ListAs<v1::ListVisitsResponse>(
      shards_, v1::RECORD_KIND_VISIT, request,
      [](v1::Record& record, v1::ListVisitsResponse* response) {
        *response->add_visits() = std::move(*record.mutable_visit());
      });
}

absl::StatusOr<v1::ListFiguresResponse> QueryEngine::ListFigures(
    const v1::ListFiguresRequest& request) const {
  return ListAs<v1::ListFiguresResponse>(
      shards_, v1::RECORD_KIND_FIGURE, request,
      [](v1::Record& record, v1::ListFiguresResponse* response) {
        *response->add_figures() = std::move(*record.mutable_figure());
      });
}

}  // namespace rapporteur::query
