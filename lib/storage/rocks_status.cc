#include "lib/storage/rocks_status.h"

#include <string>

namespace rapporteur::storage {

absl::Status FromRocks(const rocksdb::Status& status) {
  using Code = rocksdb::Status::Code;
  if (status.ok()) {
    return absl::OkStatus();
  }
  const std::string message = status.ToString();
  switch (status.code()) {
    case Code::kNotFound:
      return absl::NotFoundError(message);
    case Code::kCorruption:
      return absl::DataLossError(message);
    case Code::kNotSupported:
      return absl::UnimplementedError(message);
    case Code::kInvalidArgument:
      return absl::InvalidArgumentError(message);
    case Code::kIOError:
      return absl::InternalError(message);
    case Code::kBusy:
    case Code::kTryAgain:
    case Code::kMergeInProgress:
      return absl::AbortedError(message);
    case Code::kIncomplete:
      return absl::FailedPreconditionError(message);
    case Code::kShutdownInProgress:
      return absl::UnavailableError(message);
    case Code::kTimedOut:
      return absl::DeadlineExceededError(message);
    case Code::kAborted:
      return absl::AbortedError(message);
    default:
      return absl::UnknownError(message);
  }
}

}  // namespace rapporteur::storage
