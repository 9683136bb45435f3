#ifndef RAPPORTEUR_LIB_RPC_CALL_OUTCOME_H_
#define RAPPORTEUR_LIB_RPC_CALL_OUTCOME_H_

#include <grpcpp/support/server_interceptor.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "lib/base/mutex.h"

namespace rapporteur {

// The longest status message a server sends; longer ones are cut (at a
// UTF-8 character boundary). gRPC sends the message percent-encoded in a
// trailer, and clients refuse trailers beyond their metadata limit (8 KiB
// by default) with RESOURCE_EXHAUSTED, hiding the real error.
inline constexpr size_t kMaxStatusMessageBytes = 1024;

// What every call of a server gets, as a server interceptor (Server::Start
// installs it on every server):
//  - a request id: the caller's x-request-id (its first 64 bytes), or a
//    new one added to the call's metadata, so that the handler's log lines
//    and the failure line below carry the same id; and echoed to the caller
//    in the response's initial metadata, so that a client can quote it;
//  - a W3C trace context for this hop (trace_context.h): the caller's
//    traceparent continued under a new span id, or a new trace, put in
//    place of the caller's in the call's metadata, where the handler reads
//    it (RunUnary) to log it and pass it on to the services it calls;
//  - a request that fails to parse (malformed protobuf, or invalid UTF-8 in
//    a string field), which gRPC answers UNIMPLEMENTED with no message
//    before any handler runs, is answered INVALID_ARGUMENT naming the
//    problem and the request type ("field rapporteur.v1.GetDocumentRequest
//    .name is not valid UTF-8"). Detected for the request of unary and
//    server-streaming methods, and for invalid UTF-8 in any message of a
//    client stream (a malformed message there looks to gRPC like the end
//    of the stream);
//  - a status message longer than kMaxStatusMessageBytes is cut to it;
//  - each call that ends with an error is logged once, at warning for
//    errors of the caller's making and error for the server's (UNKNOWN,
//    INTERNAL, DATA_LOSS, UNAVAILABLE, DEADLINE_EXCEEDED), with its method,
//    code, message, duration and request id, within a rate limit (see
//    LogRateLimiter): a flood of bad calls costs a bounded number of lines,
//    and the next line written says how many were left out.
// Needs RouteProtobufLogsToJson() for the text of parse errors.
std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
MakeCallOutcomeInterceptorFactory();

// Logs, as the interceptor above logs a failed call and within the same
// rate limit, a failure inside a call that goes on: a document of a bulk
// stream refused while the stream continues. `method` is the call's,
// `elapsed` the time the failed part took; `fields` come after method,
// code, error and duration_ms. The line carries the calling thread's
// request id (CurrentRequestId()).
void LogFailedCall(
    absl::string_view method, const absl::Status& status,
    absl::Duration elapsed,
    const std::vector<std::pair<std::string, std::string>>& fields = {});

// Admits on average `per_second` lines a second, with bursts of up to
// `burst` (a token bucket, full at first). Thread-safe.
class LogRateLimiter {
 public:
  LogRateLimiter(double per_second, double burst)
      : per_second_(per_second), burst_(burst), tokens_(burst) {}
  LogRateLimiter(const LogRateLimiter&) = delete;
  LogRateLimiter& operator=(const LogRateLimiter&) = delete;

  // Whether a line may be written at `now`. When it may, *suppressed is set
  // to the number of lines refused since the last one admitted.
  bool Admit(absl::Time now, int64_t* suppressed) ABSL_LOCKS_EXCLUDED(mu_);

 private:
  const double per_second_;
  const double burst_;
  Mutex mu_;
  double tokens_ ABSL_GUARDED_BY(mu_);
  absl::Time last_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
  int64_t suppressed_ ABSL_GUARDED_BY(mu_) = 0;
};

// The INVALID_ARGUMENT message of a request to `method`
// ("/rapporteur.v1.QueryService/GetDocument") that failed to parse, given
// what protobuf logged about it (`protobuf_error`, possibly empty).
std::string DescribeUnparsableRequest(absl::string_view method,
                                      absl::string_view protobuf_error);

}  // namespace rapporteur

#endif  // RAPPORTEUR_LIB_RPC_CALL_OUTCOME_H_
