#include "lib/ingest/paragraph_terms.h"

#include "absl/container/flat_hash_map.h"
#include "lib/analysis/analyzer.h"

namespace rapporteur::ingest {

internal::v1::ParagraphTerms TermsOf(absl::string_view text,
                                     absl::string_view language) {
  internal::v1::ParagraphTerms terms;
  absl::flat_hash_map<std::string, int> index_of;  // term -> index in terms
  const std::vector<analysis::Token> tokens = analysis::Analyze(text, language);
  for (const analysis::Token& token : tokens) {
    if (token.term.size() > kMaxIndexedTermBytes) {
      // A "word" this long is a run of a script the analyzer cannot split
      // or noise; it keeps its position but is not indexed (as Lucene skips
      // tokens past its maximum length).
      continue;
    }
    auto [it, inserted] = index_of.emplace(token.term, terms.terms_size());
    if (inserted) {
      terms.add_terms()->set_term(token.term);
    }
    terms.mutable_terms(it->second)->add_positions(token.position);
  }
  terms.set_length(static_cast<uint32_t>(tokens.size()));
  return terms;
}

}  // namespace rapporteur::ingest
