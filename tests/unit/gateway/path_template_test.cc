#include "lib/gateway/path_template.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace rapporteur::gateway {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;

PathTemplate Parsed(absl::string_view text) {
  absl::StatusOr<PathTemplate> parsed = PathTemplate::Parse(text);
  EXPECT_TRUE(parsed.ok()) << parsed.status();
  return parsed.ok() ? *parsed : PathTemplate();
}

TEST(PathTemplateTest, MultiSegmentVariableBindsTheWholeName) {
  const PathTemplate path = Parsed("/v1/{name=documents/*/paragraphs/*}");
  PathBindings bindings;
  ASSERT_TRUE(path.Match("/v1/documents/a-hrc-7-20/paragraphs/26", &bindings));
  EXPECT_THAT(bindings,
              ElementsAre(Pair("name", "documents/a-hrc-7-20/paragraphs/26")));
  EXPECT_FALSE(path.Match("/v1/documents/a-hrc-7-20", &bindings));
  EXPECT_FALSE(path.Match("/v1/documents/a/paragraphs/1/extra", &bindings));
  EXPECT_FALSE(path.Match("/v1/cases/a/paragraphs/1", &bindings));
  EXPECT_FALSE(path.Match("/v1/documents//paragraphs/1", &bindings));
}

TEST(PathTemplateTest, VerbsSelectCustomMethods) {
  const PathTemplate stream = Parsed("/v1/search:stream");
  const PathTemplate search = Parsed("/v1/search");
  PathBindings bindings;
  EXPECT_TRUE(stream.Match("/v1/search:stream", &bindings));
  EXPECT_FALSE(stream.Match("/v1/search", &bindings));
  EXPECT_FALSE(search.Match("/v1/search:stream", &bindings));
  EXPECT_EQ(stream.verb(), "stream");
  EXPECT_GT(stream.LiteralCount(), search.LiteralCount());
}

TEST(PathTemplateTest, NestedFieldPathsAndRestWildcards) {
  const PathTemplate update = Parsed("/v1/{case.name=cases/*}");
  PathBindings bindings;
  ASSERT_TRUE(update.Match("/v1/cases/c-1", &bindings));
  EXPECT_THAT(bindings, ElementsAre(Pair("case.name", "cases/c-1")));
  const PathTemplate rest = Parsed("/v1/{name=files/**}");
  ASSERT_TRUE(rest.Match("/v1/files/a/b/c", &bindings));
  EXPECT_THAT(bindings, ElementsAre(Pair("name", "files/a/b/c")));
}

TEST(PathTemplateTest, MalformedTemplatesSayWhat) {
  for (const char* text : {"v1/search", "/v1/{name", "/v1/{na me}", "/v1/**/x",
                           "/v1/search:", "/v1/{name=a}b"}) {
    absl::StatusOr<PathTemplate> parsed = PathTemplate::Parse(text);
    ASSERT_FALSE(parsed.ok()) << text;
    EXPECT_THAT(parsed.status().message(), HasSubstr(text));
  }
}

}  // namespace
}  // namespace rapporteur::gateway
