#include "lib/metrics/process_metrics.h"

#include <dirent.h>
#include <sys/resource.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "lib/metrics/metrics.h"

namespace rapporteur {
namespace {

bool ReadFile(const char* path, std::string* content) {
  std::ifstream in(path);
  if (!in) {
    return false;
  }
  std::ostringstream text;
  text << in.rdbuf();
  *content = text.str();
  return true;
}

// Entries of /proc/self/fd, less the one the listing itself opens; -1 when
// it cannot be listed.
int CountOpenFds() {
  DIR* dir = opendir("/proc/self/fd");
  if (dir == nullptr) {
    return -1;
  }
  int count = 0;
  while (const dirent* entry = readdir(dir)) {
    if (entry->d_name[0] != '.') {
      ++count;
    }
  }
  closedir(dir);
  return count - 1;
}

}  // namespace

bool ParseProcStat(absl::string_view line, ProcStat* stat) {
  const size_t paren = line.rfind(')');
  if (paren == absl::string_view::npos) {
    return false;
  }
  // After ")": field 3 (state) onwards.
  std::vector<absl::string_view> fields =
      absl::StrSplit(line.substr(paren + 1), ' ', absl::SkipWhitespace());
  constexpr size_t kFirst = 3;
  auto field = [&](size_t number, uint64_t* value) {
    return number - kFirst < fields.size() &&
           absl::SimpleAtoi(fields[number - kFirst], value);
  };
  return field(14, &stat->utime_ticks) && field(15, &stat->stime_ticks) &&
         field(22, &stat->start_ticks) && field(23, &stat->virtual_bytes) &&
         field(24, &stat->resident_pages);
}

uint64_t ParseBootTime(absl::string_view proc_stat) {
  for (absl::string_view line : absl::StrSplit(proc_stat, '\n')) {
    if (absl::ConsumePrefix(&line, "btime ")) {
      uint64_t seconds = 0;
      if (absl::SimpleAtoi(absl::StripAsciiWhitespace(line), &seconds)) {
        return seconds;
      }
    }
  }
  return 0;
}

std::vector<prometheus::MetricFamily> CollectProcessMetrics() {
  std::vector<prometheus::MetricFamily> families;
  const double ticks_per_second = static_cast<double>(sysconf(_SC_CLK_TCK));
  std::string content;
  ProcStat stat;
  if (ReadFile("/proc/self/stat", &content) && ParseProcStat(content, &stat)) {
    families.push_back(CounterFamily(
        "process_cpu_seconds_total", "Total user and system CPU time spent.",
        static_cast<double>(stat.utime_ticks + stat.stime_ticks) /
            ticks_per_second));
    families.push_back(GaugeFamily(
        "process_resident_memory_bytes", "Resident memory size in bytes.",
        static_cast<double>(stat.resident_pages) *
            static_cast<double>(sysconf(_SC_PAGESIZE))));
    families.push_back(GaugeFamily("process_virtual_memory_bytes",
                                   "Virtual memory size in bytes.",
                                   static_cast<double>(stat.virtual_bytes)));
    std::string system_stat;
    if (ReadFile("/proc/stat", &system_stat)) {
      if (const uint64_t boot = ParseBootTime(system_stat); boot > 0) {
        families.push_back(GaugeFamily(
            "process_start_time_seconds",
            "Start time of the process since the Unix epoch, in seconds.",
            static_cast<double>(boot) +
                static_cast<double>(stat.start_ticks) / ticks_per_second));
      }
    }
  }
  if (const int fds = CountOpenFds(); fds >= 0) {
    families.push_back(GaugeFamily("process_open_fds",
                                   "Number of open file descriptors.", fds));
  }
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 &&
      limit.rlim_cur != RLIM_INFINITY) {
    families.push_back(GaugeFamily("process_max_fds",
                                   "Maximum number of open file descriptors.",
                                   static_cast<double>(limit.rlim_cur)));
  }
  return families;
}

}  // namespace rapporteur
