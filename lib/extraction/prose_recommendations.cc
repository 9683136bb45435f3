#include "lib/extraction/prose_recommendations.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "lib/extraction/visits.h"

namespace rapporteur::ingest {
namespace {

// Verbs a recommending subject uses.
constexpr absl::string_view kVerbs[] = {
    "recommends",  "recommended", "urges",     "urged",      "calls upon",
    "called upon", "calls on",    "called on", "encourages", "encouraged"};

// Words that may stand between the subject and the verb.
constexpr absl::string_view kAdverbs[] = {
    "also",     "further",    "strongly",    "therefore",    "again",
    "moreover", "repeatedly", "once",        "had",          "has",
    "have",     "thus",       "furthermore", "specifically", "particularly",
    "in",       "addition",   "finally",     "lastly"};

// Before the verb, these make it passive or adjectival: "as recommended by",
// "was urged", "had been called upon", "the recommended measures".
constexpr absl::string_view kNotASubject[] = {"as",  "was", "were", "been",
                                              "be",  "is",  "are",  "being",
                                              "the", "a",   "an",   "not"};

// Subjects written in lower case that still name who recommends.
constexpr absl::string_view kLowerCaseSubjects[] = {"delegation",
                                                    "delegations"};

std::vector<absl::string_view> Words(absl::string_view text) {
  return absl::StrSplit(text, absl::ByAnyChar(" ,"), absl::SkipEmpty());
}

bool IsOneOf(absl::string_view word, absl::Span<const absl::string_view> set) {
  return std::any_of(set.begin(), set.end(), [&](absl::string_view w) {
    return absl::EqualsIgnoreCase(w, word);
  });
}

// `before` without the adverbs at its end: "CoE-ECRI strongly" is
// "CoE-ECRI".
absl::string_view WithoutTrailingAdverbs(absl::string_view before) {
  for (;;) {
    before = absl::StripTrailingAsciiWhitespace(before);
    const size_t space = before.find_last_of(' ');
    const absl::string_view last =
        space == absl::string_view::npos ? before : before.substr(space + 1);
    if (last.empty() || !IsOneOf(last, kAdverbs)) return before;
    before.remove_suffix(last.size());
  }
}

// Whether the words before a verb end with a subject that recommends.
bool NamesASubject(absl::string_view before) {
  std::vector<absl::string_view> words = Words(before);
  while (!words.empty() && IsOneOf(words.back(), kAdverbs)) {
    words.pop_back();
  }
  if (words.empty()) return false;
  const absl::string_view last = words.back();
  if (IsOneOf(last, kNotASubject)) return false;
  return absl::ascii_isupper(static_cast<unsigned char>(last.front())) ||
         IsOneOf(last, kLowerCaseSubjects) ||
         absl::EqualsIgnoreCase(last, "it") ||
         absl::EqualsIgnoreCase(last, "they");
}

// Whether what follows a verb asks for something: "that X do", "X to do"
// (within eight words) or "doing".
bool AsksForSomething(absl::string_view after) {
  const std::vector<absl::string_view> words = Words(after);
  if (words.size() < 2) return false;
  const std::string first = absl::AsciiStrToLower(words.front());
  if (first == "by" || first == "in" || first == "during" || first == "at" ||
      first == "for") {
    return false;
  }
  // A quotation is cited, not said: its addressee is inside it ("The
  // Auditor recommends that “WFP should ...”").
  if (first == "that" && words.size() > 1 &&
      (absl::StartsWith(words[1], "\xE2\x80\x9C") ||
       absl::StartsWith(words[1], "\""))) {
    return false;
  }
  if (first == "that" ||
      (first.size() > 5 && absl::EndsWith(first, "ing") &&
       absl::ascii_islower(static_cast<unsigned char>(words.front()[0])))) {
    return true;
  }
  for (size_t k = 1; k < words.size() && k <= 8; ++k) {
    if (words[k] == "to" && k + 1 < words.size()) return true;
  }
  return false;
}

}  // namespace

std::vector<ProseRecommendation> FindProseRecommendations(
    absl::string_view text) {
  std::vector<ProseRecommendation> found;
  for (absl::string_view sentence : SplitSentences(text)) {
    sentence = absl::StripAsciiWhitespace(sentence);
    if (sentence.empty() || sentence.back() == '?') continue;
    // The first verb of the sentence decides for it.
    size_t at = absl::string_view::npos;
    size_t verb_size = 0;
    for (absl::string_view verb : kVerbs) {
      const size_t pos = FindPhrase(sentence, verb);
      if (pos < at) {
        at = pos;
        verb_size = verb.size();
      }
    }
    if (at == absl::string_view::npos) continue;
    const absl::string_view before = sentence.substr(0, at);
    const absl::string_view after =
        absl::StripLeadingAsciiWhitespace(sentence.substr(at + verb_size));
    if (NamesASubject(before) && AsksForSomething(after)) {
      found.push_back({sentence, WithoutTrailingAdverbs(before), after});
    }
  }
  return found;
}

}  // namespace rapporteur::ingest
