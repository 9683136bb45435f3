#ifndef RAPPORTEUR_SERVICES_STORAGE_LOCAL_SHARD_H_
#define RAPPORTEUR_SERVICES_STORAGE_LOCAL_SHARD_H_

#include "services/storage/shard.h"
#include "services/storage/store.h"

namespace rapporteur::storage {

// A Shard calling a Store in this process. Does not own the store.
class LocalShard final : public Shard {
 public:
  explicit LocalShard(Store* store) : store_(store) {}

  std::string Describe() const override { return "in-process"; }
  absl::Status CheckHealth() override { return absl::OkStatus(); }

  absl::StatusOr<v1::WriteDocumentResponse> WriteDocument(
      const v1::WriteDocumentRequest& request) override;
  absl::StatusOr<v1::Document> GetDocument(
      const v1::GetDocumentRequest& request) override;
  absl::StatusOr<v1::Paragraph> GetParagraph(
      const v1::GetParagraphRequest& request) override;
  absl::Status DeleteDocument(const v1::DeleteDocumentRequest& request) override;
  absl::StatusOr<v1::SearchShardResponse> SearchShard(
      const v1::SearchShardRequest& request) override;
  absl::StatusOr<v1::CollectionStats> GetCollectionStats(
      const v1::GetCollectionStatsRequest& request) override;
  absl::StatusOr<v1::ListRecordsResponse> ListRecords(
      const v1::ListRecordsRequest& request) override;

 private:
  Store* const store_;
};

}  // namespace rapporteur::storage

#endif  // RAPPORTEUR_SERVICES_STORAGE_LOCAL_SHARD_H_
