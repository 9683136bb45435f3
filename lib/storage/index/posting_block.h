#ifndef RAPPORTEUR_LIB_STORAGE_INDEX_POSTING_BLOCK_H_
#define RAPPORTEUR_LIB_STORAGE_INDEX_POSTING_BLOCK_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace rapporteur::storage::index {

// Paragraph ids are dense per shard, given in write order from 1, never
// reused: a term's postings only ever grow at the end, and a block of them
// is stored under the id of its first paragraph.
using ParagraphId = uint32_t;
inline constexpr ParagraphId kNoParagraph = 0xffffffffu;

// Most postings a block holds: small enough that skipping a block saves
// work, large enough that its header costs little per posting.
inline constexpr size_t kBlockSize = 128;

// The occurrences of a term in one paragraph.
struct Posting {
  ParagraphId id = 0;
  std::vector<uint32_t> positions;  // ascending; size() is the frequency
};

// Postings as columns, as the pending buffer keeps them and a flush encodes
// them: no allocation per posting. Ids ascend; the positions of posting i
// are positions[begin[i] .. begin[i + 1]), ascending.
struct PostingColumns {
  std::vector<ParagraphId> ids;
  std::vector<uint32_t> begin{0};
  std::vector<uint32_t> positions;

  size_t size() const { return ids.size(); }
  uint32_t frequency(size_t i) const { return begin[i + 1] - begin[i]; }
  // Appends posting `i` of `other`.
  void AppendFrom(const PostingColumns& other, size_t i) {
    ids.push_back(other.ids[i]);
    positions.insert(positions.end(), other.positions.begin() + other.begin[i],
                     other.positions.begin() + other.begin[i + 1]);
    begin.push_back(static_cast<uint32_t>(positions.size()));
  }
  void Clear() {
    ids.clear();
    begin.assign(1, 0);
    positions.clear();
  }
};

// What a block tells before it is decoded: enough to skip it, and an upper
// bound of the BM25 score of any of its postings (the frequency only rises
// and the length only lowers a score).
struct BlockHeader {
  uint32_t count = 0;
  ParagraphId first = 0;
  ParagraphId last = 0;
  uint32_t max_frequency = 0;
  uint32_t min_length = 0;
};

// Encodes postings (ascending ids, 1..kBlockSize of them) as one block.
// `lengths[i]` is the token count of postings[i]'s paragraph. Layout, all
// LEB128 varints: count, last - first, max frequency, min length, bytes of
// the id/frequency part; then id deltas (count - 1), frequencies (count);
// then each posting's position deltas. The first id is the key's.
std::string EncodeBlock(absl::Span<const Posting> postings,
                        absl::Span<const uint32_t> lengths);
// The same of postings [from, from + count) of `postings`, `lengths`
// indexed as they are.
std::string EncodeBlock(const PostingColumns& postings, size_t from,
                        size_t count, absl::Span<const uint32_t> lengths);

// A term's postings (ascending ids) as blocks of kBlockSize, each with the
// id it is stored under (BlockKey). `lengths` as for EncodeBlock.
std::vector<std::pair<ParagraphId, std::string>> EncodeBlocks(
    absl::Span<const Posting> postings, absl::Span<const uint32_t> lengths);
std::vector<std::pair<ParagraphId, std::string>> EncodeBlocks(
    const PostingColumns& postings, absl::Span<const uint32_t> lengths);

// A block read lazily: the header at once, ids and frequencies when first
// asked, positions only for phrases.
class BlockReader {
 public:
  // Reads the header of `value`, the block stored under id `first`. The
  // bytes must outlive the reader. DATA_LOSS when malformed.
  absl::Status Reset(ParagraphId first, absl::string_view value);

  const BlockHeader& header() const { return header_; }

  // Decodes ids and frequencies. DATA_LOSS when malformed.
  absl::Status DecodeIds();
  const std::vector<ParagraphId>& ids() const { return ids_; }
  const std::vector<uint32_t>& frequencies() const { return frequencies_; }

  // Positions of posting `index`. REQUIRES: DecodeIds() succeeded.
  absl::StatusOr<std::vector<uint32_t>> Positions(size_t index);

 private:
  BlockHeader header_;
  absl::string_view ids_part_;
  absl::string_view positions_part_;
  bool decoded_ = false;
  std::vector<ParagraphId> ids_;
  std::vector<uint32_t> frequencies_;
  // Byte offset in positions_part_ of each posting's positions, filled as
  // far as positions were walked.
  std::vector<size_t> position_offsets_;
};

}  // namespace rapporteur::storage::index

#endif  // RAPPORTEUR_LIB_STORAGE_INDEX_POSTING_BLOCK_H_
