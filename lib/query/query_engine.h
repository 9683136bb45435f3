#ifndef RAPPORTEUR_LIB_QUERY_QUERY_ENGINE_H_
#define RAPPORTEUR_LIB_QUERY_QUERY_ENGINE_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "lib/routing/shard.h"
#include "rapporteur/internal/v1/shard.pb.h"
#include "rapporteur/v1/document.pb.h"
#include "rapporteur/v1/query.pb.h"

namespace rapporteur::query {

struct QueryEngineConfig {
  int default_page_size = 10;
  int max_page_size = 100;
};

// Answers searches and lookups over a set of storage shards: analyzes the
// query, asks every shard for its best hits, merges them by score, and adds
// snippets and citations.
//
// Thread-safe. Does not own the shards.
class QueryEngine {
 public:
  QueryEngine(std::vector<storage::Shard*> shards,
              QueryEngineConfig config = {});

  // Paragraphs matching the query, best BM25 score first, with facets.
  // Pages resume after the last hit of the previous page with the
  // statistics and shard sequences of the first page, so they neither
  // repeat nor skip hits while documents are added. INVALID_ARGUMENT for a
  // query that does not parse (with its column) or a bad page_token; a
  // shard down leaves its hits out and names it in unavailable_shards,
  // unless require_all_shards.
  //
  // The search answers by the thread's CurrentDeadline() (call_scope.h;
  // the query service sets the caller's): its statistics round has a third
  // of the time left, its search round the rest, less a little for the
  // merge. A shard that has not answered a round by then (hung, or slower
  // than the caller can wait; a replicated partition is first hedged to
  // another replica) is left out as if down, DEADLINE_EXCEEDED named in
  // unavailable_shards; one late for the statistics is not asked again.
  absl::StatusOr<v1::SearchResponse> Search(
      const v1::SearchRequest& request) const;

  // Every hit of the search, best first, to `emit` until it returns false
  // (CANCELLED then). Every shard must answer.
  absl::Status StreamSearch(
      const v1::StreamSearchRequest& request,
      const std::function<bool(v1::SearchHit)>& emit) const;

  // The document, from the shard owning it; NOT_FOUND when absent.
  absl::StatusOr<v1::Document> GetDocument(
      const v1::GetDocumentRequest& request) const;

  // One paragraph, by name or citation, with the notes it calls resolved;
  // NOT_FOUND when absent.
  absl::StatusOr<v1::Paragraph> GetParagraph(
      const v1::GetParagraphRequest& request) const;

  // Records of every document, in document order, filtered and paged.
  // With filter.recurring, only the recommendations that repeat an earlier
  // one to the same addressee, each with its lineage; its pages are full
  // (page_size recommendations) but the last, and a next_page_token is
  // returned only when another recurring recommendation follows.
  absl::StatusOr<v1::ListRecommendationsResponse> ListRecommendations(
      const v1::ListRecommendationsRequest& request) const;
  absl::StatusOr<v1::ListCommunicationsResponse> ListCommunications(
      const v1::ListCommunicationsRequest& request) const;
  absl::StatusOr<v1::ListVisitsResponse> ListVisits(
      const v1::ListVisitsRequest& request) const;
  absl::StatusOr<v1::ListFiguresResponse> ListFigures(
      const v1::ListFiguresRequest& request) const;

 private:
  // A search request checked, compiled, and resumed from its token.
  struct PreparedSearch {
    internal::v1::QueryNode query;
    absl::flat_hash_set<std::string> highlight;  // terms to mark in snippets
    std::vector<std::string> prefixes;           // and terms starting so
    std::string context;                         // what tokens are bound to
    internal::v1::SearchCursor
        cursor;  // stats, sequences and last hit (if resumed)
    bool resumed = false;
    // Per shard, the log sequence a replica must have applied to answer
    // (the request's consistency_token; empty: none).
    std::vector<uint64_t> min_log_sequences;
    // Per shard (or empty), DEADLINE_EXCEEDED when it did not answer the
    // statistics round in time: the search round does not ask it.
    std::vector<absl::Status> late;
  };
  absl::StatusOr<PreparedSearch> Prepare(
      const v1::SearchRequest& request) const;
  // Statistics of `query` summed over the shards that answer by
  // `deadline`; in *late (when not null) the DEADLINE_EXCEEDED of each
  // shard that did not answer in time.
  absl::StatusOr<internal::v1::CollectionStats> GlobalStats(
      const PreparedSearch& prepared, bool require_all_shards,
      absl::Time deadline, std::vector<absl::Status>* late) const;
  internal::v1::SearchShardRequest ShardRequest(
      const PreparedSearch& prepared, size_t shard, int32_t limit,
      const v1::SearchRequest& request) const;

  // ListRecommendations with filter.recurring: reads the shards' pages
  // until a page of recurring ones is full or the records are exhausted.
  absl::StatusOr<v1::ListRecommendationsResponse> ListRecurringRecommendations(
      const v1::ListRecommendationsRequest& request) const;

  storage::Shard* ShardOf(const std::string& doc_id) const;

  const std::vector<storage::Shard*> shards_;
  const QueryEngineConfig config_;
};

}  // namespace rapporteur::query

#endif  // RAPPORTEUR_LIB_QUERY_QUERY_ENGINE_H_
