#ifndef RAPPORTEUR_SDK_SRC_EMBEDDED_CLIENT_H_
#define RAPPORTEUR_SDK_SRC_EMBEDDED_CLIENT_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "rapporteur/client.h"

namespace rapporteur::sdk_internal {

// The in-process backend: the ingest and query engines over one storage
// shard in options.data_dir (storage::ShardDataDir, the layout `rapporteur
// up --data=DIR` serves, so data ingested through the services is found by
// an embedded client on the same directory, and back), with no server.
absl::StatusOr<std::unique_ptr<Client>> MakeEmbeddedClient(
    const Options& options);

}  // namespace rapporteur::sdk_internal

#endif  // RAPPORTEUR_SDK_SRC_EMBEDDED_CLIENT_H_
