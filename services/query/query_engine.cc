#include "services/query/query_engine.h"

#include <algorithm>
#include <future>
#include <tuple>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "services/analysis/analyzer.h"
#include "services/common/resource_names.h"
#include "services/common/status_macros.h"
#include "services/query/page_token.h"
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
  for (auto& future : pending) {
    absl::StatusOr<v1::SearchShardResponse> response = future.get();
    if (!response.ok()) {
      if (failed.ok()) {
        failed = response.status();
      }
      continue;
    }
    total += response->total_matches();
    for (v1::ShardHit& hit : *response->mutable_hits()) {
      merged.push_back(std::move(hit));
    }
  }
  ABSL_RETURN_IF_ERROR(failed);
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
  ABSL_ASSIGN_OR_RETURN(ParagraphRef ref, ParseParagraphName(request.name()));
  if (shards_.empty()) {
    return absl::FailedPreconditionError("no storage shard is configured");
  }
  return ShardOf(ref.document_id)->GetParagraph(request);
}

}  // namespace rapporteur::query
