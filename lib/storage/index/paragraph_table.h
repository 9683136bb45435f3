#ifndef RAPPORTEUR_LIB_STORAGE_INDEX_PARAGRAPH_TABLE_H_
#define RAPPORTEUR_LIB_STORAGE_INDEX_PARAGRAPH_TABLE_H_

#include <algorithm>
#include <cstdint>
#include <optional>
#include <roaring/roaring.hh>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/schema/attribute_key.h"
#include "lib/storage/index/posting_block.h"

namespace rapporteur::storage::index {

// A compressed set of paragraph ids (CRoaring; Debian's version declares
// its class in the global namespace).
using Bitmap = ::Roaring;

// What a shard keeps of a paragraph beside its postings: where it is, what
// BM25 needs, and the attributes that filters and facets read. One row per
// paragraph id, stored in the paragraph_ids column family and held in memory.
struct ParagraphEntry {
  std::string doc_id;
  uint32_t ordinal = 0;
  uint32_t length = 0;  // tokens, for BM25's length normalization
  float boost = 1.0f;   // static rank factor (ParagraphTerms.boost)
  // Attribute keys (AttributeKey(field, value)), e.g. country PRK, year 2008.
  std::vector<std::string> attributes;
};

std::string EncodeParagraphEntry(const ParagraphEntry& entry);
absl::StatusOr<ParagraphEntry> DecodeParagraphEntry(absl::string_view value);

// "{field}\0{value}" (lib/schema/attribute_key.h): fields never hold NUL,
// so keys of one field share a prefix.
using schema::AttributeKey;

// The in-memory side of a shard's index: per paragraph id its document,
// ordinal, length and boost (as Lucene keeps norms in memory), which ids are
// live, a bitmap of ids per attribute value (CRoaring), the document
// frequency of every term, and the live totals BM25 needs.
//
// Not thread-safe: Store guards it with a reader-writer lock; rows are
// appended by the single writer and never change once added.
class ParagraphTable {
 public:
  struct Row {
    uint32_t doc = 0;  // index into doc_ids
    uint32_t ordinal = 0;
    uint32_t length = 0;
    float boost = 1.0f;
  };

  // Adds paragraph `id`, live. REQUIRES: id >= next_id().
  void Add(ParagraphId id, const ParagraphEntry& entry);
  // Marks the paragraphs of `doc_id` dead; returns their ids.
  std::vector<ParagraphId> RemoveDocument(absl::string_view doc_id);
  // Adds `delta` to the document frequency of `term` (a term at 0 is
  // forgotten).
  void AddFrequency(absl::string_view term, int64_t delta);

  ParagraphId next_id() const { return next_id_; }
  // Raises next_id() to `id` (ids of deleted paragraphs are never reused).
  void SetNextId(ParagraphId id) { next_id_ = std::max(next_id_, id); }
  // First id and count of the current paragraphs of `doc_id`.
  std::optional<std::pair<ParagraphId, uint32_t>> DocumentRange(
      absl::string_view doc_id) const {
    auto it = doc_ids_range_.find(doc_id);
    if (it == doc_ids_range_.end()) {
      return std::nullopt;
    }
    return it->second;
  }
  bool IsLive(ParagraphId id) const {
    // Searches ask for every candidate: without a deleted paragraph or a
    // gap, every id below next_id() is live, and the bitmap is not read.
    if (live_count_ == next_id_ - 1) {
      return id > 0 && id < next_id_;
    }
    return live_.contains(id);
  }
  const Bitmap& live() const { return live_; }
  const Row& row(ParagraphId id) const { return rows_[id]; }

  // What BM25 reads of a paragraph.
  struct Norm {
    uint32_t length = 0;
    float boost = 1.0f;
  };
  // The row's length and boost, read through a 2-byte code per paragraph
  // into the table of the distinct (length, boost) pairs: a search scores
  // paragraphs all over the table, and 2 bytes a paragraph stay in the
  // processor's caches where 16-byte rows (16 MB a million paragraphs)
  // miss on most of them.
  Norm norm(ParagraphId id) const {
    const uint16_t code = norm_codes_[id];
    if (code == kRowNorm) {
      return Norm{rows_[id].length, rows_[id].boost};
    }
    return norms_[code];
  }
  const std::string& doc_id(ParagraphId id) const {
    return doc_ids_[rows_[id].doc];
  }
  // Ids of paragraphs with attribute `key` (live or not); null if none.
  const Bitmap* Attribute(absl::string_view key) const;
  // Every value of `field` with its bitmap.
  std::vector<std::pair<std::string, const Bitmap*>> Values(
      absl::string_view field) const;
  // Live paragraphs holding `term`.
  uint64_t Frequency(absl::string_view term) const;

  uint64_t live_paragraphs() const { return live_count_; }
  uint64_t live_tokens() const { return live_tokens_; }
  // Highest boost of any paragraph: bounds a block's best score.
  float max_boost() const { return max_boost_; }

 private:
  ParagraphId next_id_ = 1;
  // The code of a paragraph whose pair came after the table of pairs was
  // full: its row is read instead.
  static constexpr uint16_t kRowNorm = 0xffff;

  std::vector<Row> rows_{Row{}};  // indexed by id; id 0 is never used
  // Per id, the index in norms_ of its (length, boost), or kRowNorm. Code
  // 0 is Row{}'s pair, which ids never added (0, gaps) keep.
  std::vector<uint16_t> norm_codes_{0};
  std::vector<Norm> norms_{Norm{}};
  // The code of each pair in norms_, by length << 32 | the boost's bits.
  absl::flat_hash_map<uint64_t, uint16_t> norm_index_{
      {uint64_t{0x3f800000}, 0}};
  std::vector<std::string> doc_ids_;
  absl::flat_hash_map<std::string, uint32_t> doc_index_;
  // Ids of each document's current paragraphs: consecutive, so a range.
  absl::flat_hash_map<std::string, std::pair<ParagraphId, uint32_t>>
      doc_ids_range_;
  Bitmap live_;
  uint64_t live_count_ = 0;  // live_'s cardinality
  absl::flat_hash_map<std::string, Bitmap> attributes_;
  absl::flat_hash_map<std::string, uint64_t> frequencies_;
  uint64_t live_tokens_ = 0;
  float max_boost_ = 1.0f;
};

}  // namespace rapporteur::storage::index

#endif  // RAPPORTEUR_LIB_STORAGE_INDEX_PARAGRAPH_TABLE_H_
