#ifndef RAPPORTEUR_LIB_BASE_FINGERPRINT_H_
#define RAPPORTEUR_LIB_BASE_FINGERPRINT_H_

#include <cstdint>

#include "absl/strings/string_view.h"

namespace rapporteur {

// 64-bit FNV-1a of `text`: stable across processes, builds and machines,
// unlike std::hash or absl::Hash, for values that outlive a process (shard
// placement, page tokens).
inline uint64_t Fingerprint(absl::string_view text) {
  uint64_t hash = 14695981039346656037ull;
  for (char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  return hash;
}

}  // namespace rapporteur

#endif  // RAPPORTEUR_LIB_BASE_FINGERPRINT_H_
