#ifndef RAPPORTEUR_SERVICES_QUERY_QUERY_ENGINE_H_
#define RAPPORTEUR_SERVICES_QUERY_QUERY_ENGINE_H_

#include <vector>

#include "absl/status/statusor.h"
#include "rapporteur/v1/document.pb.h"
#include "rapporteur/v1/query.pb.h"
#include "services/storage/shard.h"

namespace rapporteur::query {

struct QueryEngineConfig {
  int default_page_size = 10;
  int max_page_size = 100;
  // Deepest hit a search may page to: each page asks every shard for all
  // hits up to its end.
  int max_offset = 10000;
};

// Answers searches and lookups over a set of storage shards: analyzes the
// query, asks every shard for its best hits, merges them by score, and adds
// snippets and citations.
//
// Thread-safe. Does not own the shards.
class QueryEngine {
 public:
  QueryEngine(std::vector<storage::Shard*> shards, QueryEngineConfig config = {});

  // Paragraphs holding every word of the query, best BM25 score first.
  // INVALID_ARGUMENT for a query without searchable words or a bad
  // page_token; a shard's error ends the search with that error.
  absl::StatusOr<v1::SearchResponse> Search(const v1::SearchRequest& request) const;

  // The document, from the shard owning it; NOT_FOUND when absent.
  absl::StatusOr<v1::Document> GetDocument(
      const v1::GetDocumentRequest& request) const;

  // One paragraph, by name or citation, with the notes it calls resolved;
  // NOT_FOUND when absent.
  absl::StatusOr<v1::Paragraph> GetParagraph(
      const v1::GetParagraphRequest& request) const;

  // Records of every document, in document order, filtered and paged.
  absl::StatusOr<v1::ListRecommendationsResponse> ListRecommendations(
      const v1::ListRecommendationsRequest& request) const;
  absl::StatusOr<v1::ListCommunicationsResponse> ListCommunications(
      const v1::ListCommunicationsRequest& request) const;
  absl::StatusOr<v1::ListVisitsResponse> ListVisits(
      const v1::ListVisitsRequest& request) const;
  absl::StatusOr<v1::ListFiguresResponse> ListFigures(
      const v1::ListFiguresRequest& request) const;

 private:
  storage::Shard* ShardOf(const std::string& doc_id) const;

  const std::vector<storage::Shard*> shards_;
  const QueryEngineConfig config_;
};

}  // namespace rapporteur::query

#endif  // RAPPORTEUR_SERVICES_QUERY_QUERY_ENGINE_H_
