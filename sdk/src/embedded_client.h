#ifndef RAPPORTEUR_SDK_SRC_EMBEDDED_CLIENT_H_
#define RAPPORTEUR_SDK_SRC_EMBEDDED_CLIENT_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "rapporteur/client.h"

namespace rapporteur::internal {

// The storage directory of the single shard in a data directory. The same
// layout as `rapporteur up --data=DIR`, so data ingested through the
// services is found by an embedded client on the same directory, and back.
std::string ShardDir(const std::string& data_dir);

// The in-process backend: the ingest and query engines over one storage
// shard in options.data_dir, with no server.
absl::StatusOr<std::unique_ptr<Client>> MakeEmbeddedClient(
    const Options& options);

}  // namespace rapporteur::internal

#endif  // RAPPORTEUR_SDK_SRC_EMBEDDED_CLIENT_H_
