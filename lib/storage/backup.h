#ifndef RAPPORTEUR_LIB_STORAGE_BACKUP_H_
#define RAPPORTEUR_LIB_STORAGE_BACKUP_H_

#include <rocksdb/db.h>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "rapporteur/internal/v1/shard.pb.h"

namespace rapporteur::storage {

// Backups of a shard's database with RocksDB's BackupEngine. Functions
// without state: the caller keeps `db` open for the call (Store holds its
// lifetime lock shared).

// Backs `db` up into request.backup_dir (created when missing) after a
// flush, consistently across column families. INVALID_ARGUMENT for an
// empty backup_dir; the RocksDB error otherwise.
absl::StatusOr<internal::v1::CreateBackupResponse> CreateBackup(
    rocksdb::DB* db, const internal::v1::CreateBackupRequest& request);

// Restores backup request.backup_id (0: latest) of request.backup_dir into
// request.target_dir, which must not exist or be empty (else
// FAILED_PRECONDITION) and is never `own_dir`, the live database's
// directory (else INVALID_ARGUMENT). NOT_FOUND for a missing backup.
absl::StatusOr<internal::v1::RestoreBackupResponse> RestoreBackup(
    absl::string_view own_dir,
    const internal::v1::RestoreBackupRequest& request);

}  // namespace rapporteur::storage

#endif  // RAPPORTEUR_LIB_STORAGE_BACKUP_H_
