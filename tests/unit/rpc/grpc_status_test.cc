#include "lib/rpc/grpc_status.h"

#include <gtest/gtest.h>

#include <string>

#include "lib/base/error_details.h"

namespace rapporteur {
namespace {

// Every canonical code with its gRPC twin: the service adapters and the
// remote clients convert both ways, and a client tells retryable errors
// (UNAVAILABLE, ABORTED) from final ones by the code alone.
struct CodePair {
  absl::StatusCode absl_code;
  grpc::StatusCode grpc_code;
};

constexpr CodePair kCodes[] = {
    {absl::StatusCode::kCancelled, grpc::StatusCode::CANCELLED},
    {absl::StatusCode::kUnknown, grpc::StatusCode::UNKNOWN},
    {absl::StatusCode::kInvalidArgument, grpc::StatusCode::INVALID_ARGUMENT},
    {absl::StatusCode::kDeadlineExceeded, grpc::StatusCode::DEADLINE_EXCEEDED},
    {absl::StatusCode::kNotFound, grpc::StatusCode::NOT_FOUND},
    {absl::StatusCode::kAlreadyExists, grpc::StatusCode::ALREADY_EXISTS},
    {absl::StatusCode::kPermissionDenied, grpc::StatusCode::PERMISSION_DENIED},
    {absl::StatusCode::kResourceExhausted,
     grpc::StatusCode::RESOURCE_EXHAUSTED},
    {absl::StatusCode::kFailedPrecondition,
     grpc::StatusCode::FAILED_PRECONDITION},
    {absl::StatusCode::kAborted, grpc::StatusCode::ABORTED},
    {absl::StatusCode::kOutOfRange, grpc::StatusCode::OUT_OF_RANGE},
    {absl::StatusCode::kUnimplemented, grpc::StatusCode::UNIMPLEMENTED},
    {absl::StatusCode::kInternal, grpc::StatusCode::INTERNAL},
    {absl::StatusCode::kUnavailable, grpc::StatusCode::UNAVAILABLE},
    {absl::StatusCode::kDataLoss, grpc::StatusCode::DATA_LOSS},
    {absl::StatusCode::kUnauthenticated, grpc::StatusCode::UNAUTHENTICATED},
};

TEST(GrpcStatusTest, OkBothWays) {
  EXPECT_TRUE(ToGrpcStatus(absl::OkStatus()).ok());
  EXPECT_TRUE(FromGrpcStatus(grpc::Status::OK).ok());
}

TEST(GrpcStatusTest, ToGrpcKeepsEveryCodeAndTheMessage) {
  for (const CodePair& pair : kCodes) {
    const absl::Status status(pair.absl_code, "message");
    const grpc::Status converted = ToGrpcStatus(status);
    EXPECT_EQ(converted.error_code(), pair.grpc_code) << status;
    EXPECT_EQ(converted.error_message(), "message") << status;
    EXPECT_FALSE(converted.ok());
  }
}

TEST(GrpcStatusTest, FromGrpcKeepsEveryCodeAndTheMessage) {
  for (const CodePair& pair : kCodes) {
    const absl::Status converted =
        FromGrpcStatus(grpc::Status(pair.grpc_code, "from the wire"));
    EXPECT_EQ(converted.code(), pair.absl_code) << converted;
    EXPECT_EQ(converted.message(), "from the wire");
  }
}

TEST(GrpcStatusTest, RoundTripsKeepCodeAndMessage) {
  for (const CodePair& pair : kCodes) {
    const absl::Status status(pair.absl_code, "documents/x not found");
    const absl::Status back = FromGrpcStatus(ToGrpcStatus(status));
    EXPECT_EQ(back.code(), status.code());
    EXPECT_EQ(back.message(), status.message());
  }
}

// Every error answered carries an ErrorInfo in our domain: the code's name
// when the engine set no reason.
TEST(GrpcStatusTest, EveryErrorGetsAnErrorInfo) {
  for (const CodePair& pair : kCodes) {
    const grpc::Status sent = ToGrpcStatus(absl::Status(pair.absl_code, "x"));
    google::rpc::Status details;
    ASSERT_TRUE(details.ParseFromString(sent.error_details()));
    EXPECT_EQ(details.code(), static_cast<int>(pair.grpc_code));
    const auto info = GetDetail<google::rpc::ErrorInfo>(FromGrpcStatus(sent));
    ASSERT_TRUE(info.has_value());
    EXPECT_EQ(info->reason(), absl::StatusCodeToString(pair.absl_code));
    EXPECT_EQ(info->domain(), "rapporteur.dev");
  }
}

// What an engine attached arrives whole on the other side of the hop, and
// again after a second hop (storage -> query -> client).
TEST(GrpcStatusTest, DetailsSurviveHops) {
  absl::Status status = InvalidFieldError(
      "filter.start_year", "filter years 2010..2000 are not a range");
  AddFieldViolation(status, "filter.end_year", "before the start");
  absl::Status overload = OverloadedError(absl::StatusCode::kUnavailable,
                                          "shedding", absl::Milliseconds(250));
  absl::Status missing =
      ResourceNotFoundError(kDocumentType, "documents/x",
                            "documents/x not found", "DOCUMENT_NOT_FOUND");

  const absl::Status twice =
      FromGrpcStatus(ToGrpcStatus(FromGrpcStatus(ToGrpcStatus(status))));
  const auto bad_request = GetDetail<google::rpc::BadRequest>(twice);
  ASSERT_TRUE(bad_request.has_value());
  ASSERT_EQ(bad_request->field_violations_size(), 2);
  EXPECT_EQ(bad_request->field_violations(0).field(), "filter.start_year");
  EXPECT_EQ(bad_request->field_violations(1).field(), "filter.end_year");
  EXPECT_EQ(GetDetail<google::rpc::ErrorInfo>(twice)->reason(),
            "INVALID_FIELD");

  const absl::Status shed = FromGrpcStatus(ToGrpcStatus(overload));
  ASSERT_TRUE(GetDetail<google::rpc::RetryInfo>(shed).has_value());
  EXPECT_EQ(GetDetail<google::rpc::RetryInfo>(shed)->retry_delay().nanos(),
            250'000'000);
  EXPECT_EQ(GetDetail<google::rpc::ErrorInfo>(shed)->reason(), "OVERLOADED");

  const absl::Status not_found = FromGrpcStatus(ToGrpcStatus(missing));
  const auto resource = GetDetail<google::rpc::ResourceInfo>(not_found);
  ASSERT_TRUE(resource.has_value());
  EXPECT_EQ(resource->resource_type(),
            "type.googleapis.com/rapporteur.v1.Document");
  EXPECT_EQ(resource->resource_name(), "documents/x");
}

// Details another server sent that do not parse are dropped, not an error.
TEST(GrpcStatusTest, UnparsableDetailsAreDropped) {
  const absl::Status status = FromGrpcStatus(
      grpc::Status(grpc::StatusCode::INTERNAL, "boom", "\xff\xff\xff"));
  EXPECT_EQ(status.code(), absl::StatusCode::kInternal);
  EXPECT_FALSE(GetDetail<google::rpc::ErrorInfo>(status).has_value());
}

TEST(GrpcStatusTest, ServerBusyAsksForARetry) {
  const absl::Status busy = FromGrpcStatus(ServerBusyStatus());
  EXPECT_EQ(busy.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_TRUE(GetDetail<google::rpc::RetryInfo>(busy).has_value());
}

TEST(GrpcStatusTest, KeepsMessagesByteForByte) {
  constexpr char kBytes[] = "paragraph \"12\"\n\xd0\x9f\0end";
  const std::string message(kBytes, sizeof(kBytes) - 1);  // with the NUL
  const absl::Status status = absl::InvalidArgumentError(message);
  EXPECT_EQ(ToGrpcStatus(status).error_message(), message);
  EXPECT_EQ(FromGrpcStatus(ToGrpcStatus(status)).message(), message);
}

TEST(GrpcStatusTest, AnErrorWithoutMessageStaysAnError) {
  const grpc::Status converted =
      ToGrpcStatus(absl::Status(absl::StatusCode::kUnavailable, ""));
  EXPECT_EQ(converted.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_FALSE(
      FromGrpcStatus(grpc::Status(grpc::StatusCode::INTERNAL, "")).ok());
}

}  // namespace
}  // namespace rapporteur
