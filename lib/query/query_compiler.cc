#include "lib/query/query_compiler.h"

#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "lib/analysis/analyzer.h"
#include "lib/analysis/normalize.h"
#include "lib/base/status_macros.h"
#include "lib/query/entity_aliases.h"
#include "lib/schema/fields.h"

namespace rapporteur::query {
namespace {

using internal::v1::BooleanQuery;
using internal::v1::FieldQuery;
using internal::v1::QueryNode;

// A compiled clause, or nothing when all its words were stop words.
using MaybeNode = std::optional<QueryNode>;

constexpr int kMaxYear = 9999;

// NFKC case folding, exactly as the analyzer folds words before stemming
// them, so that a prefix meets the indexed terms.
std::string CaseFold(absl::string_view text) {
  return analysis::NormalizeForPrefix(text);
}

// Code points of `text`, or -1 if one is not a word code point.
int CountWordCodePoints(absl::string_view text) {
  int count = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    utf8proc_int32_t cp = -1;
    const utf8proc_ssize_t n = utf8proc_iterate(
        reinterpret_cast<const utf8proc_uint8_t*>(text.data() + pos),
        static_cast<utf8proc_ssize_t>(text.size() - pos), &cp);
    if (n <= 0 || !analysis::IsWordCodePoint(cp)) {
      return -1;
    }
    pos += static_cast<size_t>(n);
    ++count;
  }
  return count;
}

std::string Quote(absl::string_view text) {
  return absl::StrCat("\"", text, "\"");
}

bool IsAll(const QueryNode& node) {
  return node.node_case() == QueryNode::kAll;
}

QueryNode AllNode() {
  QueryNode node;
  node.set_all(true);
  return node;
}

QueryNode FieldNode(absl::string_view field,
                    const std::vector<std::string>& values) {
  QueryNode node;
  FieldQuery* query = node.mutable_field();
  query->set_field(std::string(field));
  for (const std::string& value : values) {
    query->add_values(value);
  }
  return node;
}

// One node for several alternatives (a field with values of several
// shapes); `nodes` is not empty.
QueryNode AnyOf(std::vector<QueryNode> nodes) {
  if (nodes.size() == 1) {
    return std::move(nodes.front());
  }
  QueryNode node;
  for (QueryNode& alternative : nodes) {
    *node.mutable_boolean()->add_should() = std::move(alternative);
  }
  return node;
}

absl::Status FieldError(const QueryFieldValue& value, absl::string_view field,
                        absl::string_view expected) {
  return QueryError(value.column, absl::StrCat(field, ": expected ", expected,
                                               ", got ", Quote(value.text)));
}

// A year of 1 to 4 digits, 1 to 9999 (0 means an open end in FieldQuery).
bool ParseYear(absl::string_view text, int* year) {
  if (text.empty() || text.size() > 4 ||
      !std::all_of(text.begin(), text.end(), [](char c) {
        return absl::ascii_isdigit(static_cast<unsigned char>(c));
      })) {
    return false;
  }
  return absl::SimpleAtoi(text, year) && *year >= 1 && *year <= kMaxYear;
}

// Compiles a syntax tree, depth-first.
class Compiler {
 public:
  explicit Compiler(absl::string_view language) : language_(language) {}

  // Where the first dropped word (a stop word) stood, for the error of a
  // query that has nothing else.
  int dropped_column = 1;
  std::string dropped_text;

  absl::StatusOr<MaybeNode> Node(const QueryAst& ast,
                                 const QueryLimits& limits) {
    switch (ast.kind) {
      case QueryAst::Kind::kWord:
      case QueryAst::Kind::kPhrase:
        return Words(ast, limits);
      case QueryAst::Kind::kPrefix:
        return Prefix(ast, limits);
      case QueryAst::Kind::kField:
        return Field(ast);
      case QueryAst::Kind::kGroup:
        return Group(ast, limits);
      case QueryAst::Kind::kEntity:
        return EntityNames(ast, limits);
    }
    return absl::InternalError("unknown query node");
  }

 private:
  void Drop(const QueryAst& ast) {
    if (dropped_text.empty()) {
      dropped_column = ast.column;
      dropped_text =
          ast.kind == QueryAst::Kind::kPhrase ? Quote(ast.text) : ast.text;
    }
  }

  absl::StatusOr<MaybeNode> Words(const QueryAst& ast,
                                  const QueryLimits& limits) {
    const std::vector<analysis::Token> tokens =
        analysis::Analyze(ast.text, language_);
    if (tokens.empty()) {
      Drop(ast);
      return MaybeNode();
    }
    QueryNode node;
    if (tokens.size() == 1) {
      node.set_term(tokens.front().term);
      return MaybeNode(std::move(node));
    }
    if (tokens.size() > static_cast<size_t>(limits.max_phrase_terms)) {
      return QueryError(ast.column, absl::StrCat("a phrase of more than ",
                                                 limits.max_phrase_terms,
                                                 " searchable words"));
    }
    internal::v1::PhraseQuery* phrase = node.mutable_phrase();
    for (const analysis::Token& token : tokens) {
      phrase->add_terms(token.term);
      phrase->add_offsets(token.position - tokens.front().position);
    }
    return MaybeNode(std::move(node));
  }

  // Any name of the entity, each a phrase (or a term) as the vocabulary
  // writes it. A name longer than a phrase may be is left out; if every
  // one is, the words as typed.
  absl::StatusOr<MaybeNode> EntityNames(const QueryAst& ast,
                                        const QueryLimits& limits) {
    QueryAst typed = ast;
    typed.kind = QueryAst::Kind::kPhrase;
    const Entity* entity = EntityAliases::Builtin().Find(ast.entity);
    if (entity == nullptr) {
      return Words(typed, limits);  // the parser marks only known entities
    }
    std::vector<QueryNode> names;
    absl::flat_hash_set<std::string> seen;
    for (const std::string& name : entity->names) {
      QueryAst phrase = typed;
      phrase.text = name;
      absl::StatusOr<MaybeNode> node = Words(phrase, limits);
      if (!node.ok() || !node->has_value()) {
        continue;
      }
      if (seen.insert((*node)->SerializeAsString()).second) {
        names.push_back(**std::move(node));
      }
    }
    if (names.empty()) {
      return Words(typed, limits);
    }
    return MaybeNode(AnyOf(std::move(names)));
  }

  // Prefixes are folded, not stemmed: a stem is only known for whole words.
  absl::StatusOr<MaybeNode> Prefix(const QueryAst& ast,
                                   const QueryLimits& limits) {
    const std::string folded = CaseFold(ast.text);
    const int length = CountWordCodePoints(folded);
    if (length < 0) {
      return QueryError(ast.column,
                        absl::StrCat("prefix ", Quote(ast.text + "*"),
                                     ": a prefix is one word of letters and "
                                     "digits"));
    }
    if (length < limits.min_prefix_chars) {
      return QueryError(
          ast.column,
          absl::StrCat("prefix ", Quote(ast.text + "*"), " is shorter than ",
                       limits.min_prefix_chars, " characters"));
    }
    QueryNode node;
    node.set_prefix(folded);
    return MaybeNode(std::move(node));
  }

  // A field's values by its syntax in the schema (lib/schema/fields.h).
  absl::StatusOr<MaybeNode> Field(const QueryAst& ast) {
    const schema::Field* field = schema::FindField(ast.field);
    if (field == nullptr) {
      // The parser lets only declared fields through.
      return QueryError(ast.column, absl::StrCat("unknown field ", ast.field));
    }
    if (field->syntax == schema::ValueSyntax::kYear) {
      return Years(ast);
    }
    if (field->syntax == schema::ValueSyntax::kAnalyzedWords) {
      return Sections(ast);
    }
    std::vector<std::string> values;
    for (const QueryFieldValue& value : ast.values) {
      absl::StatusOr<std::string> normalized =
          schema::NormalizeValue(*field, value.text);
      if (!normalized.ok()) {
        return FieldError(value, field->name, normalized.status().message());
      }
      if (std::find(values.begin(), values.end(), *normalized) ==
          values.end()) {
        values.push_back(*std::move(normalized));
      }
    }
    return MaybeNode(FieldNode(field->name, values));
  }

  // year:2008, year:2007..2008, year:..2008, year:2007.. and any of them
  // joined by '|'. Single years share one FieldQuery; each range needs its
  // own.
  static absl::StatusOr<MaybeNode> Years(const QueryAst& ast) {
    std::vector<std::string> years;
    std::vector<QueryNode> ranges;
    for (const QueryFieldValue& value : ast.values) {
      const std::string text(absl::StripAsciiWhitespace(value.text));
      const size_t dots = text.find("..");
      int first = 0;
      int last = 0;
      constexpr absl::string_view kExpected =
          "a year such as 2008 or a range such as 2007..2008";
      if (dots == std::string::npos) {
        if (!ParseYear(text, &first)) {
          return FieldError(value, ast.field, kExpected);
        }
        years.push_back(absl::StrCat(first));
        continue;
      }
      const absl::string_view from = absl::string_view(text).substr(0, dots);
      const absl::string_view to = absl::string_view(text).substr(dots + 2);
      if ((from.empty() && to.empty()) ||
          (!from.empty() && !ParseYear(from, &first)) ||
          (!to.empty() && !ParseYear(to, &last))) {
        return FieldError(value, ast.field, kExpected);
      }
      if (first != 0 && last != 0 && last < first) {
        return QueryError(value.column, absl::StrCat("year: the range ", text,
                                                     " ends before it starts"));
      }
      if (first != 0 && first == last) {
        years.push_back(absl::StrCat(first));
        continue;
      }
      QueryNode range;
      range.mutable_field()->set_field(ast.field);
      range.mutable_field()->set_min_year(first);
      range.mutable_field()->set_max_year(last);
      ranges.push_back(std::move(range));
    }
    std::vector<QueryNode> nodes;
    if (!years.empty()) {
      std::sort(years.begin(), years.end());
      years.erase(std::unique(years.begin(), years.end()), years.end());
      nodes.push_back(FieldNode(ast.field, years));
    }
    for (QueryNode& range : ranges) {
      nodes.push_back(std::move(range));
    }
    return MaybeNode(AnyOf(std::move(nodes)));
  }

  // Section values are analyzed words: `section:conclusions` is the term
  // "conclus"; a quoted value of several words needs every one of them.
  absl::StatusOr<MaybeNode> Sections(const QueryAst& ast) {
    std::vector<std::string> single;
    std::vector<QueryNode> nodes;
    for (const QueryFieldValue& value : ast.values) {
      std::vector<std::string> terms =
          analysis::AnalyzeTerms(value.text, language_);
      if (terms.empty()) {
        return QueryError(value.column,
                          absl::StrCat("section: ", Quote(value.text),
                                       " has no searchable words"));
      }
      if (terms.size() == 1) {
        if (std::find(single.begin(), single.end(), terms.front()) ==
            single.end()) {
          single.push_back(std::move(terms.front()));
        }
        continue;
      }
      QueryNode all_words;
      for (const std::string& term : terms) {
        *all_words.mutable_boolean()->add_must() = FieldNode(ast.field, {term});
      }
      nodes.push_back(std::move(all_words));
    }
    if (!single.empty()) {
      nodes.insert(nodes.begin(), FieldNode(ast.field, single));
    }
    return MaybeNode(AnyOf(std::move(nodes)));
  }

  // A required clause. A child boolean with required clauses of its own is
  // merged: its optional clauses only scored there and only score here.
  // Language the query's words are analyzed in.
  const std::string language_;

  static void AddMust(BooleanQuery* group, QueryNode child) {
    if (child.has_boolean() && child.boolean().must_size() > 0) {
      BooleanQuery* inner = child.mutable_boolean();
      for (QueryNode& node : *inner->mutable_must()) {
        *group->add_must() = std::move(node);
      }
      for (QueryNode& node : *inner->mutable_should()) {
        *group->add_should() = std::move(node);
      }
      for (QueryNode& node : *inner->mutable_must_not()) {
        *group->add_must_not() = std::move(node);
      }
      return;
    }
    *group->add_must() = std::move(child);
  }

  static bool IsPureOr(const QueryNode& node) {
    return node.has_boolean() && node.boolean().must_size() == 0 &&
           node.boolean().must_not_size() == 0;
  }

  // An optional clause; (a OR b) among alternatives is a and b among them.
  static void AddShould(BooleanQuery* group, QueryNode child) {
    if (IsPureOr(child)) {
      for (QueryNode& node : *child.mutable_boolean()->mutable_should()) {
        *group->add_should() = std::move(node);
      }
      return;
    }
    *group->add_should() = std::move(child);
  }

  // An excluded clause; NOT (a OR b) is NOT a AND NOT b.
  static void AddMustNot(BooleanQuery* group, QueryNode child) {
    if (IsPureOr(child)) {
      for (QueryNode& node : *child.mutable_boolean()->mutable_should()) {
        *group->add_must_not() = std::move(node);
      }
      return;
    }
    *group->add_must_not() = std::move(child);
  }

  absl::StatusOr<MaybeNode> Group(const QueryAst& ast,
                                  const QueryLimits& limits) {
    QueryNode node;
    BooleanQuery* group = node.mutable_boolean();
    for (const QueryClause& clause : ast.clauses) {
      ABSL_ASSIGN_OR_RETURN(MaybeNode child, Node(clause.node, limits));
      if (!child.has_value()) {
        continue;  // stop words: nothing to require, offer or exclude
      }
      switch (clause.occur) {
        case QueryOccur::kMust:
          AddMust(group, *std::move(child));
          break;
        case QueryOccur::kShould:
          AddShould(group, *std::move(child));
          break;
        case QueryOccur::kMustNot:
          AddMustNot(group, *std::move(child));
          break;
      }
    }
    // `all` among other required clauses adds nothing; one is enough.
    auto* must = group->mutable_must();
    const bool had_all = std::any_of(must->begin(), must->end(), IsAll);
    must->erase(std::remove_if(must->begin(), must->end(), IsAll), must->end());
    if (had_all && must->empty()) {
      *group->add_must() = AllNode();
    }
    if (must->empty() && group->should_size() == 0) {
      if (group->must_not_size() == 0) {
        return MaybeNode();
      }
      // Only exclusions: everything but them.
      *group->add_must() = AllNode();
    }
    if (group->must_not_size() == 0) {
      if (group->must_size() == 1 && group->should_size() == 0) {
        return MaybeNode(QueryNode(group->must(0)));
      }
      if (group->must_size() == 0 && group->should_size() == 1) {
        return MaybeNode(QueryNode(group->should(0)));
      }
    }
    return MaybeNode(std::move(node));
  }
};

void CollectHighlights(const QueryNode& node, HighlightTerms* out,
                       absl::flat_hash_set<std::string>* seen_terms,
                       absl::flat_hash_set<std::string>* seen_prefixes) {
  switch (node.node_case()) {
    case QueryNode::kTerm:
      if (seen_terms->insert(node.term()).second) {
        out->terms.push_back(node.term());
      }
      break;
    case QueryNode::kPhrase:
      for (const std::string& term : node.phrase().terms()) {
        if (seen_terms->insert(term).second) {
          out->terms.push_back(term);
        }
      }
      break;
    case QueryNode::kPrefix:
      if (seen_prefixes->insert(node.prefix()).second) {
        out->prefixes.push_back(node.prefix());
      }
      break;
    case QueryNode::kBoolean:
      for (const QueryNode& child : node.boolean().must()) {
        CollectHighlights(child, out, seen_terms, seen_prefixes);
      }
      for (const QueryNode& child : node.boolean().should()) {
        CollectHighlights(child, out, seen_terms, seen_prefixes);
      }
      break;
    default:
      break;  // fields filter, `all` matches everything: nothing to mark
  }
}

}  // namespace

absl::StatusOr<QueryNode> CompileQueryAst(const QueryAst& ast,
                                          const QueryLimits& limits,
                                          absl::string_view language) {
  Compiler compiler(language);
  ABSL_ASSIGN_OR_RETURN(MaybeNode node, compiler.Node(ast, limits));
  if (!node.has_value()) {
    return QueryError(compiler.dropped_column,
                      absl::StrCat("the query has no searchable words (",
                                   Quote(compiler.dropped_text),
                                   " is too common to be indexed)"));
  }
  ABSL_RETURN_IF_ERROR(CheckTreeLimits(*node, limits));
  return *std::move(node);
}

absl::StatusOr<std::optional<QueryNode>> CompileOperand(
    const QueryAst& ast, const QueryLimits& limits,
    absl::string_view language) {
  Compiler compiler(language);
  return compiler.Node(ast, limits);
}

absl::Status CheckTreeLimits(const QueryNode& query,
                             const QueryLimits& limits) {
  // The parser bounds the clauses and parentheses it reads; year ranges,
  // quoted section values and `all` may add a few.
  const int leaves = CountLeaves(query);
  if (leaves > limits.max_clauses) {
    return QueryError(
        1, absl::StrCat("the query makes ", leaves, " clauses, more than ",
                        limits.max_clauses));
  }
  const int depth = TreeDepth(query);
  if (depth > limits.max_depth) {
    return QueryError(
        1, absl::StrCat("the query nests ", depth, " levels deep, more than ",
                        limits.max_depth));
  }
  return absl::OkStatus();
}

absl::StatusOr<QueryNode> CompileQuery(absl::string_view query,
                                       v1::DefaultOperator op,
                                       const QueryLimits& limits,
                                       absl::string_view language) {
  const ImplicitOperator implicit = op == v1::DEFAULT_OPERATOR_OR
                                        ? ImplicitOperator::kOr
                                        : ImplicitOperator::kAnd;
  ABSL_ASSIGN_OR_RETURN(QueryAst ast, ParseQuery(query, implicit, limits));
  return CompileQueryAst(ast, limits, language);
}

HighlightTerms CollectHighlightTerms(const QueryNode& query) {
  HighlightTerms out;
  absl::flat_hash_set<std::string> seen_terms;
  absl::flat_hash_set<std::string> seen_prefixes;
  CollectHighlights(query, &out, &seen_terms, &seen_prefixes);
  return out;
}

int CountLeaves(const QueryNode& query) {
  if (!query.has_boolean()) {
    return 1;
  }
  int leaves = 0;
  for (const auto* list : {&query.boolean().must(), &query.boolean().should(),
                           &query.boolean().must_not()}) {
    for (const QueryNode& child : *list) {
      leaves += CountLeaves(child);
    }
  }
  return leaves;
}

int TreeDepth(const QueryNode& query) {
  if (!query.has_boolean()) {
    return 1;
  }
  int deepest = 0;
  for (const auto* list : {&query.boolean().must(), &query.boolean().should(),
                           &query.boolean().must_not()}) {
    for (const QueryNode& child : *list) {
      deepest = std::max(deepest, TreeDepth(child));
    }
  }
  return deepest + 1;
}

}  // namespace rapporteur::query
