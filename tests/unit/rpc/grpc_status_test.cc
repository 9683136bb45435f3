#include "lib/rpc/grpc_status.h"

#include <gtest/gtest.h>

#include <string>

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

TEST(GrpcStatusTest, RoundTripsAreIdentities) {
  for (const CodePair& pair : kCodes) {
    const absl::Status status(pair.absl_code, "documents/x not found");
    EXPECT_EQ(FromGrpcStatus(ToGrpcStatus(status)), status);
  }
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
