#include "lib/storage/index/pending_postings.h"

#include <algorithm>

namespace rapporteur::storage::index {

void PendingPostings::Add(ParagraphId id,
                          const internal::v1::ParagraphTerms& terms) {
  ++paragraphs_;
  for (const auto& term : terms.terms()) {
    PendingList& list = lists_[term.term()];
    if (!list.ids.empty() && list.ids.back() == id) {
      // The same term twice in one paragraph's terms: one posting.
      list.positions.insert(list.positions.end(), term.positions().begin(),
                            term.positions().end());
      std::sort(list.positions.begin() + list.begin[list.begin.size() - 2],
                list.positions.end());
      list.begin.back() = static_cast<uint32_t>(list.positions.size());
      continue;
    }
    list.ids.push_back(id);
    const size_t start = list.positions.size();
    list.positions.insert(list.positions.end(), term.positions().begin(),
                          term.positions().end());
    std::sort(list.positions.begin() + static_cast<ptrdiff_t>(start),
              list.positions.end());
    list.begin.push_back(static_cast<uint32_t>(list.positions.size()));
  }
}

const PendingList* PendingPostings::Find(absl::string_view term) const {
  auto it = lists_.find(term);
  return it == lists_.end() ? nullptr : &it->second;
}

void PendingPostings::Clear(ParagraphId first_id) {
  first_id_ = first_id;
  paragraphs_ = 0;
  const size_t terms = lists_.size();
  lists_.clear();
  // The next buffer holds about as many terms: growing the table from
  // empty again would rehash them all several times.
  lists_.reserve(terms);
}

}  // namespace rapporteur::storage::index
