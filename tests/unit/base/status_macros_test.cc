#include "lib/base/status_macros.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "tests/testing/status_matchers.h"

namespace rapporteur {
namespace {

using ::rapporteur::testing::IsOk;
using ::rapporteur::testing::IsOkAndHolds;
using ::rapporteur::testing::StatusIs;
using ::testing::Pointee;

absl::Status ReturnIfError(absl::Status first, int* reached) {
  ABSL_RETURN_IF_ERROR(first);
  ++*reached;
  return absl::OkStatus();
}

TEST(ReturnIfErrorTest, ReturnsTheErrorAndStops) {
  int reached = 0;
  EXPECT_THAT(ReturnIfError(absl::NotFoundError("no doc"), &reached),
              StatusIs(absl::StatusCode::kNotFound, "no doc"));
  EXPECT_EQ(reached, 0);
}

TEST(ReturnIfErrorTest, GoesOnWhenOk) {
  int reached = 0;
  EXPECT_THAT(ReturnIfError(absl::OkStatus(), &reached), IsOk());
  EXPECT_EQ(reached, 1);
}

TEST(ReturnIfErrorTest, EvaluatesItsExpressionOnce) {
  int calls = 0;
  auto call = [&calls] {
    ++calls;
    return absl::InternalError("once");
  };
  auto run = [&]() -> absl::Status {
    ABSL_RETURN_IF_ERROR(call());
    return absl::OkStatus();
  };
  EXPECT_THAT(run(), StatusIs(absl::StatusCode::kInternal));
  EXPECT_EQ(calls, 1);
}

TEST(ReturnIfErrorTest, WorksAsOneStatementInAnUnbracedIf) {
  // The do/while wrapper keeps a dangling else bound to the outer if.
  auto run = [](bool check, absl::Status status) -> absl::Status {
    if (check)
      ABSL_RETURN_IF_ERROR(status);
    else
      return absl::CancelledError("not checked");
    return absl::OkStatus();
  };
  EXPECT_THAT(run(true, absl::AbortedError("x")),
              StatusIs(absl::StatusCode::kAborted));
  EXPECT_THAT(run(true, absl::OkStatus()), IsOk());
  EXPECT_THAT(run(false, absl::OkStatus()),
              StatusIs(absl::StatusCode::kCancelled));
}

absl::StatusOr<int> Half(int n) {
  if (n % 2 != 0) {
    return absl::InvalidArgumentError("odd");
  }
  return n / 2;
}

// Halves twice, declaring one variable and assigning an existing one.
absl::StatusOr<int> Quarter(int n) {
  ABSL_ASSIGN_OR_RETURN(int half, Half(n));
  int quarter = -1;
  ABSL_ASSIGN_OR_RETURN(quarter, Half(half));
  return quarter;
}

TEST(AssignOrReturnTest, AssignsValues) {
  EXPECT_THAT(Quarter(12), IsOkAndHolds(3));
}

TEST(AssignOrReturnTest, ReturnsTheFirstError) {
  EXPECT_THAT(Quarter(7), StatusIs(absl::StatusCode::kInvalidArgument, "odd"));
  EXPECT_THAT(Quarter(6), StatusIs(absl::StatusCode::kInvalidArgument, "odd"));
}

TEST(AssignOrReturnTest, ConvertsToAStatusReturn) {
  int out = 0;
  auto run = [&out](int n) -> absl::Status {
    ABSL_ASSIGN_OR_RETURN(out, Half(n));
    return absl::OkStatus();
  };
  EXPECT_THAT(run(3), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ(out, 0);  // left unchanged on error
  EXPECT_THAT(run(8), IsOk());
  EXPECT_EQ(out, 4);
}

TEST(AssignOrReturnTest, MovesMoveOnlyValues) {
  auto make = [](bool ok) -> absl::StatusOr<std::unique_ptr<std::string>> {
    if (!ok) {
      return absl::UnavailableError("down");
    }
    return std::make_unique<std::string>("value");
  };
  auto run = [&make](bool ok) -> absl::StatusOr<std::unique_ptr<std::string>> {
    ABSL_ASSIGN_OR_RETURN(auto value, make(ok));
    *value += "!";
    return value;
  };
  EXPECT_THAT(run(true), IsOkAndHolds(Pointee(std::string("value!"))));
  EXPECT_THAT(run(false), StatusIs(absl::StatusCode::kUnavailable, "down"));
}

}  // namespace
}  // namespace rapporteur
