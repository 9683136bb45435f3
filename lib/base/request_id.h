#ifndef RAPPORTEUR_LIB_BASE_REQUEST_ID_H_
#define RAPPORTEUR_LIB_BASE_REQUEST_ID_H_

#include <string>

#include "absl/strings/string_view.h"

namespace rapporteur {

// The metadata key carrying a call's request id from client to service and
// from service to service, so one request's log lines can be found in
// every process it crossed.
inline constexpr char kRequestIdKey[] = "x-request-id";

// The request id of the call this thread is working on; "" when none.
absl::string_view CurrentRequestId();

// A fresh random request id: 32 hex digits (128 bits), unique enough that
// two clients never pick the same one.
std::string NewRequestId();

// Makes `id` the current request id of this thread for its scope.
class ScopedRequestId {
 public:
  explicit ScopedRequestId(std::string id);
  ~ScopedRequestId();
  ScopedRequestId(const ScopedRequestId&) = delete;
  ScopedRequestId& operator=(const ScopedRequestId&) = delete;

 private:
  std::string previous_;
};

}  // namespace rapporteur

#endif  // RAPPORTEUR_LIB_BASE_REQUEST_ID_H_
