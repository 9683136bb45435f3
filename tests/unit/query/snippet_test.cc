#include "lib/query/snippet.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "lib/analysis/analyzer.h"

namespace rapporteur::query {
namespace {

using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::StartsWith;

TEST(SnippetTest, MarksMatchedWordsAsWritten) {
  EXPECT_EQ(MakeSnippet("Public executions continue.", {"public", "execut"}),
            "**Public** **executions** continue.");
}

TEST(SnippetTest, CutsAroundTheBestWindow) {
  std::string text;
  for (int i = 0; i < 100; ++i) {
    text += "filler ";
  }
  text += "the abduction of nationals ";
  for (int i = 0; i < 100; ++i) {
    text += "padding ";
  }
  const std::string snippet = MakeSnippet(text, {"abduct"}, {.max_words = 10});
  EXPECT_THAT(snippet, StartsWith("…"));
  EXPECT_THAT(snippet, EndsWith("…"));
  EXPECT_THAT(snippet, HasSubstr("the **abduction** of nationals"));
  EXPECT_LT(snippet.size(), 120u);
}

TEST(SnippetTest, NoMatchGivesTheStart) {
  EXPECT_THAT(MakeSnippet("Nothing to see here at all.", {"camp"}),
              StartsWith("Nothing to see"));
}

// About `bytes` of sentences without any word of the tests' queries.
std::string Filler(size_t bytes) {
  static constexpr absl::string_view kSentences[] = {
      "The committee met the delegation on the second day. ",
      "Several reports were received from various sources. ",
      "These were discussed at length with the government. ",
      "Further meetings are planned for the coming year. ",
  };
  std::string text;
  for (size_t i = 0; text.size() < bytes; ++i) {
    absl::StrAppend(&text, kSentences[i % 4]);
  }
  return text;
}

// The snippet as it would be with the whole text analyzed.
std::string WholeSnippet(absl::string_view text,
                         const absl::flat_hash_set<std::string>& terms,
                         SnippetOptions options = {}) {
  options.max_analyzed_bytes = std::numeric_limits<size_t>::max();
  return MakeSnippet(text, terms, options);
}

TEST(SnippetTest, HugeTextCostsItsMatchNotItsLength) {
  const std::string text = absl::StrCat(
      Filler(2 << 20), "the abduction of nationals ", Filler(2 << 20));
  SnippetWork work;
  const std::string snippet = MakeSnippet(text, {"abduct"}, {}, &work);
  EXPECT_THAT(snippet, StartsWith("…"));
  EXPECT_THAT(snippet, EndsWith("…"));
  EXPECT_THAT(snippet, HasSubstr("the **abduction** of nationals"));
  EXPECT_LT(snippet.size(), 600u);
  // The head and a stretch around the match, not 4 MB.
  EXPECT_LT(work.analyzed_bytes, 4096u);
  EXPECT_EQ(work.candidates, 1u);
  EXPECT_EQ(snippet, WholeSnippet(text, {"abduct"}));
}

TEST(SnippetTest, HugeTextShowsWhereMostTermsGather) {
  const std::string text =
      absl::StrCat("An abduction was reported. ", Filler(1 << 20),
                   "the abduction of nationals was denied. ", Filler(1 << 20),
                   "More nationals arrived. ", Filler(1 << 20));
  SnippetWork work;
  const std::string snippet =
      MakeSnippet(text, {"abduct", "nation", "deni"}, {}, &work);
  EXPECT_THAT(snippet,
              HasSubstr("the **abduction** of **nationals** was **denied**"));
  EXPECT_LT(work.analyzed_bytes, 8192u);
  EXPECT_EQ(snippet, WholeSnippet(text, {"abduct", "nation", "deni"}));
}

TEST(SnippetTest, HugeTextFindsWordsSpelledOtherwiseThanTheirTerm) {
  // Stems change endings ("cities" is "citi"), capitals and digit groups
  // are folded ("1,000" is "1000"), and Spanish drops accents.
  const std::string english = absl::StrCat(
      Filler(1 << 20), "CITIES held 1,000 people. ", Filler(1 << 20));
  const absl::flat_hash_set<std::string> terms = {"citi", "1000"};
  SnippetWork work;
  const std::string snippet = MakeSnippet(english, terms, {}, &work);
  EXPECT_THAT(snippet, HasSubstr("**CITIES** held **1,000** people"));
  EXPECT_LT(work.analyzed_bytes, 8192u);
  EXPECT_EQ(snippet, WholeSnippet(english, terms));

  const std::vector<std::string> spanish =
      analysis::AnalyzeTerms("Público", "es");
  ASSERT_EQ(spanish.size(), 1u);
  ASSERT_EQ(spanish[0].find('\xC3'), std::string::npos) << spanish[0];
  const std::string text = absl::StrCat(
      Filler(1 << 20), "el Ministerio Público informó ", Filler(1 << 20));
  SnippetOptions options;
  options.language = "es";
  const std::string found = MakeSnippet(text, {spanish[0]}, options, &work);
  EXPECT_THAT(found, HasSubstr("**Público**"));
  EXPECT_EQ(found, WholeSnippet(text, {spanish[0]}, options));
}

TEST(SnippetTest, HugeTextOfMatchesIsBounded) {
  std::string text;
  while (text.size() < (4 << 20)) {
    absl::StrAppend(&text, "abduction after abduction, and abductions. ");
  }
  SnippetWork work;
  const std::string snippet = MakeSnippet(text, {"abduct"}, {}, &work);
  EXPECT_THAT(snippet, StartsWith("**abduction** after **abduction**"));
  EXPECT_LT(work.analyzed_bytes, 16384u);
  EXPECT_LE(work.candidates, 2u << 14);
}

TEST(SnippetTest, HugeTextFindsWordsOfOtherScripts) {
  // Cyrillic in any case; "ё" is written "е" in Russian terms.
  const std::vector<std::string> terms =
      analysis::AnalyzeTerms("права ещё", "ru");
  ASSERT_EQ(terms.size(), 1u);  // "ещё" is a stop word
  const std::string text =
      absl::StrCat(Filler(1 << 20), "Его ПРАВА нарушены. ", Filler(1 << 20));
  SnippetOptions options;
  options.language = "ru";
  SnippetWork work;
  const std::string snippet = MakeSnippet(text, {terms[0]}, options, &work);
  EXPECT_THAT(snippet, HasSubstr("Его **ПРАВА** нарушены."));
  EXPECT_LT(work.analyzed_bytes, 4096u);
  EXPECT_EQ(snippet, WholeSnippet(text, {terms[0]}, options));
}

TEST(SnippetTest, HugeTextMatchesUnscannableTermsInItsHeadOnly) {
  // The Indonesian stemmer takes prefixes off ("menyapu" is "sapu"): the
  // start of a word tells nothing, so only the first max_analyzed_bytes
  // are analyzed for a match.
  const std::vector<std::string> terms =
      analysis::AnalyzeTerms("menyapu", "id");
  ASSERT_EQ(terms.size(), 1u);
  SnippetOptions options;
  options.language = "id";
  SnippetWork work;
  const std::string early =
      MakeSnippet(absl::StrCat("Dia menyapu lantai. ", Filler(1 << 20)),
                  {terms[0]}, options, &work);
  EXPECT_THAT(early, HasSubstr("**menyapu**"));
  EXPECT_LE(work.analyzed_bytes, options.max_analyzed_bytes + 64);
  const std::string late =
      MakeSnippet(absl::StrCat(Filler(1 << 20), "Dia menyapu lantai. "),
                  {terms[0]}, options);
  EXPECT_THAT(late, StartsWith("The committee met"));
}

}  // namespace
}  // namespace rapporteur::query
