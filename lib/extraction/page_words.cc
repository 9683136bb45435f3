#include "lib/extraction/page_words.h"

#include <algorithm>
#include <vector>

namespace rapporteur::ingest {
namespace {

// Words of a line share at least this share of the smaller one's height.
constexpr double kSameLineOverlap = 0.5;

}  // namespace

bool OnSameLine(const PageWord& a, const PageWord& b) {
  const double overlap =
      std::min(a.y + a.height, b.y + b.height) - std::max(a.y, b.y);
  return overlap >= kSameLineOverlap * std::min(a.height, b.height);
}

std::vector<std::vector<const PageWord*>> PrintedLines(
    absl::Span<const PageWord> words) {
  std::vector<const PageWord*> by_top;
  for (const PageWord& w : words) by_top.push_back(&w);
  std::stable_sort(
      by_top.begin(), by_top.end(),
      [](const PageWord* a, const PageWord* b) { return a->y < b->y; });
  std::vector<std::vector<const PageWord*>> lines;
  for (const PageWord* w : by_top) {
    auto line = std::find_if(lines.begin(), lines.end(), [&](const auto& l) {
      return OnSameLine(*l.front(), *w);
    });
    if (line == lines.end()) {
      lines.push_back({w});
    } else {
      line->push_back(w);
    }
  }
  for (auto& line : lines) {
    std::stable_sort(
        line.begin(), line.end(),
        [](const PageWord* a, const PageWord* b) { return a->x < b->x; });
  }
  return lines;
}

}  // namespace rapporteur::ingest
