#include "services/storage/case_storage_service.h"

#include <memory>

#include "lib/base/status_macros.h"
#include "lib/rpc/unary.h"
#include "services/storage/store_of_call.h"

namespace rapporteur::storage {

grpc::ServerUnaryReactor* CaseStorageServiceImpl::CommitCase(
    grpc::CallbackServerContext* context,
    const internal::v1::CommitCaseRequest* request,
    internal::v1::CommitCaseResponse* response) {
  return RunUnary(context, executor_, [this, context, request, response] {
    ABSL_ASSIGN_OR_RETURN(int partition, PartitionOf(*context));
    ABSL_ASSIGN_OR_RETURN(std::shared_ptr<Store> store,
                          stores_->ForWrites(partition));
    ABSL_ASSIGN_OR_RETURN(*response, store->CommitCase(*request));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* CaseStorageServiceImpl::ReadCases(
    grpc::CallbackServerContext* context,
    const internal::v1::ReadCasesRequest* request,
    internal::v1::ReadCasesResponse* response) {
  return RunUnary(context, executor_, [this, context, request, response] {
    ABSL_ASSIGN_OR_RETURN(std::shared_ptr<Store> store,
                          ReadStore(stores_, *context));
    ABSL_ASSIGN_OR_RETURN(*response, store->ReadCases(*request));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* CaseStorageServiceImpl::ReadAudit(
    grpc::CallbackServerContext* context,
    const internal::v1::ReadAuditRequest* request,
    internal::v1::ReadAuditResponse* response) {
  return RunUnary(context, executor_, [this, context, request, response] {
    ABSL_ASSIGN_OR_RETURN(std::shared_ptr<Store> store,
                          ReadStore(stores_, *context));
    ABSL_ASSIGN_OR_RETURN(*response, store->ReadAudit(*request));
    return absl::OkStatus();
  });
}

}  // namespace rapporteur::storage
