#include "lib/query/snippet.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "lib/analysis/analyzer.h"

namespace rapporteur::query {
namespace {

constexpr absl::string_view kEllipsis = "…";

// Byte ranges of every word of `text` (stop words included), in order.
struct Word {
  size_t begin;
  size_t end;
  bool matched;
  const std::string* term;  // analyzed term when matched
};

std::vector<Word> WordsOf(absl::string_view text,
                          const absl::flat_hash_set<std::string>& terms,
                          absl::string_view language) {
  std::vector<Word> words;
  for (const analysis::Token& token : analysis::Analyze(text, language)) {
    auto found = terms.find(token.term);
    words.push_back(Word{token.begin, token.end, found != terms.end(),
                         found != terms.end() ? &*found : nullptr});
  }
  return words;
}

}  // namespace

std::string MakeSnippet(absl::string_view text,
                        const absl::flat_hash_set<std::string>& terms,
                        const SnippetOptions& options) {
  const std::vector<Word> words = WordsOf(text, terms, options.language);
  if (words.empty()) {
    return std::string(text.substr(0, 300));
  }
  const size_t window = std::max(1, options.max_words);
  // Slide a window of `window` indexed words; keep the one covering the
  // most distinct matched terms, then the most matches.
  size_t best_start = 0;
  std::pair<size_t, size_t> best_score{0, 0};
  for (size_t start = 0; start < words.size(); ++start) {
    if (start > 0 && !words[start].matched) {
      continue;  // windows worth showing start at a match
    }
    absl::flat_hash_set<const std::string*> distinct;
    size_t matches = 0;
    for (size_t i = start; i < std::min(words.size(), start + window); ++i) {
      if (words[i].matched) {
        distinct.insert(words[i].term);
        ++matches;
      }
    }
    std::pair<size_t, size_t> score{distinct.size(), matches};
    if (score > best_score) {
      best_score = score;
      best_start = start;
    }
  }
  // Open the window a few words before the first match, for context.
  const size_t lead =
      best_score.first > 0 ? std::min<size_t>(best_start, 5) : 0;
  const size_t first = best_start - lead;
  const size_t last = std::min(words.size(), first + window) - 1;

  const size_t begin = first == 0 ? 0 : words[first].begin;
  const size_t end = last + 1 == words.size() ? text.size() : words[last].end;
  std::string out;
  if (begin > 0) {
    absl::StrAppend(&out, kEllipsis);
  }
  size_t cursor = begin;
  for (size_t i = first; i <= last; ++i) {
    if (!words[i].matched) {
      continue;
    }
    absl::StrAppend(&out, text.substr(cursor, words[i].begin - cursor),
                    options.mark_begin,
                    text.substr(words[i].begin, words[i].end - words[i].begin),
                    options.mark_end);
    cursor = words[i].end;
  }
  absl::StrAppend(&out, text.substr(cursor, end - cursor));
  if (end < text.size()) {
    absl::StrAppend(&out, kEllipsis);
  }
  return out;
}

}  // namespace rapporteur::query
