#ifndef RAPPORTEUR_LIB_QUERY_QUERY_PARSER_H_
#define RAPPORTEUR_LIB_QUERY_QUERY_PARSER_H_

// The search query language (docs/query-language.md), from a string to a
// syntax tree: a hand-written lexer and recursive-descent parser. Words are
// kept as written; query_compiler.h analyzes them and turns the tree into
// the rapporteur.v1.QueryNode that storage shards evaluate.
//
// Grammar, loosest first (NOT and '-' bind tightest, then AND, then OR, as
// in Lucene, Google and Xapian):
//
//   query    := or_expr END
//   or_expr  := and_expr (('OR' | <juxtaposed, default OR>) and_expr)*
//   and_expr := unary (('AND' | <juxtaposed, default AND>) unary)*
//   unary    := ('NOT' | '-' | '+') primary | primary
//   primary  := '(' or_expr ')' | WORD | WORD'*' | '"'PHRASE'"' | FIELD
//   FIELD    := name ':' value ('|' value)*     value := WORD | '"'...'"'
//
// `-x` and `NOT x` exclude x from the group they stand in, in AND and OR
// groups alike (Lucene's rule): `a OR -b` is "a, without b", and a group
// that only excludes (`-b`) means "everything but b". `+x` makes x required
// in an OR group (and changes nothing in an AND group).
//
// A word whose part before its first ':' is a known field name (any case)
// is a field filter. One made of ASCII letters but unknown (`foo:bar`) is
// an error naming the known fields; any other colon (`10:30`, `http://`,
// a trailing `Note:`) is part of a word.
//
// Juxtaposed bare words that name a country, UN body or treaty by any of
// its names (entity_aliases.h: "North Korea", "DPRK") are one operand,
// QueryAst::Kind::kEntity, which the compiler expands to all its names.
// Quoted, they are a phrase: the words as written.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace rapporteur::query {

// Bounds on what a query may ask of the shards. Each has a clear
// INVALID_ARGUMENT past it. Defaults suit people typing queries; callers
// that generate queries may raise them, at the shards' expense.
struct QueryLimits {
  // Characters (code points) of the query. Longer queries are not typed by
  // people; 1024 leaves room for pasted symbols and long phrases.
  int max_chars = 1024;
  // Leaf clauses (words, phrases, prefixes, field filters) of the query,
  // and of the compiled tree (which also counts its `all` leaves). Each is
  // a posting-list scan on every shard.
  int max_clauses = 64;
  // Deepest tree, counted in nodes from the root to a leaf: the shard
  // evaluator and this parser recurse this deep. Parentheses may nest
  // max_depth - 2 levels (the top-level group and the leaf take the rest).
  int max_depth = 16;
  // Analyzed terms of one phrase (stop words not counted).
  int max_phrase_terms = 32;
  // Characters of a prefix before its '*': shorter prefixes expand to too
  // many terms to be useful.
  int min_prefix_chars = 2;
};

// How juxtaposed operands (`food famine`) combine.
enum class ImplicitOperator { kAnd, kOr };

// How a clause takes part in its group.
enum class QueryOccur {
  kMust,     // plain operand of an AND group, or `+x`
  kShould,   // plain operand of an OR group
  kMustNot,  // `-x` or `NOT x`
};

struct QueryClause;

// One value of a field filter, as written.
struct QueryFieldValue {
  // The value without its quotes, if it had any.
  std::string text;
  // Whether it was written in double quotes.
  bool quoted = false;
  // 1-based column (code points) of its first character (of its quote).
  int column = 1;
};

// A node of the syntax tree.
struct QueryAst {
  enum class Kind {
    kWord,    // text: the word as written
    kPhrase,  // text: what stood between the quotes
    kPrefix,  // text: the word before its trailing '*'
    kField,   // field (lower-case name) and values
    kGroup,   // clauses
    kEntity,  // text: juxtaposed words as typed; entity: what they name
  };
  Kind kind = Kind::kWord;
  // 1-based column (code points) where the node starts: its first
  // character, its opening quote or parenthesis, its field name.
  int column = 1;
  std::string text;
  std::string field;
  // kEntity: the id of a country, UN body or treaty (entity_aliases.h).
  std::string entity;
  std::vector<QueryFieldValue> values;
  std::vector<QueryClause> clauses;
};

// A group's operand and how it takes part.
struct QueryClause {
  QueryOccur occur = QueryOccur::kMust;
  QueryAst node;
};

// The field names the language knows, in alphabetical order.
const std::vector<std::string>& QueryFieldNames();

// Parses `query`. The result is always a kGroup (possibly of one clause).
// On a syntax error or a broken limit, returns INVALID_ARGUMENT whose
// message is `query: column N: ...`, N the 1-based code point where the
// problem was found, saying what was expected there. Field values are not
// checked here (see CompileQuery). When `has_operators` is not null, sets
// it to whether the query uses AND, OR, NOT or parentheses (what makes a
// query more than a plain-language question; '-', '+', quotes and fields
// do not).
absl::StatusOr<QueryAst> ParseQuery(absl::string_view query,
                                    ImplicitOperator implicit,
                                    const QueryLimits& limits = {},
                                    bool* has_operators = nullptr);

// An INVALID_ARGUMENT `query: column N: message`, the one format of every
// query error.
absl::Status QueryError(int column, absl::string_view message);

}  // namespace rapporteur::query

#endif  // RAPPORTEUR_LIB_QUERY_QUERY_PARSER_H_
