#include "lib/rpc/channel.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "lib/rpc/server.h"

namespace rapporteur {
namespace {

using ::grpc::health::v1::Health;
using ::grpc::health::v1::HealthCheckRequest;
using ::grpc::health::v1::HealthCheckResponse;

// A bound only against a hung test: no call here should wait for it.
constexpr absl::Duration kCallBound = absl::Seconds(30);

grpc::Status Check(const std::shared_ptr<grpc::Channel>& channel,
                   const std::string& service) {
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + kCallBound));
  HealthCheckRequest request;
  request.set_service(service);
  HealthCheckResponse response;
  return Health::NewStub(channel)->Check(&context, request, &response);
}

class ChannelTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ServerOptions options;
    options.listen = "127.0.0.1:0";
    options.metrics_listen = "127.0.0.1:0";
    auto server = Server::Start(options, {});
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    address_ = absl::StrCat("127.0.0.1:", server_->port());
  }
  void TearDown() override {
    if (server_ != nullptr) {
      server_->Shutdown();
    }
  }

  std::unique_ptr<Server> server_;
  std::string address_;
};

TEST_F(ChannelTest, StartsIdleAndReachesTheServer) {
  std::shared_ptr<grpc::Channel> channel = MakeChannel(address_);
  ASSERT_NE(channel, nullptr);
  // No connection until the first call.
  EXPECT_EQ(channel->GetState(false), GRPC_CHANNEL_IDLE);
  const grpc::Status status = Check(channel, "");
  EXPECT_TRUE(status.ok()) << status.error_message();
}

TEST_F(ChannelTest, RefusesToSendPastMaxMessageBytes) {
  std::shared_ptr<grpc::Channel> channel =
      MakeChannel(address_, grpc::InsecureChannelCredentials(), 1024);
  EXPECT_TRUE(Check(channel, "").ok());
  EXPECT_EQ(Check(channel, std::string(4096, 's')).error_code(),
            grpc::StatusCode::RESOURCE_EXHAUSTED);
}

TEST_F(ChannelTest, DefaultCarriesLargeMessages) {
  // 1 MiB reaches the server under the default limit: the health service
  // itself refuses a service name that long, with INVALID_ARGUMENT, where
  // the channel's own limit would have given RESOURCE_EXHAUSTED.
  std::shared_ptr<grpc::Channel> channel = MakeChannel(address_);
  EXPECT_EQ(Check(channel, std::string(1 << 20, 's')).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(ChannelTest, DnsTargetsGoRoundRobinAndAddressesPickFirst) {
  std::shared_ptr<grpc::Channel> spread =
      MakeChannel(absl::StrCat("dns:///", address_));
  EXPECT_TRUE(Check(spread, "").ok());
  EXPECT_EQ(spread->GetLoadBalancingPolicyName(), "round_robin");

  std::shared_ptr<grpc::Channel> pinned = MakeChannel(address_);
  EXPECT_TRUE(Check(pinned, "").ok());
  EXPECT_EQ(pinned->GetLoadBalancingPolicyName(), "pick_first");
}

TEST(ChannelAgeTest, ServerClosesConnectionsAfterMaxConnectionAge) {
  ServerOptions options;
  options.listen = "127.0.0.1:0";
  options.max_connection_age = absl::Milliseconds(200);
  options.max_connection_age_grace = absl::Milliseconds(100);
  auto server = Server::Start(options, {});
  ASSERT_TRUE(server.ok()) << server.status();
  std::shared_ptr<grpc::Channel> channel =
      MakeChannel(absl::StrCat("127.0.0.1:", (*server)->port()));
  ASSERT_TRUE(Check(channel, "").ok());
  ASSERT_EQ(channel->GetState(false), GRPC_CHANNEL_READY);
  // The server's GOAWAY sends the channel back to IDLE: the next call
  // reconnects (and resolves the name again).
  const absl::Time deadline = absl::Now() + kCallBound;
  grpc_connectivity_state state = GRPC_CHANNEL_READY;
  while (state == GRPC_CHANNEL_READY && absl::Now() < deadline) {
    channel->WaitForStateChange(state, absl::ToChronoTime(deadline));
    state = channel->GetState(false);
  }
  EXPECT_NE(state, GRPC_CHANNEL_READY);
  EXPECT_TRUE(Check(channel, "").ok());
  (*server)->Shutdown();
}

TEST(ChannelWithoutServerTest, AClosedPortIsUnavailable) {
  // Bind a server to learn a free port, then stop it: nobody listens there.
  std::string address;
  {
    ServerOptions options;
    options.listen = "127.0.0.1:0";
    options.metrics_listen = "127.0.0.1:0";
    auto server = Server::Start(options, {});
    ASSERT_TRUE(server.ok()) << server.status();
    address = absl::StrCat("127.0.0.1:", (*server)->port());
    (*server)->Shutdown();
  }
  EXPECT_EQ(Check(MakeChannel(address), "").error_code(),
            grpc::StatusCode::UNAVAILABLE);
}

}  // namespace
}  // namespace rapporteur
