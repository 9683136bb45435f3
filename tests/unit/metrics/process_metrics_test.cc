#include "lib/metrics/process_metrics.h"

#include <fcntl.h>
#include <unistd.h>

#include <ctime>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace rapporteur {
namespace {

double ValueOf(const std::vector<prometheus::MetricFamily>& families,
               const std::string& name) {
  for (const prometheus::MetricFamily& family : families) {
    if (family.name == name && family.metric.size() == 1) {
      return family.type == prometheus::MetricType::Counter
                 ? family.metric[0].counter.value
                 : family.metric[0].gauge.value;
    }
  }
  return -1;
}

TEST(ParseProcStatTest, CountsFieldsFromTheLastParenthesis) {
  // A command name with a space and a ")" of its own, as a process may
  // name itself.
  const std::string line =
      "4242 (odd) name) S 1 4242 4242 0 -1 4194560 100 0 0 0 "
      "250 75 0 0 20 0 3 0 98765 123456789 2048 18446744073709551615\n";
  ProcStat stat;
  ASSERT_TRUE(ParseProcStat(line, &stat));
  EXPECT_EQ(stat.utime_ticks, 250);
  EXPECT_EQ(stat.stime_ticks, 75);
  EXPECT_EQ(stat.start_ticks, 98765);
  EXPECT_EQ(stat.virtual_bytes, 123456789);
  EXPECT_EQ(stat.resident_pages, 2048);
}

TEST(ParseProcStatTest, RejectsAShortLine) {
  ProcStat stat;
  EXPECT_FALSE(ParseProcStat("1 (x) S 1 2 3", &stat));
  EXPECT_FALSE(ParseProcStat("", &stat));
}

TEST(ParseBootTimeTest, ReadsTheBtimeLine) {
  EXPECT_EQ(ParseBootTime("cpu  1 2 3\nintr 5\nbtime 1700000000\nprocs 9\n"),
            1700000000);
  EXPECT_EQ(ParseBootTime("cpu  1 2 3\n"), 0);
}

TEST(CollectProcessMetricsTest, ReadsThisProcess) {
  // Burn some CPU, so that the counter is above 0 whatever the tick.
  const clock_t until = clock() + CLOCKS_PER_SEC / 20;
  volatile double sink = 0;
  while (clock() < until) {
    sink = sink + 1;
  }
  const std::vector<prometheus::MetricFamily> before = CollectProcessMetrics();
  EXPECT_GT(ValueOf(before, "process_cpu_seconds_total"), 0);
  EXPECT_GT(ValueOf(before, "process_resident_memory_bytes"), 1 << 20);
  EXPECT_GE(ValueOf(before, "process_virtual_memory_bytes"),
            ValueOf(before, "process_resident_memory_bytes"));
  EXPECT_GT(ValueOf(before, "process_max_fds"), 0);
  // Started within the last hour (the test binary's start), by the clock.
  const double start = ValueOf(before, "process_start_time_seconds");
  const double now = static_cast<double>(time(nullptr));
  EXPECT_LE(start, now + 1);
  EXPECT_GT(start, now - 3600);

  // Each descriptor opened shows.
  const double fds = ValueOf(before, "process_open_fds");
  EXPECT_GE(fds, 3);  // stdin, stdout, stderr
  const int a = open("/dev/null", O_RDONLY);
  const int b = open("/dev/null", O_RDONLY);
  ASSERT_GE(a, 0);
  ASSERT_GE(b, 0);
  EXPECT_EQ(ValueOf(CollectProcessMetrics(), "process_open_fds"), fds + 2);
  close(a);
  close(b);
}

}  // namespace
}  // namespace rapporteur
