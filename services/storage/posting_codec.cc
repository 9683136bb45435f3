#include "services/storage/posting_codec.h"

#include <limits>

namespace rapporteur::storage {

void PutVarint(std::string* out, uint64_t value) {
  while (value >= 0x80) {
    out->push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  out->push_back(static_cast<char>(value));
}

bool GetVarint(absl::string_view* in, uint64_t* value) {
  uint64_t result = 0;
  for (int shift = 0; shift <= 63 && !in->empty(); shift += 7) {
    const auto byte = static_cast<unsigned char>(in->front());
    in->remove_prefix(1);
    result |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) {
      *value = result;
      return true;
    }
  }
  return false;
}

std::string EncodePostings(const std::vector<Posting>& postings) {
  std::string out;
  uint32_t previous_ordinal = 0;
  for (const Posting& posting : postings) {
    PutVarint(&out, posting.ordinal - previous_ordinal);
    previous_ordinal = posting.ordinal;
    PutVarint(&out, posting.length);
    PutVarint(&out, posting.positions.size());
    uint32_t previous_position = 0;
    for (uint32_t position : posting.positions) {
      PutVarint(&out, position - previous_position);
      previous_position = position;
    }
  }
  return out;
}

absl::StatusOr<std::vector<Posting>> DecodePostings(absl::string_view value) {
  constexpr uint64_t kMax = std::numeric_limits<uint32_t>::max();
  std::vector<Posting> postings;
  uint64_t ordinal = 0;
  while (!value.empty()) {
    uint64_t delta = 0, length = 0, frequency = 0;
    if (!GetVarint(&value, &delta) || !GetVarint(&value, &length) ||
        !GetVarint(&value, &frequency) || frequency > value.size()) {
      return absl::DataLossError("truncated posting list");
    }
    ordinal += delta;
    if (ordinal > kMax || length > kMax) {
      return absl::DataLossError("posting list value out of range");
    }
    Posting posting;
    posting.ordinal = static_cast<uint32_t>(ordinal);
    posting.length = static_cast<uint32_t>(length);
    posting.positions.reserve(frequency);
    uint64_t position = 0;
    for (uint64_t i = 0; i < frequency; ++i) {
      uint64_t position_delta = 0;
      if (!GetVarint(&value, &position_delta)) {
        return absl::DataLossError("truncated positions in posting list");
      }
      position += position_delta;
      posting.positions.push_back(static_cast<uint32_t>(position));
    }
    postings.push_back(std::move(posting));
  }
  return postings;
}

}  // namespace rapporteur::storage
