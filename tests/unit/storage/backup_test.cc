#include "lib/storage/backup.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "tests/testing/files.h"
#include "tests/testing/status_matchers.h"

namespace rapporteur::storage {
namespace {

using ::rapporteur::testing::StatusIs;
using ::testing::HasSubstr;

// Creating and restoring a real backup:
// StoreTest.BackupRestoresIntoAFreshDirectory.
TEST(RestoreBackupTest, NeverRestoresOverData) {
  rapporteur::testing::TempDir dir;
  const std::string own = dir.path() + "/db";
  std::filesystem::create_directories(own);
  internal::v1::RestoreBackupRequest request;
  EXPECT_THAT(RestoreBackup(own, request),
              StatusIs(absl::StatusCode::kInvalidArgument));
  request.set_backup_dir(dir.path() + "/backups");
  request.set_target_dir(own);
  EXPECT_THAT(
      RestoreBackup(own, request),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("own directory")));
  request.set_target_dir(dir.path() + "/used");
  std::filesystem::create_directories(request.target_dir());
  std::ofstream(request.target_dir() + "/file") << "data";
  EXPECT_THAT(
      RestoreBackup(own, request),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("not empty")));
}

TEST(RestoreBackupTest, AMissingBackupIsNotFound) {
  rapporteur::testing::TempDir dir;
  internal::v1::RestoreBackupRequest request;
  request.set_backup_dir(dir.path() + "/backups");
  request.set_target_dir(dir.path() + "/fresh/target");
  request.set_backup_id(7);
  EXPECT_THAT(RestoreBackup(dir.path() + "/db", request),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST(CreateBackupTest, NeedsABackupDirectory) {
  EXPECT_THAT(CreateBackup(nullptr, internal::v1::CreateBackupRequest()),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace rapporteur::storage
