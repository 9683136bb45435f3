#include "services/storage/storage_service.h"

#include "services/common/resource_names.h"
#include "services/common/status_macros.h"
#include "services/common/unary.h"

namespace rapporteur::storage {

grpc::ServerUnaryReactor* StorageServiceImpl::WriteDocument(
    grpc::CallbackServerContext* context,
    const v1::WriteDocumentRequest* request,
    v1::WriteDocumentResponse* response) {
  return RunUnary(context, executor_, [this, request, response] {
    ABSL_ASSIGN_OR_RETURN(*response, store_->WriteDocument(*request));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* StorageServiceImpl::GetDocument(
    grpc::CallbackServerContext* context, const v1::GetDocumentRequest* request,
    v1::Document* response) {
  return RunUnary(context, executor_, [this, request, response] {
    ABSL_ASSIGN_OR_RETURN(std::string id, ParseDocumentName(request->name()));
    ABSL_ASSIGN_OR_RETURN(*response,
                          store_->GetDocument(id, request->summary_only()));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* StorageServiceImpl::GetParagraph(
    grpc::CallbackServerContext* context,
    const v1::GetParagraphRequest* request, v1::Paragraph* response) {
  return RunUnary(context, executor_, [this, request, response] {
    ABSL_ASSIGN_OR_RETURN(ParagraphRef ref, ParseParagraphName(request->name()));
    ABSL_ASSIGN_OR_RETURN(*response,
                          store_->GetParagraph(ref.document_id, ref.paragraph_id));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* StorageServiceImpl::DeleteDocument(
    grpc::CallbackServerContext* context,
    const v1::DeleteDocumentRequest* request, google::protobuf::Empty*) {
  return RunUnary(context, executor_, [this, request] {
    ABSL_ASSIGN_OR_RETURN(std::string id, ParseDocumentName(request->name()));
    return store_->DeleteDocument(id);
  });
}

grpc::ServerUnaryReactor* StorageServiceImpl::SearchShard(
    grpc::CallbackServerContext* context,
    const v1::SearchShardRequest* request,
    v1::SearchShardResponse* response) {
  return RunUnary(context, executor_, [this, request, response] {
    ABSL_ASSIGN_OR_RETURN(*response, store_->Search(*request));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* StorageServiceImpl::GetCollectionStats(
    grpc::CallbackServerContext* context,
    const v1::GetCollectionStatsRequest* request,
    v1::CollectionStats* response) {
  return RunUnary(context, executor_, [this, request, response] {
    ABSL_ASSIGN_OR_RETURN(*response, store_->GetCollectionStats(*request));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* StorageServiceImpl::CreateBackup(
    grpc::CallbackServerContext* context,
    const v1::CreateBackupRequest* request,
    v1::CreateBackupResponse* response) {
  return RunUnary(context, executor_, [this, request, response] {
    ABSL_ASSIGN_OR_RETURN(*response, store_->CreateBackup(*request));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* StorageServiceImpl::RestoreBackup(
    grpc::CallbackServerContext* context,
    const v1::RestoreBackupRequest* request,
    v1::RestoreBackupResponse* response) {
  return RunUnary(context, executor_, [this, request, response] {
    ABSL_ASSIGN_OR_RETURN(*response, store_->RestoreBackup(*request));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* StorageServiceImpl::ListRecords(
    grpc::CallbackServerContext* context,
    const v1::ListRecordsRequest* request,
    v1::ListRecordsResponse* response) {
  return RunUnary(context, executor_, [this, request, response] {
    ABSL_ASSIGN_OR_RETURN(*response, store_->ListRecords(*request));
    return absl::OkStatus();
  });
}

}  // namespace rapporteur::storage
