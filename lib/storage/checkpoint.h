#ifndef RAPPORTEUR_LIB_STORAGE_CHECKPOINT_H_
#define RAPPORTEUR_LIB_STORAGE_CHECKPOINT_H_

#include <cstdint>
#include <fstream>
#include <string>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "lib/storage/store.h"
#include "rapporteur/internal/v1/shard.pb.h"

namespace rapporteur::storage {

// A store copied between replicas as a stream of file pieces
// (CheckpointChunk): how a replica that cannot replay its partition's log
// from the start (compaction purged it) gets a peer's data, and then
// replays only the log's tail.

// Makes a checkpoint of `store` beside its directory, hands its files to
// `send` in pieces of at most `chunk_bytes`, and removes it. CANCELLED
// when `send` returns false (the receiver went away).
absl::Status SendCheckpoint(
    Store& store, absl::FunctionRef<bool(internal::v1::CheckpointChunk)> send,
    size_t chunk_bytes = 1 << 20);

// Writes the pieces of a checkpoint into a directory, which it creates.
// Refuses (INVALID_ARGUMENT) a file name that is not a plain name in that
// directory, since the pieces come from the network. Not thread-safe.
class CheckpointReceiver {
 public:
  explicit CheckpointReceiver(std::string dir) : dir_(std::move(dir)) {}

  absl::Status Add(const internal::v1::CheckpointChunk& chunk);
  // Flushes and closes the last file; call once after the last piece.
  absl::Status Finish();

  int64_t files() const { return files_; }
  int64_t bytes() const { return bytes_; }

 private:
  const std::string dir_;
  std::string current_;
  std::ofstream out_;
  int64_t files_ = 0;
  int64_t bytes_ = 0;
};

}  // namespace rapporteur::storage

#endif  // RAPPORTEUR_LIB_STORAGE_CHECKPOINT_H_
