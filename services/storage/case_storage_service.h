#ifndef RAPPORTEUR_SERVICES_STORAGE_CASE_STORAGE_SERVICE_H_
#define RAPPORTEUR_SERVICES_STORAGE_CASE_STORAGE_SERVICE_H_

#include "lib/base/executor.h"
#include "lib/storage/store_router.h"
#include "rapporteur/internal/v1/case_store.grpc.pb.h"

namespace rapporteur::storage {

// gRPC adapter of the case rows of a storage process's stores (see
// CaseRows). Rows arrive sealed by the case service; like the rest of
// storage it trusts whoever reaches it (loopback, or mutual TLS).
// Thread-safe; does not own its arguments, which must outlive it.
class CaseStorageServiceImpl final
    : public internal::v1::CaseStorageService::CallbackService {
 public:
  CaseStorageServiceImpl(StoreRouter* stores, Executor* executor)
      : stores_(stores), executor_(executor) {}

  grpc::ServerUnaryReactor* CommitCase(
      grpc::CallbackServerContext* context,
      const internal::v1::CommitCaseRequest* request,
      internal::v1::CommitCaseResponse* response) override;
  grpc::ServerUnaryReactor* ReadCases(
      grpc::CallbackServerContext* context,
      const internal::v1::ReadCasesRequest* request,
      internal::v1::ReadCasesResponse* response) override;
  grpc::ServerUnaryReactor* ReadAudit(
      grpc::CallbackServerContext* context,
      const internal::v1::ReadAuditRequest* request,
      internal::v1::ReadAuditResponse* response) override;

 private:
  StoreRouter* const stores_;
  Executor* const executor_;
};

}  // namespace rapporteur::storage

#endif  // RAPPORTEUR_SERVICES_STORAGE_CASE_STORAGE_SERVICE_H_
