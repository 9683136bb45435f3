#ifndef RAPPORTEUR_SERVICES_QUERY_CASE_SERVICE_H_
#define RAPPORTEUR_SERVICES_QUERY_CASE_SERVICE_H_

#include "lib/base/executor.h"
#include "lib/cases/case_engine.h"
#include "lib/rpc/auth.h"
#include "rapporteur/v1/cases.grpc.pb.h"

namespace rapporteur::cases {

// gRPC adapter of a CaseEngine, served beside the QueryService. The caller
// is the principal of its bearer token; without `tokens` (no --tokens_file)
// every caller is principal `anonymous` with the admin role, so that case
// records are confidential only where tokens are on. Thread-safe; does not
// own its arguments.
class CaseServiceImpl final : public v1::CaseService::CallbackService {
 public:
  CaseServiceImpl(const CaseEngine* engine, Executor* executor,
                  TokenStore* tokens = nullptr)
      : engine_(engine), executor_(executor), tokens_(tokens) {}

  grpc::ServerUnaryReactor* CreateCase(grpc::CallbackServerContext* context,
                                       const v1::CreateCaseRequest* request,
                                       v1::Case* response) override;
  grpc::ServerUnaryReactor* GetCase(grpc::CallbackServerContext* context,
                                    const v1::GetCaseRequest* request,
                                    v1::Case* response) override;
  grpc::ServerUnaryReactor* UpdateCase(grpc::CallbackServerContext* context,
                                       const v1::UpdateCaseRequest* request,
                                       v1::Case* response) override;
  grpc::ServerUnaryReactor* ListCases(grpc::CallbackServerContext* context,
                                      const v1::ListCasesRequest* request,
                                      v1::ListCasesResponse* response) override;
  grpc::ServerUnaryReactor* DeleteCase(
      grpc::CallbackServerContext* context,
      const v1::DeleteCaseRequest* request,
      google::protobuf::Empty* response) override;
  grpc::ServerUnaryReactor* ListAuditEntries(
      grpc::CallbackServerContext* context,
      const v1::ListAuditEntriesRequest* request,
      v1::ListAuditEntriesResponse* response) override;
  grpc::ServerUnaryReactor* RotateCaseKeys(
      grpc::CallbackServerContext* context,
      const v1::RotateCaseKeysRequest* request,
      v1::RotateCaseKeysResponse* response) override;

 private:
  // Runs `work(caller)` (returning absl::Status) for the call, once the
  // caller's token is checked for `needed`.
  template <typename Work>
  grpc::ServerUnaryReactor* Run(grpc::CallbackServerContext* context,
                                Permission needed, Work work);

  // The caller, once its token is checked for `needed`.
  absl::StatusOr<Principal> Caller(const grpc::CallbackServerContext* context,
                                   Permission needed) const;

  const CaseEngine* const engine_;
  Executor* const executor_;
  TokenStore* const tokens_;
};

}  // namespace rapporteur::cases

#endif  // RAPPORTEUR_SERVICES_QUERY_CASE_SERVICE_H_
