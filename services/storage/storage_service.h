#ifndef RAPPORTEUR_SERVICES_STORAGE_STORAGE_SERVICE_H_
#define RAPPORTEUR_SERVICES_STORAGE_STORAGE_SERVICE_H_

#include "rapporteur/v1/storage.grpc.pb.h"
#include "services/common/executor.h"
#include "services/storage/store.h"

namespace rapporteur::storage {

// gRPC adapter of a Store. Every call runs on `executor`, since writes wait
// for a synced WAL and searches scan. Thread-safe; does not own its
// arguments, which must outlive it.
class StorageServiceImpl final : public v1::StorageService::CallbackService {
 public:
  StorageServiceImpl(Store* store, Executor* executor)
      : store_(store), executor_(executor) {}

  grpc::ServerUnaryReactor* WriteDocument(
      grpc::CallbackServerContext* context,
      const v1::WriteDocumentRequest* request,
      v1::WriteDocumentResponse* response) override;
  grpc::ServerUnaryReactor* GetDocument(grpc::CallbackServerContext* context,
                                        const v1::GetDocumentRequest* request,
                                        v1::Document* response) override;
  grpc::ServerUnaryReactor* GetParagraph(
      grpc::CallbackServerContext* context,
      const v1::GetParagraphRequest* request,
      v1::Paragraph* response) override;
  grpc::ServerUnaryReactor* DeleteDocument(
      grpc::CallbackServerContext* context,
      const v1::DeleteDocumentRequest* request,
      google::protobuf::Empty* response) override;
  grpc::ServerUnaryReactor* SearchShard(
      grpc::CallbackServerContext* context,
      const v1::SearchShardRequest* request,
      v1::SearchShardResponse* response) override;
  grpc::ServerUnaryReactor* GetCollectionStats(
      grpc::CallbackServerContext* context,
      const v1::GetCollectionStatsRequest* request,
      v1::CollectionStats* response) override;
  grpc::ServerUnaryReactor* CreateBackup(
      grpc::CallbackServerContext* context,
      const v1::CreateBackupRequest* request,
      v1::CreateBackupResponse* response) override;
  grpc::ServerUnaryReactor* RestoreBackup(
      grpc::CallbackServerContext* context,
      const v1::RestoreBackupRequest* request,
      v1::RestoreBackupResponse* response) override;
  grpc::ServerUnaryReactor* ListRecords(
      grpc::CallbackServerContext* context,
      const v1::ListRecordsRequest* request,
      v1::ListRecordsResponse* response) override;

 private:
  Store* const store_;
  Executor* const executor_;
};

}  // namespace rapporteur::storage

#endif  // RAPPORTEUR_SERVICES_STORAGE_STORAGE_SERVICE_H_
