#include "lib/metrics/metrics.h"

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/text_serializer.h>

#include <algorithm>
#include <sstream>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/strings/str_replace.h"
#include "lib/base/mutex.h"
#include "lib/metrics/process_metrics.h"

#ifndef RAPPORTEUR_VERSION
#define RAPPORTEUR_VERSION "unknown"
#endif

namespace rapporteur {
namespace {

// The collectables added beside DefaultRegistry(). The lock is held while
// they are collected, so that RemoveCollectable() waits for a scrape
// reading one.
struct Collectables {
  Mutex mu;
  std::vector<const prometheus::Collectable*> added ABSL_GUARDED_BY(mu);
};

Collectables& AddedCollectables() {
  static auto* collectables = new Collectables;  // never destroyed
  return *collectables;
}

void AddBuildInfo(prometheus::Registry& registry) {
  prometheus::BuildGauge()
      .Name("rapporteur_build_info")
      .Help("Always 1; the labels say which build is running.")
      .Register(registry)
      .Add({{"version", RAPPORTEUR_VERSION}, {"compiler", __VERSION__}})
      .Set(1);
}

prometheus::MetricFamily OneSample(std::string name, std::string help,
                                   prometheus::MetricType type, double value) {
  prometheus::MetricFamily family;
  family.name = std::move(name);
  family.help = std::move(help);
  family.type = type;
  prometheus::ClientMetric metric;
  if (type == prometheus::MetricType::Counter) {
    metric.counter.value = value;
  } else {
    metric.gauge.value = value;
  }
  family.metric.push_back(std::move(metric));
  return family;
}

}  // namespace

prometheus::Registry& DefaultRegistry() {
  static prometheus::Registry* const registry = [] {
    auto* created = new prometheus::Registry;  // never destroyed
    AddBuildInfo(*created);
    return created;
  }();
  return *registry;
}

void AddCollectable(const prometheus::Collectable* collectable) {
  Collectables& collectables = AddedCollectables();
  MutexLock lock(&collectables.mu);
  collectables.added.push_back(collectable);
}

void RemoveCollectable(const prometheus::Collectable* collectable) {
  Collectables& collectables = AddedCollectables();
  MutexLock lock(&collectables.mu);
  auto& added = collectables.added;
  added.erase(std::remove(added.begin(), added.end(), collectable),
              added.end());
}

std::string TextExposition() {
  std::vector<prometheus::MetricFamily> families = CollectProcessMetrics();
  std::vector<prometheus::MetricFamily> recorded = DefaultRegistry().Collect();
  families.insert(families.end(), std::make_move_iterator(recorded.begin()),
                  std::make_move_iterator(recorded.end()));
  {
    Collectables& collectables = AddedCollectables();
    MutexLock lock(&collectables.mu);
    for (const prometheus::Collectable* collectable : collectables.added) {
      std::vector<prometheus::MetricFamily> more = collectable->Collect();
      families.insert(families.end(), std::make_move_iterator(more.begin()),
                      std::make_move_iterator(more.end()));
    }
  }
  return SerializeFamilies(families);
}

std::string SerializeFamilies(
    const std::vector<prometheus::MetricFamily>& families) {
  // prometheus-cpp 1.0.1 escapes label values but writes HELP as given: a
  // backslash or newline there breaks the scrape. The text format wants
  // both escaped.
  std::vector<prometheus::MetricFamily> escaped = families;
  for (prometheus::MetricFamily& family : escaped) {
    family.help =
        absl::StrReplaceAll(family.help, {{"\\", "\\\\"}, {"\n", "\\n"}});
  }
  std::ostringstream out;
  prometheus::TextSerializer().Serialize(out, escaped);
  return out.str();
}

prometheus::MetricFamily GaugeFamily(std::string name, std::string help,
                                     double value) {
  return OneSample(std::move(name), std::move(help),
                   prometheus::MetricType::Gauge, value);
}

prometheus::MetricFamily CounterFamily(std::string name, std::string help,
                                       double value) {
  return OneSample(std::move(name), std::move(help),
                   prometheus::MetricType::Counter, value);
}

const std::vector<double>& RpcLatencyBuckets() {
  static const std::vector<double>* const buckets = new std::vector<double>{
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
      0.25,   0.5,   1,      2.5,   5,    10,    30};
  return *buckets;
}

void RecordRpc(absl::string_view service, absl::string_view method,
               absl::StatusCode code, double seconds,
               prometheus::Registry& registry) {
  // Register() finds the family added by an earlier call (the registry
  // merges families of the same name and type), so every registry a test
  // makes gets its own.
  std::string service_label(service);
  std::string method_label(method);
  prometheus::BuildCounter()
      .Name("rapporteur_rpc_requests_total")
      .Help("RPCs finished, by service, method and canonical code.")
      .Register(registry)
      .Add({{"service", service_label},
            {"method", method_label},
            {"code", StatusCodeName(code)}})
      .Increment();
  prometheus::BuildHistogram()
      .Name("rapporteur_rpc_latency_seconds")
      .Help("Time from the start of an RPC to its status, in seconds.")
      .Register(registry)
      .Add({{"service", std::move(service_label)},
            {"method", std::move(method_label)}},
           RpcLatencyBuckets())
      .Observe(seconds);
}

void RecordGrpcCall(absl::string_view full_method, absl::StatusCode code,
                    double seconds, prometheus::Registry& registry) {
  absl::string_view service = "unknown";
  absl::string_view method = full_method;
  if (full_method.size() > 1 && full_method[0] == '/') {
    const size_t slash = full_method.find('/', 1);
    if (slash != absl::string_view::npos && slash > 1 &&
        slash + 1 < full_method.size()) {
      service = full_method.substr(1, slash - 1);
      method = full_method.substr(slash + 1);
    }
  }
  RecordRpc(service, method, code, seconds, registry);
}

void RecordIngestedDocument(absl::string_view outcome, int64_t source_bytes,
                            prometheus::Registry& registry) {
  prometheus::BuildCounter()
      .Name("rapporteur_ingest_documents_total")
      .Help("Documents received by ingest, by outcome.")
      .Register(registry)
      .Add({{"outcome", std::string(outcome)}})
      .Increment();
  // Counter::Increment() ignores negative amounts, which would read as a
  // restart to rate().
  prometheus::BuildCounter()
      .Name("rapporteur_ingest_bytes_total")
      .Help("Bytes of document source received by ingest.")
      .Register(registry)
      .Add({})
      .Increment(static_cast<double>(std::max<int64_t>(source_bytes, 0)));
}

std::string StatusCodeName(absl::StatusCode code) {
  std::string name = absl::StatusCodeToString(code);
  if (name.empty()) {
    return "UNKNOWN";
  }
  return name;
}

}  // namespace rapporteur
