#ifndef RAPPORTEUR_LIB_STORAGE_VARINT_H_
#define RAPPORTEUR_LIB_STORAGE_VARINT_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace rapporteur::storage {

// LEB128 varints: the small numbers of posting blocks and index rows (id
// deltas, frequencies, positions) take one byte each.

// Appends `value` as a varint.
void PutVarint(std::string* out, uint64_t value);

// Reads a varint from the front of *in, consuming it; false when truncated.
bool GetVarint(absl::string_view* in, uint64_t* value);

}  // namespace rapporteur::storage

#endif  // RAPPORTEUR_LIB_STORAGE_VARINT_H_
