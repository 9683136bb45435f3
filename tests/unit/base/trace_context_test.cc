#include "lib/base/trace_context.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace rapporteur {
namespace {

using ::testing::MatchesRegex;

// The example of the W3C recommendation.
constexpr char kExample[] =
    "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

TEST(ParseTraceparentTest, ReadsTheSpecsExample) {
  std::optional<TraceContext> context = ParseTraceparent(kExample);
  ASSERT_TRUE(context.has_value());
  EXPECT_EQ(context->trace_id, "4bf92f3577b34da6a3ce929d0e0e4736");
  EXPECT_EQ(context->span_id, "00f067aa0ba902b7");
  EXPECT_EQ(context->flags, "01");
  EXPECT_EQ(context->ToTraceparent(), kExample);
}

TEST(ParseTraceparentTest, RejectsWhatTheSpecRejects) {
  for (const char* bad : {
           "",
           "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0",  // short
           "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-x",
           "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
           "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
           "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
           "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
           "00_4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
           "00-4bf92f3577b34da6a3ce929d0e0e473g-00f067aa0ba902b7-01",
       }) {
    EXPECT_FALSE(ParseTraceparent(bad).has_value()) << bad;
  }
}

TEST(ParseTraceparentTest, ReadsALaterVersionByItsFirstFields) {
  std::optional<TraceContext> context = ParseTraceparent(
      "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-more");
  ASSERT_TRUE(context.has_value());
  EXPECT_EQ(context->trace_id, "4bf92f3577b34da6a3ce929d0e0e4736");
  EXPECT_FALSE(ParseTraceparent("01-4bf92f3577b34da6a3ce929d0e0e4736-"
                                "00f067aa0ba902b7-01x")
                   .has_value());
}

TEST(ContinueTraceTest, KeepsTheTraceUnderANewSpan) {
  const TraceContext context = ContinueTrace(kExample);
  EXPECT_EQ(context.trace_id, "4bf92f3577b34da6a3ce929d0e0e4736");
  EXPECT_THAT(context.span_id, MatchesRegex("[0-9a-f]{16}"));
  EXPECT_NE(context.span_id, "00f067aa0ba902b7");
  EXPECT_EQ(context.flags, "01");
  // Flags other than "sampled" are not passed on.
  EXPECT_EQ(ContinueTrace("00-4bf92f3577b34da6a3ce929d0e0e4736-"
                          "00f067aa0ba902b7-fe")
                .flags,
            "00");
  // The next hop reads what this one sends.
  std::optional<TraceContext> sent = ParseTraceparent(context.ToTraceparent());
  ASSERT_TRUE(sent.has_value());
  EXPECT_EQ(sent->span_id, context.span_id);
}

TEST(ContinueTraceTest, StartsATraceWhenNoneOrABadOneCame) {
  const TraceContext none = ContinueTrace("");
  EXPECT_THAT(none.trace_id, MatchesRegex("[0-9a-f]{32}"));
  EXPECT_THAT(none.span_id, MatchesRegex("[0-9a-f]{16}"));
  EXPECT_TRUE(ParseTraceparent(none.ToTraceparent()).has_value());
  const TraceContext bad = ContinueTrace("garbage");
  EXPECT_NE(bad.trace_id, none.trace_id);
}

TEST(ScopedTraceContextTest, SetsAndRestoresTheThreadsContext) {
  EXPECT_TRUE(CurrentTraceContext().empty());
  {
    ScopedTraceContext outer(ContinueTrace(kExample));
    EXPECT_EQ(CurrentTraceContext().trace_id,
              "4bf92f3577b34da6a3ce929d0e0e4736");
    {
      ScopedTraceContext inner(TraceContext{});
      EXPECT_TRUE(CurrentTraceContext().empty());
    }
    EXPECT_FALSE(CurrentTraceContext().empty());
  }
  EXPECT_TRUE(CurrentTraceContext().empty());
}

}  // namespace
}  // namespace rapporteur
