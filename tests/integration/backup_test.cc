// Backups of a real storage process: under its --backup_dir only, named
// by callers (never a path), and with a tokens file only for admins.
#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "lib/rpc/auth.h"
#include "rapporteur/internal/v1/shard.grpc.pb.h"
#include "tests/integration/cluster.h"
#include "tests/testing/files.h"
#include "tests/testing/sample_request.h"
#include "tests/testing/status_matchers.h"

namespace rapporteur {
namespace {

using ::rapporteur::testing::Cluster;
using ::rapporteur::testing::IsOk;
using ::rapporteur::testing::SampleIngestRequest;
using ::testing::HasSubstr;

class BackupTest : public ::testing::Test {
 protected:
  // Starts a cluster whose storage has `storage_flags`.
  void StartCluster(std::vector<std::string> storage_flags) {
    Cluster::Config config;
    config.storage_flags = std::move(storage_flags);
    ASSERT_THAT(cluster_.Start(config), IsOk());
    storage_ = internal::v1::StorageService::NewStub(grpc::CreateChannel(
        cluster_.storage_address(), grpc::InsecureChannelCredentials()));
  }

  grpc::Status Create(const std::string& name, const std::string& token,
                      internal::v1::CreateBackupResponse* created = nullptr) {
    grpc::ClientContext context;
    Prepare(&context, token);
    internal::v1::CreateBackupRequest request;
    request.set_backup(name);
    internal::v1::CreateBackupResponse response;
    return storage_->CreateBackup(&context, request,
                                  created != nullptr ? created : &response);
  }

  grpc::Status Restore(const std::string& name, const std::string& target,
                       const std::string& token) {
    grpc::ClientContext context;
    Prepare(&context, token);
    internal::v1::RestoreBackupRequest request;
    request.set_backup(name);
    request.set_target(target);
    internal::v1::RestoreBackupResponse response;
    return storage_->RestoreBackup(&context, request, &response);
  }

  static void Prepare(grpc::ClientContext* context, const std::string& token) {
    context->set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(60)));
    if (!token.empty()) {
      context->AddMetadata("authorization", absl::StrCat("Bearer ", token));
    }
  }

  rapporteur::testing::TempDir dir_;
  const std::string backups_ = dir_.path() + "/backups";
  Cluster cluster_{dir_.path() + "/cluster"};
  std::unique_ptr<internal::v1::StorageService::Stub> storage_;
};

TEST_F(BackupTest, BackupsStayUnderBackupDirAndNeedAnAdminToken) {
  const std::string tokens = dir_.path() + "/tokens";
  std::ofstream(tokens) << TokenHash("viewer-token") << " viewer\n"
                        << TokenHash("admin-token") << " admin\n";
  StartCluster({absl::StrCat("--backup_dir=", backups_),
                absl::StrCat("--tokens_file=", tokens)});
  ASSERT_TRUE(cluster_.NewClient()->IngestDocument(SampleIngestRequest()).ok());

  // Only an admin, and permission before anything else is looked at.
  EXPECT_EQ(Create("nightly", "").error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Create("../outside", "viewer-token").error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Restore("nightly", "copy", "viewer-token").error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  // Names, never paths.
  const std::string outside = dir_.path() + "/outside";
  for (const std::string& name :
       {std::string("../outside"), std::string("../../outside"), outside,
        std::string("nightly/../../outside"), std::string("a/b"),
        std::string(".."), std::string("")}) {
    const grpc::Status status = Create(name, "admin-token");
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << name << ": " << status.error_message();
    EXPECT_THAT(status.error_message(), HasSubstr("backup")) << name;
    EXPECT_EQ(Restore("nightly", name, "admin-token").error_code(),
              grpc::StatusCode::INVALID_ARGUMENT)
        << name;
  }
  // Where those names would have led.
  EXPECT_FALSE(std::filesystem::exists(outside));
  EXPECT_FALSE(std::filesystem::exists(backups_ + "/outside"));
  EXPECT_FALSE(std::filesystem::exists(backups_ + "/backups"));
  EXPECT_FALSE(std::filesystem::exists(backups_ + "/restores"));

  internal::v1::CreateBackupResponse created;
  const grpc::Status status = Create("nightly", "admin-token", &created);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(created.backup_id(), 1u);
  EXPECT_TRUE(std::filesystem::exists(backups_ + "/backups/nightly/meta"));

  // Restored under the root, into a directory a new cluster can serve.
  const grpc::Status restored = Restore("nightly", "shard-0", "admin-token");
  ASSERT_TRUE(restored.ok()) << restored.error_message();
  EXPECT_EQ(Restore("nightly", "shard-0", "admin-token").error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);  // not over data
  Cluster copy(backups_ + "/restores");
  ASSERT_THAT(copy.Start(), IsOk());
  auto hits = copy.NewClient()->Search("public executions");
  ASSERT_TRUE(hits.ok()) << hits.status();
  ASSERT_GE(hits->hits_size(), 1);
  EXPECT_EQ(hits->hits(0).citation(), "A/HRC/7/20, para. 26");
}

TEST_F(BackupTest, BackupsAreOffWithoutBackupDir) {
  StartCluster({});
  const grpc::Status status = Create("nightly", "");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(status.error_message(), HasSubstr("--backup_dir"));
  EXPECT_EQ(Restore("nightly", "copy", "").error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
}

}  // namespace
}  // namespace rapporteur
