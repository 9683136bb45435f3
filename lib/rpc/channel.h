#ifndef RAPPORTEUR_LIB_RPC_CHANNEL_H_
#define RAPPORTEUR_LIB_RPC_CHANNEL_H_

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

namespace rapporteur {

// The largest message one service sends another (ingest to storage, query
// to storage, storage to storage). Larger than what clients may send
// (--max_message_bytes, 64 MiB): the write of the largest document ingest
// accepts carries its text, its paragraphs and their terms, about twice the
// document, and every hop must carry what the edge accepted.
inline constexpr int kInternalMessageBytes = 256 << 20;

// The service config of channels to a `dns:` target: calls go round robin
// over every address the name resolves to.
inline constexpr char kRoundRobinServiceConfig[] =
    R"({"loadBalancingConfig": [{"round_robin": {}}]})";

// Whether a channel to `address` spreads its calls over every address the
// name resolves to: targets of gRPC's `dns:` resolver, such as
// "dns:///rapporteur-query-headless.NAMESPACE.svc:50051" (a Kubernetes
// headless Service, resolving to each ready pod). Others ("HOST:PORT")
// keep gRPC's default, one connection to the first address that answers.
bool IsRoundRobinTarget(const std::string& address);

// A channel to `address` (HOST:PORT, or a gRPC target such as
// dns:///HOST:PORT) carrying messages up to `max_message_bytes`, round
// robin over the addresses of a `dns:` target (IsRoundRobinTarget). One
// channel per peer, reused by every call.
std::shared_ptr<grpc::Channel> MakeChannel(const std::string& address,
                                           int max_message_bytes = 64 << 20);

// The same with `credentials` (TLS or not); a non-empty
// `ssl_target_name_override` checks the server's certificate against that
// name instead of the address's host.
std::shared_ptr<grpc::Channel> MakeChannel(
    const std::string& address,
    std::shared_ptr<grpc::ChannelCredentials> credentials,
    int max_message_bytes, const std::string& ssl_target_name_override = "");

}  // namespace rapporteur

#endif  // RAPPORTEUR_LIB_RPC_CHANNEL_H_
