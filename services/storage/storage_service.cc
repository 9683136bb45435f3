#include "services/storage/storage_service.h"

#include "lib/base/status_macros.h"
#include "lib/rpc/unary.h"
#include "lib/schema/resource_names.h"

namespace rapporteur::storage {

grpc::ServerUnaryReactor* StorageServiceImpl::WriteDocument(
    grpc::CallbackServerContext* context,
    const internal::v1::WriteDocumentRequest* request,
    internal::v1::WriteDocumentResponse* response) {
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
    ABSL_ASSIGN_OR_RETURN(ParagraphRef ref,
                          ParseParagraphName(request->name()));
    ABSL_ASSIGN_OR_RETURN(
        *response, store_->GetParagraph(ref.document_id, ref.paragraph_id));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* StorageServiceImpl::DeleteDocument(
    grpc::CallbackServerContext* context,
    const internal::v1::DeleteDocumentRequest* request,
    google::protobuf::Empty*) {
  return RunUnary(context, executor_, [this, request] {
    ABSL_ASSIGN_OR_RETURN(std::string id, ParseDocumentName(request->name()));
    return store_->DeleteDocument(id);
  });
}

grpc::ServerUnaryReactor* StorageServiceImpl::SearchShard(
    grpc::CallbackServerContext* context,
    const internal::v1::SearchShardRequest* request,
    internal::v1::SearchShardResponse* response) {
  return RunUnary(context, executor_, [this, request, response] {
    ABSL_ASSIGN_OR_RETURN(*response, store_->Search(*request));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* StorageServiceImpl::GetCollectionStats(
    grpc::CallbackServerContext* context,
    const internal::v1::GetCollectionStatsRequest* request,
    internal::v1::CollectionStats* response) {
  return RunUnary(context, executor_, [this, request, response] {
    ABSL_ASSIGN_OR_RETURN(*response, store_->GetCollectionStats(*request));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* StorageServiceImpl::CreateBackup(
    grpc::CallbackServerContext* context,
    const internal::v1::CreateBackupRequest* request,
    internal::v1::CreateBackupResponse* response) {
  return RunUnary(context, executor_, [this, request, response] {
    ABSL_ASSIGN_OR_RETURN(*response, store_->CreateBackup(*request));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* StorageServiceImpl::RestoreBackup(
    grpc::CallbackServerContext* context,
    const internal::v1::RestoreBackupRequest* request,
    internal::v1::RestoreBackupResponse* response) {
  return RunUnary(context, executor_, [this, request, response] {
    ABSL_ASSIGN_OR_RETURN(*response, store_->RestoreBackup(*request));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* StorageServiceImpl::ListRecords(
    grpc::CallbackServerContext* context,
    const internal::v1::ListRecordsRequest* request,
    internal::v1::ListRecordsResponse* response) {
  return RunUnary(context, executor_, [this, request, response] {
    ABSL_ASSIGN_OR_RETURN(*response, store_->ListRecords(*request));
    return absl::OkStatus();
  });
}

}  // namespace rapporteur::storage
