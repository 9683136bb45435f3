#include "lib/base/log.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_split.h"
#include "lib/base/request_id.h"
#include "lib/base/trace_context.h"
#include "nlohmann/json.hpp"

namespace rapporteur {
namespace {

using ::testing::AllOf;
using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::Not;
using ::testing::SizeIs;
using ::testing::StartsWith;

// The line(s) `write` logs to stderr.
template <typename Write>
std::string CaptureLog(Write write) {
  ::testing::internal::CaptureStderr();
  write();
  return ::testing::internal::GetCapturedStderr();
}

// The part of a line after its time stamp, which the wall clock decides.
std::string AfterTime(const std::string& line) {
  const size_t level = line.find(",\"level\"");
  return level == std::string::npos ? line : line.substr(level);
}

class LogTest : public ::testing::Test {
 protected:
  void SetUp() override { SetLogService("test"); }
  void TearDown() override { SetLogService("rapporteur"); }
};

TEST(JsonEscapeTest, EscapesQuotesBackslashesAndControls) {
  EXPECT_EQ(JsonEscape("plain text"), "plain text");
  EXPECT_EQ(JsonEscape("say \"no\""), "say \\\"no\\\"");
  EXPECT_EQ(JsonEscape("C:\\dir"), "C:\\\\dir");
  EXPECT_EQ(JsonEscape("a\nb\rc\td"), "a\\nb\\rc\\td");
  EXPECT_EQ(JsonEscape(std::string("\x01\x1f", 2)), "\\u0001\\u001f");
  EXPECT_EQ(JsonEscape(std::string("\0", 1)), "\\u0000");
  EXPECT_EQ(JsonEscape(""), "");
}

TEST(JsonEscapeTest, KeepsUtf8AndPrintableAscii) {
  // JSON strings hold UTF-8 as is; only controls, '"' and '\' need escapes.
  EXPECT_EQ(JsonEscape("Права человека / droits"), "Права человека / droits");
  EXPECT_EQ(JsonEscape("\x7f"), "\x7f");
}

TEST(JsonEscapeTest, ReplacesInvalidUtf8) {
  // A lone continuation byte, a truncated sequence, an overlong '/' and a
  // byte never valid: each becomes U+FFFD.
  EXPECT_EQ(JsonEscape("a\x80z"), "a\xEF\xBF\xBDz");
  EXPECT_EQ(JsonEscape("\xE2\x82"), "\xEF\xBF\xBD");
  EXPECT_THAT(JsonEscape("\xC0\xAF"), Not(HasSubstr("\xC0")));
  EXPECT_THAT(JsonEscape("x\xFFy"), MatchesRegex("x(\xEF\xBF\xBD)+y"));
}

TEST_F(LogTest, EveryLineIsValidJsonWhateverTheBytes) {
  const std::string bad = "caf\xE9 \xFF\xFE \xE2\x82 \xC0\xAF end";
  const std::string text = CaptureLog([&] {
    ScopedRequestId scoped("id-\xFF");
    LogInfo(bad, {{"path", bad}, {bad, "value"}});
    LogError("ok", {{"utf8", "Права человека"}});
  });
  std::vector<std::string> lines =
      absl::StrSplit(text, '\n', absl::SkipEmpty());
  ASSERT_THAT(lines, SizeIs(2));
  for (const std::string& line : lines) {
    // nlohmann's parser rejects invalid UTF-8 in strings.
    nlohmann::json parsed = nlohmann::json::parse(line, nullptr, false);
    ASSERT_FALSE(parsed.is_discarded()) << line;
    EXPECT_TRUE(parsed.contains("time"));
    EXPECT_TRUE(parsed.contains("level"));
    EXPECT_EQ(parsed["service"], "test");
  }
  const nlohmann::json first = nlohmann::json::parse(lines[0]);
  EXPECT_THAT(first["msg"].get<std::string>(),
              AllOf(StartsWith("caf\xEF\xBF\xBD "), EndsWith(" end")));
  EXPECT_EQ(first["request_id"], "id-\xEF\xBF\xBD");
  EXPECT_EQ(first["path"], first["msg"]);
  EXPECT_EQ(nlohmann::json::parse(lines[1])["utf8"], "Права человека");
}

TEST_F(LogTest, CarriesTheThreadsTraceContextAfterTheRequestId) {
  const std::string line = CaptureLog([] {
    ScopedRequestId scoped("r1");
    ScopedTraceContext trace(*ParseTraceparent(
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
    LogInfo("handled", {{"rpc", "Search"}});
  });
  EXPECT_THAT(line,
              EndsWith(",\"msg\":\"handled\",\"request_id\":\"r1\","
                       "\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\","
                       "\"span_id\":\"00f067aa0ba902b7\","
                       "\"rpc\":\"Search\"}\n"));
  EXPECT_THAT(CaptureLog([] { LogInfo("idle"); }), Not(HasSubstr("trace_id")));
}

TEST_F(LogTest, WritesOneJsonObjectOnOneLine) {
  const std::string line = CaptureLog([] { LogInfo("started"); });
  EXPECT_THAT(line,
              MatchesRegex("\\{\"time\":\"[0-9]{4}-[0-9]{2}-[0-9]{2}T"
                           "[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z\",.*"));
  EXPECT_EQ(AfterTime(line),
            ",\"level\":\"info\",\"service\":\"test\",\"msg\":\"started\"}\n");
}

TEST_F(LogTest, NamesEachLevel) {
  EXPECT_THAT(CaptureLog([] { Log(LogLevel::kDebug, "m"); }),
              HasSubstr("\"level\":\"debug\""));
  EXPECT_THAT(CaptureLog([] { LogInfo("m"); }),
              HasSubstr("\"level\":\"info\""));
  EXPECT_THAT(CaptureLog([] { Log(LogLevel::kWarning, "m"); }),
              HasSubstr("\"level\":\"warning\""));
  EXPECT_THAT(CaptureLog([] { LogError("m"); }),
              HasSubstr("\"level\":\"error\""));
}

TEST_F(LogTest, AppendsFieldsInOrder) {
  const std::string line = CaptureLog([] {
    LogInfo("wrote", {{"doc", "A/HRC/7/20"}, {"paragraphs", "12"}});
  });
  EXPECT_THAT(line, EndsWith(",\"msg\":\"wrote\",\"doc\":\"A/HRC/7/20\","
                             "\"paragraphs\":\"12\"}\n"));
}

TEST_F(LogTest, EscapesMessageFieldsAndService) {
  SetLogService("st\"orage");
  const std::string line = CaptureLog([] {
    LogError("bad \"name\"\nsecond line", {{"k\\ey", "v\talue"}});
  });
  EXPECT_EQ(AfterTime(line),
            ",\"level\":\"error\",\"service\":\"st\\\"orage\","
            "\"msg\":\"bad \\\"name\\\"\\nsecond line\","
            "\"k\\\\ey\":\"v\\talue\"}\n");
  // One line: the message's newline is escaped.
  EXPECT_THAT(
      std::vector<std::string>(absl::StrSplit(line, '\n', absl::SkipEmpty())),
      SizeIs(1));
}

TEST_F(LogTest, CarriesTheThreadsRequestId) {
  const std::string with_id = CaptureLog([] {
    ScopedRequestId scoped("0123abcd");
    LogInfo("handled", {{"rpc", "Search"}});
  });
  EXPECT_THAT(with_id, EndsWith(",\"msg\":\"handled\","
                                "\"request_id\":\"0123abcd\","
                                "\"rpc\":\"Search\"}\n"));
  const std::string without_id = CaptureLog([] { LogInfo("idle"); });
  EXPECT_THAT(without_id, Not(HasSubstr("request_id")));
}

TEST_F(LogTest, EscapesTheRequestId) {
  // A request id comes from the caller's metadata: never trust its bytes.
  const std::string line = CaptureLog([] {
    ScopedRequestId scoped("a\"b");
    LogInfo("m");
  });
  EXPECT_THAT(line, HasSubstr("\"request_id\":\"a\\\"b\""));
}

TEST_F(LogTest, LinesOfConcurrentCallersNeverInterleave) {
  constexpr int kThreads = 4;
  constexpr int kLines = 200;
  const std::string text = CaptureLog([] {
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([t] {
        for (int i = 0; i < kLines; ++i) {
          LogInfo(std::string(100, static_cast<char>('a' + t)));
        }
      });
    }
    for (std::thread& thread : threads) {
      thread.join();
    }
  });
  std::vector<std::string> lines =
      absl::StrSplit(text, '\n', absl::SkipEmpty());
  ASSERT_THAT(lines, SizeIs(kThreads * kLines));
  for (const std::string& line : lines) {
    ASSERT_THAT(line, StartsWith("{\"time\":\""));
    ASSERT_THAT(line, MatchesRegex(".*\"msg\":\"(a{100}|b{100}|c{100}|d{100})"
                                   "\"\\}"));
  }
}

}  // namespace
}  // namespace rapporteur
