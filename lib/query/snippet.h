#ifndef RAPPORTEUR_LIB_QUERY_SNIPPET_H_
#define RAPPORTEUR_LIB_QUERY_SNIPPET_H_

#include <cstddef>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/string_view.h"

namespace rapporteur::query {

struct SnippetOptions {
  // Words around the matches shown at most. Long enough for a sentence of
  // context, short enough for a result list.
  int max_words = 40;
  std::string mark_begin = "**";
  std::string mark_end = "**";
  // Language of the text, as its document was analyzed with.
  std::string language = "en";
  // A text up to this many bytes is analyzed whole (a paragraph is rarely
  // over 4 KiB; analysis runs at about 8 MB/s). A longer one is not: see
  // MakeSnippet. Larger: more texts get the exact best window, at up to
  // this much analysis per hit.
  size_t max_analyzed_bytes = 16 << 10;
};

// What one MakeSnippet call worked through, for tests and benchmarks.
struct SnippetWork {
  // Bytes of text run through the analyzer.
  size_t analyzed_bytes = 0;
  // Places where a byte scan found a word that may match (long texts).
  size_t candidates = 0;
};

// An extract of `text` around the words whose analyzed term is in `terms`,
// each such word marked. The window is the one holding the most distinct
// matched terms; "…" shows where text was cut. Returns the head of the text
// when nothing matches.
//
// A text longer than options.max_analyzed_bytes (one paragraph of
// megabytes) costs its matches, not its length: a byte scan (memchr speed)
// finds where a word may start whose term begins as a term of `terms`
// does, and only short stretches around the densest of those places (and
// the head of the text) are analyzed; the marks there are as exact as in a
// short text. Such a scan cannot see a word whose term begins with a
// letter outside ASCII (Cyrillic, Greek, Arabic or CJK text, "état"),
// written with compatibility characters ("ﬁ", fullwidth letters), or
// stemmed from its start (Indonesian, Irish, Serbian in Cyrillic): those
// are matched in the first max_analyzed_bytes of the text only.
std::string MakeSnippet(absl::string_view text,
                        const absl::flat_hash_set<std::string>& terms,
                        const SnippetOptions& options = {},
                        SnippetWork* work = nullptr);

}  // namespace rapporteur::query

#endif  // RAPPORTEUR_LIB_QUERY_SNIPPET_H_
