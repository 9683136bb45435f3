#ifndef RAPPORTEUR_SERVICES_STORAGE_POSTING_CODEC_H_
#define RAPPORTEUR_SERVICES_STORAGE_POSTING_CODEC_H_

#include <cstdint>
#include <string>
#include "absl/strings/string_view.h"
#include <vector>

#include "absl/status/statusor.h"

namespace rapporteur::storage {

// The occurrences of one term in one paragraph.
struct Posting {
  uint32_t ordinal = 0;  // paragraph position in its document
  uint32_t length = 0;   // tokens in the paragraph, for BM25 length norm
  std::vector<uint32_t> positions;  // ascending; size() is the frequency
};

// The postings of one term in one document are one value: varints of
// (ordinal delta, length, frequency, position deltas...), paragraphs in
// ascending order. Deltas keep common small numbers in one byte.
std::string EncodePostings(const std::vector<Posting>& postings);

// Inverse of EncodePostings; DATA_LOSS when `value` is malformed.
absl::StatusOr<std::vector<Posting>> DecodePostings(absl::string_view value);

// Appends `value` as a LEB128 varint.
void PutVarint(std::string* out, uint64_t value);

// Reads a varint from the front of *in, consuming it; false when truncated.
bool GetVarint(absl::string_view* in, uint64_t* value);

}  // namespace rapporteur::storage

#endif  // RAPPORTEUR_SERVICES_STORAGE_POSTING_CODEC_H_
