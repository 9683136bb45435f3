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

using ::rapporteur::testing::IsOk;
using ::rapporteur::testing::IsOkAndHolds;
using ::rapporteur::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;

TEST(BackupNameTest, AcceptsPlainNames) {
  EXPECT_THAT(CheckBackupName("backup", "nightly"), IsOk());
  EXPECT_THAT(CheckBackupName("backup", "2024-05-01_shard-0.v2"), IsOk());
  EXPECT_THAT(CheckBackupName("backup", std::string(64, 'a')), IsOk());
}

TEST(BackupNameTest, RefusesPathsAndNamesThatLeaveTheRoot) {
  for (const auto& [name, problem] :
       std::vector<std::pair<std::string, std::string>>{
           {"", "is required"},
           {"/etc", "absolute path"},
           {"/", "absolute path"},
           {"..", "'..'"},
           {"../../etc/cron.d", "'..'"},
           {"a/../../b", "'..'"},
           {"a/b", "a path"},
           {"a\\b", "a path"},
           {".", "starts with '.'"},
           {".hidden", "starts with '.'"},
           {"night ly", "other than"},
           {std::string("a\0b", 3), "other than"},
           {"r\xc3\xa9sum\xc3\xa9", "other than"},
           {std::string(65, 'a'), "65 bytes long"}}) {
    EXPECT_THAT(CheckBackupName("target", name),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         AllOf(HasSubstr("target"), HasSubstr(problem))))
        << name;
  }
}

TEST(BackupNameTest, AHugeNameIsQuotedShort) {
  const absl::Status status =
      CheckBackupName("backup", std::string(100000, '/'));
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument,
                               HasSubstr("100000 bytes")));
  EXPECT_LT(status.message().size(), 400u);
}

TEST(BackupPathsTest, StayUnderTheRoot) {
  internal::v1::CreateBackupRequest create;
  create.set_backup("nightly");
  EXPECT_THAT(BackupSetPath("/srv/backups", create, -1),
              IsOkAndHolds(std::string("/srv/backups/backups/nightly")));
  EXPECT_THAT(
      BackupSetPath("/srv/backups", create, 3),
      IsOkAndHolds(std::string("/srv/backups/backups/nightly/partition-3")));
  create.set_backup("../nightly");
  EXPECT_THAT(BackupSetPath("/srv/backups", create, -1),
              StatusIs(absl::StatusCode::kInvalidArgument));

  internal::v1::RestoreBackupRequest restore;
  restore.set_backup("nightly");
  restore.set_target("copy");
  auto paths = RestoreBackupPaths("/srv/backups", restore, -1);
  ASSERT_THAT(paths.status(), IsOk());
  EXPECT_EQ(paths->backup_set, "/srv/backups/backups/nightly");
  EXPECT_EQ(paths->target, "/srv/backups/restores/copy");
  restore.set_target("/var/lib/rapporteur/shard");
  EXPECT_THAT(
      RestoreBackupPaths("/srv/backups", restore, -1).status(),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("absolute path")));
}

TEST(BackupPathsTest, BackupsAreOffWithoutARoot) {
  internal::v1::CreateBackupRequest create;
  create.set_backup("nightly");
  EXPECT_THAT(BackupSetPath("", create, -1),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("--backup_dir")));
  internal::v1::RestoreBackupRequest restore;
  restore.set_backup("nightly");
  restore.set_target("copy");
  EXPECT_THAT(RestoreBackupPaths("", restore, -1).status(),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

// Creating and restoring a real backup:
// StoreTest.BackupRestoresIntoAFreshDirectory.
TEST(RestoreBackupTest, NeverRestoresOverData) {
  rapporteur::testing::TempDir dir;
  const std::string own = dir.path() + "/db";
  const std::string backups = dir.path() + "/backups/nightly";
  std::filesystem::create_directories(own);
  std::filesystem::create_directories(backups);
  EXPECT_THAT(
      RestoreBackup(own, backups, 0, own),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("own directory")));
  const std::string used = dir.path() + "/used";
  std::filesystem::create_directories(used);
  std::ofstream(used + "/file") << "data";
  EXPECT_THAT(
      RestoreBackup(own, backups, 0, used),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("not empty")));
}

TEST(RestoreBackupTest, AMissingBackupIsNotFound) {
  rapporteur::testing::TempDir dir;
  EXPECT_THAT(RestoreBackup(dir.path() + "/db", dir.path() + "/backups/none", 7,
                            dir.path() + "/fresh/target"),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_FALSE(std::filesystem::exists(dir.path() + "/fresh"));
}

}  // namespace
}  // namespace rapporteur::storage
