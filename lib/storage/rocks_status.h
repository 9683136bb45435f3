#ifndef RAPPORTEUR_LIB_STORAGE_ROCKS_STATUS_H_
#define RAPPORTEUR_LIB_STORAGE_ROCKS_STATUS_H_

#include <rocksdb/slice.h>
#include <rocksdb/status.h>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace rapporteur::storage {

// RocksDB status to absl. Lives here, not in lib/base, because only
// services/storage includes rocksdb/. Corruption is DATA_LOSS, Busy and
// TryAgain are ABORTED, NotSupported is UNIMPLEMENTED, ShutdownInProgress is
// UNAVAILABLE, IOError is INTERNAL; the rest map by name.
absl::Status FromRocks(const rocksdb::Status& status);

// Debian's absl::string_view is not std::string_view, so RocksDB's Slice
// does not convert from it by itself.
inline rocksdb::Slice AsSlice(absl::string_view s) {
  return rocksdb::Slice(s.data(), s.size());
}

}  // namespace rapporteur::storage

#endif  // RAPPORTEUR_LIB_STORAGE_ROCKS_STATUS_H_
