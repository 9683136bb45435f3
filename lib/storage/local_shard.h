#ifndef RAPPORTEUR_LIB_STORAGE_LOCAL_SHARD_H_
#define RAPPORTEUR_LIB_STORAGE_LOCAL_SHARD_H_

#include "lib/routing/shard.h"
#include "lib/storage/store.h"

namespace rapporteur::storage {

// A Shard calling a Store in this process. Does not own the store.
class LocalShard final : public Shard {
 public:
  explicit LocalShard(Store* store) : store_(store) {}

  std::string Describe() const override { return "in-process"; }
  absl::Status CheckHealth() override { return absl::OkStatus(); }

  absl::StatusOr<internal::v1::WriteDocumentResponse> WriteDocument(
      const internal::v1::WriteDocumentRequest& request) override;
  absl::StatusOr<v1::Document> GetDocument(
      const v1::GetDocumentRequest& request) override;
  absl::StatusOr<v1::Paragraph> GetParagraph(
      const v1::GetParagraphRequest& request) override;
  absl::Status DeleteDocument(
      const internal::v1::DeleteDocumentRequest& request) override;
  absl::StatusOr<internal::v1::SearchShardResponse> SearchShard(
      const internal::v1::SearchShardRequest& request) override;
  absl::StatusOr<internal::v1::CollectionStats> GetCollectionStats(
      const internal::v1::GetCollectionStatsRequest& request) override;
  absl::StatusOr<internal::v1::ListRecordsResponse> ListRecords(
      const internal::v1::ListRecordsRequest& request) override;
  absl::StatusOr<internal::v1::CommitCaseResponse> CommitCase(
      const internal::v1::CommitCaseRequest& request) override;
  absl::StatusOr<internal::v1::ReadCasesResponse> ReadCases(
      const internal::v1::ReadCasesRequest& request) override;
  absl::StatusOr<internal::v1::ReadAuditResponse> ReadAudit(
      const internal::v1::ReadAuditRequest& request) override;

 private:
  Store* const store_;
};

}  // namespace rapporteur::storage

#endif  // RAPPORTEUR_LIB_STORAGE_LOCAL_SHARD_H_
