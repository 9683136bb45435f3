#ifndef RAPPORTEUR_LIB_STORAGE_COUNTER_MERGE_H_
#define RAPPORTEUR_LIB_STORAGE_COUNTER_MERGE_H_

#include <rocksdb/merge_operator.h>

#include <cstdint>
#include <memory>
#include <string>

#include "absl/strings/string_view.h"

namespace rapporteur::storage {

// Counters stored as 8-byte big-endian two's complement, added by RocksDB
// merges: a write adds to a term's document frequency without reading it.
std::string EncodeCounter(int64_t value);
// The counter in `value`; 0 unless it is 8 bytes.
int64_t DecodeCounter(absl::string_view value);

// The merge operator adding counters.
std::shared_ptr<rocksdb::MergeOperator> CounterAddOperator();

}  // namespace rapporteur::storage

#endif  // RAPPORTEUR_LIB_STORAGE_COUNTER_MERGE_H_
