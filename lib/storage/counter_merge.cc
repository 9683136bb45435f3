#include "lib/storage/counter_merge.h"

#include "lib/storage/keys.h"

namespace rapporteur::storage {
namespace {

class CounterAdd final : public rocksdb::AssociativeMergeOperator {
 public:
  bool Merge(const rocksdb::Slice& /*key*/, const rocksdb::Slice* existing,
             const rocksdb::Slice& value, std::string* new_value,
             rocksdb::Logger* /*logger*/) const override {
    if (value.size() != 8 || (existing != nullptr && existing->size() != 8)) {
      return false;  // corruption: RocksDB reports it
    }
    const int64_t base = existing == nullptr
                             ? 0
                             : DecodeCounter(absl::string_view(
                                   existing->data(), existing->size()));
    *new_value = EncodeCounter(
        base + DecodeCounter(absl::string_view(value.data(), value.size())));
    return true;
  }
  const char* Name() const override { return "rapporteur.CounterAdd"; }
};

}  // namespace

std::string EncodeCounter(int64_t value) {
  std::string out;
  PutBigEndian64(&out, static_cast<uint64_t>(value));
  return out;
}

int64_t DecodeCounter(absl::string_view value) {
  return value.size() == 8 ? static_cast<int64_t>(GetBigEndian64(value)) : 0;
}

std::shared_ptr<rocksdb::MergeOperator> CounterAddOperator() {
  return std::make_shared<CounterAdd>();
}

}  // namespace rapporteur::storage
