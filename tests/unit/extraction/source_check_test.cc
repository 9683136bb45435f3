#include "lib/extraction/source_check.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/testing/status_matchers.h"

namespace rapporteur::ingest {
namespace {

using ::rapporteur::testing::IsOk;
using ::rapporteur::testing::StatusIs;
using ::testing::HasSubstr;

v1::DocumentSource Source(const std::string& content) {
  v1::DocumentSource source;
  source.set_content(content);
  source.set_symbol("A/HRC/7/20");
  source.set_date("2008-02-15");
  source.add_countries("PRK");
  return source;
}

TEST(SourceCheckTest, AcceptsAWellFormedSource) {
  EXPECT_THAT(CheckSource(Source("1. Text.")), IsOk());
}

TEST(SourceCheckTest, EmptyContent) {
  EXPECT_THAT(CheckSource(Source("")),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("source.content is empty")));
}

TEST(SourceCheckTest, InvalidUtf8NamesLineAndColumn) {
  EXPECT_THAT(CheckSource(Source("line one\nline \xff two")),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("0xff at offset 14 (line 2, column 6)")));
}

TEST(SourceCheckTest, TooLarge) {
  EXPECT_THAT(
      CheckSource(Source(std::string(2000, 'x')), {.max_content_bytes = 1000}),
      StatusIs(absl::StatusCode::kResourceExhausted, HasSubstr("2000")));
}

TEST(SourceCheckTest, BadMetadata) {
  v1::DocumentSource source = Source("text");
  source.set_date("2008-02-30");
  EXPECT_THAT(CheckSource(source), StatusIs(absl::StatusCode::kInvalidArgument,
                                            HasSubstr("source.date")));
  source = Source("text");
  source.add_countries("Korea");
  EXPECT_THAT(CheckSource(source),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("source.countries[1] 'Korea'")));
  source = Source("text");
  source.set_media_type("application/msword");
  EXPECT_THAT(CheckSource(source), StatusIs(absl::StatusCode::kInvalidArgument,
                                            HasSubstr("media_type")));
  source = Source("text");
  source.set_symbol("///");
  EXPECT_THAT(CheckSource(source), StatusIs(absl::StatusCode::kInvalidArgument,
                                            HasSubstr("source.symbol")));
}

}  // namespace
}  // namespace rapporteur::ingest
