#include "lib/rpc/channel.h"

#include "absl/strings/match.h"

namespace rapporteur {

bool IsRoundRobinTarget(const std::string& address) {
  return absl::StartsWith(address, "dns:");
}

std::shared_ptr<grpc::Channel> MakeChannel(const std::string& address,
                                           int max_message_bytes) {
  return MakeChannel(address, grpc::InsecureChannelCredentials(),
                     max_message_bytes);
}

std::shared_ptr<grpc::Channel> MakeChannel(
    const std::string& address,
    std::shared_ptr<grpc::ChannelCredentials> credentials,
    int max_message_bytes, const std::string& ssl_target_name_override) {
  grpc::ChannelArguments args;
  if (!ssl_target_name_override.empty()) {
    args.SetSslTargetNameOverride(ssl_target_name_override);
  }
  args.SetMaxReceiveMessageSize(max_message_bytes);
  args.SetMaxSendMessageSize(max_message_bytes);
  // Peers are services of the same deployment that restart in seconds (a
  // rescheduled pod, a crashed shard): reconnect within seconds rather than
  // after gRPC's default backoff of up to two minutes.
  args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 200);
  args.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, 200);
  args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 5000);
  if (IsRoundRobinTarget(address)) {
    // A headless Service's name resolves to every ready pod: spread calls
    // over all of them. The servers close connections after
    // --max_connection_age, and each reconnection resolves the name again,
    // so pods added since are used too.
    args.SetServiceConfigJSON(kRoundRobinServiceConfig);
    // This configuration, never one from DNS TXT records.
    args.SetInt(GRPC_ARG_SERVICE_CONFIG_DISABLE_RESOLUTION, 1);
  }
  return grpc::CreateCustomChannel(address, std::move(credentials), args);
}

}  // namespace rapporteur
