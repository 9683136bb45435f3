#ifndef RAPPORTEUR_LIB_STORAGE_BACKUP_H_
#define RAPPORTEUR_LIB_STORAGE_BACKUP_H_

#include <rocksdb/db.h>

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "rapporteur/internal/v1/shard.pb.h"

namespace rapporteur::storage {

// Backups of a shard's database with RocksDB's BackupEngine, kept under one
// root directory of the storage process (its --backup_dir), which callers
// never leave: requests name a set of backups and a restored copy, never a
// path.
//
//   {root}/backups/{backup}[/partition-{p}]    a set of backups
//   {root}/restores/{target}[/partition-{p}]   a copy restored from one
//
// (partition-{p} for a partition of replicated storage.) Functions without
// state: the caller keeps `db` open for the call (Store holds its lifetime
// lock shared).

// The longest name of a backup set or restored copy.
inline constexpr size_t kMaxBackupNameLength = 64;

// OK when `name`, the value of request field `field`, names a backup set
// or a restored copy: 1 to kMaxBackupNameLength ASCII letters, digits,
// '.', '_' and '-', not starting with '.' (so never "." or ".."). Else
// INVALID_ARGUMENT naming the field and the problem: empty, too long
// (checked first), an absolute path, a path, "..", a leading '.', or
// another character.
absl::Status CheckBackupName(absl::string_view field, absl::string_view name);

// The directory of the set of backups `request.backup` of partition
// `partition` (-1: a single shard's) under `root`. FAILED_PRECONDITION
// when `root` is empty (backups are off); INVALID_ARGUMENT as
// CheckBackupName().
absl::StatusOr<std::string> BackupSetPath(
    absl::string_view root, const internal::v1::CreateBackupRequest& request,
    int partition);

// The directories a RestoreBackup request names under `root`: the set of
// backups, and the copy to restore into. Fails as BackupSetPath().
struct RestorePaths {
  std::string backup_set;
  std::string target;
};
absl::StatusOr<RestorePaths> RestoreBackupPaths(
    absl::string_view root, const internal::v1::RestoreBackupRequest& request,
    int partition);

// Backs `db` up into the set of backups in `backup_set` (created when
// missing) after a flush, consistently across column families. The
// RocksDB error otherwise.
absl::StatusOr<internal::v1::CreateBackupResponse> CreateBackup(
    rocksdb::DB* db, const std::string& backup_set);

// Restores backup `backup_id` (0: latest) of the set in `backup_set` into
// `target`, which must not exist or be empty (else FAILED_PRECONDITION)
// and is never `own_dir`, the live database's directory (else
// INVALID_ARGUMENT). NOT_FOUND for a missing backup.
absl::StatusOr<internal::v1::RestoreBackupResponse> RestoreBackup(
    absl::string_view own_dir, const std::string& backup_set,
    uint32_t backup_id, const std::string& target);

}  // namespace rapporteur::storage

#endif  // RAPPORTEUR_LIB_STORAGE_BACKUP_H_
