#include "lib/metrics/metrics.h"

#include <prometheus/counter.h>
#include <prometheus/registry.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/files.h"

namespace rapporteur {
namespace {

using ::testing::HasSubstr;

// --- A small parser for the text format 0.0.4, strict where Prometheus'
// own parser is, so that the tests check the rules and not our output.

struct Sample {
  std::string name;
  std::map<std::string, std::string> labels;  // unescaped values
  std::string label_text;                     // as written, for order checks
  double value = 0;
};

struct Exposition {
  std::map<std::string, std::string> types;  // family -> type
  std::map<std::string, std::string> helps;  // family -> unescaped help
  std::vector<Sample> samples;
  std::vector<std::string> errors;
};

bool IsNameChar(char c, bool first) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         c == ':' || (!first && c >= '0' && c <= '9');
}

bool IsName(const std::string& name) {
  if (name.empty()) {
    return false;
  }
  for (size_t i = 0; i < name.size(); ++i) {
    if (!IsNameChar(name[i], i == 0)) {
      return false;
    }
  }
  return true;
}

bool ParseValue(const std::string& text, double* value) {
  if (text == "+Inf") {
    *value = INFINITY;
    return true;
  }
  if (text == "-Inf") {
    *value = -INFINITY;
    return true;
  }
  if (text == "NaN") {
    *value = NAN;
    return true;
  }
  return absl::SimpleAtod(text, value) && text.find(' ') == std::string::npos;
}

// The family a sample belongs to: histogram series drop their suffix.
std::string FamilyOf(const std::string& name,
                     const std::map<std::string, std::string>& types) {
  for (const char* suffix : {"_bucket", "_sum", "_count"}) {
    const std::string s = suffix;
    if (name.size() > s.size() &&
        name.compare(name.size() - s.size(), s.size(), s) == 0) {
      const std::string base = name.substr(0, name.size() - s.size());
      auto it = types.find(base);
      if (it != types.end() && it->second == "histogram") {
        return base;
      }
    }
  }
  return name;
}

Exposition Parse(const std::string& text) {
  Exposition out;
  if (!text.empty() && text.back() != '\n') {
    out.errors.push_back("last line not terminated by a newline");
  }
  std::vector<std::string> families_seen;  // in order of first appearance
  std::string current;
  for (absl::string_view line_view : absl::StrSplit(text, '\n')) {
    const std::string line(line_view);
    if (line.empty()) {
      continue;
    }
    if (line[0] == '#') {
      std::vector<std::string> parts =
          absl::StrSplit(line, absl::MaxSplits(' ', 3));
      if (parts.size() < 3 || (parts[1] != "HELP" && parts[1] != "TYPE")) {
        continue;  // a plain comment
      }
      const std::string& name = parts[2];
      const std::string rest = parts.size() > 3 ? parts[3] : "";
      if (!IsName(name)) {
        out.errors.push_back("bad name in: " + line);
      }
      if (parts[1] == "TYPE") {
        if (out.types.count(name) > 0) {
          out.errors.push_back("second TYPE for " + name);
        }
        if (rest != "counter" && rest != "gauge" && rest != "histogram" &&
            rest != "summary" && rest != "untyped") {
          out.errors.push_back("bad type in: " + line);
        }
        for (const Sample& sample : out.samples) {
          if (FamilyOf(sample.name, {{name, rest}}) == name) {
            out.errors.push_back("TYPE after samples of " + name);
          }
        }
        out.types[name] = rest;
      } else {
        std::string help;
        for (size_t i = 0; i < rest.size(); ++i) {
          if (rest[i] == '\\' && i + 1 < rest.size() &&
              (rest[i + 1] == '\\' || rest[i + 1] == 'n')) {
            help.push_back(rest[i + 1] == 'n' ? '\n' : '\\');
            ++i;
          } else {
            help.push_back(rest[i]);
          }
        }
        if (out.helps.count(name) > 0) {
          out.errors.push_back("second HELP for " + name);
        }
        out.helps[name] = help;
      }
      continue;
    }
    Sample sample;
    size_t i = 0;
    while (i < line.size() && IsNameChar(line[i], i == 0)) {
      ++i;
    }
    sample.name = line.substr(0, i);
    if (!IsName(sample.name)) {
      out.errors.push_back("bad sample name in: " + line);
      continue;
    }
    if (i < line.size() && line[i] == '{') {
      const size_t open = i;
      ++i;
      while (i < line.size() && line[i] != '}') {
        size_t start = i;
        while (i < line.size() && IsNameChar(line[i], i == start) &&
               line[i] != ':') {
          ++i;
        }
        const std::string label = line.substr(start, i - start);
        if (label.empty() || i + 1 >= line.size() || line[i] != '=' ||
            line[i + 1] != '"') {
          out.errors.push_back("bad label in: " + line);
          break;
        }
        i += 2;
        std::string value;
        bool closed = false;
        while (i < line.size()) {
          if (line[i] == '\\') {
            if (i + 1 >= line.size()) {
              break;
            }
            const char next = line[i + 1];
            if (next == '\\' || next == '"') {
              value.push_back(next);
            } else if (next == 'n') {
              value.push_back('\n');
            } else {
              out.errors.push_back("bad escape in: " + line);
            }
            i += 2;
          } else if (line[i] == '"') {
            closed = true;
            ++i;
            break;
          } else {
            value.push_back(line[i++]);
          }
        }
        if (!closed) {
          out.errors.push_back("unterminated label value in: " + line);
          break;
        }
        if (sample.labels.count(label) > 0) {
          out.errors.push_back("duplicate label in: " + line);
        }
        sample.labels[label] = value;
        if (i < line.size() && line[i] == ',') {
          ++i;
        }
      }
      if (i >= line.size() || line[i] != '}') {
        out.errors.push_back("unterminated labels in: " + line);
        continue;
      }
      sample.label_text = line.substr(open, i + 1 - open);
      ++i;
    }
    if (i >= line.size() || line[i] != ' ') {
      out.errors.push_back("no space before value in: " + line);
      continue;
    }
    if (!ParseValue(line.substr(i + 1), &sample.value)) {
      out.errors.push_back("bad value in: " + line);
      continue;
    }
    const std::string family = FamilyOf(sample.name, out.types);
    if (family != current) {
      for (const std::string& seen : families_seen) {
        if (seen == family) {
          out.errors.push_back("samples of " + family + " not contiguous");
        }
      }
      families_seen.push_back(family);
      current = family;
    }
    out.samples.push_back(std::move(sample));
  }
  // Histogram rules: per series, le ascending ending at +Inf, cumulative
  // counts non-decreasing, +Inf equal to _count.
  for (const auto& [family, type] : out.types) {
    if (type != "histogram") {
      continue;
    }
    std::map<std::map<std::string, std::string>, std::vector<Sample>> buckets;
    std::map<std::map<std::string, std::string>, double> counts;
    for (const Sample& sample : out.samples) {
      std::map<std::string, std::string> series = sample.labels;
      if (sample.name == family + "_bucket") {
        if (series.count("le") == 0) {
          out.errors.push_back("bucket without le in " + family);
          continue;
        }
        series.erase("le");
        buckets[series].push_back(sample);
      } else if (sample.name == family + "_count") {
        counts[series] = sample.value;
      }
    }
    for (const auto& [series, series_buckets] : buckets) {
      double last_le = -INFINITY;
      double last_count = 0;
      for (const Sample& bucket : series_buckets) {
        double le = 0;
        if (!ParseValue(bucket.labels.at("le"), &le) || !(le > last_le)) {
          out.errors.push_back("le not ascending in " + family);
        }
        if (bucket.value < last_count) {
          out.errors.push_back("buckets not cumulative in " + family);
        }
        last_le = le;
        last_count = bucket.value;
      }
      if (!std::isinf(last_le)) {
        out.errors.push_back("no +Inf bucket in " + family);
      }
      if (counts.count(series) == 0 || counts.at(series) != last_count) {
        out.errors.push_back("_count differs from +Inf bucket in " + family);
      }
    }
  }
  return out;
}

const Sample* FindSample(const Exposition& exposition, const std::string& name,
                         const std::map<std::string, std::string>& labels) {
  for (const Sample& sample : exposition.samples) {
    if (sample.name == name && sample.labels == labels) {
      return &sample;
    }
  }
  return nullptr;
}

TEST(TextFormatParserTest, CatchesBrokenExpositions) {
  // The checks below rely on the parser; it must see these mistakes.
  EXPECT_FALSE(Parse("x 1").errors.empty());                    // no newline
  EXPECT_FALSE(Parse("x{a=\"b} 1\n").errors.empty());           // open quote
  EXPECT_FALSE(Parse("x{a=\"\\q\"} 1\n").errors.empty());       // bad escape
  EXPECT_FALSE(Parse("x one\n").errors.empty());                // bad value
  EXPECT_FALSE(Parse("x 1\ny 1\nx 2\n").errors.empty());        // split family
  EXPECT_FALSE(Parse("x 1\n# TYPE x gauge\n").errors.empty());  // late TYPE
  EXPECT_FALSE(Parse("# TYPE h histogram\n"
                     "h_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\n"
                     "h_count 1\n")
                   .errors.empty());  // not cumulative
  EXPECT_FALSE(Parse("# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_count 1\n")
                   .errors.empty());  // no +Inf
  EXPECT_TRUE(Parse("# HELP x X.\n# TYPE x gauge\nx{a=\"\\\\\"} -1e-05\n")
                  .errors.empty());
}

// --- What the process exposes.

TEST(TextExpositionTest, HasBuildInfoProcessMetricsAndCollectables) {
  // A collectable stands for values owned elsewhere: read at each scrape,
  // and never again once removed.
  class Figures final : public prometheus::Collectable {
   public:
    std::vector<prometheus::MetricFamily> Collect() const override {
      ++collected;
      return {CounterFamily("rapporteur_test_figures_total", "Figures.", 7),
              GaugeFamily("rapporteur_test_level", "Level.", 0.25)};
    }
    mutable int collected = 0;
  } figures;
  AddCollectable(&figures);
  const Exposition parsed = Parse(TextExposition());
  RemoveCollectable(&figures);
  EXPECT_THAT(parsed.errors, ::testing::IsEmpty());
  EXPECT_EQ(figures.collected, 1);
  const Sample* total = FindSample(parsed, "rapporteur_test_figures_total", {});
  ASSERT_NE(total, nullptr);
  EXPECT_EQ(total->value, 7);
  EXPECT_EQ(parsed.types.at("rapporteur_test_figures_total"), "counter");
  const Sample* level = FindSample(parsed, "rapporteur_test_level", {});
  ASSERT_NE(level, nullptr);
  EXPECT_EQ(level->value, 0.25);

  const Sample* build = nullptr;
  for (const Sample& sample : parsed.samples) {
    if (sample.name == "rapporteur_build_info") {
      build = &sample;
    }
  }
  ASSERT_NE(build, nullptr);
  EXPECT_EQ(build->value, 1);
  EXPECT_THAT(build->labels.count("version") ? build->labels.at("version") : "",
              ::testing::MatchesRegex("[0-9]+\\.[0-9]+\\.[0-9]+"));
  EXPECT_EQ(parsed.types.at("process_cpu_seconds_total"), "counter");
  for (const char* gauge : {"process_resident_memory_bytes", "process_open_fds",
                            "process_start_time_seconds", "process_max_fds"}) {
    EXPECT_EQ(parsed.types.count(gauge) ? parsed.types.at(gauge) : "", "gauge")
        << gauge;
  }

  const std::string after = TextExposition();
  EXPECT_EQ(figures.collected, 1);
  EXPECT_THAT(after, ::testing::Not(HasSubstr("rapporteur_test_level")));
}

// --- The shared service metrics, on a registry of the test's own.

TEST(ServiceMetricsTest, RecordRpcCountsByCodeAndTimesByMethod) {
  prometheus::Registry registry;
  RecordRpc("storage", "PutDocument", absl::StatusCode::kOk, 0.0004, registry);
  RecordRpc("storage", "PutDocument", absl::StatusCode::kOk, 0.02, registry);
  RecordRpc("storage", "PutDocument", absl::StatusCode::kInvalidArgument, 45,
            registry);
  const Exposition parsed = Parse(SerializeFamilies(registry.Collect()));
  EXPECT_THAT(parsed.errors, ::testing::IsEmpty());
  EXPECT_EQ(parsed.types.at("rapporteur_rpc_requests_total"), "counter");
  EXPECT_EQ(parsed.types.at("rapporteur_rpc_latency_seconds"), "histogram");

  const Sample* ok = FindSample(
      parsed, "rapporteur_rpc_requests_total",
      {{"service", "storage"}, {"method", "PutDocument"}, {"code", "OK"}});
  ASSERT_NE(ok, nullptr);
  EXPECT_EQ(ok->value, 2);
  const Sample* invalid = FindSample(parsed, "rapporteur_rpc_requests_total",
                                     {{"service", "storage"},
                                      {"method", "PutDocument"},
                                      {"code", "INVALID_ARGUMENT"}});
  ASSERT_NE(invalid, nullptr);
  EXPECT_EQ(invalid->value, 1);

  const std::map<std::string, std::string> series = {{"service", "storage"},
                                                     {"method", "PutDocument"}};
  auto bucket = [&](const std::string& le) {
    std::map<std::string, std::string> labels = series;
    labels["le"] = le;
    const Sample* sample =
        FindSample(parsed, "rapporteur_rpc_latency_seconds_bucket", labels);
    return sample == nullptr ? -1.0 : sample->value;
  };
  // Buckets from 0.5 ms to 30 s: 0.4 ms in the first, 20 ms by 25 ms,
  // 45 s only in +Inf.
  EXPECT_EQ(bucket("0.0005"), 1);
  EXPECT_EQ(bucket("0.01"), 1);
  EXPECT_EQ(bucket("0.025"), 2);
  EXPECT_EQ(bucket("30"), 2);
  EXPECT_EQ(bucket("+Inf"), 3);
  EXPECT_EQ(
      FindSample(parsed, "rapporteur_rpc_latency_seconds_count", series)->value,
      3);
  EXPECT_DOUBLE_EQ(
      FindSample(parsed, "rapporteur_rpc_latency_seconds_sum", series)->value,
      45.0204);
}

TEST(ServiceMetricsTest, LatencyBucketsSpanHalfAMillisecondToThirtySeconds) {
  const std::vector<double>& buckets = RpcLatencyBuckets();
  ASSERT_FALSE(buckets.empty());
  EXPECT_EQ(buckets.front(), 0.0005);
  EXPECT_EQ(buckets.back(), 30);
}

TEST(ServiceMetricsTest, RecordGrpcCallSplitsTheFullMethodName) {
  prometheus::Registry registry;
  RecordGrpcCall("/rapporteur.v1.IngestService/BulkIngest",
                 absl::StatusCode::kResourceExhausted, 0.1, registry);
  RecordGrpcCall("odd", absl::StatusCode::kOk, 0.1, registry);
  const Exposition parsed = Parse(SerializeFamilies(registry.Collect()));
  EXPECT_NE(FindSample(parsed, "rapporteur_rpc_requests_total",
                       {{"service", "rapporteur.v1.IngestService"},
                        {"method", "BulkIngest"},
                        {"code", "RESOURCE_EXHAUSTED"}}),
            nullptr);
  EXPECT_NE(
      FindSample(parsed, "rapporteur_rpc_requests_total",
                 {{"service", "unknown"}, {"method", "odd"}, {"code", "OK"}}),
      nullptr);
}

TEST(ServiceMetricsTest, RecordIngestedDocumentCountsDocumentsAndBytes) {
  prometheus::Registry registry;
  RecordIngestedDocument("OK", 1000, registry);
  RecordIngestedDocument("OK", 24, registry);
  RecordIngestedDocument("INVALID_ARGUMENT", 5, registry);
  const Exposition parsed = Parse(SerializeFamilies(registry.Collect()));
  EXPECT_EQ(FindSample(parsed, "rapporteur_ingest_documents_total",
                       {{"outcome", "OK"}})
                ->value,
            2);
  EXPECT_EQ(FindSample(parsed, "rapporteur_ingest_documents_total",
                       {{"outcome", "INVALID_ARGUMENT"}})
                ->value,
            1);
  EXPECT_EQ(FindSample(parsed, "rapporteur_ingest_bytes_total", {})->value,
            1029);
}

TEST(ServiceMetricsTest, StatusCodeNamesAreCanonical) {
  EXPECT_EQ(StatusCodeName(absl::StatusCode::kOk), "OK");
  EXPECT_EQ(StatusCodeName(absl::StatusCode::kDeadlineExceeded),
            "DEADLINE_EXCEEDED");
  EXPECT_EQ(StatusCodeName(absl::StatusCode::kUnauthenticated),
            "UNAUTHENTICATED");
  EXPECT_EQ(StatusCodeName(static_cast<absl::StatusCode>(99)), "UNKNOWN");
}

// --- promtool, Prometheus' own checker, on everything the services expose.

TEST(PromtoolTest, AcceptsTheServiceMetrics) {
  prometheus::Registry registry;
  RecordRpc("query", "Search", absl::StatusCode::kOk, 0.003, registry);
  RecordRpc("query", "Search", absl::StatusCode::kNotFound, 2, registry);
  RecordGrpcCall("/rapporteur.v1.IngestService/BulkIngest",
                 absl::StatusCode::kCancelled, 12, registry);
  RecordIngestedDocument("OK", 4096, registry);
  prometheus::BuildCounter()
      .Name("rapporteur_test_odd_total")
      .Help("Odd \\ help\nlines.")
      .Register(registry)
      .Add({{"v", "quote \" back \\ newline \n end"}})
      .Increment();
  // With what every process adds: process_*, build info.
  const std::string text =
      TextExposition() + SerializeFamilies(registry.Collect());
  const Exposition parsed = Parse(text);
  EXPECT_THAT(parsed.errors, ::testing::IsEmpty());

  testing::TempDir temp;
  const std::string& dir = temp.path();
  const std::string path = absl::StrCat(dir, "/metrics_promtool.txt");
  const std::string log = absl::StrCat(dir, "/metrics_promtool.log");
  {
    std::ofstream out(path, std::ios::trunc);
    out << text;
    ASSERT_TRUE(out.flush());
  }
  // promtool comes with Debian's `prometheus` package (scripts/setup).
  // Exit 0: it parsed the file and found no lint problem (a parse error is
  // 1, lint problems 3, a missing promtool 127).
  const int status = std::system(
      absl::StrCat("promtool check metrics < '", path, "' > '", log, "' 2>&1")
          .c_str());
  std::ifstream in(log);
  const std::string output((std::istreambuf_iterator<char>(in)),
                           std::istreambuf_iterator<char>());
  ASSERT_TRUE(WIFEXITED(status)) << output;
  EXPECT_EQ(WEXITSTATUS(status), 0) << output;
}

TEST(PromtoolTest, RejectsBrokenOutput) {
  // The same check on a counter without _total and an unterminated label
  // value fails: promtool is really checking.
  testing::TempDir temp;
  const std::string path = absl::StrCat(temp.path(), "/bad.txt");
  {
    std::ofstream out(path, std::ios::trunc);
    out << "# HELP bad x\n# TYPE bad counter\nbad{a=\"b} 1\n";
    ASSERT_TRUE(out.flush());
  }
  const int status = std::system(
      absl::StrCat("promtool check metrics < '", path, "' > /dev/null 2>&1")
          .c_str());
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_NE(WEXITSTATUS(status), 0);
  EXPECT_NE(WEXITSTATUS(status), 127) << "promtool is not installed";
}

}  // namespace
}  // namespace rapporteur
