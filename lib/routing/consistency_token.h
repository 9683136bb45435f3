#ifndef RAPPORTEUR_LIB_ROUTING_CONSISTENCY_TOKEN_H_
#define RAPPORTEUR_LIB_ROUTING_CONSISTENCY_TOKEN_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace rapporteur {

// A consistency token says where writes are in their partitions' logs:
// "PARTITION:SEQUENCE" entries joined by commas, as ingest returns them
// (one entry) and a client may join them (several writes).

// The token of the write at `sequence` of partition `partition`.
std::string FormatConsistencyToken(uint32_t partition, uint64_t sequence);

// The least applied sequence a read must see in each of `partitions`
// partitions (index: partition; 0: none); a partition named twice takes
// the higher sequence. INVALID_ARGUMENT naming the entry that is malformed
// or names a partition >= `partitions`.
absl::StatusOr<std::vector<uint64_t>> ParseConsistencyToken(
    absl::string_view token, size_t partitions);

}  // namespace rapporteur

#endif  // RAPPORTEUR_LIB_ROUTING_CONSISTENCY_TOKEN_H_
