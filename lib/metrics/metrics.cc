#include "lib/metrics/metrics.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

#include "absl/strings/str_cat.h"

namespace rapporteur {
namespace metrics_internal {

void Fatal(absl::string_view message) {
  std::fprintf(stderr, "metrics: %.*s\n", static_cast<int>(message.size()),
               message.data());
  std::abort();
}

}  // namespace metrics_internal

namespace {

using metrics_internal::Fatal;

bool IsMetricNameChar(char c, bool first) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         c == ':' || (!first && c >= '0' && c <= '9');
}

bool IsValidMetricName(absl::string_view name) {
  if (name.empty()) {
    return false;
  }
  for (size_t i = 0; i < name.size(); ++i) {
    if (!IsMetricNameChar(name[i], i == 0)) {
      return false;
    }
  }
  return true;
}

// Label names are metric names without ':'; names starting "__" are
// reserved for Prometheus itself.
bool IsValidLabelName(absl::string_view name) {
  return IsValidMetricName(name) && name.find(':') == absl::string_view::npos &&
         name.substr(0, 2) != "__";
}

void CheckNames(absl::string_view name,
                const std::vector<std::string>& label_names, MetricType type) {
  if (!IsValidMetricName(name)) {
    Fatal(absl::StrCat("invalid metric name \"", name, "\""));
  }
  for (size_t i = 0; i < label_names.size(); ++i) {
    const std::string& label = label_names[i];
    if (!IsValidLabelName(label) ||
        (type == MetricType::kHistogram && label == "le")) {
      Fatal(absl::StrCat("invalid label name \"", label, "\" of ", name));
    }
    if (std::find(label_names.begin(), label_names.begin() + i, label) !=
        label_names.begin() + i) {
      Fatal(absl::StrCat("duplicate label name \"", label, "\" of ", name));
    }
  }
}

const char* TypeName(MetricType type) {
  switch (type) {
    case MetricType::kCounter:
      return "counter";
    case MetricType::kGauge:
      return "gauge";
    case MetricType::kHistogram:
      return "histogram";
  }
  return "untyped";
}

void AppendHeader(absl::string_view name, absl::string_view help,
                  const char* type, std::string* out) {
  absl::StrAppend(out, "# HELP ", name, " ", EscapeHelp(help), "\n", "# TYPE ",
                  name, " ", type, "\n");
}

// `{a="x",b="y"}`, or nothing without labels. `extra_name` (when not empty)
// is appended last: the `le` of histogram buckets.
void AppendLabels(const std::vector<std::string>& label_names,
                  const std::vector<std::string>& label_values,
                  absl::string_view extra_name, absl::string_view extra_value,
                  std::string* out) {
  if (label_names.empty() && extra_name.empty()) {
    return;
  }
  out->push_back('{');
  for (size_t i = 0; i < label_names.size(); ++i) {
    if (i > 0) {
      out->push_back(',');
    }
    absl::StrAppend(out, label_names[i], "=\"",
                    EscapeLabelValue(label_values[i]), "\"");
  }
  if (!extra_name.empty()) {
    if (!label_names.empty()) {
      out->push_back(',');
    }
    absl::StrAppend(out, extra_name, "=\"", EscapeLabelValue(extra_value),
                    "\"");
  }
  out->push_back('}');
}

void AppendSample(absl::string_view name,
                  const std::vector<std::string>& label_names,
                  const std::vector<std::string>& label_values, double value,
                  std::string* out) {
  out->append(name.data(), name.size());
  AppendLabels(label_names, label_values, "", "", out);
  absl::StrAppend(out, " ", FormatMetricValue(value), "\n");
}

}  // namespace

void Counter::Increment(double amount) {
  if (!(amount >= 0)) {  // also drops NaN
    return;
  }
  value_.fetch_add(amount, std::memory_order_relaxed);
}

Histogram::Histogram(std::vector<double> upper_bounds)
    : upper_bounds_(std::move(upper_bounds)),
      counts_(new std::atomic<uint64_t>[upper_bounds_.size() + 1]) {
  for (size_t i = 0; i < upper_bounds_.size(); ++i) {
    if (!std::isfinite(upper_bounds_[i]) ||
        (i > 0 && !(upper_bounds_[i - 1] < upper_bounds_[i]))) {
      Fatal("histogram bounds must be finite and strictly increasing");
    }
  }
  for (size_t i = 0; i <= upper_bounds_.size(); ++i) {
    counts_[i].store(0, std::memory_order_relaxed);
  }
}

void Histogram::Observe(double value) {
  // Buckets are "less than or equal": the first bound >= value.
  const size_t bucket =
      std::lower_bound(upper_bounds_.begin(), upper_bounds_.end(), value) -
      upper_bounds_.begin();
  counts_[bucket].fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(value, std::memory_order_relaxed);
}

std::vector<uint64_t> Histogram::BucketCounts() const {
  std::vector<uint64_t> counts(upper_bounds_.size() + 1);
  for (size_t i = 0; i < counts.size(); ++i) {
    counts[i] = counts_[i].load(std::memory_order_relaxed);
  }
  return counts;
}

namespace metrics_internal {

void AppendChild(const std::string& name,
                 const std::vector<std::string>& label_names,
                 const std::vector<std::string>& label_values,
                 const Counter& metric, std::string* out) {
  AppendSample(name, label_names, label_values, metric.Value(), out);
}

void AppendChild(const std::string& name,
                 const std::vector<std::string>& label_names,
                 const std::vector<std::string>& label_values,
                 const Gauge& metric, std::string* out) {
  AppendSample(name, label_names, label_values, metric.Value(), out);
}

void AppendChild(const std::string& name,
                 const std::vector<std::string>& label_names,
                 const std::vector<std::string>& label_values,
                 const Histogram& metric, std::string* out) {
  const std::vector<uint64_t> counts = metric.BucketCounts();
  const std::vector<double>& bounds = metric.upper_bounds();
  const std::string bucket_name = absl::StrCat(name, "_bucket");
  uint64_t cumulative = 0;
  for (size_t i = 0; i < counts.size(); ++i) {
    cumulative += counts[i];
    const double bound =
        i < bounds.size() ? bounds[i] : std::numeric_limits<double>::infinity();
    out->append(bucket_name);
    AppendLabels(label_names, label_values, "le", FormatMetricValue(bound),
                 out);
    absl::StrAppend(out, " ", cumulative, "\n");
  }
  AppendSample(absl::StrCat(name, "_sum"), label_names, label_values,
               metric.Sum(), out);
  AppendSample(absl::StrCat(name, "_count"), label_names, label_values,
               static_cast<double>(cumulative), out);
}

}  // namespace metrics_internal

MetricsRegistry& MetricsRegistry::Default() {
  static MetricsRegistry* const registry = new MetricsRegistry();
  return *registry;
}

template <typename Family>
Family& MetricsRegistry::AddFamily(absl::string_view name,
                                   absl::string_view help, MetricType type,
                                   std::vector<std::string> label_names,
                                   std::vector<double> upper_bounds) {
  CheckNames(name, label_names, type);
  {
    MutexLock lock(&callbacks_mu_);
    if (callbacks_.find(name) != callbacks_.end()) {
      Fatal(absl::StrCat("metric ", name, " is already a gauge callback"));
    }
  }
  MutexLock lock(&families_mu_);
  auto it = families_.find(name);
  if (it != families_.end()) {
    // Only a family of this type is a `Family`: compare the types before
    // the cast, which is undefined for another type.
    if (it->second.type != type) {
      Fatal(absl::StrCat("metric ", name, " added twice, differently"));
    }
    auto* family = static_cast<Family*>(it->second.family.get());
    if (family->label_names() != label_names ||
        family->upper_bounds() != upper_bounds) {
      Fatal(absl::StrCat("metric ", name, " added twice, differently"));
    }
    return *family;
  }
  auto family =
      std::make_unique<Family>(std::move(label_names), std::move(upper_bounds));
  Family& result = *family;
  families_.emplace(std::string(name),
                    FamilyEntry{type, std::string(help), std::move(family)});
  return result;
}

CounterFamily& MetricsRegistry::AddCounter(
    absl::string_view name, absl::string_view help,
    std::vector<std::string> label_names) {
  return AddFamily<CounterFamily>(name, help, MetricType::kCounter,
                                  std::move(label_names), {});
}

GaugeFamily& MetricsRegistry::AddGauge(absl::string_view name,
                                       absl::string_view help,
                                       std::vector<std::string> label_names) {
  return AddFamily<GaugeFamily>(name, help, MetricType::kGauge,
                                std::move(label_names), {});
}

HistogramFamily& MetricsRegistry::AddHistogram(
    absl::string_view name, absl::string_view help,
    std::vector<std::string> label_names, std::vector<double> upper_bounds) {
  return AddFamily<HistogramFamily>(name, help, MetricType::kHistogram,
                                    std::move(label_names),
                                    std::move(upper_bounds));
}

void MetricsRegistry::RegisterGaugeCallback(absl::string_view name,
                                            absl::string_view help,
                                            std::function<double()> value) {
  CheckNames(name, {}, MetricType::kGauge);
  {
    MutexLock lock(&families_mu_);
    if (families_.find(name) != families_.end()) {
      Fatal(absl::StrCat("gauge callback ", name, " is already a metric"));
    }
  }
  MutexLock lock(&callbacks_mu_);
  callbacks_[std::string(name)] = {std::string(help), std::move(value)};
}

void MetricsRegistry::RemoveGaugeCallback(absl::string_view name) {
  MutexLock lock(&callbacks_mu_);
  auto it = callbacks_.find(name);
  if (it != callbacks_.end()) {
    callbacks_.erase(it);
  }
}

std::string MetricsRegistry::TextExposition() const {
  // Rendered per name, then joined in name order across both maps.
  std::map<std::string, std::string> texts;
  {
    MutexLock lock(&families_mu_);
    for (const auto& [name, entry] : families_) {
      std::string& text = texts[name];
      AppendHeader(name, entry.help, TypeName(entry.type), &text);
      entry.family->AppendSamples(name, &text);
    }
  }
  {
    MutexLock lock(&callbacks_mu_);
    for (const auto& [name, entry] : callbacks_) {
      std::string& text = texts[name];
      AppendHeader(name, entry.help, "gauge", &text);
      AppendSample(name, {}, {}, entry.value(), &text);
    }
  }
  std::string out;
  for (const auto& [name, text] : texts) {
    out += text;
  }
  return out;
}

void RegisterGaugeCallback(absl::string_view name, absl::string_view help,
                           std::function<double()> value) {
  MetricsRegistry::Default().RegisterGaugeCallback(name, help,
                                                   std::move(value));
}

const std::vector<double>& RpcLatencyBuckets() {
  static const std::vector<double>* const buckets = new std::vector<double>{
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
      0.25,   0.5,   1,      2.5,   5,    10,    30};
  return *buckets;
}

void RecordRpc(absl::string_view service, absl::string_view method,
               absl::StatusCode code, double seconds,
               MetricsRegistry& registry) {
  std::string service_label(service);
  std::string method_label(method);
  registry
      .AddCounter("rapporteur_rpc_requests_total",
                  "RPCs finished, by service, method and canonical code.",
                  {"service", "method", "code"})
      .WithLabels({service_label, method_label, StatusCodeName(code)})
      .Increment();
  registry
      .AddHistogram("rapporteur_rpc_latency_seconds",
                    "Time from the start of an RPC to its status, in seconds.",
                    {"service", "method"}, RpcLatencyBuckets())
      .WithLabels({std::move(service_label), std::move(method_label)})
      .Observe(seconds);
}

void RecordGrpcCall(absl::string_view full_method, absl::StatusCode code,
                    double seconds, MetricsRegistry& registry) {
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
                            MetricsRegistry& registry) {
  registry
      .AddCounter("rapporteur_ingest_documents_total",
                  "Documents received by ingest, by outcome.", {"outcome"})
      .WithLabels({std::string(outcome)})
      .Increment();
  registry
      .AddCounter("rapporteur_ingest_bytes_total",
                  "Bytes of document source received by ingest.")
      .WithLabels({})
      .Increment(static_cast<double>(std::max<int64_t>(source_bytes, 0)));
}

std::string StatusCodeName(absl::StatusCode code) {
  std::string name = absl::StatusCodeToString(code);
  if (name.empty()) {
    return "UNKNOWN";
  }
  return name;
}

namespace {

// The text format escapes backslash and newline everywhere, and the double
// quote inside label values.
std::string Escape(absl::string_view text, bool quote) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '"' && quote) {
      out += "\\\"";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace

std::string EscapeLabelValue(absl::string_view value) {
  return Escape(value, /*quote=*/true);
}

std::string EscapeHelp(absl::string_view help) {
  return Escape(help, /*quote=*/false);
}

std::string FormatMetricValue(double value) {
  if (std::isnan(value)) {
    return "NaN";
  }
  if (std::isinf(value)) {
    return value > 0 ? "+Inf" : "-Inf";
  }
  // Byte and call counts read better in full than as 1.234567e+06.
  constexpr double kExactIntegers = 9007199254740992.0;  // 2^53
  if (value == std::trunc(value) && std::fabs(value) < kExactIntegers) {
    return absl::StrCat(static_cast<int64_t>(value));
  }
  // Shortest form that reads back to the same double, %g-style: what Go's
  // strconv.FormatFloat(v, 'g', -1, 64) writes, as Prometheus' own clients.
  char buffer[64];
  const std::to_chars_result result = std::to_chars(
      buffer, buffer + sizeof(buffer), value, std::chars_format::general);
  return std::string(buffer, result.ptr);
}

}  // namespace rapporteur
