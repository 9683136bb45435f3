#ifndef RAPPORTEUR_BENCH_SEARCH_GRPC_LOAD_H_
#define RAPPORTEUR_BENCH_SEARCH_GRPC_LOAD_H_

#include <functional>
#include <memory>
#include <string>

#include "absl/time/time.h"

namespace rapporteur::bench {

// What a load run measured over its whole duration.
struct LoadResult {
  double qps = 0;     // successful calls per second, all clients together
  double p50_ms = 0;  // latency of a call
  double p99_ms = 0;
  int64_t calls = 0;   // successful calls
  int64_t errors = 0;  // calls that failed
};

// One client's call: issues one RPC, returns whether it succeeded. Each
// client owns its channel and stub (made by the factory on its thread).
using Call = std::function<bool()>;
using CallFactory = std::function<Call(int client)>;

// Runs `clients` threads, each making its caller with `factory`, warming up
// with `warmup_calls` calls, then calling in a closed loop for `duration`.
// Bounded by time: returns after about warm-up + `duration`.
LoadResult RunLoad(int clients, absl::Duration duration, int warmup_calls,
                   const CallFactory& factory);

// Calls of the query service at `address` for RunLoad, each client over its
// own channel (its own connection).
// Search RPCs cycling through `queries` (page size 10).
CallFactory SearchCalls(
    std::string address,
    std::shared_ptr<const std::vector<std::string>> queries);
// The no-op floor: the standard gRPC health Check of the whole server.
CallFactory HealthCalls(std::string address);

}  // namespace rapporteur::bench

#endif  // RAPPORTEUR_BENCH_SEARCH_GRPC_LOAD_H_
