#ifndef RAPPORTEUR_SDK_INCLUDE_RAPPORTEUR_SEARCH_RANGE_H_
#define RAPPORTEUR_SDK_INCLUDE_RAPPORTEUR_SEARCH_RANGE_H_

#include <cstddef>
#include <functional>
#include <iterator>
#include <string>

#include "absl/status/statusor.h"
#include "rapporteur/export.h"
#include "rapporteur/v1/query.pb.h"

namespace rapporteur {

// Every hit of a search, fetched a page at a time as iteration reaches it:
//
//   for (const absl::StatusOr<v1::SearchHit>& hit : client->SearchAll(req)) {
//     if (!hit.ok()) { /* the error of a page fetch; iteration ends */ }
//   }
//
// An error is yielded once, as the last element. An input range: iterate
// it once. Not thread-safe.
class RAPPORTEUR_EXPORT SearchRange {
 public:
  // Fetches the page of a token ("" for the first).
  using PageFetcher =
      std::function<absl::StatusOr<v1::SearchResponse>(const std::string&)>;

  explicit SearchRange(PageFetcher fetch) : fetch_(std::move(fetch)) {}

  class iterator {
   public:
    using iterator_category = std::input_iterator_tag;
    using value_type = absl::StatusOr<v1::SearchHit>;
    using difference_type = std::ptrdiff_t;
    using pointer = const value_type*;
    using reference = const value_type&;

    reference operator*() const { return range_->current_; }
    pointer operator->() const { return &range_->current_; }
    iterator& operator++() {
      range_->Advance();
      return *this;
    }
    bool operator==(const iterator& other) const {
      return Done() == other.Done();
    }
    bool operator!=(const iterator& other) const { return !(*this == other); }

   private:
    friend class SearchRange;
    explicit iterator(SearchRange* range) : range_(range) {}
    bool Done() const { return range_ == nullptr || range_->done_; }
    SearchRange* range_;
  };

  iterator begin() {
    if (!started_) {
      started_ = true;
      Advance();
    }
    return iterator(this);
  }
  iterator end() { return iterator(nullptr); }

 private:
  void Advance();

  PageFetcher fetch_;
  v1::SearchResponse page_;
  int next_in_page_ = 0;
  bool have_page_ = false;
  bool started_ = false;
  bool done_ = false;
  bool failed_ = false;
  absl::StatusOr<v1::SearchHit> current_;
};

}  // namespace rapporteur

#endif  // RAPPORTEUR_SDK_INCLUDE_RAPPORTEUR_SEARCH_RANGE_H_
