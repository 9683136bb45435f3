#ifndef RAPPORTEUR_LIB_QUERY_QUERY_COMPILER_H_
#define RAPPORTEUR_LIB_QUERY_QUERY_COMPILER_H_

// From the query language to the tree storage shards evaluate: parses
// (query_parser.h), analyzes words as documents were analyzed at ingest
// (lib/analysis/analyzer.h), normalizes field values, and simplifies
// the tree.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/query/query_parser.h"
#include "rapporteur/internal/v1/shard.pb.h"
#include "rapporteur/v1/query.pb.h"

namespace rapporteur::query {

// Compiles `query`, whose juxtaposed words combine with `op` (AND when
// unspecified). Words become analyzed terms; a word that analyzes to
// several terms ("non-governmental", "A/HRC/7/20") becomes a phrase; stop
// words are dropped, from phrases too (they keep their positions, so
// "right to food" is [right, food] at offsets [0, 2]). A query that only
// excludes matches every paragraph but those (QueryNode.all). Nested groups
// of the same kind are flattened where that keeps the meaning and the
// scores.
//
// Returns INVALID_ARGUMENT `query: column N: ...` on a syntax error, a bad
// field value (`year:abc`, `country:Korea`, `kind:speech`), a prefix of
// fewer than limits.min_prefix_chars characters, a broken limit, or a query
// with no searchable word left ("the").
// Words are analyzed in `language` (see analysis::Analyze).
absl::StatusOr<internal::v1::QueryNode> CompileQuery(
    absl::string_view query, v1::DefaultOperator op,
    const QueryLimits& limits = {}, absl::string_view language = "en");

// Compiles a parsed query (see CompileQuery).
absl::StatusOr<internal::v1::QueryNode> CompileQueryAst(
    const QueryAst& ast, const QueryLimits& limits = {},
    absl::string_view language = "en");

// Compiles one operand of a parsed query as CompileQueryAst would inside
// its group: nullopt when it holds only stop words (it then matches
// nothing and is dropped). Errors as CompileQuery's.
absl::StatusOr<std::optional<internal::v1::QueryNode>> CompileOperand(
    const QueryAst& ast, const QueryLimits& limits = {},
    absl::string_view language = "en");

// INVALID_ARGUMENT when a compiled tree has more leaves than
// limits.max_clauses or nests deeper than limits.max_depth (year ranges,
// quoted section values, `all` and entity aliases may add leaves to what
// the parser counted).
absl::Status CheckTreeLimits(const internal::v1::QueryNode& query,
                             const QueryLimits& limits);

// What of a compiled query to mark in snippets.
struct HighlightTerms {
  // Distinct analyzed terms of its terms and phrases, in query order.
  std::vector<std::string> terms;
  // Distinct analyzed prefixes, in query order.
  std::vector<std::string> prefixes;
};

// The terms and prefixes a matching paragraph may hold because of `query`:
// excluded clauses (must_not) and field filters give none.
HighlightTerms CollectHighlightTerms(const internal::v1::QueryNode& query);

// Leaf clauses of a compiled tree (term, phrase, prefix, field, all).
int CountLeaves(const internal::v1::QueryNode& query);

// Nodes on the longest path from the root of `query` to a leaf.
int TreeDepth(const internal::v1::QueryNode& query);

}  // namespace rapporteur::query

#endif  // RAPPORTEUR_LIB_QUERY_QUERY_COMPILER_H_
