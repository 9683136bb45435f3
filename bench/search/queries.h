#ifndef RAPPORTEUR_BENCH_SEARCH_QUERIES_H_
#define RAPPORTEUR_BENCH_SEARCH_QUERIES_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace rapporteur::bench {

// One logical query of the fixed set, which each engine renders in its own
// syntax. Every word and phrase must match (AND), or with `any` at least one
// word; the filters restrict to paragraphs of documents with that country
// or year.
struct BenchQuery {
  std::string category;  // e.g. "rare", "phrase", "filter"
  // The query in Rapporteur's query language: words, "quoted phrases",
  // country:XXX and year:NNNN filters.
  std::string text;
  std::vector<std::string> words;
  std::vector<std::vector<std::string>> phrases;  // each of two words or more
  std::string country;                            // empty: no country filter
  int year = 0;                                   // 0: no year filter
  // Any word may match, more matches ranking higher (each engine's OR):
  // how the relevance table asks plain-language questions.
  bool any = false;
};

// Parses one query in the syntax above. INVALID_ARGUMENT names what is
// wrong: an unclosed quote, an unknown field, a bad year, no word at all.
absl::StatusOr<BenchQuery> ParseQuery(const std::string& category,
                                      const std::string& text);

// Reads a query file: one query a line, "category<TAB>query"; blank lines
// and lines starting with '#' are skipped. Errors name the line.
absl::StatusOr<std::vector<BenchQuery>> LoadQueries(const std::string& path);

}  // namespace rapporteur::bench

#endif  // RAPPORTEUR_BENCH_SEARCH_QUERIES_H_
