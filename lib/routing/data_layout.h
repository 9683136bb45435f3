#ifndef RAPPORTEUR_LIB_ROUTING_DATA_LAYOUT_H_
#define RAPPORTEUR_LIB_ROUTING_DATA_LAYOUT_H_

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace rapporteur::storage {

// The layout of a local data directory, which `rapporteur up`, the SDK's
// embedded backend and the benchmarks share, so that data written by one is
// found by the others:
//
//   DIR/shard-N/   the RocksDB of shard N (one shard on one machine: 0),
//                  or of partition N on a storage replica
//   DIR/nats/      the JetStream node of `rapporteur up`
//   DIR/logs/      the services' logs (`rapporteur up`)
//   DIR/run/       their port files (`rapporteur up`)
inline constexpr char kLogsSubdir[] = "logs";
inline constexpr char kRunSubdir[] = "run";
inline constexpr char kNatsSubdir[] = "nats";

// DIR/shard-N.
inline std::string ShardDataDir(absl::string_view data_dir, int shard = 0) {
  return absl::StrCat(data_dir, "/shard-", shard);
}

}  // namespace rapporteur::storage

#endif  // RAPPORTEUR_LIB_ROUTING_DATA_LAYOUT_H_
