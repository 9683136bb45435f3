#include "bench/search/report.h"

#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace rapporteur::bench {
namespace {

std::string Cell(const std::optional<double>& value, const char* format) {
  return value.has_value() ? absl::StrFormat(format, *value) : "—";
}

std::string Bytes(const std::optional<double>& bytes) {
  return bytes.has_value() ? absl::StrFormat("%.1f MiB", *bytes / (1 << 20))
                           : "—";
}

// The best peer value of a column: highest when `higher_is_better`.
std::optional<double> BestPeer(const std::vector<const EngineRow*>& rows,
                               std::optional<double> EngineRow::*field,
                               bool higher_is_better) {
  std::optional<double> best;
  for (const EngineRow* row : rows) {
    const std::optional<double>& value = row->*field;
    if (!row->is_peer || !value.has_value()) {
      continue;
    }
    if (!best.has_value() ||
        (higher_is_better ? *value > *best : *value < *best)) {
      best = value;
    }
  }
  return best;
}

std::string PeerName(const std::vector<const EngineRow*>& rows,
                     std::optional<double> EngineRow::*field, double best) {
  for (const EngineRow* row : rows) {
    if (row->is_peer && (row->*field).has_value() && *(row->*field) == best) {
      return row->engine;
    }
  }
  return "";
}

}  // namespace

std::string FormatReport(const std::vector<EngineRow>& rows,
                         const std::vector<RpcRow>& rpc_rows) {
  std::string out =
      "| engine | paragraphs | index para/s | index size | without text | "
      "p50 ms | p99 ms | QPS (1 thread) | QPS (2 threads) | rejected | "
      "no hit |\n"
      "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
  std::set<int> scales;
  for (const EngineRow& row : rows) {
    scales.insert(row.scale);
    absl::StrAppend(
        &out, "| ", row.engine, " | ", row.scale, " | ",
        Cell(row.index_per_s, "%.0f"), " | ", Bytes(row.index_bytes), " | ",
        Bytes(row.index_bytes_without_text), " | ", Cell(row.p50_ms, "%.3f"),
        " | ", Cell(row.p99_ms, "%.3f"), " | ", Cell(row.qps, "%.0f"), " | ",
        Cell(row.qps_2_threads, "%.0f"), " | ", row.errors, " | ", row.empty,
        " |\n");
  }

  absl::StrAppend(
      &out,
      "\nRapporteur embedded ÷ fastest peer (rate: >1 is faster; "
      "latency: <1 is faster)\n\n"
      "| paragraphs | figure | Rapporteur | fastest peer | ratio |\n"
      "|---:|---|---:|---|---:|\n");
  struct Column {
    const char* label;
    std::optional<double> EngineRow::*field;
    bool higher_is_better;
    const char* format;
  };
  const Column columns[] = {
      {"index para/s", &EngineRow::index_per_s, true, "%.0f"},
      {"index size (MiB)", &EngineRow::index_bytes, false, "%.0f"},
      {"index without text (MiB)", &EngineRow::index_bytes_without_text, false,
       "%.1f"},
      {"query p50 ms", &EngineRow::p50_ms, false, "%.3f"},
      {"query p99 ms", &EngineRow::p99_ms, false, "%.3f"},
      {"QPS (1 thread)", &EngineRow::qps, true, "%.0f"},
  };
  for (int scale : scales) {
    std::vector<const EngineRow*> at_scale;
    const EngineRow* ours = nullptr;
    for (const EngineRow& row : rows) {
      if (row.scale == scale) {
        at_scale.push_back(&row);
        if (!row.is_peer && ours == nullptr) {
          ours = &row;
        }
      }
    }
    if (ours == nullptr) {
      continue;
    }
    for (const Column& column : columns) {
      std::optional<double> best =
          BestPeer(at_scale, column.field, column.higher_is_better);
      const std::optional<double>& mine = ours->*column.field;
      if (!best.has_value() || !mine.has_value() || *best == 0) {
        continue;
      }
      const bool bytes = column.field == &EngineRow::index_bytes ||
                         column.field == &EngineRow::index_bytes_without_text;
      const double scale_by = bytes ? 1.0 / (1 << 20) : 1.0;
      absl::StrAppend(&out, "| ", scale, " | ", column.label, " | ",
                      absl::StrFormat(column.format, *mine * scale_by), " | ",
                      PeerName(at_scale, column.field, *best), " ",
                      absl::StrFormat(column.format, *best * scale_by), " | ",
                      absl::StrFormat("%.2f", *mine / *best), " |\n");
    }
  }

  // Latency by kind of query: one row per engine and scale, a column per
  // category (the first row's, which every engine shares).
  const EngineRow* with_categories = nullptr;
  for (const EngineRow& row : rows) {
    if (!row.by_category.empty()) {
      with_categories = &row;
      break;
    }
  }
  if (with_categories != nullptr) {
    absl::StrAppend(&out,
                    "\nQuery latency by kind of query, p50 / p99 ms (one "
                    "thread)\n\n| engine | paragraphs |");
    std::string rule = "|---|---:|";
    for (const auto& category : with_categories->by_category) {
      absl::StrAppend(&out, " ", category.category, " |");
      absl::StrAppend(&rule, "---:|");
    }
    absl::StrAppend(&out, "\n", rule, "\n");
    for (const EngineRow& row : rows) {
      if (row.by_category.empty()) {
        continue;
      }
      absl::StrAppend(&out, "| ", row.engine, " | ", row.scale, " |");
      for (const auto& wanted : with_categories->by_category) {
        std::string cell = "—";
        for (const auto& category : row.by_category) {
          if (category.category == wanted.category) {
            cell = absl::StrFormat("%.3f / %.3f", category.p50_ms,
                                   category.p99_ms);
          }
        }
        absl::StrAppend(&out, " ", cell, " |");
      }
      absl::StrAppend(&out, "\n");
    }
  }

  if (!rpc_rows.empty()) {
    absl::StrAppend(
        &out,
        "\nRapporteur through gRPC (rapporteur-query over rapporteur-storage "
        "on loopback)\n\n"
        "| paragraphs | clients | Search QPS | Search p50 ms | Search p99 ms | "
        "no-op QPS | no-op p50 ms | no-op p99 ms | Search ÷ no-op QPS | "
        "Search ÷ embedded 2-thread QPS | storage RSS | failed calls |\n"
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (const RpcRow& row : rpc_rows) {
      absl::StrAppend(
          &out, "| ", row.scale, " | ", row.clients, " | ",
          absl::StrFormat("%.0f", row.search_qps), " | ",
          absl::StrFormat("%.3f", row.search_p50_ms), " | ",
          absl::StrFormat("%.3f", row.search_p99_ms), " | ",
          absl::StrFormat("%.0f", row.noop_qps), " | ",
          absl::StrFormat("%.3f", row.noop_p50_ms), " | ",
          absl::StrFormat("%.3f", row.noop_p99_ms), " | ",
          absl::StrFormat("%.3f",
                          row.noop_qps > 0 ? row.search_qps / row.noop_qps : 0),
          " | ",
          row.embedded_qps_2_threads > 0
              ? absl::StrFormat("%.3f",
                                row.search_qps / row.embedded_qps_2_threads)
              : "—",
          " | ",
          Bytes(row.storage_rss_bytes > 0
                    ? std::optional<double>(row.storage_rss_bytes)
                    : std::nullopt),
          " | ", row.search_errors, " |\n");
    }
    absl::StrAppend(
        &out,
        "\nThe same searches as REST/JSON through rapporteur-gateway (in "
        "front of the same query service)\n\n"
        "| paragraphs | clients | REST QPS | REST p50 ms | REST p99 ms | "
        "REST ÷ gRPC QPS | failed calls |\n"
        "|---:|---:|---:|---:|---:|---:|---:|\n");
    for (const RpcRow& row : rpc_rows) {
      absl::StrAppend(
          &out, "| ", row.scale, " | ", row.clients, " | ",
          absl::StrFormat("%.0f", row.rest_qps), " | ",
          absl::StrFormat("%.3f", row.rest_p50_ms), " | ",
          absl::StrFormat("%.3f", row.rest_p99_ms), " | ",
          absl::StrFormat(
              "%.3f", row.search_qps > 0 ? row.rest_qps / row.search_qps : 0),
          " | ", row.rest_errors, " |\n");
    }
  }
  return out;
}

}  // namespace rapporteur::bench
