#include "services/query/case_service.h"

#include <utility>

#include "lib/base/status_macros.h"
#include "lib/rpc/unary.h"

namespace rapporteur::cases {

absl::StatusOr<Principal> CaseServiceImpl::Caller(
    const grpc::CallbackServerContext* context, Permission needed) const {
  if (tokens_ == nullptr) {
    return Principal{.name = "anonymous", .role = Role::kAdmin};
  }
  return tokens_->Authenticate(context, needed);
}

// Each method: the caller checked for the least its call needs (the engine
// checks the rest against the case), then the engine on the executor.
#define RAPPORTEUR_CASE_METHOD(Method, Response, needed, answer)             \
  grpc::ServerUnaryReactor* CaseServiceImpl::Method(                         \
      grpc::CallbackServerContext* context,                                  \
      const v1::Method##Request* request, Response* response) {              \
    return RunUnary(context, executor_, [this, context, request, response] { \
      ABSL_ASSIGN_OR_RETURN(Principal caller, Caller(context, needed));      \
      answer;                                                                \
      return absl::OkStatus();                                               \
    });                                                                      \
  }

RAPPORTEUR_CASE_METHOD(
    CreateCase, v1::Case, Permission::kWriteCases,
    ABSL_ASSIGN_OR_RETURN(*response, engine_->CreateCase(caller, *request)))
RAPPORTEUR_CASE_METHOD(
    GetCase, v1::Case, Permission::kRead,
    ABSL_ASSIGN_OR_RETURN(*response, engine_->GetCase(caller, *request)))
RAPPORTEUR_CASE_METHOD(
    UpdateCase, v1::Case, Permission::kWriteCases,
    ABSL_ASSIGN_OR_RETURN(*response, engine_->UpdateCase(caller, *request)))
RAPPORTEUR_CASE_METHOD(
    ListCases, v1::ListCasesResponse, Permission::kRead,
    ABSL_ASSIGN_OR_RETURN(*response, engine_->ListCases(caller, *request)))
RAPPORTEUR_CASE_METHOD(DeleteCase, google::protobuf::Empty,
                       Permission::kWriteCases,
                       ABSL_RETURN_IF_ERROR(engine_->DeleteCase(caller,
                                                                *request));
                       (void)response)
RAPPORTEUR_CASE_METHOD(
    ListAuditEntries, v1::ListAuditEntriesResponse, Permission::kAdmin,
    ABSL_ASSIGN_OR_RETURN(*response,
                          engine_->ListAuditEntries(caller, *request)))
RAPPORTEUR_CASE_METHOD(
    RotateCaseKeys, v1::RotateCaseKeysResponse, Permission::kAdmin,
    ABSL_ASSIGN_OR_RETURN(*response, engine_->RotateCaseKeys(caller, *request)))

#undef RAPPORTEUR_CASE_METHOD

}  // namespace rapporteur::cases
