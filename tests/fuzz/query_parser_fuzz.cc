// libFuzzer target for the query language: arbitrary bytes go through
// CompileSearchQuery (lexer, parser, analysis, compiler, plain questions).
// Besides crashes, leaks and sanitizer reports, it checks the promises callers
// rely on and traps
// (__builtin_trap) on a broken one, so that libFuzzer saves the input:
//  - an error is INVALID_ARGUMENT `query: column N: ...` with N within the
//    query (or just past its end);
//  - a compiled tree stays within QueryLimits (leaf clauses, depth), holds
//    no empty boolean, and its phrases and prefixes are well-formed.
//
// The first byte chooses the options: bit 0 the default operator OR, else
// bit 2 the plain-language reading (else AND); bit 1 small limits (so
// that inputs reach the limit checks). The rest is the query. Built and
// run by scripts/fuzz.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/string_view.h"
#include "lib/query/plain_query.h"
#include "lib/query/query_compiler.h"
#include "lib/query/query_parser.h"
#include "rapporteur/internal/v1/shard.pb.h"

namespace rapporteur::query {
namespace {

void Check(bool ok, const char* invariant) {
  if (ok) return;
  std::fprintf(stderr, "query_parser_fuzz: invariant broken: %s\n", invariant);
  __builtin_trap();
}

// Every node is meaningful: booleans have a positive side, phrases line
// their terms up with ascending offsets from 0, terms are not empty.
void CheckNode(const internal::v1::QueryNode& node, const QueryLimits& limits) {
  switch (node.node_case()) {
    case internal::v1::QueryNode::kTerm:
      Check(!node.term().empty(), "a term is not empty");
      break;
    case internal::v1::QueryNode::kPhrase: {
      const internal::v1::PhraseQuery& phrase = node.phrase();
      Check(phrase.terms_size() >= 2, "a phrase has two terms or more");
      Check(phrase.terms_size() <= limits.max_phrase_terms,
            "a phrase has at most max_phrase_terms terms");
      Check(phrase.terms_size() == phrase.offsets_size(),
            "a phrase has an offset per term");
      for (int i = 0; i < phrase.offsets_size(); ++i) {
        Check(i == 0 ? phrase.offsets(0) == 0
                     : phrase.offsets(i) > phrase.offsets(i - 1),
              "phrase offsets ascend from 0");
        Check(!phrase.terms(i).empty(), "a phrase term is not empty");
      }
      break;
    }
    case internal::v1::QueryNode::kPrefix:
      Check(node.prefix().size() >= 2, "a prefix has 2 characters or more");
      break;
    case internal::v1::QueryNode::kField:
      Check(!node.field().field().empty(), "a field filter names its field");
      Check(node.field().values_size() > 0 || node.field().min_year() > 0 ||
                node.field().max_year() > 0,
            "a field filter has values or a year range");
      break;
    case internal::v1::QueryNode::kBoolean: {
      const internal::v1::BooleanQuery& b = node.boolean();
      Check(b.must_size() + b.should_size() > 0,
            "a boolean has a must or should clause");
      Check(b.minimum_should_match() <= b.should_size(),
            "a boolean needs no more should clauses than it has");
      for (const auto* list : {&b.must(), &b.should(), &b.must_not()}) {
        for (const internal::v1::QueryNode& child : *list) {
          CheckNode(child, limits);
        }
      }
      break;
    }
    case internal::v1::QueryNode::kAll:
      Check(node.all(), "all is true");
      break;
    case internal::v1::QueryNode::NODE_NOT_SET:
      Check(false, "every node is set");
      break;
  }
}

void CheckError(const absl::Status& status, std::string_view query) {
  Check(status.code() == absl::StatusCode::kInvalidArgument,
        "an error is INVALID_ARGUMENT");
  constexpr std::string_view kPrefix = "query: column ";
  const std::string_view message(status.message().data(),
                                 status.message().size());
  Check(message.substr(0, kPrefix.size()) == kPrefix,
        "an error starts with 'query: column '");
  const std::string_view rest = message.substr(kPrefix.size());
  const size_t colon = rest.find(':');
  Check(colon != std::string_view::npos, "the column is followed by ':'");
  int column = 0;
  Check(absl::SimpleAtoi(absl::string_view(rest.data(), colon), &column),
        "the column is a number");
  // Code points are at most bytes; the column may point just past the end.
  Check(column >= 1 && static_cast<size_t>(column) <= query.size() + 1,
        "the column lies within the query");
}

}  // namespace
}  // namespace rapporteur::query

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace rapporteur::query;
  if (size == 0) return 0;
  const uint8_t mode = data[0];
  const std::string_view query(reinterpret_cast<const char*>(data) + 1,
                               size - 1);
  QueryLimits limits;
  if ((mode & 2) != 0) {
    limits.max_clauses = 4;
    limits.max_depth = 5;
    limits.max_phrase_terms = 3;
    limits.max_chars = 64;
  }
  // Bits 0 and 2: AND, OR or a plain-language question.
  const MatchMode match_mode = (mode & 1) != 0   ? MatchMode::kAnyWord
                               : (mode & 4) != 0 ? MatchMode::kPlain
                                                 : MatchMode::kAllWords;
  absl::StatusOr<rapporteur::internal::v1::QueryNode> tree = CompileSearchQuery(
      absl::string_view(query.data(), query.size()), match_mode, limits);
  if (!tree.ok()) {
    CheckError(tree.status(), query);
    return 0;
  }
  Check(CountLeaves(*tree) <= limits.max_clauses,
        "a compiled tree has at most max_clauses leaves");
  Check(TreeDepth(*tree) <= limits.max_depth,
        "a compiled tree is at most max_depth deep");
  CheckNode(*tree, limits);
  const HighlightTerms highlights = CollectHighlightTerms(*tree);
  for (const std::string& term : highlights.terms) {
    Check(!term.empty(), "a highlight term is not empty");
  }
  return 0;
}
