#ifndef RAPPORTEUR_LIB_METRICS_METRICS_H_
#define RAPPORTEUR_LIB_METRICS_METRICS_H_

// A small metrics registry rendered in the Prometheus text exposition format
// 0.0.4. Debian packages no C++ Prometheus client, and the services need
// only counters, gauges and fixed-bucket histograms.
//
// Usage:
//   CounterFamily& calls = MetricsRegistry::Default().AddCounter(
//       "rapporteur_widget_calls_total", "Widget calls.", {"kind"});
//   calls.WithLabels({"round"}).Increment();
//
// Names and label names must follow the Prometheus rules
// ([a-zA-Z_:][a-zA-Z0-9_:]* and [a-zA-Z_][a-zA-Z0-9_]*); breaking them, or
// adding a name twice with another type, label set or buckets, is a
// programming error and aborts the process.

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "lib/base/mutex.h"

namespace rapporteur {

// A value that only goes up (or is reset by a restart). Thread-safe.
class Counter {
 public:
  Counter() = default;
  Counter(const Counter&) = delete;
  Counter& operator=(const Counter&) = delete;

  // `amount` must not be negative; negative amounts are ignored, since a
  // decreasing counter reads as a restart to Prometheus' rate().
  void Increment(double amount = 1);
  double Value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0};
};

// A value that goes up and down. Thread-safe.
class Gauge {
 public:
  Gauge() = default;
  Gauge(const Gauge&) = delete;
  Gauge& operator=(const Gauge&) = delete;

  void Set(double value) { value_.store(value, std::memory_order_relaxed); }
  void Add(double amount) {
    value_.fetch_add(amount, std::memory_order_relaxed);
  }
  double Value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0};
};

// Counts observations into fixed buckets. Thread-safe: Observe() takes no
// lock. A scrape racing with Observe() may see the sum one observation
// apart from the counts; the counts are always consistent with each other,
// because the total is their sum.
class Histogram {
 public:
  // `upper_bounds`: strictly increasing and finite; +Inf is implicit.
  explicit Histogram(std::vector<double> upper_bounds);
  Histogram(const Histogram&) = delete;
  Histogram& operator=(const Histogram&) = delete;

  void Observe(double value);

  const std::vector<double>& upper_bounds() const { return upper_bounds_; }
  // Observations per bucket, not cumulative; one more than upper_bounds(),
  // the last for values above every bound.
  std::vector<uint64_t> BucketCounts() const;
  double Sum() const { return sum_.load(std::memory_order_relaxed); }

 private:
  const std::vector<double> upper_bounds_;
  const std::unique_ptr<std::atomic<uint64_t>[]> counts_;
  std::atomic<double> sum_{0};
};

enum class MetricType { kCounter, kGauge, kHistogram };

// What a registry needs from a family to render it.
class MetricFamilyBase {
 public:
  virtual ~MetricFamilyBase() = default;
  // Appends the sample lines of every child, in label-value order.
  virtual void AppendSamples(const std::string& name,
                             std::string* out) const = 0;
};

// The metrics of one name, one per combination of label values. Children
// are created on first use and live as long as the family (and so as long
// as the registry): callers may keep the returned references. Thread-safe.
template <typename Metric>
class MetricFamily final : public MetricFamilyBase {
 public:
  MetricFamily(std::vector<std::string> label_names,
               std::vector<double> upper_bounds)
      : label_names_(std::move(label_names)),
        upper_bounds_(std::move(upper_bounds)) {
    if (label_names_.empty()) {
      WithLabels({});  // an unlabelled metric is exposed at 0 from the start
    }
  }
  MetricFamily(const MetricFamily&) = delete;
  MetricFamily& operator=(const MetricFamily&) = delete;

  // One value per label name, in the order the family was added with.
  // Aborts on a count mismatch (a programming error).
  Metric& WithLabels(const std::vector<std::string>& label_values)
      ABSL_LOCKS_EXCLUDED(mu_);

  const std::vector<std::string>& label_names() const { return label_names_; }
  const std::vector<double>& upper_bounds() const { return upper_bounds_; }

  void AppendSamples(const std::string& name, std::string* out) const override
      ABSL_LOCKS_EXCLUDED(mu_);

 private:
  const std::vector<std::string> label_names_;
  const std::vector<double> upper_bounds_;  // histograms only
  mutable Mutex mu_;
  std::map<std::vector<std::string>, std::unique_ptr<Metric>> children_
      ABSL_GUARDED_BY(mu_);
};

using CounterFamily = MetricFamily<Counter>;
using GaugeFamily = MetricFamily<Gauge>;
using HistogramFamily = MetricFamily<Histogram>;

// Named metric families and gauge callbacks of one process (Default()) or
// of one test. Thread-safe.
class MetricsRegistry {
 public:
  MetricsRegistry() = default;
  MetricsRegistry(const MetricsRegistry&) = delete;
  MetricsRegistry& operator=(const MetricsRegistry&) = delete;

  // The registry the services record into and /metrics serves. Never
  // destroyed, so that metrics may be recorded during static destruction.
  static MetricsRegistry& Default();

  // Adds a family, or returns the one already added under `name` when its
  // type, label names (and buckets) are the same; aborts otherwise.
  CounterFamily& AddCounter(absl::string_view name, absl::string_view help,
                            std::vector<std::string> label_names = {});
  GaugeFamily& AddGauge(absl::string_view name, absl::string_view help,
                        std::vector<std::string> label_names = {});
  HistogramFamily& AddHistogram(absl::string_view name, absl::string_view help,
                                std::vector<std::string> label_names,
                                std::vector<double> upper_bounds);

  // A gauge without labels whose value is `value()` at scrape time, for
  // values owned elsewhere (e.g. RocksDB properties). Replaces a callback
  // of the same name; aborts if `name` is a family. `value` runs on the
  // scraping thread, under a lock that RemoveGaugeCallback() also takes:
  // it must not call into this registry.
  void RegisterGaugeCallback(absl::string_view name, absl::string_view help,
                             std::function<double()> value)
      ABSL_LOCKS_EXCLUDED(families_mu_, callbacks_mu_);
  // Removes the callback; once this returns it is not running and never
  // runs again, so what it reads may be destroyed. No-op when absent.
  void RemoveGaugeCallback(absl::string_view name)
      ABSL_LOCKS_EXCLUDED(callbacks_mu_);

  // Every metric in the text exposition format 0.0.4, families sorted by
  // name, children by label values.
  std::string TextExposition() const
      ABSL_LOCKS_EXCLUDED(families_mu_, callbacks_mu_);

 private:
  struct FamilyEntry {
    MetricType type;
    std::string help;
    std::unique_ptr<MetricFamilyBase> family;
  };
  struct CallbackEntry {
    std::string help;
    std::function<double()> value;
  };

  template <typename Family>
  Family& AddFamily(absl::string_view name, absl::string_view help,
                    MetricType type, std::vector<std::string> label_names,
                    std::vector<double> upper_bounds)
      ABSL_LOCKS_EXCLUDED(families_mu_, callbacks_mu_);

  mutable Mutex families_mu_;
  std::map<std::string, FamilyEntry, std::less<>> families_
      ABSL_GUARDED_BY(families_mu_);
  // Held while callbacks run; see RemoveGaugeCallback().
  mutable Mutex callbacks_mu_;
  std::map<std::string, CallbackEntry, std::less<>> callbacks_
      ABSL_GUARDED_BY(callbacks_mu_);
};

// Registers a gauge callback in the default registry.
void RegisterGaugeCallback(absl::string_view name, absl::string_view help,
                           std::function<double()> value);

// --- The metrics the services share. -------------------------------------

// Bounds of rapporteur_rpc_latency_seconds: 0.5 ms to 30 s, roughly
// 1-2.5-5 per decade.
const std::vector<double>& RpcLatencyBuckets();

// Records one finished call in rapporteur_rpc_requests_total{service,method,
// code} and rapporteur_rpc_latency_seconds{service,method}; `code` is
// exposed by its canonical name ("OK", "INVALID_ARGUMENT").
void RecordRpc(absl::string_view service, absl::string_view method,
               absl::StatusCode code, double seconds,
               MetricsRegistry& registry = MetricsRegistry::Default());

// As RecordRpc, from gRPC's full method name "/package.Service/Method":
// service "package.Service", method "Method". A name without that shape is
// kept whole as the method, with service "unknown".
void RecordGrpcCall(absl::string_view full_method, absl::StatusCode code,
                    double seconds,
                    MetricsRegistry& registry = MetricsRegistry::Default());

// Records one document received by ingest: rapporteur_ingest_documents_total
// {outcome} counts it, rapporteur_ingest_bytes_total adds its source size
// whatever the outcome. `outcome` is a small fixed set, e.g. the canonical
// code name of the result ("OK", "ALREADY_EXISTS").
void RecordIngestedDocument(
    absl::string_view outcome, int64_t source_bytes,
    MetricsRegistry& registry = MetricsRegistry::Default());

// The canonical name of `code`, e.g. "INVALID_ARGUMENT"; "UNKNOWN" for a
// value outside the enumeration.
std::string StatusCodeName(absl::StatusCode code);

// --- Text format helpers, exposed for tests. -----------------------------

// A label value escaped for the text format: \ " and newline.
std::string EscapeLabelValue(absl::string_view value);
// HELP text escaped for the text format: \ and newline.
std::string EscapeHelp(absl::string_view help);
// A sample value or bucket bound: shortest round-trip form, integers in full
// below 2^53, "+Inf", "-Inf", "NaN".
std::string FormatMetricValue(double value);

namespace metrics_internal {

// Appends `name{labels} value\n` lines for one child.
void AppendChild(const std::string& name,
                 const std::vector<std::string>& label_names,
                 const std::vector<std::string>& label_values,
                 const Counter& metric, std::string* out);
void AppendChild(const std::string& name,
                 const std::vector<std::string>& label_names,
                 const std::vector<std::string>& label_values,
                 const Gauge& metric, std::string* out);
void AppendChild(const std::string& name,
                 const std::vector<std::string>& label_names,
                 const std::vector<std::string>& label_values,
                 const Histogram& metric, std::string* out);

[[noreturn]] void Fatal(absl::string_view message);

}  // namespace metrics_internal

template <typename Metric>
Metric& MetricFamily<Metric>::WithLabels(
    const std::vector<std::string>& label_values) {
  if (label_values.size() != label_names_.size()) {
    metrics_internal::Fatal("metric label values do not match label names");
  }
  MutexLock lock(&mu_);
  std::unique_ptr<Metric>& child = children_[label_values];
  if (child == nullptr) {
    if constexpr (std::is_same_v<Metric, Histogram>) {
      child = std::make_unique<Histogram>(upper_bounds_);
    } else {
      child = std::make_unique<Metric>();
    }
  }
  return *child;
}

template <typename Metric>
void MetricFamily<Metric>::AppendSamples(const std::string& name,
                                         std::string* out) const {
  MutexLock lock(&mu_);
  for (const auto& [label_values, child] : children_) {
    metrics_internal::AppendChild(name, label_names_, label_values, *child,
                                  out);
  }
}

}  // namespace rapporteur

#endif  // RAPPORTEUR_LIB_METRICS_METRICS_H_
