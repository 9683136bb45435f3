#include "lib/storage/backup.h"

#include <rocksdb/env.h>
#include <rocksdb/utilities/backup_engine.h>

#include <filesystem>
#include <memory>
#include <string>
#include <system_error>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "lib/base/quote.h"
#include "lib/base/status_macros.h"
#include "lib/storage/rocks_status.h"

namespace rapporteur::storage {
namespace {

absl::Status CheckRoot(absl::string_view root) {
  if (root.empty()) {
    return absl::FailedPreconditionError(
        "backups are off on this storage process: start it with "
        "--backup_dir, the directory that holds its backups");
  }
  return absl::OkStatus();
}

// {root}/{kind}/{name}[/partition-{p}]; the name is checked.
std::string PathUnder(absl::string_view root, absl::string_view kind,
                      absl::string_view name, int partition) {
  std::string path = absl::StrCat(root, "/", kind, "/", name);
  if (partition >= 0) {
    absl::StrAppend(&path, "/partition-", partition);
  }
  return path;
}

}  // namespace

absl::Status CheckBackupName(absl::string_view field, absl::string_view name) {
  const auto invalid = [&](absl::string_view why) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, " ", QuoteValue(name), " ", why,
                     ": give a name of 1 to ", kMaxBackupNameLength,
                     " ASCII letters, digits, '.', '_' and '-', not starting "
                     "with '.'"));
  };
  if (name.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, " is required: the name of a backup under --backup_dir"));
  }
  if (name.size() > kMaxBackupNameLength) {
    return invalid(absl::StrCat("is ", name.size(), " bytes long"));
  }
  if (name[0] == '/') {
    return invalid("is an absolute path");
  }
  if (absl::StrContains(name, "..")) {
    return invalid("holds '..'");
  }
  if (absl::StrContains(name, "/") || absl::StrContains(name, "\\")) {
    return invalid("is a path");
  }
  if (name[0] == '.') {
    return invalid("starts with '.'");
  }
  for (char c : name) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '.' &&
        c != '_' && c != '-') {
      return invalid("holds a character other than those");
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> BackupSetPath(
    absl::string_view root, const internal::v1::CreateBackupRequest& request,
    int partition) {
  ABSL_RETURN_IF_ERROR(CheckRoot(root));
  ABSL_RETURN_IF_ERROR(CheckBackupName("backup", request.backup()));
  return PathUnder(root, "backups", request.backup(), partition);
}

absl::StatusOr<RestorePaths> RestoreBackupPaths(
    absl::string_view root, const internal::v1::RestoreBackupRequest& request,
    int partition) {
  ABSL_RETURN_IF_ERROR(CheckRoot(root));
  ABSL_RETURN_IF_ERROR(CheckBackupName("backup", request.backup()));
  ABSL_RETURN_IF_ERROR(CheckBackupName("target", request.target()));
  return RestorePaths{
      .backup_set = PathUnder(root, "backups", request.backup(), partition),
      .target = PathUnder(root, "restores", request.target(), partition)};
}

absl::StatusOr<internal::v1::CreateBackupResponse> CreateBackup(
    rocksdb::DB* db, const std::string& backup_set) {
  // BackupEngine creates the last directory only.
  std::error_code error;
  std::filesystem::create_directories(
      std::filesystem::path(backup_set).parent_path(), error);
  if (error) {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot create the directory of backup set ", backup_set,
                     ": ", error.message()));
  }
  rocksdb::BackupEngine* raw_engine = nullptr;
  ABSL_RETURN_IF_ERROR(FromRocks(
      rocksdb::BackupEngine::Open(rocksdb::BackupEngineOptions(backup_set),
                                  rocksdb::Env::Default(), &raw_engine)));
  std::unique_ptr<rocksdb::BackupEngine> engine(raw_engine);
  rocksdb::CreateBackupOptions options;
  // A flush first: the backup then needs no WAL replay to hold every
  // acknowledged write.
  options.flush_before_backup = true;
  rocksdb::BackupID id = 0;
  ABSL_RETURN_IF_ERROR(FromRocks(engine->CreateNewBackup(options, db, &id)));
  rocksdb::BackupInfo info;
  ABSL_RETURN_IF_ERROR(FromRocks(engine->GetBackupInfo(id, &info)));
  internal::v1::CreateBackupResponse response;
  response.set_backup_id(id);
  response.set_size_bytes(info.size);
  response.set_file_count(info.number_files);
  return response;
}

absl::StatusOr<internal::v1::RestoreBackupResponse> RestoreBackup(
    absl::string_view own_dir, const std::string& backup_set,
    uint32_t backup_id, const std::string& target) {
  std::error_code error;
  const std::filesystem::path target_path(target);
  if (std::filesystem::equivalent(target_path, std::string(own_dir), error)) {
    return absl::InvalidArgumentError(
        absl::StrCat("target ", target, " is this shard's own directory"));
  }
  if (std::filesystem::exists(target_path, error) &&
      !std::filesystem::is_empty(target_path, error)) {
    return absl::FailedPreconditionError(
        absl::StrCat("target ", target, " exists and is not empty"));
  }
  if (!std::filesystem::exists(backup_set, error)) {
    return absl::NotFoundError(absl::StrCat("no set of backups ", backup_set));
  }
  // RocksDB creates the last directory only.
  std::filesystem::create_directories(target_path, error);
  if (error) {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot create target ", target, ": ", error.message()));
  }
  rocksdb::BackupEngineReadOnly* raw_engine = nullptr;
  ABSL_RETURN_IF_ERROR(FromRocks(rocksdb::BackupEngineReadOnly::Open(
      rocksdb::BackupEngineOptions(backup_set), rocksdb::Env::Default(),
      &raw_engine)));
  std::unique_ptr<rocksdb::BackupEngineReadOnly> engine(raw_engine);
  rocksdb::BackupInfo info;
  ABSL_RETURN_IF_ERROR(
      FromRocks(backup_id == 0 ? engine->GetLatestBackupInfo(&info)
                               : engine->GetBackupInfo(backup_id, &info)));
  ABSL_RETURN_IF_ERROR(FromRocks(engine->RestoreDBFromBackup(
      rocksdb::RestoreOptions(), info.backup_id, target, target)));
  internal::v1::RestoreBackupResponse response;
  response.set_backup_id(info.backup_id);
  return response;
}

}  // namespace rapporteur::storage
