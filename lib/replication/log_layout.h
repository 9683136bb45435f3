#ifndef RAPPORTEUR_LIB_REPLICATION_LOG_LAYOUT_H_
#define RAPPORTEUR_LIB_REPLICATION_LOG_LAYOUT_H_

#include <cstdint>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace rapporteur::replication {

// Names in the JetStream cluster, shared by every service and the admin
// command:
//
//   stream RAPPORTEUR_P{p}   partition p's log, subject rapporteur.log.{p}:
//                            one LogEntry a message, message id =
//                            "{request id}@{document name}"
//   bucket rapporteur_shard_map   the shard map (shard_map.h)
inline constexpr char kShardMapBucket[] = "rapporteur_shard_map";

inline std::string StreamName(uint32_t partition) {
  return absl::StrCat("RAPPORTEUR_P", partition);
}

inline std::string SubjectOf(uint32_t partition) {
  return absl::StrCat("rapporteur.log.", partition);
}

// How long a stream remembers message ids to drop a repeated publish: the
// retries of a publish come within seconds; the store's request ids catch
// any repeat after that.
inline constexpr absl::Duration kDuplicateWindow = absl::Minutes(10);

}  // namespace rapporteur::replication

#endif  // RAPPORTEUR_LIB_REPLICATION_LOG_LAYOUT_H_
