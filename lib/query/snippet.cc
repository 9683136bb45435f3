#include "lib/query/snippet.h"

#include <string.h>  // memmem
#include <utf8proc.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <map>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/numeric/bits.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "lib/analysis/analyzer.h"
#include "lib/analysis/language.h"

namespace rapporteur::query {
namespace {

constexpr absl::string_view kEllipsis = "…";

// A long text is searched for places worth analyzing in spans of this many
// bytes per word shown (a word and its spaces and stop words, generously).
constexpr size_t kBytesPerWord = 16;
// Stretches analyzed around the densest places, at most: enough for a
// place whose candidates turn out not to match (a probe is a prefix) to
// leave room for the next.
constexpr size_t kMaxRegions = 4;
// Candidates kept per probe: a probe as common as a short word finds one
// every few bytes; those past this many are not considered.
constexpr size_t kMaxCandidatesPerProbe = 1 << 12;
// Probes kept (a prefix query may expand to hundreds of terms, most of
// which share their first letters).
constexpr size_t kMaxProbes = 32;
// A region's edges move to a space at most this far away, so that no word
// is cut.
constexpr size_t kSnapBytes = 64;

// An analyzed word of the text (stop words are not: Analyze drops them).
struct Word {
  size_t begin;  // byte range in the whole text
  size_t end;
  bool matched;
  const std::string* term;  // analyzed term when matched
};

// A stretch of the text, [begin, end), analyzed as a whole.
struct Region {
  size_t begin;
  size_t end;
};

std::vector<Word> WordsOf(absl::string_view text, Region region,
                          const absl::flat_hash_set<std::string>& terms,
                          absl::string_view language, SnippetWork* work) {
  std::vector<Word> words;
  const absl::string_view part =
      text.substr(region.begin, region.end - region.begin);
  work->analyzed_bytes += part.size();
  for (const analysis::Token& token : analysis::Analyze(part, language)) {
    auto found = terms.find(token.term);
    words.push_back(Word{region.begin + token.begin, region.begin + token.end,
                         found != terms.end(),
                         found != terms.end() ? &*found : nullptr});
  }
  return words;
}

// The words of a snippet, words[first..last], and how good they are.
struct Window {
  std::pair<size_t, size_t> score{0, 0};  // distinct terms matched, matches
  size_t first = 0;
  size_t last = 0;
};

// Slides a window of `window` words over `words` (not empty); keeps the one
// covering the most distinct matched terms, then the most matches, then
// the first. Windows worth showing start at a match, or at the start of
// the text when `text_start` (the words are the text's first): a short
// text is best shown from its beginning.
Window BestWindow(const std::vector<Word>& words, size_t window,
                  bool text_start) {
  size_t best_start = 0;
  std::pair<size_t, size_t> best_score{0, 0};
  for (size_t start = 0; start < words.size(); ++start) {
    if (!words[start].matched && (start > 0 || !text_start)) {
      continue;
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
  Window best;
  best.score = best_score;
  best.first = best_start - lead;
  best.last = std::min(words.size(), best.first + window) - 1;
  return best;
}

// The snippet of words[window.first..window.last], analyzed from `region`.
std::string Render(absl::string_view text, const std::vector<Word>& words,
                   const Window& window, Region region,
                   const SnippetOptions& options) {
  const size_t begin =
      window.first == 0 ? region.begin : words[window.first].begin;
  const size_t end =
      window.last + 1 == words.size() ? region.end : words[window.last].end;
  std::string out;
  if (begin > 0) {
    absl::StrAppend(&out, kEllipsis);
  }
  size_t cursor = begin;
  for (size_t i = window.first; i <= window.last; ++i) {
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

// How the words of a language may be spelled, compared with their terms,
// which decides how a byte scan looks for them.
enum class Spelling {
  // A term's letters are the word's, in either case, from its first letter
  // on; only its ending may differ (English "cities" is "citi").
  kAsWritten,
  // As kAsWritten, but an accented letter may have lost its accent
  // (German "Männer" is "mann", Spanish "público" is "public", Greek).
  kAccentsDropped,
  // The stemmer rewrites the start of a word (Indonesian and Arabic
  // prefixes, Irish mutations) or its script (Serbian Cyrillic in Latin):
  // no scan.
  kRewritten,
};

Spelling SpellingOf(absl::string_view language) {
  const std::string algorithm = analysis::CanonicalLanguage(language);
  for (absl::string_view as_written :
       {"", "english", "french", "italian", "portuguese", "romanian", "danish",
        "norwegian", "swedish", "finnish", "hungarian", "turkish", "lithuanian",
        "basque", "russian", "armenian", "hindi", "nepali"}) {
    if (algorithm == as_written) {
      return Spelling::kAsWritten;
    }
  }
  for (absl::string_view rewritten :
       {"indonesian", "irish", "serbian", "arabic", "tamil", "yiddish"}) {
    if (algorithm == rewritten) {
      return Spelling::kRewritten;
    }
  }
  // Spanish, Catalan, German, Dutch and Greek drop accents; a language not
  // known to keep them is scanned as if it dropped them (more candidates,
  // none missed).
  return Spelling::kAccentsDropped;
}

// A code point as a probe compares it: lower case, and "ё" as "е" (the
// Russian stemmer writes it so).
int32_t FoldForProbe(int32_t cp) {
  if (cp >= 0 && cp < 0x80) {
    return absl::ascii_tolower(static_cast<unsigned char>(cp));
  }
  cp = utf8proc_tolower(cp);
  return cp == 0x451 ? 0x435 : cp;
}

// The code point at text[*at], advancing *at past it; -1 (one byte) when
// the bytes are no UTF-8.
int32_t NextCodePoint(absl::string_view text, size_t* at) {
  const unsigned char byte = static_cast<unsigned char>(text[*at]);
  if (byte < 0x80) {
    ++*at;
    return byte;
  }
  utf8proc_int32_t cp = -1;
  const utf8proc_ssize_t n = utf8proc_iterate(
      reinterpret_cast<const utf8proc_uint8_t*>(text.data() + *at),
      static_cast<utf8proc_ssize_t>(text.size() - *at), &cp);
  *at += n > 0 ? static_cast<size_t>(n) : 1;
  return n > 0 ? cp : -1;
}

std::string Utf8Of(int32_t cp) {
  utf8proc_uint8_t bytes[4];
  const utf8proc_ssize_t n = utf8proc_encode_char(cp, bytes);
  return std::string(reinterpret_cast<const char*>(bytes),
                     static_cast<size_t>(n));
}

// The first code points every word analyzed to `term` begins with, folded
// (FoldForProbe); empty when the term gives none (it starts with no letter
// or digit). The last two are left out, as a stemmer changes endings
// ("happy" is "happi", "hoping" is "hope"), and four suffice to be
// selective. A number gives its first digit: "1,000" is the term "1000".
std::vector<int32_t> ProbeOf(absl::string_view term) {
  std::vector<int32_t> code_points;
  for (size_t at = 0; at < term.size();) {
    const int32_t cp = NextCodePoint(term, &at);
    if (!analysis::IsWordCodePoint(cp)) {
      break;
    }
    code_points.push_back(FoldForProbe(cp));
  }
  if (code_points.empty()) {
    return code_points;
  }
  size_t length = code_points.size() > 2 ? code_points.size() - 2 : 1;
  if (code_points[0] >= '0' && code_points[0] <= '9') {
    length = 1;
  }
  code_points.resize(std::min<size_t>(length, 4));
  return code_points;
}

// Whether the bytes at text[at] may spell a word beginning as `probe`.
bool MatchesAt(absl::string_view text, size_t at,
               const std::vector<int32_t>& probe, Spelling spelling) {
  for (int32_t expected : probe) {
    if (at >= text.size()) {
      return false;
    }
    const int32_t cp = NextCodePoint(text, &at);
    if (FoldForProbe(cp) == expected) {
      continue;
    }
    // An accented letter may be this probe letter (or "ss", as "ß" is);
    // the analysis of the place decides.
    return spelling == Spelling::kAccentsDropped && cp >= 0x80;
  }
  return true;
}

struct Candidate {
  size_t offset;
  uint32_t probe;
};

// The offsets where a word may start that begins as one of `probes` (at
// most 32), at most kMaxCandidatesPerProbe per probe, in no order.
std::vector<Candidate> FindCandidates(
    absl::string_view text, const std::vector<std::vector<int32_t>>& probes,
    Spelling spelling) {
  // The bytes a word of each probe may begin with: its first letter in
  // each case, and, where accents drop, the lead byte of Latin-1's
  // accented letters ("Ü", "É").
  std::map<std::string, uint32_t> starts;  // to probe bits, in order
  for (size_t p = 0; p < probes.size(); ++p) {
    const int32_t first = probes[p][0];
    for (int32_t variant :
         {first, static_cast<int32_t>(utf8proc_toupper(first)),
          static_cast<int32_t>(utf8proc_totitle(first))}) {
      starts[Utf8Of(variant)] |= 1u << p;
    }
    if (first == 0x435) {
      starts[Utf8Of(0x451)] |= 1u << p;  // "ё"
      starts[Utf8Of(0x401)] |= 1u << p;  // "Ё"
    }
    if (spelling == Spelling::kAccentsDropped &&
        (first < 0x80 ? absl::string_view("aeiouy").find(
                            static_cast<char>(first)) != absl::string_view::npos
                      : true)) {
      // An accented first letter: Latin-1's start with this byte; others
      // share the lead byte of the probe's own letter.
      starts[std::string(1, '\xC3')] |= 1u << p;
      const std::string own = Utf8Of(first);
      starts[own.substr(0, 1)] |= 1u << p;
    }
  }
  std::vector<Candidate> found;
  std::vector<size_t> per_probe(probes.size(), 0);
  uint32_t open = probes.size() == 32 ? ~0u : (1u << probes.size()) - 1;
  const char* const data = text.data();
  const size_t size = text.size();
  // A memchr (memmem for a letter of several bytes) per first letter: at
  // memory speed for a rare one, a few milliseconds over 10 MB for the
  // commonest. A word starts after a byte that is no ASCII letter or
  // digit; one outside ASCII may be a quote ("l’homme") or a space, so it
  // is let through.
  for (const auto& [start, bits] : starts) {
    for (size_t at = 0; at < size && (bits & open) != 0; ++at) {
      const void* hit =
          start.size() == 1
              ? std::memchr(data + at, static_cast<unsigned char>(start[0]),
                            size - at)
              : memmem(data + at, size - at, start.data(), start.size());
      if (hit == nullptr) {
        break;
      }
      at = static_cast<size_t>(static_cast<const char*>(hit) - data);
      if (at > 0 && absl::ascii_isalnum(data[at - 1])) {
        continue;
      }
      for (uint32_t mask = bits & open; mask != 0; mask &= mask - 1) {
        const uint32_t p = static_cast<uint32_t>(absl::countr_zero(mask));
        if (MatchesAt(text, at, probes[p], spelling)) {
          found.push_back({at, p});
          if (++per_probe[p] == kMaxCandidatesPerProbe) {
            open &= ~(1u << p);
          }
        }
      }
    }
  }
  return found;
}

// The start of the word at or before `at`: after a space at most
// kSnapBytes before, else at a character boundary.
size_t SnapBack(absl::string_view text, size_t at) {
  const size_t limit = at > kSnapBytes ? at - kSnapBytes : 0;
  for (size_t p = at; p > limit; --p) {
    if (absl::ascii_isspace(text[p - 1])) {
      return p;
    }
  }
  while (at > 0 && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) {
    --at;
  }
  return at;
}

// The end of the word at or after `at`, as SnapBack.
size_t SnapForward(absl::string_view text, size_t at) {
  const size_t limit = std::min(text.size(), at + kSnapBytes);
  for (size_t p = at; p < limit; ++p) {
    if (absl::ascii_isspace(text[p])) {
      return p;
    }
  }
  while (at < text.size() &&
         (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) {
    ++at;
  }
  return at;
}

// The stretches of a long text worth analyzing, in text order: its head,
// and around the places where candidates of the most distinct probes
// gather, densest first, up to kMaxRegions.
std::vector<Region> RegionsOf(absl::string_view text,
                              const absl::flat_hash_set<std::string>& terms,
                              const SnippetOptions& options,
                              SnippetWork* work) {
  const size_t span =
      static_cast<size_t>(std::max(1, options.max_words)) * kBytesPerWord;
  // Context before the first match shown (BestWindow opens five words
  // early) and after the span.
  const size_t margin = 8 * kBytesPerWord;
  const Spelling spelling = SpellingOf(options.language);

  std::vector<std::vector<int32_t>> probes;
  bool unseen = false;  // a term no scan can find
  if (spelling == Spelling::kRewritten) {
    unseen = !terms.empty();
  } else {
    for (const std::string& term : terms) {
      std::vector<int32_t> probe = ProbeOf(term);
      if (probe.empty()) {
        unseen = true;
      } else {
        probes.push_back(std::move(probe));
      }
    }
    // The same probes whatever the order of `terms`.
    std::sort(probes.begin(), probes.end());
    probes.erase(std::unique(probes.begin(), probes.end()), probes.end());
    probes.resize(std::min(probes.size(), kMaxProbes));
  }
  std::vector<Candidate> candidates =
      probes.empty() ? std::vector<Candidate>()
                     : FindCandidates(text, probes, spelling);
  work->candidates += candidates.size();
  std::sort(candidates.begin(), candidates.end(),
            [](const Candidate& a, const Candidate& b) {
              return std::tie(a.offset, a.probe) < std::tie(b.offset, b.probe);
            });

  // Each candidate scored by the candidates within `span` after it:
  // distinct probes, then their number.
  struct Place {
    std::pair<size_t, size_t> score;
    size_t offset;
    size_t last;  // offset of the last candidate within `span`
  };
  std::vector<Place> places;
  std::vector<size_t> per_probe(probes.size(), 0);
  size_t distinct = 0;
  size_t j = 0;
  for (size_t i = 0; i < candidates.size(); ++i) {
    while (j < candidates.size() &&
           candidates[j].offset < candidates[i].offset + span) {
      distinct += per_probe[candidates[j].probe]++ == 0 ? 1 : 0;
      ++j;
    }
    places.push_back(
        {{distinct, j - i}, candidates[i].offset, candidates[j - 1].offset});
    distinct -= --per_probe[candidates[i].probe] == 0 ? 1 : 0;
  }
  std::stable_sort(
      places.begin(), places.end(),
      [](const Place& a, const Place& b) { return a.score > b.score; });

  // The head: where the snippet comes from when nothing matches, and the
  // only place where a term no scan can find is looked for. Long enough
  // for a window starting at a match near its end.
  std::vector<Region> regions;
  regions.push_back(
      {0, SnapForward(text,
                      std::min(text.size(), unseen ? options.max_analyzed_bytes
                                                   : 2 * span + margin))});
  size_t added = 0;
  for (const Place& place : places) {
    if (added == kMaxRegions) {
      break;
    }
    auto covering =
        std::find_if(regions.begin(), regions.end(), [&](const Region& r) {
          return r.begin <= place.offset && place.offset < r.end;
        });
    if (covering != regions.end()) {
      continue;  // its best window is looked for there already
    }
    // A window may start at any of the place's candidates.
    Region region{
        SnapBack(text, place.offset > margin ? place.offset - margin : 0),
        SnapForward(text, std::min(text.size(), place.last + span + margin))};
    ++added;
    auto overlapping =
        std::find_if(regions.begin(), regions.end(), [&](const Region& r) {
          return region.begin < r.end && r.begin < region.end;
        });
    if (overlapping != regions.end()) {
      overlapping->begin = std::min(overlapping->begin, region.begin);
      overlapping->end = std::max(overlapping->end, region.end);
    } else {
      regions.push_back(region);
    }
  }
  // Regions grown into one another are analyzed once.
  std::sort(regions.begin(), regions.end(),
            [](const Region& a, const Region& b) { return a.begin < b.begin; });
  std::vector<Region> merged;
  for (const Region& region : regions) {
    if (!merged.empty() && region.begin < merged.back().end) {
      merged.back().end = std::max(merged.back().end, region.end);
    } else {
      merged.push_back(region);
    }
  }
  return merged;
}

}  // namespace

std::string MakeSnippet(absl::string_view text,
                        const absl::flat_hash_set<std::string>& terms,
                        const SnippetOptions& options, SnippetWork* work) {
  SnippetWork ignored;
  if (work == nullptr) {
    work = &ignored;
  }
  const size_t window = std::max(1, options.max_words);
  if (text.size() <= options.max_analyzed_bytes) {
    const Region whole{0, text.size()};
    const std::vector<Word> words =
        WordsOf(text, whole, terms, options.language, work);
    if (words.empty()) {
      return std::string(text.substr(0, 300));
    }
    return Render(text, words, BestWindow(words, window, true), whole, options);
  }
  // The best window of the regions; the first (the head) when none
  // matches.
  std::vector<Word> best_words;
  Window best;
  Region best_region{0, 0};
  for (const Region& region : RegionsOf(text, terms, options, work)) {
    std::vector<Word> words =
        WordsOf(text, region, terms, options.language, work);
    if (words.empty()) {
      continue;
    }
    const Window found = BestWindow(words, window, region.begin == 0);
    if (best_words.empty() || found.score > best.score) {
      best = found;
      best_words = std::move(words);
      best_region = region;
    }
  }
  if (best_words.empty()) {
    return std::string(text.substr(0, 300));
  }
  return Render(text, best_words, best, best_region, options);
}

}  // namespace rapporteur::query
