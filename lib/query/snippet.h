#ifndef RAPPORTEUR_LIB_QUERY_SNIPPET_H_
#define RAPPORTEUR_LIB_QUERY_SNIPPET_H_

#include <string>
#include <vector>

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
};

// An extract of `text` around the words whose analyzed term is in `terms`,
// each such word marked. The window is the one holding the most distinct
// matched terms; "…" shows where text was cut. Returns the head of the text
// when nothing matches.
std::string MakeSnippet(absl::string_view text,
                        const absl::flat_hash_set<std::string>& terms,
                        const SnippetOptions& options = {});

}  // namespace rapporteur::query

#endif  // RAPPORTEUR_LIB_QUERY_SNIPPET_H_
