#ifndef RAPPORTEUR_BENCH_SEARCH_HUGE_PARAGRAPH_H_
#define RAPPORTEUR_BENCH_SEARCH_HUGE_PARAGRAPH_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace rapporteur::bench {

// A search whose hit is one paragraph of megabytes on one line (as a
// careless conversion of a report makes), against the same search whose hit
// is an ordinary paragraph: what the huge one costs its searches.
struct HugeParagraphRow {
  int megabytes = 0;
  // Median milliseconds of a one-hit search, embedded (QueryEngine over a
  // LocalShard) and through the services (query and storage on loopback).
  double ordinary_ms = 0;
  double huge_ms = 0;
  std::optional<double> ordinary_grpc_ms;
  std::optional<double> huge_grpc_ms;
};

// Writes one document into a store in `dir` (emptied first): the first 200
// of the `real` paragraphs, one of them holding the word "zqxsmall", and a
// paragraph of `megabytes` MB of real text with "zqxhuge" in its middle.
// Times `repeat` searches for each word, after one to warm up, embedded and,
// when `grpc`, through rapporteur-storage and rapporteur-query started over
// the same store.
absl::StatusOr<HugeParagraphRow> MeasureHugeParagraph(
    const std::vector<std::string>& real, int megabytes, const std::string& dir,
    int repeat, bool grpc);

// The row as a Markdown section.
std::string FormatHugeParagraph(const HugeParagraphRow& row);

}  // namespace rapporteur::bench

#endif  // RAPPORTEUR_BENCH_SEARCH_HUGE_PARAGRAPH_H_
