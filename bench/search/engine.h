#ifndef RAPPORTEUR_BENCH_SEARCH_ENGINE_H_
#define RAPPORTEUR_BENCH_SEARCH_ENGINE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "bench/search/corpus.h"
#include "bench/search/queries.h"
#include "rapporteur/v1/query.pb.h"

namespace rapporteur::bench {

// One search engine under test, indexing into its own folder. Not
// thread-safe unless ConcurrentQueries() says its queries are.
class SearchEngine {
 public:
  virtual ~SearchEngine() = default;

  // Name in the report, e.g. "SQLite FTS5 (synchronous=OFF)".
  virtual std::string name() const = 0;

  // Indexes `paragraphs` (ids 0..n-1, in order) and makes them durable as
  // the engine is configured to; searchable when it returns.
  virtual absl::Status Index(const std::vector<BenchParagraph>& paragraphs) = 0;

  // Ids of the best `k` paragraphs matching every word, phrase and filter
  // of `query` (any of its words when query.any), by the engine's own
  // ranking, best first. An error when the engine rejects the query.
  virtual absl::StatusOr<std::vector<uint32_t>> Query(const BenchQuery& query,
                                                      int k) = 0;

  // Bytes of the index on disk.
  virtual uint64_t IndexBytes() const = 0;

  // Bytes of the index on disk without the text it keeps to show hits;
  // nullopt when the engine cannot tell them apart.
  virtual std::optional<uint64_t> IndexBytesWithoutText() const {
    return std::nullopt;
  }

  // Whether Query() may be called from several threads at once, for the
  // multi-threaded QPS.
  virtual bool ConcurrentQueries() const { return false; }
};

// Bytes of the regular files under `dir`, recursively; 0 when missing.
uint64_t FolderBytes(const std::string& dir);

// The engine a --engines key names (fts5, fts5-full, xapian, lucene,
// rapporteur) over folder `dir`; INVALID_ARGUMENT for another key.
absl::StatusOr<std::unique_ptr<SearchEngine>> MakeEngine(
    const std::string& key, const std::string& dir,
    bool rapporteur_all_words = false);

// The engines, each over folder `dir` (created, and emptied first).
absl::StatusOr<std::unique_ptr<SearchEngine>> MakeFts5Engine(
    const std::string& dir, bool synchronous_full);
absl::StatusOr<std::unique_ptr<SearchEngine>> MakeXapianEngine(
    const std::string& dir);
absl::StatusOr<std::unique_ptr<SearchEngine>> MakeLuceneEngine(
    const std::string& dir);
// Rapporteur's Store and QueryEngine in this process, one document of
// kParagraphsPerDocument paragraphs per durable write. The store stays in
// `dir` (closed when the engine is destroyed) for the gRPC benchmark.
// Queries are read in the default mode (plain-language questions: bare
// words optional, most of them needed), or with `all_words` strictly, every
// word required as the peers' AND.
absl::StatusOr<std::unique_ptr<SearchEngine>> MakeRapporteurEngine(
    const std::string& dir, bool all_words = false);

// Corpus ids of the hits of a Rapporteur search over the documents the
// Rapporteur engine wrote; INTERNAL for a hit of another document.
absl::StatusOr<std::vector<uint32_t>> IdsOf(const v1::SearchResponse& response);

}  // namespace rapporteur::bench

#endif  // RAPPORTEUR_BENCH_SEARCH_ENGINE_H_
