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

// NUL bytes, control characters in names, made-up languages and countries:
// each refused naming the field, never stored to surface in a citation.
TEST(SourceCheckTest, ControlCharactersLanguagesAndCountries) {
  EXPECT_THAT(CheckSource(Source(std::string("one\ntw\0o", 8))),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("NUL byte at offset 6 (line 2, column 3)")));
  v1::DocumentSource source = Source("text");
  source.set_symbol(std::string("A/\0B", 4));
  EXPECT_THAT(CheckSource(source),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("source.symbol holds a control character "
                                 "(0x00) at offset 2")));
  source = Source("text");
  source.set_title("Report\x1b[31m");
  EXPECT_THAT(CheckSource(source), StatusIs(absl::StatusCode::kInvalidArgument,
                                            HasSubstr("source.title")));
  source = Source("text");
  source.set_language("klingon");
  EXPECT_THAT(CheckSource(source),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("source.language 'klingon'")));
  source.set_language("pt-BR");
  EXPECT_THAT(CheckSource(source), IsOk());
  source = Source("text");
  source.add_countries("ZZZ");
  EXPECT_THAT(CheckSource(source),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("source.countries[1] 'ZZZ'")));
}

TEST(SourceCheckTest, HugeValuesAreQuotedShort) {
  v1::DocumentSource source = Source("text");
  source.set_date(std::string(100000, '9'));
  const absl::Status status = CheckSource(source);
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument,
                               HasSubstr("source.date")));
  EXPECT_LT(status.message().size(), 200u);
}

}  // namespace
}  // namespace rapporteur::ingest
