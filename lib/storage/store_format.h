#ifndef RAPPORTEUR_LIB_STORAGE_STORE_FORMAT_H_
#define RAPPORTEUR_LIB_STORAGE_STORE_FORMAT_H_

#include <rocksdb/db.h>

#include <cstdint>

#include "absl/status/status.h"

namespace rapporteur::storage {

// The version of the data-directory format this code writes and reads
// (StoreFormat in proto/rapporteur/internal/v1/stored.proto).
inline constexpr uint32_t kStoreFormatVersion = 1;

// Checks the format of an opened database against kStoreFormatVersion,
// reading the "format" row of `meta`: a directory without one (new, or
// written before the row existed, which is version 1) gets it, synced; a
// later version is FAILED_PRECONDITION naming both versions, so that an
// older binary never reads or writes rows it does not understand; an
// unreadable row is DATA_LOSS.
absl::Status CheckStoreFormat(rocksdb::DB* db,
                              rocksdb::ColumnFamilyHandle* meta);

}  // namespace rapporteur::storage

#endif  // RAPPORTEUR_LIB_STORAGE_STORE_FORMAT_H_
