#ifndef RAPPORTEUR_LIB_STORAGE_INDEX_PENDING_POSTINGS_H_
#define RAPPORTEUR_LIB_STORAGE_INDEX_PENDING_POSTINGS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "lib/storage/index/posting_block.h"
#include "rapporteur/internal/v1/shard.pb.h"

namespace rapporteur::storage::index {

// The postings of one term among the pending paragraphs, in ascending ids.
using PendingList = PostingColumns;

// The inverted index of the paragraphs written since the last flush, in
// memory, as Lucene buffers a segment: a document's write then adds one key
// per paragraph (its terms, for recovery) instead of one per term, and a
// flush writes each term's postings as full blocks. Searches read the
// blocks on disk for ids below first_id() and these lists above.
//
// Not thread-safe: Store guards it like the ParagraphTable.
class PendingPostings {
 public:
  // Ids from `first_id` on are pending.
  explicit PendingPostings(ParagraphId first_id = 1) : first_id_(first_id) {}

  // Adds paragraph `id` (above every id added) with its terms.
  void Add(ParagraphId id, const internal::v1::ParagraphTerms& terms);

  // The list of `term`, or null.
  const PendingList* Find(absl::string_view term) const;

  // Empties the buffer: ids from `first_id` on are pending now.
  void Clear(ParagraphId first_id);

  ParagraphId first_id() const { return first_id_; }
  size_t paragraphs() const { return paragraphs_; }
  const absl::flat_hash_map<std::string, PendingList>& lists() const {
    return lists_;
  }

 private:
  ParagraphId first_id_;
  size_t paragraphs_ = 0;
  absl::flat_hash_map<std::string, PendingList> lists_;
};

}  // namespace rapporteur::storage::index

#endif  // RAPPORTEUR_LIB_STORAGE_INDEX_PENDING_POSTINGS_H_
