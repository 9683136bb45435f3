#ifndef RAPPORTEUR_LIB_BASE_TRACE_CONTEXT_H_
#define RAPPORTEUR_LIB_BASE_TRACE_CONTEXT_H_

// W3C Trace Context (https://www.w3.org/TR/trace-context/): the
// `traceparent` a call carries from the gateway to ingest or query and on to
// storage, so that one request's log lines share a trace id in every
// process, each process logging a span id of its own.

#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace rapporteur {

// The metadata key (and HTTP header) carrying the trace context.
inline constexpr char kTraceparentKey[] = "traceparent";

// One hop of a trace. Empty (trace_id "") when the thread has none.
struct TraceContext {
  std::string trace_id;      // 32 lowercase hex digits, not all zero
  std::string span_id;       // 16 lowercase hex digits, not all zero
  std::string flags = "00";  // 2 hex digits; "01": the caller samples

  bool empty() const { return trace_id.empty(); }
  // "00-<trace_id>-<span_id>-<flags>": what the next hop receives, this
  // hop's span being its parent.
  std::string ToTraceparent() const;
};

// The context a `traceparent` value carries, or nullopt when it is not
// one: version 00 exactly 55 characters; a later version (not "ff") read by
// its first four fields, as the spec asks of a version it does not know;
// ids of lowercase hex, not all zero.
std::optional<TraceContext> ParseTraceparent(absl::string_view value);

// This hop's context: the caller's trace id and flags under a new span id,
// or, when `incoming` is absent, malformed or empty, a new trace (the spec:
// "restart the trace").
TraceContext ContinueTrace(absl::string_view incoming);

// The trace context of the call this thread is working on; empty when none.
const TraceContext& CurrentTraceContext();

// Makes `context` this thread's current trace context for its scope.
class ScopedTraceContext {
 public:
  explicit ScopedTraceContext(TraceContext context);
  ~ScopedTraceContext();
  ScopedTraceContext(const ScopedTraceContext&) = delete;
  ScopedTraceContext& operator=(const ScopedTraceContext&) = delete;

 private:
  TraceContext previous_;
};

}  // namespace rapporteur

#endif  // RAPPORTEUR_LIB_BASE_TRACE_CONTEXT_H_
