#include "services/common/channel.h"

namespace rapporteur {

std::shared_ptr<grpc::Channel> MakeChannel(const std::string& address,
                                           int max_message_bytes) {
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(max_message_bytes);
  args.SetMaxSendMessageSize(max_message_bytes);
  return grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(),
                                   args);
}

}  // namespace rapporteur
