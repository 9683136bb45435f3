#include "lib/base/log.h"

#include <spdlog/logger.h>
#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "lib/base/mutex.h"
#include "lib/base/request_id.h"
#include "lib/base/trace_context.h"

namespace rapporteur {
namespace {

// The logger and the service name every line carries.
//
// Synchronous, not spdlog's async logger: a line written just before a
// crash or an abort must reach stderr, and lines are few (a failed call's
// line is rate-limited), so a queue would buy little and could drop lines
// when full. spdlog's _mt sink locks, so lines of concurrent callers never
// interleave, and it flushes each line.
struct LogState {
  LogState() : logger("rapporteur", std::make_shared<Sink>()) {
    // time and level from spdlog, the rest (%v) an object's members that
    // Log() writes; both UTC and millisecond precision as before.
    logger.set_formatter(std::make_unique<spdlog::pattern_formatter>(
        R"({"time":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l",%v})",
        spdlog::pattern_time_type::utc));
    logger.set_level(spdlog::level::trace);
    logger.flush_on(spdlog::level::trace);
  }
  using Sink = spdlog::sinks::stderr_sink_mt;
  spdlog::logger logger;
  Mutex mu;
  std::string service ABSL_GUARDED_BY(mu) = "rapporteur";
};

LogState& State() {
  static auto* state = new LogState;  // never destroyed: logs may run at exit
  return *state;
}

spdlog::level::level_enum SpdlogLevel(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug:
      return spdlog::level::debug;
    case LogLevel::kInfo:
      return spdlog::level::info;
    case LogLevel::kWarning:
      return spdlog::level::warn;  // named "warning" by spdlog
    case LogLevel::kError:
      return spdlog::level::err;  // named "error"
  }
  return spdlog::level::info;
}

// `value` as a JSON string, invalid UTF-8 replaced by U+FFFD: log text
// comes from callers, files and requests, and one bad byte must not make
// the line unreadable to a JSON reader.
std::string JsonString(absl::string_view value) {
  return nlohmann::json(std::string(value))
      .dump(-1, ' ', /*ensure_ascii=*/false,
            nlohmann::json::error_handler_t::replace);
}

void AppendMember(absl::string_view key, absl::string_view value,
                  std::string* out) {
  if (!out->empty()) {
    out->push_back(',');
  }
  out->append(JsonString(key));
  out->push_back(':');
  out->append(JsonString(value));
}

}  // namespace

void SetLogService(absl::string_view service) {
  LogState& state = State();
  MutexLock lock(&state.mu);
  state.service = std::string(service);
}

std::string JsonEscape(absl::string_view text) {
  const std::string quoted = JsonString(text);
  return quoted.substr(1, quoted.size() - 2);
}

void Log(LogLevel level, absl::string_view message,
         const std::vector<std::pair<std::string, std::string>>& fields) {
  LogState& state = State();
  std::string members;
  {
    MutexLock lock(&state.mu);
    AppendMember("service", state.service, &members);
  }
  AppendMember("msg", message, &members);
  if (!CurrentRequestId().empty()) {
    AppendMember("request_id", CurrentRequestId(), &members);
  }
  if (const TraceContext& trace = CurrentTraceContext(); !trace.empty()) {
    AppendMember("trace_id", trace.trace_id, &members);
    AppendMember("span_id", trace.span_id, &members);
  }
  for (const auto& [key, value] : fields) {
    AppendMember(key, value, &members);
  }
  // The members are the message as is: no fmt formatting of their braces.
  state.logger.log(SpdlogLevel(level), spdlog::string_view_t(members));
}

}  // namespace rapporteur
