#ifndef RAPPORTEUR_SERVICES_STORAGE_STORE_OF_CALL_H_
#define RAPPORTEUR_SERVICES_STORAGE_STORE_OF_CALL_H_

#include <grpcpp/grpcpp.h>

#include <cstdint>
#include <memory>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "lib/storage/store.h"
#include "lib/storage/store_router.h"

namespace rapporteur::storage {

// What the storage services read of a call to find the store it is about.

// The partition a call names (kPartitionMetadataKey); -1 when none.
absl::StatusOr<int> PartitionOf(const grpc::CallbackServerContext& context);

// The call's deadline, or far enough when it has none.
absl::Time DeadlineOf(const grpc::CallbackServerContext& context);

// The store answering a read, per the call's partition and the request's
// read-your-writes sequence.
absl::StatusOr<std::shared_ptr<Store>> ReadStore(
    StoreRouter* stores, const grpc::CallbackServerContext& context,
    uint64_t min_log_sequence = 0);

}  // namespace rapporteur::storage

#endif  // RAPPORTEUR_SERVICES_STORAGE_STORE_OF_CALL_H_
