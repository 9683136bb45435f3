#include "services/analysis/stop_words.h"

#include "absl/container/flat_hash_set.h"

namespace rapporteur::analysis {

bool IsEnglishStopWord(absl::string_view folded_word) {
  // Function words only: words such as "not", "no", "against" and "without"
  // carry meaning in human-rights text ("no reply") and stay indexed.
  static const auto* const kStopWords =
      new absl::flat_hash_set<absl::string_view>{
          "a",    "an",   "and",  "are",   "as",    "at",   "be",
          "been", "but",  "by",   "for",   "from",  "had",  "has",
          "have", "he",   "her",  "his",   "if",    "in",   "into",
          "is",   "it",   "its",  "of",    "on",    "or",   "she",
          "such", "that", "the",  "their", "then",  "there", "these",
          "they", "this", "those", "to",   "was",   "were", "which",
          "while", "who", "will", "with",  "would"};
  return kStopWords->contains(folded_word);
}

}  // namespace rapporteur::analysis
