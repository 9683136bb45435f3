#include "lib/query/lineage.h"

#include <algorithm>
#include <array>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"

namespace rapporteur::query {
namespace {

// Words that say nothing of what is asked. Four letters or more: shorter
// words are dropped anyway.
constexpr std::array<absl::string_view, 22> kStopWords = {
    "also",  "such",      "that",       "their",  "there",   "these",
    "they",  "this",      "those",      "which",  "with",    "within",
    "from",  "into",      "other",      "order",  "further", "well",
    "where", "including", "particular", "country"};

constexpr size_t kMinWordLength = 4;
constexpr size_t kStemLength = 5;

}  // namespace

std::vector<std::string> LineageWords(absl::string_view text) {
  std::vector<std::string> words;
  std::string word;
  int depth = 0;
  auto flush = [&] {
    if (word.size() >= kMinWordLength &&
        std::find(kStopWords.begin(), kStopWords.end(), word) ==
            kStopWords.end()) {
      words.push_back(word.substr(0, kStemLength));
    }
    word.clear();
  };
  for (char c : text) {
    if (c == '(') {
      flush();
      ++depth;
    } else if (c == ')') {
      word.clear();
      depth = std::max(0, depth - 1);
    } else if (depth == 0 &&
               absl::ascii_isalpha(static_cast<unsigned char>(c))) {
      word.push_back(absl::ascii_tolower(static_cast<unsigned char>(c)));
    } else {
      if (depth == 0) {
        flush();
      }
      word.clear();
    }
  }
  if (depth == 0) {
    flush();
  }
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  return words;
}

double LineageSimilarity(const std::vector<std::string>& a,
                         const std::vector<std::string>& b) {
  if (a.empty() && b.empty()) {
    return 0;
  }
  std::vector<std::string> common;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(),
                        std::back_inserter(common));
  return 2.0 * static_cast<double>(common.size()) /
         static_cast<double>(a.size() + b.size());
}

std::vector<v1::RecommendationLink> LinkLineage(
    const v1::Recommendation& current, int year,
    const std::vector<LineageCandidate>& earlier,
    const LineageOptions& options) {
  const std::vector<std::string> words = LineageWords(current.text());
  std::vector<std::pair<double, const LineageCandidate*>> scored;
  for (const LineageCandidate& candidate : earlier) {
    if (candidate.year >= year ||
        !absl::EqualsIgnoreCase(candidate.recommendation.addressee(),
                                current.addressee())) {
      continue;
    }
    double similarity =
        LineageSimilarity(words, LineageWords(candidate.recommendation.text()));
    if (similarity >= options.min_similarity) {
      scored.push_back({similarity, &candidate});
    }
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& x, const auto& y) {
                     if (x.first != y.first) {
                       return x.first > y.first;
                     }
                     return x.second->year > y.second->year;
                   });
  std::vector<v1::RecommendationLink> links;
  for (const auto& [similarity, candidate] : scored) {
    if (static_cast<int>(links.size()) >= options.max_links) {
      break;
    }
    const v1::Recommendation& r = candidate->recommendation;
    v1::RecommendationLink link;
    link.set_recommendation(r.name());
    link.set_citation(r.citation());
    link.set_paragraph(r.paragraph());
    link.set_item(r.item());
    link.set_year(candidate->year);
    link.set_similarity(similarity);
    link.set_response(r.response());
    link.set_text(r.text());
    links.push_back(std::move(link));
  }
  return links;
}

}  // namespace rapporteur::query
