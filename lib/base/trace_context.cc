#include "lib/base/trace_context.h"

#include <random>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace rapporteur {
namespace {

TraceContext& Current() {
  thread_local TraceContext context;
  return context;
}

bool IsLowerHex(absl::string_view text) {
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return false;
    }
  }
  return !text.empty();
}

bool AllZero(absl::string_view text) {
  return text.find_first_not_of('0') == absl::string_view::npos;
}

uint64_t RandomNonZero() {
  thread_local std::mt19937_64 engine(std::random_device{}());
  uint64_t value = 0;
  while (value == 0) {  // an all-zero id is invalid
    value = engine();
  }
  return value;
}

}  // namespace

std::string TraceContext::ToTraceparent() const {
  return absl::StrCat("00-", trace_id, "-", span_id, "-", flags);
}

std::optional<TraceContext> ParseTraceparent(absl::string_view value) {
  // version "-" trace-id "-" parent-id "-" flags: 2+1+32+1+16+1+2.
  constexpr size_t kLength = 55;
  if (value.size() < kLength) {
    return std::nullopt;
  }
  const absl::string_view version = value.substr(0, 2);
  if (!IsLowerHex(version) || version == "ff") {
    return std::nullopt;
  }
  // Version 00 is exactly this long; later ones may add fields after a '-'.
  if (version == "00" ? value.size() != kLength
                      : value.size() > kLength && value[kLength] != '-') {
    return std::nullopt;
  }
  if (value[2] != '-' || value[35] != '-' || value[52] != '-') {
    return std::nullopt;
  }
  TraceContext context;
  context.trace_id = std::string(value.substr(3, 32));
  context.span_id = std::string(value.substr(36, 16));
  context.flags = std::string(value.substr(53, 2));
  if (!IsLowerHex(context.trace_id) || AllZero(context.trace_id) ||
      !IsLowerHex(context.span_id) || AllZero(context.span_id) ||
      !IsLowerHex(context.flags)) {
    return std::nullopt;
  }
  return context;
}

TraceContext ContinueTrace(absl::string_view incoming) {
  std::optional<TraceContext> parent = ParseTraceparent(incoming);
  TraceContext context;
  if (parent.has_value()) {
    context.trace_id = std::move(parent->trace_id);
    // Only the sampled bit (the lowest) is defined; the spec asks that the
    // others be passed on as 0.
    const char low = parent->flags[1];
    const int nibble = low <= '9' ? low - '0' : low - 'a' + 10;
    context.flags = (nibble & 1) != 0 ? "01" : "00";
  } else {
    context.trace_id =
        absl::StrFormat("%016x%016x", RandomNonZero(), RandomNonZero());
  }
  context.span_id = absl::StrFormat("%016x", RandomNonZero());
  return context;
}

const TraceContext& CurrentTraceContext() { return Current(); }

ScopedTraceContext::ScopedTraceContext(TraceContext context)
    : previous_(std::exchange(Current(), std::move(context))) {}

ScopedTraceContext::~ScopedTraceContext() { Current() = std::move(previous_); }

}  // namespace rapporteur
