#ifndef RAPPORTEUR_LIB_STORAGE_STORE_ROUTER_H_
#define RAPPORTEUR_LIB_STORAGE_STORE_ROUTER_H_

#include <cstdint>
#include <memory>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "lib/routing/shard.h"
#include "lib/storage/store.h"
#include "rapporteur/internal/v1/shard.pb.h"

namespace rapporteur::storage {

// Which store of a storage process answers a call. A process is either one
// shard (SingleStoreRouter) or a replica serving several partitions of
// replicated storage (replication::ReplicaNode), each partition its own
// store; a call names its partition in the `rapporteur-partition` metadata
// (kPartitionMetadataKey), and -1 stands for none.
//
// Implementations are thread-safe. A returned store stays valid while the
// caller holds it, even if the partition moves away meanwhile (its calls
// then fail UNAVAILABLE, "storage is closed").
class StoreRouter {
 public:
  virtual ~StoreRouter() = default;

  // The store to read `partition` from, once it has applied the
  // partition's log up to `min_log_sequence` (waiting until `deadline`).
  // UNAVAILABLE when this process does not serve the partition or is
  // still catching up, so that the caller asks another replica.
  virtual absl::StatusOr<std::shared_ptr<Store>> ForReads(
      int partition, uint64_t min_log_sequence, absl::Time deadline) = 0;

  // The store a direct write goes to. FAILED_PRECONDITION on a replica,
  // which writes only what its partitions' logs hold.
  virtual absl::StatusOr<std::shared_ptr<Store>> ForWrites(int partition) = 0;

  // Waits (until `deadline`) for `partition`'s log to be applied up to
  // request.sequence and returns the outcome of request.request_id.
  // FAILED_PRECONDITION on a single shard, which has no log.
  virtual absl::StatusOr<internal::v1::AwaitAppliedResponse> AwaitApplied(
      int partition, const internal::v1::AwaitAppliedRequest& request,
      absl::Time deadline) = 0;
};

// One store serving every call, as a single storage shard does: a call
// naming a partition other than 0 is refused.
class SingleStoreRouter final : public StoreRouter {
 public:
  // Does not own `store`, which must outlive the router.
  explicit SingleStoreRouter(Store* store) : store_(store, [](Store*) {}) {}

  absl::StatusOr<std::shared_ptr<Store>> ForReads(int partition, uint64_t,
                                                  absl::Time) override {
    return Check(partition);
  }
  absl::StatusOr<std::shared_ptr<Store>> ForWrites(int partition) override {
    return Check(partition);
  }
  absl::StatusOr<internal::v1::AwaitAppliedResponse> AwaitApplied(
      int, const internal::v1::AwaitAppliedRequest&, absl::Time) override {
    return absl::FailedPreconditionError(
        "this storage shard has no log: it is not a replica (start it with "
        "--nats)");
  }

 private:
  absl::StatusOr<std::shared_ptr<Store>> Check(int partition) const {
    if (partition > 0) {
      return absl::FailedPreconditionError(
          "this storage shard serves no partitions: it is not a replica");
    }
    return store_;
  }

  const std::shared_ptr<Store> store_;
};

}  // namespace rapporteur::storage

#endif  // RAPPORTEUR_LIB_STORAGE_STORE_ROUTER_H_
