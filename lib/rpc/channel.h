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

// A channel to `address` (HOST:PORT) carrying messages up to
// `max_message_bytes`. One channel per peer, reused by every call.
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
