#include "rapporteur/search_range.h"

namespace rapporteur {

void SearchRange::Advance() {
  if (done_) {
    return;
  }
  if (failed_) {
    done_ = true;  // the error was the last element
    return;
  }
  while (!have_page_ || next_in_page_ >= page_.hits_size()) {
    if (have_page_ && page_.next_page_token().empty()) {
      done_ = true;
      return;
    }
    absl::StatusOr<v1::SearchResponse> page =
        fetch_(have_page_ ? page_.next_page_token() : std::string());
    if (!page.ok()) {
      current_ = page.status();
      failed_ = true;
      return;
    }
    page_ = *std::move(page);
    have_page_ = true;
    next_in_page_ = 0;
  }
  current_ = page_.hits(next_in_page_++);
}

}  // namespace rapporteur
