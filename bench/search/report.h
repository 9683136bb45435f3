#ifndef RAPPORTEUR_BENCH_SEARCH_REPORT_H_
#define RAPPORTEUR_BENCH_SEARCH_REPORT_H_

#include <optional>
#include <string>
#include <vector>

namespace rapporteur::bench {

// What was measured of one engine at one scale. A missing figure (an engine
// not run at that scale) prints as "—".
struct EngineRow {
  std::string engine;
  int scale = 0;
  bool is_peer = true;                // false for Rapporteur's own rows
  std::optional<double> index_per_s;  // paragraphs indexed per second
  std::optional<double> index_bytes;
  std::optional<double> index_bytes_without_text;
  std::optional<double> p50_ms, p99_ms, qps;  // single thread
  std::optional<double> qps_2_threads;        // the same queries, 2 threads
  // p50 and p99 of the timed calls of each category of queries.txt, in
  // the file's order: which shapes of query make the p99.
  struct CategoryLatency {
    std::string category;
    double p50_ms = 0, p99_ms = 0;
  };
  std::vector<CategoryLatency> by_category;
  int errors = 0;  // queries the engine rejected
  int empty = 0;   // queries with no hit
};

// What the gRPC load measured at one scale.
struct RpcRow {
  int scale = 0;
  int clients = 0;
  double search_qps = 0, search_p50_ms = 0, search_p99_ms = 0;
  double noop_qps = 0, noop_p50_ms = 0, noop_p99_ms = 0;
  int64_t search_errors = 0;
  // The same Search calls as REST/JSON through rapporteur-gateway in front
  // of the same query service.
  double rest_qps = 0, rest_p50_ms = 0, rest_p99_ms = 0;
  int64_t rest_errors = 0;
  // The embedded engine's QPS with 2 threads on the same queries, which
  // Search QPS is compared with; 0 when not measured.
  double embedded_qps_2_threads = 0;
  // Resident memory of rapporteur-storage after the Search load.
  double storage_rss_bytes = 0;
};

// The report in Markdown: one table of the engines by scale, then per scale
// the ratios of Rapporteur to the fastest peer (indexing rate, p50, p99:
// below 1 is better for latency, above 1 for the rate), then the gRPC table
// with Search QPS over no-op QPS.
std::string FormatReport(const std::vector<EngineRow>& rows,
                         const std::vector<RpcRow>& rpc_rows);

}  // namespace rapporteur::bench

#endif  // RAPPORTEUR_BENCH_SEARCH_REPORT_H_
