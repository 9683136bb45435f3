#include "services/storage/storage_service.h"

#include "absl/strings/numbers.h"
#include "absl/time/clock.h"
#include "lib/base/status_macros.h"
#include "lib/rpc/stream_writer.h"
#include "lib/rpc/unary.h"
#include "lib/schema/resource_names.h"
#include "lib/storage/backup.h"
#include "lib/storage/checkpoint.h"
#include "services/storage/store_of_call.h"

namespace rapporteur::storage {

grpc::ServerUnaryReactor* StorageServiceImpl::WriteDocument(
    grpc::CallbackServerContext* context,
    const internal::v1::WriteDocumentRequest* request,
    internal::v1::WriteDocumentResponse* response) {
  return RunUnary(context, executor_, [this, context, request, response] {
    ABSL_ASSIGN_OR_RETURN(int partition, PartitionOf(*context));
    ABSL_ASSIGN_OR_RETURN(std::shared_ptr<Store> store,
                          stores_->ForWrites(partition));
    ABSL_ASSIGN_OR_RETURN(*response, store->WriteDocument(*request));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* StorageServiceImpl::GetDocument(
    grpc::CallbackServerContext* context, const v1::GetDocumentRequest* request,
    v1::Document* response) {
  return RunUnary(context, executor_, [this, context, request, response] {
    ABSL_ASSIGN_OR_RETURN(std::string id, ParseDocumentName(request->name()));
    ABSL_ASSIGN_OR_RETURN(std::shared_ptr<Store> store,
                          ReadStore(stores_, *context));
    ABSL_ASSIGN_OR_RETURN(*response,
                          store->GetDocument(id, request->summary_only()));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* StorageServiceImpl::GetParagraph(
    grpc::CallbackServerContext* context,
    const v1::GetParagraphRequest* request, v1::Paragraph* response) {
  return RunUnary(context, executor_, [this, context, request, response] {
    ABSL_ASSIGN_OR_RETURN(ParagraphRef ref,
                          ParseParagraphName(request->name()));
    ABSL_ASSIGN_OR_RETURN(std::shared_ptr<Store> store,
                          ReadStore(stores_, *context));
    ABSL_ASSIGN_OR_RETURN(
        *response, store->GetParagraph(ref.document_id, ref.paragraph_id));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* StorageServiceImpl::DeleteDocument(
    grpc::CallbackServerContext* context,
    const internal::v1::DeleteDocumentRequest* request,
    google::protobuf::Empty*) {
  return RunUnary(context, executor_, [this, context, request] {
    ABSL_ASSIGN_OR_RETURN(std::string id, ParseDocumentName(request->name()));
    ABSL_ASSIGN_OR_RETURN(int partition, PartitionOf(*context));
    ABSL_ASSIGN_OR_RETURN(std::shared_ptr<Store> store,
                          stores_->ForWrites(partition));
    return store->DeleteDocument(id);
  });
}

grpc::ServerUnaryReactor* StorageServiceImpl::SearchShard(
    grpc::CallbackServerContext* context,
    const internal::v1::SearchShardRequest* request,
    internal::v1::SearchShardResponse* response) {
  return RunUnary(context, executor_, [this, context, request, response] {
    ABSL_ASSIGN_OR_RETURN(
        std::shared_ptr<Store> store,
        ReadStore(stores_, *context, request->min_log_sequence()));
    ABSL_ASSIGN_OR_RETURN(*response, store->Search(*request));
    response->set_applied_log_sequence(store->AppliedSequence());
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* StorageServiceImpl::GetCollectionStats(
    grpc::CallbackServerContext* context,
    const internal::v1::GetCollectionStatsRequest* request,
    internal::v1::CollectionStats* response) {
  return RunUnary(context, executor_, [this, context, request, response] {
    ABSL_ASSIGN_OR_RETURN(
        std::shared_ptr<Store> store,
        ReadStore(stores_, *context, request->min_log_sequence()));
    ABSL_ASSIGN_OR_RETURN(*response, store->GetCollectionStats(*request));
    return absl::OkStatus();
  });
}

absl::Status StorageServiceImpl::AuthorizeAdmin(
    const grpc::CallbackServerContext* context) const {
  if (admin_.tokens == nullptr) {
    return absl::OkStatus();
  }
  return admin_.tokens->Authorize(context, Permission::kAdmin);
}

grpc::ServerUnaryReactor* StorageServiceImpl::CreateBackup(
    grpc::CallbackServerContext* context,
    const internal::v1::CreateBackupRequest* request,
    internal::v1::CreateBackupResponse* response) {
  return RunUnary(context, executor_, [this, context, request, response] {
    // Permission first: a caller without it learns nothing of the rest.
    ABSL_RETURN_IF_ERROR(AuthorizeAdmin(context));
    ABSL_ASSIGN_OR_RETURN(int partition, PartitionOf(*context));
    ABSL_ASSIGN_OR_RETURN(
        std::string backup_set,
        BackupSetPath(admin_.backup_dir, *request, partition));
    ABSL_ASSIGN_OR_RETURN(std::shared_ptr<Store> store,
                          ReadStore(stores_, *context));
    ABSL_ASSIGN_OR_RETURN(*response, store->CreateBackup(backup_set));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* StorageServiceImpl::RestoreBackup(
    grpc::CallbackServerContext* context,
    const internal::v1::RestoreBackupRequest* request,
    internal::v1::RestoreBackupResponse* response) {
  return RunUnary(context, executor_, [this, context, request, response] {
    ABSL_RETURN_IF_ERROR(AuthorizeAdmin(context));
    ABSL_ASSIGN_OR_RETURN(int partition, PartitionOf(*context));
    ABSL_ASSIGN_OR_RETURN(
        RestorePaths paths,
        RestoreBackupPaths(admin_.backup_dir, *request, partition));
    ABSL_ASSIGN_OR_RETURN(std::shared_ptr<Store> store,
                          ReadStore(stores_, *context));
    ABSL_ASSIGN_OR_RETURN(
        *response, store->RestoreBackup(paths.backup_set, request->backup_id(),
                                        paths.target));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* StorageServiceImpl::ListRecords(
    grpc::CallbackServerContext* context,
    const internal::v1::ListRecordsRequest* request,
    internal::v1::ListRecordsResponse* response) {
  return RunUnary(context, executor_, [this, context, request, response] {
    ABSL_ASSIGN_OR_RETURN(std::shared_ptr<Store> store,
                          ReadStore(stores_, *context));
    ABSL_ASSIGN_OR_RETURN(*response, store->ListRecords(*request));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* StorageServiceImpl::AwaitApplied(
    grpc::CallbackServerContext* context,
    const internal::v1::AwaitAppliedRequest* request,
    internal::v1::AwaitAppliedResponse* response) {
  return RunUnary(context, waits_, [this, context, request, response] {
    ABSL_ASSIGN_OR_RETURN(int partition, PartitionOf(*context));
    ABSL_ASSIGN_OR_RETURN(
        *response,
        stores_->AwaitApplied(partition, *request, DeadlineOf(*context)));
    return absl::OkStatus();
  });
}

grpc::ServerWriteReactor<internal::v1::CheckpointChunk>*
StorageServiceImpl::FetchCheckpoint(
    grpc::CallbackServerContext* context,
    const internal::v1::FetchCheckpointRequest*) {
  absl::StatusOr<std::shared_ptr<Store>> store = ReadStore(stores_, *context);
  return new StreamWriter<internal::v1::CheckpointChunk>(
      *context, executor_,
      [store](StreamWriter<internal::v1::CheckpointChunk>::Send send) {
        return SendCheckpoint(**store, send);
      },
      store.status());
}

}  // namespace rapporteur::storage
