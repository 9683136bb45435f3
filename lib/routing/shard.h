#ifndef RAPPORTEUR_LIB_ROUTING_SHARD_H_
#define RAPPORTEUR_LIB_ROUTING_SHARD_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/base/fingerprint.h"
#include "rapporteur/internal/v1/case_store.pb.h"
#include "rapporteur/internal/v1/shard.pb.h"
#include "rapporteur/v1/document.pb.h"

namespace rapporteur::storage {

// One storage shard as ingest and query see it: in-process (LocalShard, for
// the embedded SDK and tests) or across the network (RemoteShard). Both give
// the same results and the same status codes.
//
// Implementations are thread-safe. A remote one ends each call by the
// calling thread's CurrentDeadline() (lib/base/call_scope.h), so that a
// shard that hangs holds its caller no longer than the caller can wait.
class Shard {
 public:
  virtual ~Shard() = default;

  // Where the shard is, for messages: an address, or "in-process".
  virtual std::string Describe() const = 0;

  // OK when the shard answers its health check as serving; UNAVAILABLE
  // (or the error met) otherwise.
  virtual absl::Status CheckHealth() = 0;

  // See StorageService in proto/rapporteur/internal/v1/shard.proto for each
  // method's contract.
  virtual absl::StatusOr<internal::v1::WriteDocumentResponse> WriteDocument(
      const internal::v1::WriteDocumentRequest& request) = 0;
  virtual absl::StatusOr<v1::Document> GetDocument(
      const v1::GetDocumentRequest& request) = 0;
  virtual absl::StatusOr<v1::Paragraph> GetParagraph(
      const v1::GetParagraphRequest& request) = 0;
  virtual absl::Status DeleteDocument(
      const internal::v1::DeleteDocumentRequest& request) = 0;
  virtual absl::StatusOr<internal::v1::SearchShardResponse> SearchShard(
      const internal::v1::SearchShardRequest& request) = 0;
  virtual absl::StatusOr<internal::v1::ListRecordsResponse> ListRecords(
      const internal::v1::ListRecordsRequest& request) = 0;
  virtual absl::StatusOr<internal::v1::CollectionStats> GetCollectionStats(
      const internal::v1::GetCollectionStatsRequest& request) = 0;

  // Case records: see CaseStorageService in
  // proto/rapporteur/internal/v1/case_store.proto. A shard that keeps none
  // (a test's) answers UNIMPLEMENTED.
  virtual absl::StatusOr<internal::v1::CommitCaseResponse> CommitCase(
      const internal::v1::CommitCaseRequest& request);
  virtual absl::StatusOr<internal::v1::ReadCasesResponse> ReadCases(
      const internal::v1::ReadCasesRequest& request);
  virtual absl::StatusOr<internal::v1::ReadAuditResponse> ReadAudit(
      const internal::v1::ReadAuditRequest& request);
};

// The gRPC metadata key naming the partition a call to a storage replica is
// about (decimal), on replicated storage where a replica serves several.
inline constexpr char kPartitionMetadataKey[] = "rapporteur-partition";

// The shard owning document `doc_id` among `shard_count`: the id's stable
// Fingerprint modulo the count, since it decides where data lives on disk.
inline size_t ShardFor(absl::string_view doc_id, size_t shard_count) {
  return shard_count == 0
             ? 0
             : static_cast<size_t>(Fingerprint(doc_id) % shard_count);
}

}  // namespace rapporteur::storage

#endif  // RAPPORTEUR_LIB_ROUTING_SHARD_H_
