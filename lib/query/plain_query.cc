#include "lib/query/plain_query.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "lib/analysis/analyzer.h"
#include "lib/analysis/language.h"
#include "lib/base/status_macros.h"
#include "lib/query/query_compiler.h"

namespace rapporteur::query {
namespace {

using internal::v1::BooleanQuery;
using internal::v1::QueryNode;

// Words that make an English sentence a question and say nothing of what
// the answer is about ("what happens to", "how many"): in a paragraph
// that answers, they are mostly absent. Not stop words at ingest (they
// are indexed; "many" matters in "many people"), only here.
bool IsEnglishQuestionWord(absl::string_view folded) {
  static const auto* const kWords = new absl::flat_hash_set<std::string>{
      "what", "which",  "when",    "where",    "why",       "how",
      "whom", "whose",  "many",    "much",     "do",        "does",
      "did",  "happen", "happens", "happened", "happening",
  };
  return kWords->contains(folded);
}

// Whether a bare word of the query only makes it a question.
bool IsQuestionWord(const QueryClause& clause, absl::string_view language) {
  return clause.node.kind == QueryAst::Kind::kWord &&
         analysis::CanonicalLanguage(language) == "english" &&
         IsEnglishQuestionWord(analysis::NormalizeForPrefix(clause.node.text));
}

// Whether a plain operand of the question is one of its optional words
// (a word, prefix or entity name), rather than a phrase or filter the
// paragraph must match.
bool IsOptional(const QueryClause& clause) {
  return clause.occur == QueryOccur::kShould &&
         (clause.node.kind == QueryAst::Kind::kWord ||
          clause.node.kind == QueryAst::Kind::kPrefix ||
          clause.node.kind == QueryAst::Kind::kEntity);
}

absl::StatusOr<QueryNode> CompilePlain(absl::string_view query,
                                       const QueryLimits& limits,
                                       absl::string_view language) {
  bool has_operators = false;
  // Read with OR, plain operands are kShould and '+' operands kMust; a
  // query of one operand is a group of one kMust clause.
  ABSL_ASSIGN_OR_RETURN(QueryAst ast, ParseQuery(query, ImplicitOperator::kOr,
                                                 limits, &has_operators));
  if (has_operators || ast.kind != QueryAst::Kind::kGroup) {
    return CompileQuery(query, v1::DEFAULT_OPERATOR_AND, limits, language);
  }
  const bool only_question_words = std::all_of(
      ast.clauses.begin(), ast.clauses.end(), [&](const QueryClause& clause) {
        return clause.occur == QueryOccur::kMustNot ||
               IsQuestionWord(clause, language);
      });
  QueryNode node;
  BooleanQuery* group = node.mutable_boolean();
  absl::flat_hash_set<std::string> seen;
  for (const QueryClause& clause : ast.clauses) {
    if (!only_question_words && clause.occur != QueryOccur::kMustNot &&
        IsQuestionWord(clause, language)) {
      continue;
    }
    ABSL_ASSIGN_OR_RETURN(std::optional<QueryNode> compiled,
                          CompileOperand(clause.node, limits, language));
    if (!compiled.has_value()) {
      continue;  // stop words only
    }
    if (clause.occur == QueryOccur::kMustNot) {
      *group->add_must_not() = *std::move(compiled);
    } else if (!IsOptional(clause)) {
      *group->add_must() = *std::move(compiled);
    } else if (seen.insert(compiled->SerializeAsString()).second) {
      // A word said twice is one word to match.
      *group->add_should() = *std::move(compiled);
    }
  }
  if (group->must_size() == 0 && group->should_size() == 0) {
    if (group->must_not_size() == 0) {
      // Nothing searchable: the strict reading gives the error.
      return CompileQuery(query, v1::DEFAULT_OPERATOR_AND, limits, language);
    }
    group->add_must()->set_all(true);  // only exclusions
  }
  if (group->should_size() == 1) {
    // One word needed of one: a required word, for the shards' fastest
    // path.
    *group->add_must() = std::move(*group->mutable_should(0));
    group->clear_should();
  }
  if (group->should_size() > 1) {
    group->set_minimum_should_match(MinimumShouldMatch(group->should_size()));
    group->set_coordination(true);
    group->set_proximity_window(kProximityWindow);
  }
  if (group->must_size() == 1 && group->should_size() == 0 &&
      group->must_not_size() == 0) {
    QueryNode single = group->must(0);
    node = std::move(single);
  }
  ABSL_RETURN_IF_ERROR(CheckTreeLimits(node, limits));
  return node;
}

}  // namespace

MatchMode MatchModeOf(v1::DefaultOperator op, bool all_words) {
  if (op == v1::DEFAULT_OPERATOR_OR) {
    return MatchMode::kAnyWord;
  }
  if (op == v1::DEFAULT_OPERATOR_AND || all_words) {
    return MatchMode::kAllWords;
  }
  return MatchMode::kPlain;
}

int MinimumShouldMatch(int optional) {
  if (optional <= 4) {
    return 1;
  }
  // A third, rounded down as Lucene rounds a percentage: 34% of 9 is 3.
  return std::max(1, optional * 34 / 100);
}

absl::StatusOr<QueryNode> CompileSearchQuery(absl::string_view query,
                                             MatchMode mode,
                                             const QueryLimits& limits,
                                             absl::string_view language) {
  switch (mode) {
    case MatchMode::kAllWords:
      return CompileQuery(query, v1::DEFAULT_OPERATOR_AND, limits, language);
    case MatchMode::kAnyWord:
      return CompileQuery(query, v1::DEFAULT_OPERATOR_OR, limits, language);
    case MatchMode::kPlain:
      break;
  }
  return CompilePlain(query, limits, language);
}

}  // namespace rapporteur::query
