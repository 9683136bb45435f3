#include "lib/rpc/tls.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "lib/rpc/server.h"
#include "tests/testing/files.h"

namespace rapporteur {
namespace {

using ::testing::HasSubstr;

TEST(IsLoopbackAddressTest, LoopbackIs127Slash8AndV6OneAndLocalhost) {
  for (const char* address :
       {"127.0.0.1:50051", "127.255.3.4:1", "127.0.0.1", "[::1]:50051", "::1",
        "localhost:50051", "LocalHost:1", "[0:0:0:0:0:0:0:1]:9"}) {
    EXPECT_TRUE(IsLoopbackAddress(address)) << address;
  }
  for (const char* address :
       {"0.0.0.0:50051", "[::]:50051", "192.168.1.20:50051", "10.0.0.1:1",
        "128.0.0.1:1", "[::ffff:127.0.0.1]:1", "storage-0.storage:50051",
        ":50051", "", "localhost.example.org:1", "[fe80::1]:1"}) {
    EXPECT_FALSE(IsLoopbackAddress(address)) << address;
  }
}

TEST(TlsTest, CertificateWithoutKeyIsRejected) {
  ServerTls server;
  server.certificate_pem = "-----BEGIN CERTIFICATE-----\n";
  EXPECT_EQ(MakeServerCredentials(server).status().code(),
            absl::StatusCode::kInvalidArgument);
  ClientTls client;
  client.enabled = true;
  client.private_key_pem = "-----BEGIN PRIVATE KEY-----\n";
  EXPECT_EQ(MakeChannelCredentials(client).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(TlsTest, ReadPemFlagNamesTheFlagAndPath) {
  rapporteur::testing::TempDir dir;
  const std::string missing = dir.path() + "/missing.pem";
  absl::StatusOr<std::string> read = ReadPemFlag("tls_cert_file", missing);
  EXPECT_EQ(read.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(read.status().message(), HasSubstr("--tls_cert_file=" + missing));

  const std::string not_pem = dir.path() + "/cert.der";
  std::ofstream(not_pem) << "0\x82 not text";
  read = ReadPemFlag("tls_key_file", not_pem);
  EXPECT_EQ(read.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(read.status().message(), HasSubstr("--tls_key_file=" + not_pem));

  EXPECT_EQ(*ReadPemFlag("tls_key_file", ""), "");
}

TEST(TlsTest, PlainTextServerRefusesANonLoopbackAddress) {
  ServerOptions options;
  options.service_name = "storage";
  options.listen = "0.0.0.0:0";
  auto refused = Server::Start(options, {});
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(refused.status().message(), HasSubstr("0.0.0.0:0"));

  options.allow_insecure = true;
  auto started = Server::Start(options, {});
  ASSERT_TRUE(started.ok()) << started.status();
  (*started)->Shutdown();
}

}  // namespace
}  // namespace rapporteur
