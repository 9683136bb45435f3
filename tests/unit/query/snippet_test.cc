#include "lib/query/snippet.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace rapporteur::query
