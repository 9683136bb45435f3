#ifndef RAPPORTEUR_LIB_BASE_LOG_H_
#define RAPPORTEUR_LIB_BASE_LOG_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"

namespace rapporteur {

enum class LogLevel { kDebug, kInfo, kWarning, kError };

// Names the process in every log line, e.g. "storage". Call once from main().
void SetLogService(absl::string_view service);

// Writes one JSON object on one line to stderr, through spdlog:
//   {"time":"...","level":"info","service":"storage","msg":"...",
//    "request_id":"...","trace_id":"...","span_id":"...", k: v...}
// request_id is the calling thread's CurrentRequestId(), trace_id and
// span_id its CurrentTraceContext(), when it has them. Invalid UTF-8 in any
// string is replaced by U+FFFD, so every line is valid JSON.
// Thread-safe: lines of concurrent callers never interleave.
void Log(LogLevel level, absl::string_view message,
         const std::vector<std::pair<std::string, std::string>>& fields = {});

inline void LogInfo(
    absl::string_view message,
    const std::vector<std::pair<std::string, std::string>>& fields = {}) {
  Log(LogLevel::kInfo, message, fields);
}
inline void LogError(
    absl::string_view message,
    const std::vector<std::pair<std::string, std::string>>& fields = {}) {
  Log(LogLevel::kError, message, fields);
}

// Escapes `text` as the inside of a JSON string, invalid UTF-8 replaced by
// U+FFFD.
std::string JsonEscape(absl::string_view text);

}  // namespace rapporteur

#endif  // RAPPORTEUR_LIB_BASE_LOG_H_
