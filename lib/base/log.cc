#include "lib/base/log.h"

#include <cstdio>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "lib/base/mutex.h"
#include "lib/base/request_id.h"

namespace rapporteur {
namespace {

// The service name every line carries; the lock also keeps lines whole.
struct LogState {
  Mutex mu;
  std::string service ABSL_GUARDED_BY(mu) = "rapporteur";
};

LogState& State() {
  static auto* state = new LogState;  // never destroyed: logs may run at exit
  return *state;
}

const char* LevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug:
      return "debug";
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kWarning:
      return "warning";
    case LogLevel::kError:
      return "error";
  }
  return "info";
}

}  // namespace

void SetLogService(absl::string_view service) {
  LogState& state = State();
  MutexLock lock(&state.mu);
  state.service = std::string(service);
}

std::string JsonEscape(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += absl::StrFormat("\\u%04x", static_cast<unsigned char>(c));
        } else {
          out += c;
        }
    }
  }
  return out;
}

void Log(LogLevel level, absl::string_view message,
         const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string line =
      absl::StrCat("{\"time\":\"",
                   absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", absl::Now(),
                                    absl::UTCTimeZone()),
                   "\",\"level\":\"", LevelName(level), "\"");
  LogState& state = State();
  MutexLock lock(&state.mu);
  absl::StrAppend(&line, ",\"service\":\"", JsonEscape(state.service),
                  "\",\"msg\":\"", JsonEscape(message), "\"");
  if (!CurrentRequestId().empty()) {
    absl::StrAppend(&line, ",\"request_id\":\"", JsonEscape(CurrentRequestId()),
                    "\"");
  }
  for (const auto& [key, value] : fields) {
    absl::StrAppend(&line, ",\"", JsonEscape(key), "\":\"", JsonEscape(value),
                    "\"");
  }
  line += "}\n";
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
}

}  // namespace rapporteur
