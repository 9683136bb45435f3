#include "lib/storage/store_format.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "lib/storage/keys.h"
#include "lib/storage/rocks_status.h"
#include "rapporteur/internal/v1/stored.pb.h"

namespace rapporteur::storage {

absl::Status CheckStoreFormat(rocksdb::DB* db,
                              rocksdb::ColumnFamilyHandle* meta) {
  std::string value;
  rocksdb::Status s = db->Get(rocksdb::ReadOptions(), meta, kFormatKey, &value);
  if (s.IsNotFound()) {
    internal::v1::StoreFormat format;
    format.set_version(kStoreFormatVersion);
    rocksdb::WriteOptions synced;
    synced.sync = true;
    return FromRocks(
        db->Put(synced, meta, kFormatKey, format.SerializeAsString()));
  }
  if (!s.ok()) {
    return FromRocks(s);
  }
  internal::v1::StoreFormat format;
  if (!format.ParseFromString(value) || format.version() == 0) {
    return absl::DataLossError("the store's format row is unreadable");
  }
  if (format.version() > kStoreFormatVersion) {
    return absl::FailedPreconditionError(
        absl::StrCat("the store is in format ", format.version(),
                     ", written by a newer Rapporteur; this one reads format ",
                     kStoreFormatVersion, " and older"));
  }
  return absl::OkStatus();
}

}  // namespace rapporteur::storage
