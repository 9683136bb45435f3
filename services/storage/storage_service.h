#ifndef RAPPORTEUR_SERVICES_STORAGE_STORAGE_SERVICE_H_
#define RAPPORTEUR_SERVICES_STORAGE_STORAGE_SERVICE_H_

#include <string>
#include <utility>

#include "lib/base/executor.h"
#include "lib/rpc/auth.h"
#include "lib/storage/store.h"
#include "lib/storage/store_router.h"
#include "rapporteur/internal/v1/shard.grpc.pb.h"

namespace rapporteur::storage {

// Who may call the admin methods of storage (CreateBackup,
// RestoreBackup), and where backups go.
struct StorageAdmin {
  // The root of backups and restored copies (see backup.h); empty: backups
  // are off (FAILED_PRECONDITION).
  std::string backup_dir;
  // When set, admin calls need a bearer token of the admin role. Not owned.
  // Null: no token is asked, as ingest and query ask none without a tokens
  // file; storage then trusts whoever reaches it (a loopback caller, or
  // with mutual TLS a holder of a service certificate).
  TokenStore* tokens = nullptr;
};

// gRPC adapter of the stores of a storage process: one shard's, or a
// replica's partitions' (StoreRouter picks the store of each call). Every
// call runs on `executor`, since writes wait for a synced WAL and searches
// scan. Thread-safe; does not own its arguments, which must outlive it.
class StorageServiceImpl final
    : public internal::v1::StorageService::CallbackService {
 public:
  // AwaitApplied calls, which wait for a replica's applier rather than
  // work, run on `waits` when given, so that they never take all of
  // `executor`'s threads from reads.
  StorageServiceImpl(StoreRouter* stores, Executor* executor,
                     Executor* waits = nullptr, StorageAdmin admin = {})
      : stores_(stores),
        executor_(executor),
        waits_(waits != nullptr ? waits : executor),
        admin_(std::move(admin)) {}

  grpc::ServerUnaryReactor* WriteDocument(
      grpc::CallbackServerContext* context,
      const internal::v1::WriteDocumentRequest* request,
      internal::v1::WriteDocumentResponse* response) override;
  grpc::ServerUnaryReactor* GetDocument(grpc::CallbackServerContext* context,
                                        const v1::GetDocumentRequest* request,
                                        v1::Document* response) override;
  grpc::ServerUnaryReactor* GetParagraph(grpc::CallbackServerContext* context,
                                         const v1::GetParagraphRequest* request,
                                         v1::Paragraph* response) override;
  grpc::ServerUnaryReactor* DeleteDocument(
      grpc::CallbackServerContext* context,
      const internal::v1::DeleteDocumentRequest* request,
      google::protobuf::Empty* response) override;
  grpc::ServerUnaryReactor* SearchShard(
      grpc::CallbackServerContext* context,
      const internal::v1::SearchShardRequest* request,
      internal::v1::SearchShardResponse* response) override;
  grpc::ServerUnaryReactor* GetCollectionStats(
      grpc::CallbackServerContext* context,
      const internal::v1::GetCollectionStatsRequest* request,
      internal::v1::CollectionStats* response) override;
  grpc::ServerUnaryReactor* CreateBackup(
      grpc::CallbackServerContext* context,
      const internal::v1::CreateBackupRequest* request,
      internal::v1::CreateBackupResponse* response) override;
  grpc::ServerUnaryReactor* RestoreBackup(
      grpc::CallbackServerContext* context,
      const internal::v1::RestoreBackupRequest* request,
      internal::v1::RestoreBackupResponse* response) override;
  grpc::ServerUnaryReactor* ListRecords(
      grpc::CallbackServerContext* context,
      const internal::v1::ListRecordsRequest* request,
      internal::v1::ListRecordsResponse* response) override;
  grpc::ServerUnaryReactor* AwaitApplied(
      grpc::CallbackServerContext* context,
      const internal::v1::AwaitAppliedRequest* request,
      internal::v1::AwaitAppliedResponse* response) override;
  grpc::ServerWriteReactor<internal::v1::CheckpointChunk>* FetchCheckpoint(
      grpc::CallbackServerContext* context,
      const internal::v1::FetchCheckpointRequest* request) override;

 private:
  // OK when the call may use an admin method (see StorageAdmin::tokens).
  absl::Status AuthorizeAdmin(const grpc::CallbackServerContext* context) const;

  StoreRouter* const stores_;
  Executor* const executor_;
  Executor* const waits_;
  const StorageAdmin admin_;
};

}  // namespace rapporteur::storage

#endif  // RAPPORTEUR_SERVICES_STORAGE_STORAGE_SERVICE_H_
