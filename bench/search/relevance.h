#ifndef RAPPORTEUR_BENCH_SEARCH_RELEVANCE_H_
#define RAPPORTEUR_BENCH_SEARCH_RELEVANCE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace rapporteur::bench {

struct RelevanceConfig {
  std::string judged_dir;  // tests/data/judged
  std::string corpus_dir;  // holding A_HRC_7_20.txt and un/
  std::string work_dir;    // for the indexes; emptied per engine
  // Peers to measure beside Rapporteur: fts5, xapian, lucene.
  std::vector<std::string> peers;
};

// The relevance table of the judged set (tests/data/judged/README.md), in
// Markdown: its documents ingested through the embedded SDK, the peers
// indexing the same paragraphs under the same names; each question asked
// of Rapporteur as a caller's default request (and, for comparison, with
// default_operator OR), and of each peer as its words joined by its OR;
// MRR@10 and nDCG@10 per engine, then MRR@10 per kind of question. The
// error of a file, an ingest or an engine that fails.
absl::StatusOr<std::string> MeasureRelevance(const RelevanceConfig& config);

// The words of `question` for a peer's parser: runs of ASCII letters and
// digits (and of any non-ASCII bytes), so that no punctuation reaches a
// parser that would read it as syntax (Lucene's '?' is a wildcard), and
// AND/OR/NOT lower-cased so that none is read as an operator.
std::vector<std::string> PlainWords(const std::string& question);

}  // namespace rapporteur::bench

#endif  // RAPPORTEUR_BENCH_SEARCH_RELEVANCE_H_
