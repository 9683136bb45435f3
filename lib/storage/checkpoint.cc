#include "lib/storage/checkpoint.h"

#include <filesystem>
#include <random>
#include <system_error>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "lib/base/status_macros.h"

namespace rapporteur::storage {
namespace {

namespace fs = std::filesystem;

// Removes a directory when it goes out of scope.
class RemoveOnExit {
 public:
  explicit RemoveOnExit(std::string dir) : dir_(std::move(dir)) {}
  ~RemoveOnExit() {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

 private:
  const std::string dir_;
};

}  // namespace

absl::Status SendCheckpoint(
    Store& store, absl::FunctionRef<bool(internal::v1::CheckpointChunk)> send,
    size_t chunk_bytes) {
  // Beside the store, on its filesystem, so that RocksDB hard-links the
  // table files rather than copying them.
  const std::string dir =
      absl::StrCat(store.path(), ".checkpoint-", std::random_device()());
  RemoveOnExit remove(dir);
  ABSL_RETURN_IF_ERROR(store.CreateCheckpoint(dir));
  std::vector<fs::path> files;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file()) {
      files.push_back(entry.path());
    }
  }
  std::string buffer(chunk_bytes, '\0');
  for (const fs::path& file : files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      return absl::InternalError(
          absl::StrCat("cannot read checkpoint file ", file.string()));
    }
    bool sent_any = false;
    while (in) {
      in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      const std::streamsize got = in.gcount();
      if (got == 0 && sent_any) {
        break;
      }
      internal::v1::CheckpointChunk chunk;
      chunk.set_file(file.filename().string());
      chunk.set_data(buffer.data(), static_cast<size_t>(got));
      if (!send(std::move(chunk))) {
        return absl::CancelledError("the receiver of the checkpoint left");
      }
      sent_any = true;
    }
  }
  return absl::OkStatus();
}

absl::Status CheckpointReceiver::Add(
    const internal::v1::CheckpointChunk& chunk) {
  const std::string& name = chunk.file();
  if (name.empty() || name == "." || name == ".." ||
      absl::StrContains(name, "/") ||
      absl::StrContains(name, std::string(1, '\0'))) {
    return absl::InvalidArgumentError(
        absl::StrCat("checkpoint file name '", name, "' is not a plain name"));
  }
  if (name != current_) {
    ABSL_RETURN_IF_ERROR(Finish());
    if (files_ == 0) {
      std::error_code error;
      fs::create_directories(dir_, error);
      if (error) {
        return absl::FailedPreconditionError(
            absl::StrCat("cannot create ", dir_, ": ", error.message()));
      }
    }
    out_.open(absl::StrCat(dir_, "/", name),
              std::ios::binary | std::ios::trunc);
    if (!out_) {
      return absl::FailedPreconditionError(
          absl::StrCat("cannot write ", dir_, "/", name));
    }
    current_ = name;
    ++files_;
  }
  out_.write(chunk.data().data(),
             static_cast<std::streamsize>(chunk.data().size()));
  bytes_ += static_cast<int64_t>(chunk.data().size());
  if (!out_) {
    return absl::DataLossError(
        absl::StrCat("writing ", dir_, "/", name, " failed"));
  }
  return absl::OkStatus();
}

absl::Status CheckpointReceiver::Finish() {
  if (!out_.is_open()) {
    return absl::OkStatus();
  }
  out_.flush();
  const bool ok = static_cast<bool>(out_);
  out_.close();
  if (!ok) {
    return absl::DataLossError(
        absl::StrCat("writing ", dir_, "/", current_, " failed"));
  }
  return absl::OkStatus();
}

}  // namespace rapporteur::storage
