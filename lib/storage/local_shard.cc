#include "lib/storage/local_shard.h"

#include <string>

#include "lib/base/status_macros.h"
#include "lib/schema/resource_names.h"

namespace rapporteur::storage {

absl::StatusOr<internal::v1::WriteDocumentResponse> LocalShard::WriteDocument(
    const internal::v1::WriteDocumentRequest& request) {
  return store_->WriteDocument(request);
}

absl::StatusOr<v1::Document> LocalShard::GetDocument(
    const v1::GetDocumentRequest& request) {
  ABSL_ASSIGN_OR_RETURN(std::string id, ParseDocumentName(request.name()));
  return store_->GetDocument(id, request.summary_only());
}

absl::StatusOr<v1::Paragraph> LocalShard::GetParagraph(
    const v1::GetParagraphRequest& request) {
  ABSL_ASSIGN_OR_RETURN(ParagraphRef ref, ParseParagraphName(request.name()));
  return store_->GetParagraph(ref.document_id, ref.paragraph_id);
}

absl::Status LocalShard::DeleteDocument(
    const internal::v1::DeleteDocumentRequest& request) {
  ABSL_ASSIGN_OR_RETURN(std::string id, ParseDocumentName(request.name()));
  return store_->DeleteDocument(id);
}

absl::StatusOr<internal::v1::SearchShardResponse> LocalShard::SearchShard(
    const internal::v1::SearchShardRequest& request) {
  return store_->Search(request);
}

absl::StatusOr<internal::v1::CollectionStats> LocalShard::GetCollectionStats(
    const internal::v1::GetCollectionStatsRequest& request) {
  return store_->GetCollectionStats(request);
}

absl::StatusOr<internal::v1::ListRecordsResponse> LocalShard::ListRecords(
    const internal::v1::ListRecordsRequest& request) {
  return store_->ListRecords(request);
}

absl::StatusOr<internal::v1::CommitCaseResponse> LocalShard::CommitCase(
    const internal::v1::CommitCaseRequest& request) {
  return store_->CommitCase(request);
}

absl::StatusOr<internal::v1::ReadCasesResponse> LocalShard::ReadCases(
    const internal::v1::ReadCasesRequest& request) {
  return store_->ReadCases(request);
}

absl::StatusOr<internal::v1::ReadAuditResponse> LocalShard::ReadAudit(
    const internal::v1::ReadAuditRequest& request) {
  return store_->ReadAudit(request);
}

}  // namespace rapporteur::storage
