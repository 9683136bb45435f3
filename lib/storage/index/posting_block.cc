#include "lib/storage/index/posting_block.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "lib/storage/varint.h"

namespace rapporteur::storage::index {
namespace {

absl::Status Malformed(ParagraphId first) {
  return absl::DataLossError(
      absl::StrCat("malformed posting block at paragraph id ", first));
}

bool GetVarint32(absl::string_view* in, uint32_t* value) {
  uint64_t wide = 0;
  if (!GetVarint(in, &wide) || wide > 0xffffffffu) {
    return false;
  }
  *value = static_cast<uint32_t>(wide);
  return true;
}

}  // namespace

namespace {

PostingColumns ToColumns(absl::Span<const Posting> postings) {
  PostingColumns columns;
  for (const Posting& posting : postings) {
    columns.ids.push_back(posting.id);
    columns.positions.insert(columns.positions.end(), posting.positions.begin(),
                             posting.positions.end());
    columns.begin.push_back(static_cast<uint32_t>(columns.positions.size()));
  }
  return columns;
}

}  // namespace

std::string EncodeBlock(const PostingColumns& postings, size_t from,
                        size_t count, absl::Span<const uint32_t> lengths) {
  const size_t end = from + count;
  uint32_t max_frequency = 0;
  uint32_t min_length = 0xffffffffu;
  for (size_t i = from; i < end; ++i) {
    max_frequency = std::max(max_frequency, postings.frequency(i));
    min_length = std::min(min_length, lengths[i]);
  }
  std::string ids;
  for (size_t i = from + 1; i < end; ++i) {
    PutVarint(&ids, postings.ids[i] - postings.ids[i - 1]);
  }
  for (size_t i = from; i < end; ++i) {
    PutVarint(&ids, postings.frequency(i));
  }
  std::string out;
  PutVarint(&out, count);
  PutVarint(&out, postings.ids[end - 1] - postings.ids[from]);
  PutVarint(&out, max_frequency);
  PutVarint(&out, min_length);
  PutVarint(&out, ids.size());
  out += ids;
  for (size_t i = from; i < end; ++i) {
    uint32_t previous = 0;
    for (uint32_t p = postings.begin[i]; p < postings.begin[i + 1]; ++p) {
      PutVarint(&out, postings.positions[p] - previous);
      previous = postings.positions[p];
    }
  }
  return out;
}

std::string EncodeBlock(absl::Span<const Posting> postings,
                        absl::Span<const uint32_t> lengths) {
  return EncodeBlock(ToColumns(postings), 0, postings.size(), lengths);
}

std::vector<std::pair<ParagraphId, std::string>> EncodeBlocks(
    const PostingColumns& postings, absl::Span<const uint32_t> lengths) {
  std::vector<std::pair<ParagraphId, std::string>> blocks;
  for (size_t begin = 0; begin < postings.size(); begin += kBlockSize) {
    const size_t count = std::min(kBlockSize, postings.size() - begin);
    blocks.emplace_back(postings.ids[begin],
                        EncodeBlock(postings, begin, count, lengths));
  }
  return blocks;
}

std::vector<std::pair<ParagraphId, std::string>> EncodeBlocks(
    absl::Span<const Posting> postings, absl::Span<const uint32_t> lengths) {
  return EncodeBlocks(ToColumns(postings), lengths);
}

absl::Status BlockReader::Reset(ParagraphId first, absl::string_view value) {
  decoded_ = false;
  ids_.clear();
  frequencies_.clear();
  position_offsets_.clear();
  uint32_t span = 0;
  uint32_t ids_bytes = 0;
  header_.first = first;
  if (!GetVarint32(&value, &header_.count) || header_.count == 0 ||
      !GetVarint32(&value, &span) ||
      !GetVarint32(&value, &header_.max_frequency) ||
      !GetVarint32(&value, &header_.min_length) ||
      !GetVarint32(&value, &ids_bytes) || ids_bytes > value.size() ||
      span > kNoParagraph - 1 - first) {
    return Malformed(first);
  }
  header_.last = first + span;
  ids_part_ = value.substr(0, ids_bytes);
  positions_part_ = value.substr(ids_bytes);
  return absl::OkStatus();
}

absl::Status BlockReader::DecodeIds() {
  if (decoded_) {
    return absl::OkStatus();
  }
  absl::string_view in = ids_part_;
  ids_.resize(header_.count);
  frequencies_.resize(header_.count);
  ids_[0] = header_.first;
  for (uint32_t i = 1; i < header_.count; ++i) {
    uint32_t delta = 0;
    if (!GetVarint32(&in, &delta) || delta == 0) {
      return Malformed(header_.first);
    }
    ids_[i] = ids_[i - 1] + delta;
  }
  for (uint32_t i = 0; i < header_.count; ++i) {
    if (!GetVarint32(&in, &frequencies_[i]) || frequencies_[i] == 0) {
      return Malformed(header_.first);
    }
  }
  if (ids_.back() != header_.last) {
    return Malformed(header_.first);
  }
  position_offsets_.assign(1, 0);
  decoded_ = true;
  return absl::OkStatus();
}

absl::StatusOr<std::vector<uint32_t>> BlockReader::Positions(size_t index) {
  // Walk forward from the furthest posting whose offset is known.
  while (position_offsets_.size() <= index) {
    const size_t walked = position_offsets_.size() - 1;
    absl::string_view in = positions_part_.substr(position_offsets_.back());
    for (uint32_t i = 0; i < frequencies_[walked]; ++i) {
      uint32_t delta = 0;
      if (!GetVarint32(&in, &delta)) {
        return Malformed(header_.first);
      }
    }
    position_offsets_.push_back(positions_part_.size() - in.size());
  }
  absl::string_view in = positions_part_.substr(position_offsets_[index]);
  std::vector<uint32_t> positions(frequencies_[index]);
  uint32_t position = 0;
  for (uint32_t& out : positions) {
    uint32_t delta = 0;
    if (!GetVarint32(&in, &delta)) {
      return Malformed(header_.first);
    }
    position += delta;
    out = position;
  }
  return positions;
}

}  // namespace rapporteur::storage::index
