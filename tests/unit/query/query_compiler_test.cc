#include "lib/query/query_compiler.h"

#include <gmock/gmock.h>
#include <google/protobuf/text_format.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include <string>

#include "absl/strings/str_cat.h"
#include "tests/testing/status_matchers.h"

namespace rapporteur::query {
namespace {

using ::rapporteur::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

internal::v1::QueryNode Tree(const std::string& text) {
  internal::v1::QueryNode node;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &node))
      << text;
  return node;
}

// Compiles `query` and compares it with the text proto `expected`.
::testing::AssertionResult Compiles(
    const std::string& query, const std::string& expected,
    v1::DefaultOperator op = v1::DEFAULT_OPERATOR_UNSPECIFIED) {
  absl::StatusOr<internal::v1::QueryNode> got = CompileQuery(query, op);
  if (!got.ok()) {
    return ::testing::AssertionFailure()
           << "query `" << query << "`: " << got.status();
  }
  std::string report;
  google::protobuf::util::MessageDifferencer differencer;
  differencer.ReportDifferencesToString(&report);
  if (!differencer.Compare(Tree(expected), *got)) {
    return ::testing::AssertionFailure()
           << "query `" << query << "` compiled to\n"
           << got->DebugString() << "differences:\n"
           << report;
  }
  return ::testing::AssertionSuccess();
}

std::string ErrorOf(const std::string& query,
                    v1::DefaultOperator op = v1::DEFAULT_OPERATOR_AND) {
  absl::StatusOr<internal::v1::QueryNode> got = CompileQuery(query, op);
  if (got.ok()) {
    return "OK";
  }
  EXPECT_EQ(got.status().code(), absl::StatusCode::kInvalidArgument);
  return std::string(got.status().message());
}

TEST(QueryCompilerTest, WordsAreAnalyzed) {
  EXPECT_TRUE(Compiles("Famine", R"pb(term: "famin")pb"));
  EXPECT_TRUE(Compiles("food shortages", R"pb(
    boolean {
      must { term: "food" }
      must { term: "shortag" }
    }
  )pb"));
}

TEST(QueryCompilerTest, PhrasesKeepStopWordPositions) {
  EXPECT_TRUE(Compiles("\"public executions\"", R"pb(
    phrase { terms: "public" terms: "execut" offsets: 0 offsets: 1 }
  )pb"));
  EXPECT_TRUE(Compiles("\"right to food\"", R"pb(
    phrase { terms: "right" terms: "food" offsets: 0 offsets: 2 }
  )pb"));
  // A leading stop word does not shift the offsets.
  EXPECT_TRUE(Compiles("\"the right to food\"", R"pb(
    phrase { terms: "right" terms: "food" offsets: 0 offsets: 2 }
  )pb"));
  // A one-word phrase is a term.
  EXPECT_TRUE(Compiles("\"Camps\"", R"pb(term: "camp")pb"));
}

TEST(QueryCompilerTest, AWordOfSeveralTokensIsAPhrase) {
  EXPECT_TRUE(Compiles("non-governmental", R"pb(
    phrase { terms: "non" terms: "government" offsets: 0 offsets: 1 }
  )pb"));
  EXPECT_TRUE(Compiles("A/HRC/7/20", R"pb(
    phrase {
      terms: "hrc"
      terms: "7"
      terms: "20"
      offsets: 0
      offsets: 1
      offsets: 2
    }
  )pb"));
}

TEST(QueryCompilerTest, StopWordsAreDropped) {
  EXPECT_TRUE(Compiles("the food", R"pb(term: "food")pb"));
  EXPECT_TRUE(Compiles("food OR the", R"pb(term: "food")pb"));
  EXPECT_TRUE(Compiles("food -the", R"pb(term: "food")pb"));
  // "not", "no" and "without" carry meaning and are kept.
  EXPECT_TRUE(Compiles("no reply", R"pb(
    boolean {
      must { term: "no" }
      must { term: "repli" }
    }
  )pb"));
}

TEST(QueryCompilerTest, NothingSearchable) {
  EXPECT_EQ(ErrorOf("the"),
            "query: column 1: the query has no searchable words (\"the\" is "
            "too common to be indexed)");
  EXPECT_EQ(ErrorOf("a OR (the \"of\")"),
            "query: column 1: the query has no searchable words (\"a\" is "
            "too common to be indexed)");
  EXPECT_EQ(ErrorOf("-the"),
            "query: column 2: the query has no searchable words (\"the\" is "
            "too common to be indexed)");
}

TEST(QueryCompilerTest, Precedence) {
  EXPECT_TRUE(Compiles("food AND (shortage OR famine)", R"pb(
    boolean {
      must { term: "food" }
      must {
        boolean {
          should { term: "shortag" }
          should { term: "famin" }
        }
      }
    }
  )pb"));
  EXPECT_TRUE(Compiles("food shortage OR famine", R"pb(
    boolean {
      should {
        boolean {
          must { term: "food" }
          must { term: "shortag" }
        }
      }
      should { term: "famin" }
    }
  )pb"));
  EXPECT_TRUE(Compiles("NOT japan korea", R"pb(
    boolean {
      must { term: "korea" }
      must_not { term: "japan" }
    }
  )pb"));
}

TEST(QueryCompilerTest, ExclusionOnly) {
  EXPECT_TRUE(Compiles("-japan", R"pb(
    boolean {
      must { all: true }
      must_not { term: "japan" }
    }
  )pb"));
  EXPECT_TRUE(Compiles("NOT japan -\"public executions\"", R"pb(
    boolean {
      must { all: true }
      must_not { term: "japan" }
      must_not {
        phrase { terms: "public" terms: "execut" offsets: 0 offsets: 1 }
      }
    }
  )pb"));
  // A group that only excludes, beside a required word: `all` goes.
  EXPECT_TRUE(Compiles("food (-japan)", R"pb(
    boolean {
      must { term: "food" }
      must_not { term: "japan" }
    }
  )pb"));
}

TEST(QueryCompilerTest, ExclusionInAnOrGroup) {
  EXPECT_TRUE(Compiles("abduct* OR -japan", R"pb(
    boolean {
      should { prefix: "abduct" }
      must_not { term: "japan" }
    }
  )pb"));
}

TEST(QueryCompilerTest, Prefixes) {
  EXPECT_TRUE(Compiles("abduct* -japan", R"pb(
    boolean {
      must { prefix: "abduct" }
      must_not { term: "japan" }
    }
  )pb"));
  // Folded, not stemmed.
  EXPECT_TRUE(Compiles("Executions*", R"pb(prefix: "executions")pb"));
  EXPECT_TRUE(Compiles("ÉTAT*", R"pb(prefix: "état")pb"));
  EXPECT_EQ(ErrorOf("food a*"),
            "query: column 6: prefix \"a*\" is shorter than 2 characters");
  EXPECT_EQ(ErrorOf("*"),
            "query: column 1: prefix \"*\" is shorter than 2 characters");
  EXPECT_EQ(ErrorOf("non-gov*"),
            "query: column 1: prefix \"non-gov*\": a prefix is one word of "
            "letters and digits");
}

TEST(QueryCompilerTest, FlattensNestedGroups) {
  EXPECT_TRUE(Compiles("a1 (b1 (c1 d1))", R"pb(
    boolean {
      must { term: "a1" }
      must { term: "b1" }
      must { term: "c1" }
      must { term: "d1" }
    }
  )pb"));
  EXPECT_TRUE(Compiles("a1 OR (b1 OR (c1 OR d1))", R"pb(
    boolean {
      should { term: "a1" }
      should { term: "b1" }
      should { term: "c1" }
      should { term: "d1" }
    }
  )pb"));
  // NOT (b OR c) is NOT b AND NOT c.
  EXPECT_TRUE(Compiles("a1 -(b1 OR c1)", R"pb(
    boolean {
      must { term: "a1" }
      must_not { term: "b1" }
      must_not { term: "c1" }
    }
  )pb"));
  // An OR inside an AND keeps its group: flattening would change meaning.
  EXPECT_TRUE(Compiles("a1 (b1 OR c1) -(d1 e1)", R"pb(
    boolean {
      must { term: "a1" }
      must {
        boolean {
          should { term: "b1" }
          should { term: "c1" }
        }
      }
      must_not {
        boolean {
          must { term: "d1" }
          must { term: "e1" }
        }
      }
    }
  )pb"));
  EXPECT_TRUE(Compiles("((((food))))", R"pb(term: "food")pb"));
}

TEST(QueryCompilerTest, DefaultOperatorOr) {
  EXPECT_TRUE(Compiles("food famine", R"pb(
                         boolean {
                           should { term: "food" }
                           should { term: "famin" }
                         }
                       )pb",
                       v1::DEFAULT_OPERATOR_OR));
  EXPECT_TRUE(Compiles("food famine +korea -japan", R"pb(
                         boolean {
                           must { term: "korea" }
                           should { term: "food" }
                           should { term: "famin" }
                           must_not { term: "japan" }
                         }
                       )pb",
                       v1::DEFAULT_OPERATOR_OR));
  EXPECT_TRUE(Compiles("food famine AND korea", R"pb(
                         boolean {
                           should { term: "food" }
                           should {
                             boolean {
                               must { term: "famin" }
                               must { term: "korea" }
                             }
                           }
                         }
                       )pb",
                       v1::DEFAULT_OPERATOR_OR));
}

TEST(QueryCompilerTest, Fields) {
  EXPECT_TRUE(Compiles("country:prk year:2007..2008 kind:Recommendation", R"pb(
    boolean {
      must { field { field: "country" values: "PRK" } }
      must { field { field: "year" min_year: 2007 max_year: 2008 } }
      must { field { field: "kind" values: "recommendation" } }
    }
  )pb"));
  EXPECT_TRUE(Compiles("symbol:A/HRC/7/20", R"pb(
    field { field: "symbol" values: "A/HRC/7/20" }
  )pb"));
  EXPECT_TRUE(
      Compiles("kind:recommendation|communication|visit|figure|paragraph", R"pb(
        field {
          field: "kind"
          values: "recommendation"
          values: "communication"
          values: "visit"
          values: "figure"
          values: "paragraph"
        }
      )pb"));
  EXPECT_TRUE(Compiles("addressee:prk|\"International  Community\"", R"pb(
    field { field: "addressee" values: "PRK" values: "international community" }
  )pb"));
  EXPECT_TRUE(Compiles("theme:Death-Penalty|food", R"pb(
    field { field: "theme" values: "death-penalty" values: "food" }
  )pb"));
  EXPECT_TRUE(Compiles(
      "document:a-hrc-7-20|documents/a-hrc-8-1|A/HRC/WG.6/20/SVN/2", R"pb(
        field {
          field: "document"
          values: "a-hrc-7-20"
          values: "a-hrc-8-1"
          values: "a-hrc-wg-6-20-svn-2"
        }
      )pb"));
}

TEST(QueryCompilerTest, Years) {
  EXPECT_TRUE(Compiles("year:2008", R"pb(
    field { field: "year" values: "2008" }
  )pb"));
  EXPECT_TRUE(Compiles("year:..2008", R"pb(
    field { field: "year" max_year: 2008 }
  )pb"));
  EXPECT_TRUE(Compiles("year:2007..", R"pb(
    field { field: "year" min_year: 2007 }
  )pb"));
  EXPECT_TRUE(Compiles("year:2009|2005|2007..2008|2010..2010", R"pb(
    boolean {
      should {
        field { field: "year" values: "2005" values: "2009" values: "2010" }
      }
      should { field { field: "year" min_year: 2007 max_year: 2008 } }
    }
  )pb"));
}

TEST(QueryCompilerTest, Sections) {
  EXPECT_TRUE(Compiles("section:Conclusions|recommendations", R"pb(
    field { field: "section" values: "conclus" values: "recommend" }
  )pb"));
  EXPECT_TRUE(Compiles("section:\"right to food\"", R"pb(
    boolean {
      must { field { field: "section" values: "right" } }
      must { field { field: "section" values: "food" } }
    }
  )pb"));
}

TEST(QueryCompilerTest, FieldErrors) {
  EXPECT_EQ(ErrorOf("year:abc"),
            "query: column 6: year: expected a year such as 2008 or a range "
            "such as 2007..2008, got \"abc\"");
  EXPECT_EQ(ErrorOf("food year:2009..2007"),
            "query: column 11: year: the range 2009..2007 ends before it "
            "starts");
  EXPECT_EQ(ErrorOf("year:.."),
            "query: column 6: year: expected a year such as 2008 or a range "
            "such as 2007..2008, got \"..\"");
  EXPECT_EQ(ErrorOf("year:0"),
            "query: column 6: year: expected a year such as 2008 or a range "
            "such as 2007..2008, got \"0\"");
  EXPECT_EQ(ErrorOf("country:PRK|Korea"),
            "query: column 13: country: expected a three-letter ISO 3166-1 "
            "code such as PRK, got \"Korea\"");
  EXPECT_EQ(ErrorOf("kind:speech"),
            "query: column 6: kind: expected one of recommendation, "
            "communication, visit, figure, paragraph, got \"speech\"");
  EXPECT_EQ(ErrorOf("theme:\"death penalty\""),
            "query: column 7: theme: expected a theme id such as food or "
            "death-penalty, got \"death penalty\"");
  EXPECT_EQ(ErrorOf("document:///"),
            "query: column 10: document: expected a document id such as "
            "a-hrc-7-20, got \"///\"");
  EXPECT_EQ(ErrorOf("section:the"),
            "query: column 9: section: \"the\" has no searchable words");
  EXPECT_EQ(ErrorOf("symbol:\"A/HRC 7\""),
            "query: column 8: symbol: expected a UN symbol such as "
            "A/HRC/7/20, got \"A/HRC 7\"");
}

TEST(QueryCompilerTest, ErrorsOfTheDocumentation) {
  // The error table of docs/query-language.md, not covered above.
  EXPECT_EQ(ErrorOf("year:2009..2007"),
            "query: column 6: year: the range 2009..2007 ends before it "
            "starts");
  EXPECT_EQ(ErrorOf("country:Korea"),
            "query: column 9: country: expected a three-letter ISO 3166-1 "
            "code such as PRK, got \"Korea\"");
  EXPECT_EQ(ErrorOf("a*"),
            "query: column 1: prefix \"a*\" is shorter than 2 characters");
  EXPECT_EQ(ErrorOf("\"é\" OR ("),
            "query: column 9: expected a word, phrase or '(' at the end of "
            "the query");
}

TEST(QueryCompilerTest, ParserErrorsPassThrough) {
  EXPECT_EQ(ErrorOf("food AND (shortage"),
            "query: column 19: expected ')' to close '(' at column 10");
}

TEST(QueryCompilerTest, PhraseLimit) {
  QueryLimits limits;
  limits.max_phrase_terms = 3;
  EXPECT_THAT(
      CompileQuery("\"a1 b1 the c1\"", v1::DEFAULT_OPERATOR_AND, limits),
      StatusIs(absl::StatusCode::kOk));
  EXPECT_THAT(
      CompileQuery("x \"a1 b1 c1 d1\"", v1::DEFAULT_OPERATOR_AND, limits),
      StatusIs(absl::StatusCode::kInvalidArgument,
               "query: column 3: a phrase of more than 3 searchable "
               "words"));
}

TEST(QueryCompilerTest, CompiledTreeLimits) {
  QueryLimits limits;
  limits.max_clauses = 2;
  // Two clauses as written, three compiled (a year, a range, a word).
  EXPECT_THAT(CompileQuery("food year:2001|2003..2004",
                           v1::DEFAULT_OPERATOR_AND, limits),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "query: column 1: the query makes 3 clauses, more "
                       "than 2"));
  limits = QueryLimits();
  limits.max_depth = 4;  // parentheses may nest 2 deep
  // Two levels of parentheses, but a quoted section value adds two more.
  EXPECT_THAT(CompileQuery("a1 OR (b1 (c1 OR section:x1|\"right food\"))",
                           v1::DEFAULT_OPERATOR_AND, limits),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "query: column 1: the query nests 5 levels deep, "
                       "more than 4"));
}

TEST(QueryCompilerTest, TreeMeasures) {
  const internal::v1::QueryNode tree = Tree(R"pb(
    boolean {
      must { term: "a" }
      must_not {
        boolean {
          should { term: "b" }
          should { all: true }
        }
      }
    }
  )pb");
  EXPECT_EQ(CountLeaves(tree), 3);
  EXPECT_EQ(TreeDepth(tree), 3);
  EXPECT_EQ(TreeDepth(Tree(R"pb(term: "a")pb")), 1);
}

TEST(QueryCompilerTest, HighlightTerms) {
  absl::StatusOr<internal::v1::QueryNode> tree = CompileQuery(
      "\"public executions\" (famine OR abduct*) -japan country:PRK "
      "executions Abduct*",
      v1::DEFAULT_OPERATOR_AND);
  ASSERT_TRUE(tree.ok()) << tree.status();
  const HighlightTerms highlights = CollectHighlightTerms(*tree);
  EXPECT_THAT(highlights.terms, ElementsAre("public", "execut", "famin"));
  EXPECT_THAT(highlights.prefixes, ElementsAre("abduct"));

  tree = CompileQuery("-japan", v1::DEFAULT_OPERATOR_AND);
  ASSERT_TRUE(tree.ok()) << tree.status();
  EXPECT_THAT(CollectHighlightTerms(*tree).terms, IsEmpty());
}

TEST(QueryCompilerTest, SampleReportQueries) {
  // Queries of docs/query-language.md against A/HRC/7/20.
  for (const char* query :
       {"\"public executions\"", "food AND (shortage OR famine)",
        "abduct* -japan", "country:PRK year:2007..2008 kind:recommendation",
        "symbol:A/HRC/7/20 \"right to food\"",
        "addressee:\"international community\" section:recommendations",
        "abduct* -japan*", "\"right to food\" -section:summary"}) {
    EXPECT_THAT(CompileQuery(query, v1::DEFAULT_OPERATOR_AND),
                StatusIs(absl::StatusCode::kOk))
        << query;
  }
  EXPECT_THAT(ErrorOf("food AND (shortage OR"), HasSubstr("after OR"));
}

}  // namespace
}  // namespace rapporteur::query
