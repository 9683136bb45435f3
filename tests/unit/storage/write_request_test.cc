#include "lib/storage/write_request.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "tests/testing/documents.h"
#include "tests/testing/status_matchers.h"

namespace rapporteur::storage {
namespace {

using ::rapporteur::testing::IsOk;
using ::rapporteur::testing::MakeWrite;
using ::rapporteur::testing::StatusIs;
using ::testing::HasSubstr;

absl::Status Validate(const internal::v1::WriteDocumentRequest& request) {
  std::string doc_id;
  return ValidateWrite(request, &doc_id);
}

TEST(ValidateWriteTest, AcceptsAnIndexedWriteAndNamesItsDocument) {
  std::string doc_id;
  ASSERT_THAT(ValidateWrite(MakeWrite("doc-a", {"one", "two"}), &doc_id),
              IsOk());
  EXPECT_EQ(doc_id, "doc-a");
}

TEST(ValidateWriteTest, NamesTheFirstMalformedField) {
  internal::v1::WriteDocumentRequest write = MakeWrite("doc-a", {"one"});
  write.mutable_document()->set_name("documents/Bad Id");
  EXPECT_THAT(Validate(write), StatusIs(absl::StatusCode::kInvalidArgument));

  write = MakeWrite("doc-a", {"one"});
  write.mutable_document()->clear_paragraphs();
  write.clear_paragraph_terms();
  EXPECT_THAT(Validate(write), StatusIs(absl::StatusCode::kInvalidArgument,
                                        HasSubstr("at least one paragraph")));

  write = MakeWrite("doc-a", {"one"});
  write.set_request_id(std::string(kMaxRequestIdBytes + 1, 'r'));
  EXPECT_THAT(Validate(write), StatusIs(absl::StatusCode::kInvalidArgument,
                                        HasSubstr("request_id")));
  write.set_request_id(std::string("a\0b", 3));
  EXPECT_THAT(Validate(write), StatusIs(absl::StatusCode::kInvalidArgument,
                                        HasSubstr("request_id")));
  write.set_request_id(std::string(kMaxRequestIdBytes, 'r'));
  EXPECT_THAT(Validate(write), IsOk());

  write = MakeWrite("doc-a", {"one", "two"});
  write.mutable_paragraph_terms()->RemoveLast();
  EXPECT_THAT(Validate(write),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("paragraph_terms has 1 entries for 2")));
}

TEST(ValidateWriteTest, RejectsMalformedTermsAttributesAndBoosts) {
  internal::v1::WriteDocumentRequest write = MakeWrite("doc-a", {"one"});
  write.mutable_paragraph_terms(0)->mutable_terms(0)->set_term("");
  EXPECT_THAT(Validate(write), StatusIs(absl::StatusCode::kInvalidArgument,
                                        HasSubstr("paragraph 0")));
  write.mutable_paragraph_terms(0)->mutable_terms(0)->set_term(
      std::string(kMaxTermBytes + 1, 't'));
  EXPECT_THAT(Validate(write), StatusIs(absl::StatusCode::kInvalidArgument));
  write.mutable_paragraph_terms(0)->mutable_terms(0)->set_term(
      std::string(kMaxTermBytes, 't'));
  EXPECT_THAT(Validate(write), IsOk());
  write.mutable_paragraph_terms(0)->mutable_terms(0)->clear_positions();
  EXPECT_THAT(Validate(write), StatusIs(absl::StatusCode::kInvalidArgument,
                                        HasSubstr("no positions")));

  write = MakeWrite("doc-a", {"one"});
  write.mutable_paragraph_terms(0)->add_attributes("no field separator");
  EXPECT_THAT(Validate(write), StatusIs(absl::StatusCode::kInvalidArgument,
                                        HasSubstr("without a field")));
  write = MakeWrite("doc-a", {"one"});
  write.mutable_paragraph_terms(0)->add_attributes(std::string("\0value", 6));
  EXPECT_THAT(Validate(write), StatusIs(absl::StatusCode::kInvalidArgument,
                                        HasSubstr("without a field")));

  for (float boost : {-1.0f, kMaxBoost * 2, std::nanf("")}) {
    write = MakeWrite("doc-a", {"one"});
    write.mutable_paragraph_terms(0)->set_boost(boost);
    EXPECT_THAT(Validate(write), StatusIs(absl::StatusCode::kInvalidArgument,
                                          HasSubstr("boost")))
        << boost;
  }
  write.mutable_paragraph_terms(0)->set_boost(kMaxBoost);
  EXPECT_THAT(Validate(write), IsOk());
}

TEST(AppliedRecordTest, AnswersARetryOfTheSameDocument) {
  internal::v1::WriteDocumentResponse response;
  response.set_revision(7);
  response.set_replaced_revision(6);
  const std::string record = EncodeApplied("doc-a", response);
  auto answer = DecodeApplied(record, "doc-a", "req-1");
  ASSERT_TRUE(answer.ok()) << answer.status();
  EXPECT_EQ(answer->revision(), 7);
  EXPECT_EQ(answer->replaced_revision(), 6);
}

TEST(AppliedRecordTest, RefusesARequestIdOfAnotherDocumentOrMalformed) {
  internal::v1::WriteDocumentResponse response;
  response.set_revision(1);
  const std::string record = EncodeApplied("doc-a", response);
  EXPECT_THAT(DecodeApplied(record, "doc-b", "req-1"),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("documents/doc-a")));
  EXPECT_THAT(
      DecodeApplied(record.substr(0, record.size() - 1), "doc-a", "req-1"),
      StatusIs(absl::StatusCode::kDataLoss, HasSubstr("req-1")));
  EXPECT_THAT(DecodeApplied("no separator", "doc-a", "req-1"),
              StatusIs(absl::StatusCode::kDataLoss));
}

}  // namespace
}  // namespace rapporteur::storage
