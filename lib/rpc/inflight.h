#ifndef RAPPORTEUR_LIB_RPC_INFLIGHT_H_
#define RAPPORTEUR_LIB_RPC_INFLIGHT_H_

#include <atomic>
#include <cstdint>

namespace rapporteur {

// Counts the calls a process's handlers are working on, so that shutdown
// knows when every in-flight call has finished. gRPC's own graceful
// shutdown also waits for idle client connections to go away, which a
// client holding a channel open may never do.
class InflightCalls {
 public:
  static void Started() { count_.fetch_add(1, std::memory_order_relaxed); }
  static void Finished() { count_.fetch_sub(1, std::memory_order_release); }
  static int64_t Count() { return count_.load(std::memory_order_acquire); }

 private:
  static inline std::atomic<int64_t> count_{0};
};

}  // namespace rapporteur

#endif  // RAPPORTEUR_LIB_RPC_INFLIGHT_H_
