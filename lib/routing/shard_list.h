#ifndef RAPPORTEUR_LIB_ROUTING_SHARD_LIST_H_
#define RAPPORTEUR_LIB_ROUTING_SHARD_LIST_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace rapporteur {

// The storage shard addresses of a --storage flag: HOST:PORT entries
// separated by commas, shard 0 first. INVALID_ARGUMENT when empty or when an
// entry has no port.
absl::StatusOr<std::vector<std::string>> ParseShardList(absl::string_view flag);

}  // namespace rapporteur

#endif  // RAPPORTEUR_LIB_ROUTING_SHARD_LIST_H_
