#include "lib/query/query_parser.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "absl/strings/str_cat.h"
#include "tests/testing/status_matchers.h"

namespace rapporteur::query {
namespace {

using ::rapporteur::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::StartsWith;

// The tree as a compact string: a group is `{...}` with each clause
// prefixed by + (must), ? (should) or - (must not); a word is itself, a
// phrase is quoted, a prefix ends in *, a field is name:[v1|v2] with quoted
// values quoted, an entity's words are <ID:words>.
std::string Show(const QueryAst& ast) {
  switch (ast.kind) {
    case QueryAst::Kind::kWord:
      return ast.text;
    case QueryAst::Kind::kPhrase:
      return absl::StrCat("\"", ast.text, "\"");
    case QueryAst::Kind::kPrefix:
      return absl::StrCat(ast.text, "*");
    case QueryAst::Kind::kEntity:
      return absl::StrCat("<", ast.entity, ":", ast.text, ">");
    case QueryAst::Kind::kField: {
      std::string out = absl::StrCat(ast.field, ":[");
      for (size_t i = 0; i < ast.values.size(); ++i) {
        const QueryFieldValue& v = ast.values[i];
        absl::StrAppend(&out, i > 0 ? "|" : "",
                        v.quoted ? absl::StrCat("\"", v.text, "\"") : v.text);
      }
      return absl::StrCat(out, "]");
    }
    case QueryAst::Kind::kGroup: {
      std::string out = "{";
      for (size_t i = 0; i < ast.clauses.size(); ++i) {
        const QueryClause& c = ast.clauses[i];
        const char* occur = c.occur == QueryOccur::kMust     ? "+"
                            : c.occur == QueryOccur::kShould ? "?"
                                                             : "-";
        absl::StrAppend(&out, i > 0 ? " " : "", occur, Show(c.node));
      }
      return absl::StrCat(out, "}");
    }
  }
  return "?";
}

std::string ParseAnd(absl::string_view query) {
  absl::StatusOr<QueryAst> ast = ParseQuery(query, ImplicitOperator::kAnd);
  if (!ast.ok()) {
    return std::string(ast.status().message());
  }
  return Show(*ast);
}

std::string ParseOr(absl::string_view query) {
  absl::StatusOr<QueryAst> ast = ParseQuery(query, ImplicitOperator::kOr);
  if (!ast.ok()) {
    return std::string(ast.status().message());
  }
  return Show(*ast);
}

TEST(QueryParserTest, WordsPhrasesAndPrefixes) {
  EXPECT_EQ(ParseAnd("food"), "{+food}");
  EXPECT_EQ(ParseAnd("\"public executions\""), "{+\"public executions\"}");
  EXPECT_EQ(ParseAnd("abduct*"), "{+abduct*}");
  EXPECT_EQ(ParseAnd("  food   shortage "), "{+food +shortage}");
  // Hyphens and dots inside a word belong to it; the analyzer splits later.
  EXPECT_EQ(ParseAnd("non-governmental 15.6"), "{+non-governmental +15.6}");
}

TEST(QueryParserTest, LowerCaseOperatorsAreWords) {
  EXPECT_EQ(ParseAnd("food and famine or not"),
            "{+food +and +famine +or +not}");
  EXPECT_EQ(ParseAnd("food And famine"), "{+food +And +famine}");
}

TEST(QueryParserTest, ExplicitOperators) {
  EXPECT_EQ(ParseAnd("food AND famine"), "{+food +famine}");
  EXPECT_EQ(ParseAnd("food OR famine"), "{?food ?famine}");
  EXPECT_EQ(ParseAnd("food NOT famine"), "{+food -famine}");
  EXPECT_EQ(ParseAnd("food -famine +hunger"), "{+food -famine +hunger}");
}

TEST(QueryParserTest, AndBindsTighterThanOr) {
  EXPECT_EQ(ParseAnd("a b OR c"), "{?{+a +b} ?c}");
  EXPECT_EQ(ParseAnd("a OR b c"), "{?a ?{+b +c}}");
  EXPECT_EQ(ParseAnd("a AND b OR c AND d"), "{?{+a +b} ?{+c +d}}");
  EXPECT_EQ(ParseAnd("food AND (shortage OR famine)"),
            "{+food +{?shortage ?famine}}");
}

TEST(QueryParserTest, NotBindsTighterThanAnd) {
  // NOT takes one operand: `NOT a b` is (NOT a) AND b.
  EXPECT_EQ(ParseAnd("NOT a b"), "{-a +b}");
  EXPECT_EQ(ParseAnd("a OR NOT b c"), "{?a ?{-b +c}}");
  EXPECT_EQ(ParseAnd("-(a OR b) c"), "{-{?a ?b} +c}");
}

TEST(QueryParserTest, ExclusionsKeepTheirSayInAnOrGroup) {
  EXPECT_EQ(ParseAnd("a OR -b"), "{?a -b}");
  EXPECT_EQ(ParseAnd("a OR +b"), "{?a +b}");
}

TEST(QueryParserTest, DefaultOperatorOr) {
  EXPECT_EQ(ParseOr("food famine"), "{?food ?famine}");
  EXPECT_EQ(ParseOr("food famine -japan +korea"),
            "{?food ?famine -japan +korea}");
  // Explicit AND still binds tighter than the juxtaposition.
  EXPECT_EQ(ParseOr("a b AND c"), "{?a ?{+b +c}}");
  EXPECT_EQ(ParseOr("a"), "{+a}");
}

// Juxtaposed words naming a country, body or treaty are one operand;
// operators, quotes and '-' between them keep them apart.
TEST(QueryParserTest, EntityNamesAreOneOperand) {
  EXPECT_EQ(ParseAnd("food in North Korea"), "{+food +in +<PRK:North Korea>}");
  EXPECT_EQ(ParseOr("DPRK WFP famine"), "{?<PRK:DPRK> ?<WFP:WFP> ?famine}");
  EXPECT_EQ(ParseAnd("-North Korea"), "{-<PRK:North Korea>}");
  EXPECT_EQ(ParseAnd("North AND Korea"), "{+North +Korea}");
  EXPECT_EQ(ParseAnd("North -Korea"), "{+North -Korea}");
  EXPECT_EQ(ParseAnd("\"North Korea\""), "{+\"North Korea\"}");
  EXPECT_EQ(ParseAnd("dprk"), "{+dprk}");
  bool has_operators = true;
  ASSERT_TRUE(ParseQuery("the DPRK -japan \"a b\" country:PRK",
                         ImplicitOperator::kAnd, {}, &has_operators)
                  .ok());
  EXPECT_FALSE(has_operators);
  ASSERT_TRUE(
      ParseQuery("(a) b", ImplicitOperator::kAnd, {}, &has_operators).ok());
  EXPECT_TRUE(has_operators);
}

TEST(QueryParserTest, Parentheses) {
  EXPECT_EQ(ParseAnd("(a)"), "{+a}");
  EXPECT_EQ(ParseAnd("((a b))"), "{+a +b}");
  EXPECT_EQ(ParseAnd("a (b OR (c d))"), "{+a +{?b ?{+c +d}}}");
  // A parenthesis ends a word; a quote does too. (The compiler flattens.)
  EXPECT_EQ(ParseAnd("(food)famine"), "{+{+food} +famine}");
  EXPECT_EQ(ParseAnd("food\"right to food\""), "{+food +\"right to food\"}");
}

TEST(QueryParserTest, Fields) {
  EXPECT_EQ(ParseAnd("symbol:A/HRC/7/20"), "{+symbol:[A/HRC/7/20]}");
  EXPECT_EQ(ParseAnd("country:PRK year:2007..2008 kind:recommendation"),
            "{+country:[PRK] +year:[2007..2008] +kind:[recommendation]}");
  EXPECT_EQ(ParseAnd("kind:recommendation|visit"),
            "{+kind:[recommendation|visit]}");
  EXPECT_EQ(ParseAnd("addressee:\"international community\"|PRK"),
            "{+addressee:[\"international community\"|PRK]}");
  EXPECT_EQ(ParseAnd("COUNTRY:prk"), "{+country:[prk]}");
  EXPECT_EQ(ParseAnd("(country:PRK)"), "{+country:[PRK]}");
  EXPECT_EQ(ParseAnd("-country:JPN"), "{-country:[JPN]}");
}

TEST(QueryParserTest, ColonsThatAreNotFields) {
  EXPECT_EQ(ParseAnd("10:30"), "{+10:30}");
  EXPECT_EQ(ParseAnd("Note: food"), "{+Note: +food}");
  EXPECT_EQ(ParseAnd("http://ohchr.org"), "{+http://ohchr.org}");
}

TEST(QueryParserTest, FieldValueColumns) {
  absl::StatusOr<QueryAst> ast =
      ParseQuery("a country:PRK|\"JPN\"", ImplicitOperator::kAnd);
  ASSERT_TRUE(ast.ok()) << ast.status();
  const QueryAst& field = ast->clauses[1].node;
  EXPECT_EQ(field.column, 3);
  ASSERT_EQ(field.values.size(), 2u);
  EXPECT_EQ(field.values[0].column, 11);
  EXPECT_EQ(field.values[1].column, 15);
  EXPECT_TRUE(field.values[1].quoted);
}

TEST(QueryParserTest, Errors) {
  EXPECT_EQ(ParseAnd(""),
            "query: column 1: expected a word, phrase or '(': the query is "
            "empty");
  EXPECT_EQ(ParseAnd("   "),
            "query: column 1: expected a word, phrase or '(': the query is "
            "empty");
  EXPECT_EQ(ParseAnd("NOT"),
            "query: column 1: expected a word, phrase or '(' after NOT");
  EXPECT_EQ(ParseAnd("a AND"),
            "query: column 3: expected a word, phrase or '(' after AND");
  EXPECT_EQ(ParseAnd("a OR OR b"),
            "query: column 3: expected a word, phrase or '(' after OR");
  EXPECT_EQ(ParseAnd("OR a"),
            "query: column 1: expected a word, phrase or '(' before OR");
  EXPECT_EQ(ParseAnd("NOT -a"),
            "query: column 1: expected a word, phrase or '(' after NOT");
  EXPECT_EQ(ParseAnd("food - famine"),
            "query: column 6: expected a word, phrase or '(' right after "
            "'-'");
  EXPECT_EQ(ParseAnd("food +"),
            "query: column 6: expected a word, phrase or '(' right after "
            "'+'");
  EXPECT_EQ(ParseAnd("-)"),
            "query: column 1: expected a word, phrase or '(' right after "
            "'-'");
  EXPECT_EQ(ParseAnd("food AND (shortage OR famine"),
            "query: column 29: expected ')' to close '(' at column 10");
  EXPECT_EQ(ParseAnd("(a (b) c"),
            "query: column 9: expected ')' to close '(' at column 1");
  EXPECT_EQ(ParseAnd("a b)"),
            "query: column 4: unexpected ')' with no '(' to close");
  EXPECT_EQ(ParseAnd("a ()"),
            "query: column 4: expected a word, phrase or '(' inside '( )'");
  EXPECT_EQ(ParseAnd("a \"right to food"),
            "query: column 17: expected '\"' to close '\"' at column 3");
  EXPECT_EQ(ParseAnd("foo:bar"),
            "query: column 1: unknown field 'foo'; the fields are addressee, "
            "country, document, kind, language, response, section, symbol, "
            "theme, year");
  EXPECT_EQ(ParseAnd("a Foo:\"bar\""),
            "query: column 3: unknown field 'Foo'; the fields are addressee, "
            "country, document, kind, language, response, section, symbol, "
            "theme, year");
  EXPECT_EQ(ParseAnd("country: PRK"),
            "query: column 9: expected a value after 'country:'");
  EXPECT_EQ(ParseAnd("kind:visit|"),
            "query: column 12: expected a value after '|'");
  EXPECT_EQ(ParseAnd("addressee:\"  \""),
            "query: column 11: expected a value after 'addressee:'");
  EXPECT_EQ(ParseAnd("section:\"human rights"),
            "query: column 22: expected '\"' to close '\"' at column 9");
}

TEST(QueryParserTest, EveryErrorIsInvalidArgument) {
  EXPECT_THAT(ParseQuery("(", ImplicitOperator::kAnd),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       StartsWith("query: column ")));
}

TEST(QueryParserTest, ColumnsCountCodePoints) {
  // "é" is two bytes: the end is code point 9, byte 10.
  EXPECT_EQ(ParseAnd("\"é\" OR ("),
            "query: column 9: expected a word, phrase or '(' at the end of "
            "the query");
  EXPECT_EQ(ParseAnd("(été"),
            "query: column 5: expected ')' to close '(' at column 1");
  EXPECT_EQ(ParseAnd("日本 OR"),
            "query: column 4: expected a word, phrase or '(' after OR");
  // A no-break space separates words like a space.
  EXPECT_EQ(ParseAnd("food\u00a0famine"), "{+food +famine}");
}

TEST(QueryParserTest, InvalidUtf8) {
  EXPECT_EQ(ParseAnd("ab \xff"), "query: column 4: invalid UTF-8");
}

TEST(QueryParserTest, LengthLimit) {
  QueryLimits limits;
  limits.max_chars = 10;
  EXPECT_THAT(ParseQuery("0123456789", ImplicitOperator::kAnd, limits),
              StatusIs(absl::StatusCode::kOk));
  // Eleven code points, 22 bytes: the limit counts characters.
  EXPECT_THAT(ParseQuery("ééééééééééé", ImplicitOperator::kAnd, limits),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "query: column 11: the query is longer than 10 "
                       "characters"));
  EXPECT_THAT(ParseQuery("éééééééééé", ImplicitOperator::kAnd, limits),
              StatusIs(absl::StatusCode::kOk));
}

TEST(QueryParserTest, ClauseLimit) {
  QueryLimits limits;
  limits.max_clauses = 3;
  EXPECT_THAT(ParseQuery("a b c", ImplicitOperator::kAnd, limits),
              StatusIs(absl::StatusCode::kOk));
  EXPECT_THAT(
      ParseQuery("a (b OR c) country:PRK", ImplicitOperator::kAnd, limits),
      StatusIs(absl::StatusCode::kInvalidArgument,
               "query: column 12: more than 3 clauses (words, "
               "phrases, prefixes and field filters)"));
  std::string many;
  for (int i = 0; i < 65; ++i) {
    absl::StrAppend(&many, "w", i, " ");
  }
  EXPECT_THAT(ParseQuery(many, ImplicitOperator::kAnd),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("more than 64 clauses")));
}

TEST(QueryParserTest, DepthLimit) {
  // max_depth 16: parentheses nest at most 14 levels.
  const std::string ok = std::string(14, '(') + "a" + std::string(14, ')');
  EXPECT_EQ(ParseAnd(ok), "{+a}");
  const std::string deep = std::string(15, '(') + "a" + std::string(15, ')');
  EXPECT_EQ(ParseAnd(deep),
            "query: column 15: parentheses nest more than 14 levels deep");
  // Far deeper input fails the same way, without deep recursion.
  EXPECT_THAT(ParseAnd(std::string(1000, '(')),
              StartsWith("query: column 15: parentheses nest"));
}

}  // namespace
}  // namespace rapporteur::query
