#ifndef RAPPORTEUR_LIB_STORAGE_INDEX_SEARCHER_H_
#define RAPPORTEUR_LIB_STORAGE_INDEX_SEARCHER_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "lib/storage/index/doc_iterator.h"
#include "rapporteur/internal/v1/shard.pb.h"

namespace rapporteur::storage::index {

// Best hits of a shard for one query, and what was counted on the way.
struct ShardSearchResult {
  // (score, id), best first: higher score, then lower id.
  std::vector<std::pair<double, ParagraphId>> hits;
  int64_t total_matches = 0;
  // Whole blocks were skipped (block-max WAND), so total_matches counts
  // only the paragraphs looked at.
  bool total_is_lower_bound = false;
  std::vector<v1::FacetCount> facets;
};

// Runs request.query over the index `context` reads, scoring with
// request.stats (document frequencies missing from it are this shard's):
// builds an iterator tree, then collects the top
// request.limit hits. A query made only of terms and filters, without
// facets, skips blocks that cannot reach the current top hits; any other
// query visits every match.
//
// INVALID_ARGUMENT for a malformed query node or a prefix matching more
// than the allowed number of terms; DATA_LOSS for a corrupt block.
absl::StatusOr<ShardSearchResult> SearchIndex(
    SearchContext* context, const internal::v1::SearchShardRequest& request);

// The statistics BM25 needs of this shard for `request.query`: live
// paragraphs and tokens, and the document frequency of each term.
absl::StatusOr<internal::v1::CollectionStats> CountCollectionStats(
    SearchContext* context,
    const internal::v1::GetCollectionStatsRequest& request);

// Default and ceiling of the terms a prefix expands to.
inline constexpr int kDefaultMaxPrefixTerms = 256;
inline constexpr int kMaxPrefixTermsCeiling = 4096;

}  // namespace rapporteur::storage::index

#endif  // RAPPORTEUR_LIB_STORAGE_INDEX_SEARCHER_H_
