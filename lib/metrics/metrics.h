#ifndef RAPPORTEUR_LIB_METRICS_METRICS_H_
#define RAPPORTEUR_LIB_METRICS_METRICS_H_

// The metrics every service records, kept by prometheus-cpp (Debian's
// prometheus-cpp-dev), and what the process exposes to Prometheus.
//
// Services record through the Record* functions below. A metric of one
// component is built once on DefaultRegistry() and its reference kept:
//   static prometheus::Counter& cancelled =
//       prometheus::BuildCounter()
//           .Name("rapporteur_widget_cancelled_total")
//           .Help("Widgets cancelled.")
//           .Register(DefaultRegistry())
//           .Add({});
// Values owned elsewhere and read when scraped (RocksDB's statistics) are a
// prometheus::Collectable given to AddCollectable().
//
// prometheus-cpp throws std::invalid_argument for a name that breaks the
// Prometheus rules or a name added twice with another type: a programming
// error, which ends the process as any uncaught exception does.

#include <prometheus/collectable.h>
#include <prometheus/metric_family.h>
#include <prometheus/registry.h>

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace rapporteur {

// The registry the services record into. Never destroyed, so that metrics
// may be recorded during static destruction. Holds rapporteur_build_info.
prometheus::Registry& DefaultRegistry();

// Adds `collectable` (not owned) to what TextExposition() collects, until
// RemoveCollectable(). Thread-safe.
void AddCollectable(const prometheus::Collectable* collectable);
// Once this returns, `collectable` is not being collected and never is
// again, so what it reads may be destroyed. No-op when absent. Must not be
// called from a Collect().
void RemoveCollectable(const prometheus::Collectable* collectable);

// Everything the process exposes, in the text format 0.0.4: the process_*
// metrics, DefaultRegistry() and the added collectables.
std::string TextExposition();

// `families` in the text format 0.0.4, as prometheus-cpp's TextSerializer
// writes them.
std::string SerializeFamilies(
    const std::vector<prometheus::MetricFamily>& families);

// One unlabelled sample, for collectables.
prometheus::MetricFamily GaugeFamily(std::string name, std::string help,
                                     double value);
prometheus::MetricFamily CounterFamily(std::string name, std::string help,
                                       double value);

// --- The metrics the services share. -------------------------------------

// Bounds of rapporteur_rpc_latency_seconds: 0.5 ms to 30 s, roughly
// 1-2.5-5 per decade.
const std::vector<double>& RpcLatencyBuckets();

// Records one finished call in rapporteur_rpc_requests_total{service,method,
// code} and rapporteur_rpc_latency_seconds{service,method}; `code` is
// exposed by its canonical name ("OK", "INVALID_ARGUMENT").
void RecordRpc(absl::string_view service, absl::string_view method,
               absl::StatusCode code, double seconds,
               prometheus::Registry& registry = DefaultRegistry());

// As RecordRpc, from gRPC's full method name "/package.Service/Method":
// service "package.Service", method "Method". A name without that shape is
// kept whole as the method, with service "unknown".
void RecordGrpcCall(absl::string_view full_method, absl::StatusCode code,
                    double seconds,
                    prometheus::Registry& registry = DefaultRegistry());

// Records one document received by ingest: rapporteur_ingest_documents_total
// {outcome} counts it, rapporteur_ingest_bytes_total adds its source size
// whatever the outcome. `outcome` is a small fixed set, e.g. the canonical
// code name of the result ("OK", "ALREADY_EXISTS").
void RecordIngestedDocument(absl::string_view outcome, int64_t source_bytes,
                            prometheus::Registry& registry = DefaultRegistry());

// The canonical name of `code`, e.g. "INVALID_ARGUMENT"; "UNKNOWN" for a
// value outside the enumeration.
std::string StatusCodeName(absl::StatusCode code);

}  // namespace rapporteur

#endif  // RAPPORTEUR_LIB_METRICS_METRICS_H_
