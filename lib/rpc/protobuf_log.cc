#include "lib/rpc/protobuf_log.h"

#include <google/protobuf/stubs/logging.h>

#include <mutex>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "lib/base/log.h"

namespace rapporteur {
namespace {

std::string& ThreadParseError() {
  thread_local std::string error;
  return error;
}

LogLevel LevelOf(google::protobuf::LogLevel level) {
  switch (level) {
    case google::protobuf::LOGLEVEL_INFO:
      return LogLevel::kInfo;
    case google::protobuf::LOGLEVEL_WARNING:
      return LogLevel::kWarning;
    case google::protobuf::LOGLEVEL_ERROR:
    case google::protobuf::LOGLEVEL_FATAL:
      return LogLevel::kError;
  }
  return LogLevel::kError;
}

void HandleProtobufLog(google::protobuf::LogLevel level, const char* filename,
                       int line, const std::string& message) {
  const absl::string_view text = absl::StripAsciiWhitespace(message);
  if (level == google::protobuf::LOGLEVEL_ERROR &&
      absl::StrContains(text, "when parsing a protocol buffer")) {
    ThreadParseError() = std::string(text);
    return;
  }
  Log(LevelOf(level), absl::StrCat("protobuf: ", text),
      {{"file", filename == nullptr ? "" : filename},
       {"line", absl::StrCat(line)}});
}

}  // namespace

void RouteProtobufLogsToJson() {
  // SetLogHandler() is not thread-safe: set it once.
  static std::once_flag once;
  std::call_once(once,
                 [] { google::protobuf::SetLogHandler(&HandleProtobufLog); });
}

std::string TakeProtobufParseError() {
  return std::exchange(ThreadParseError(), std::string());
}

void ForgetProtobufParseError() { ThreadParseError().clear(); }

}  // namespace rapporteur
