#ifndef RAPPORTEUR_LIB_METRICS_PROCESS_METRICS_H_
#define RAPPORTEUR_LIB_METRICS_PROCESS_METRICS_H_

// The process_* metrics every Prometheus client exposes, read from /proc at
// each scrape (prometheus-cpp has none): process_cpu_seconds_total,
// process_resident_memory_bytes, process_virtual_memory_bytes,
// process_open_fds, process_max_fds and process_start_time_seconds.

#include <prometheus/metric_family.h>

#include <cstdint>
#include <vector>

#include "absl/strings/string_view.h"

namespace rapporteur {

// What the metrics need from /proc/self/stat (proc(5)).
struct ProcStat {
  uint64_t utime_ticks = 0;     // field 14
  uint64_t stime_ticks = 0;     // field 15
  uint64_t start_ticks = 0;     // field 22, clock ticks after boot
  uint64_t virtual_bytes = 0;   // field 23
  uint64_t resident_pages = 0;  // field 24
};

// Parses the one line of /proc/self/stat. False when it has too few
// fields. The command name (field 2) may hold spaces and parentheses: the
// fields after it are counted from its last ')'.
bool ParseProcStat(absl::string_view line, ProcStat* stat);

// The boot time in seconds since the epoch, from the "btime" line of
// /proc/stat; 0 when there is none.
uint64_t ParseBootTime(absl::string_view proc_stat);

// The process_* families of this process. A file that cannot be read
// leaves its metrics out, rather than exposing a false 0.
std::vector<prometheus::MetricFamily> CollectProcessMetrics();

}  // namespace rapporteur

#endif  // RAPPORTEUR_LIB_METRICS_PROCESS_METRICS_H_
