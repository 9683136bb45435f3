#ifndef RAPPORTEUR_SDK_SRC_REMOTE_CLIENT_H_
#define RAPPORTEUR_SDK_SRC_REMOTE_CLIENT_H_

#include <memory>

#include "absl/status/statusor.h"
#include "rapporteur/client.h"

namespace rapporteur::sdk_internal {

// The gRPC backend: one channel to each service, reused by every call.
absl::StatusOr<std::unique_ptr<Client>> MakeRemoteClient(
    const Options& options);

}  // namespace rapporteur::sdk_internal

#endif  // RAPPORTEUR_SDK_SRC_REMOTE_CLIENT_H_
