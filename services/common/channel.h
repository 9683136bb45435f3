#ifndef RAPPORTEUR_SERVICES_COMMON_CHANNEL_H_
#define RAPPORTEUR_SERVICES_COMMON_CHANNEL_H_

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

namespace rapporteur {

// A channel to `address` (HOST:PORT) carrying messages up to
// `max_message_bytes`. One channel per peer, reused by every call.
std::shared_ptr<grpc::Channel> MakeChannel(const std::string& address,
                                           int max_message_bytes = 64 << 20);

}  // namespace rapporteur

#endif  // RAPPORTEUR_SERVICES_COMMON_CHANNEL_H_
