#include "lib/query/highlights.h"

#include "absl/strings/string_view.h"

namespace rapporteur::query {
namespace {

// A position in a text, counted in the three units of TextRange.
struct Position {
  int bytes = 0;
  int code_points = 0;
  int utf16 = 0;

  // Moves past `text`, valid UTF-8 (snippets are cut at word boundaries).
  void Advance(absl::string_view text) {
    for (const char c : text) {
      const auto byte = static_cast<unsigned char>(c);
      ++bytes;
      if ((byte & 0xC0) == 0x80) {
        continue;  // a continuation byte: no new code point
      }
      ++code_points;
      // A 4-byte sequence is a code point beyond the BMP: a surrogate pair.
      utf16 += byte >= 0xF0 ? 2 : 1;
    }
  }
};

}  // namespace

void AddHighlights(v1::SearchHit* hit) {
  constexpr absl::string_view kMark = "**";
  const absl::string_view snippet = hit->snippet();
  Position plain;  // of the snippet without its marks
  size_t at = 0;
  while (true) {
    const size_t open = snippet.find(kMark, at);
    if (open == absl::string_view::npos) {
      return;
    }
    const size_t close = snippet.find(kMark, open + kMark.size());
    if (close == absl::string_view::npos) {
      return;
    }
    plain.Advance(snippet.substr(at, open - at));
    const Position begin = plain;
    plain.Advance(
        snippet.substr(open + kMark.size(), close - open - kMark.size()));
    v1::TextRange* range = hit->add_highlights();
    range->set_begin(begin.bytes);
    range->set_end(plain.bytes);
    range->set_begin_code_point(begin.code_points);
    range->set_end_code_point(plain.code_points);
    range->set_begin_utf16(begin.utf16);
    range->set_end_utf16(plain.utf16);
    at = close + kMark.size();
  }
}

}  // namespace rapporteur::query
