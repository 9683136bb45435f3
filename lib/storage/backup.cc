#include "lib/storage/backup.h"

#include <rocksdb/env.h>
#include <rocksdb/utilities/backup_engine.h>

#include <filesystem>
#include <memory>
#include <string>
#include <system_error>

#include "absl/strings/str_cat.h"
#include "lib/base/status_macros.h"
#include "lib/storage/rocks_status.h"

namespace rapporteur::storage {

absl::StatusOr<internal::v1::CreateBackupResponse> CreateBackup(
    rocksdb::DB* db, const internal::v1::CreateBackupRequest& request) {
  if (request.backup_dir().empty()) {
    return absl::InvalidArgumentError("backup_dir is empty");
  }
  rocksdb::BackupEngine* raw_engine = nullptr;
  ABSL_RETURN_IF_ERROR(FromRocks(rocksdb::BackupEngine::Open(
      rocksdb::BackupEngineOptions(request.backup_dir()),
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
    absl::string_view own_dir,
    const internal::v1::RestoreBackupRequest& request) {
  if (request.backup_dir().empty() || request.target_dir().empty()) {
    return absl::InvalidArgumentError("backup_dir and target_dir are needed");
  }
  std::error_code error;
  const std::filesystem::path target(request.target_dir());
  if (std::filesystem::equivalent(target, std::string(own_dir), error)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "target_dir ", request.target_dir(), " is this shard's own directory"));
  }
  if (std::filesystem::exists(target, error) &&
      !std::filesystem::is_empty(target, error)) {
    return absl::FailedPreconditionError(absl::StrCat(
        "target_dir ", request.target_dir(), " exists and is not empty"));
  }
  // RocksDB creates the last directory only.
  std::filesystem::create_directories(target, error);
  if (error) {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot create target_dir ", request.target_dir(), ": ",
                     error.message()));
  }
  rocksdb::BackupEngineReadOnly* raw_engine = nullptr;
  ABSL_RETURN_IF_ERROR(FromRocks(rocksdb::BackupEngineReadOnly::Open(
      rocksdb::BackupEngineOptions(request.backup_dir()),
      rocksdb::Env::Default(), &raw_engine)));
  std::unique_ptr<rocksdb::BackupEngineReadOnly> engine(raw_engine);
  rocksdb::BackupInfo info;
  ABSL_RETURN_IF_ERROR(
      FromRocks(request.backup_id() == 0
                    ? engine->GetLatestBackupInfo(&info)
                    : engine->GetBackupInfo(request.backup_id(), &info)));
  ABSL_RETURN_IF_ERROR(FromRocks(
      engine->RestoreDBFromBackup(rocksdb::RestoreOptions(), info.backup_id,
                                  request.target_dir(), request.target_dir())));
  internal::v1::RestoreBackupResponse response;
  response.set_backup_id(info.backup_id);
  return response;
}

}  // namespace rapporteur::storage
