#include "services/storage/store_of_call.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "lib/base/status_macros.h"
#include "lib/routing/shard.h"

namespace rapporteur::storage {

absl::StatusOr<int> PartitionOf(const grpc::CallbackServerContext& context) {
  const auto& metadata = context.client_metadata();
  auto it = metadata.find(kPartitionMetadataKey);
  if (it == metadata.end()) {
    return -1;
  }
  int partition = -1;
  if (!absl::SimpleAtoi(absl::string_view(it->second.data(), it->second.size()),
                        &partition) ||
      partition < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat(kPartitionMetadataKey, " metadata is not a partition"));
  }
  return partition;
}

absl::Time DeadlineOf(const grpc::CallbackServerContext& context) {
  const absl::Time deadline = absl::FromChrono(context.deadline());
  return std::min(deadline, absl::Now() + absl::Minutes(1));
}

absl::StatusOr<std::shared_ptr<Store>> ReadStore(
    StoreRouter* stores, const grpc::CallbackServerContext& context,
    uint64_t min_log_sequence) {
  ABSL_ASSIGN_OR_RETURN(int partition, PartitionOf(context));
  return stores->ForReads(partition, min_log_sequence, DeadlineOf(context));
}

}  // namespace rapporteur::storage
