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

namespace {

// Puts an engine's answer in the call's response.
template <typename T>
absl::Status Answer(absl::StatusOr<T> result, T* response) {
  if (!result.ok()) {
    return result.status();
  }
  *response = *std::move(result);
  return absl::OkStatus();
}

}  // namespace

// Each call: the caller checked for the least the call needs (the engine
// checks the rest against the case), then `work` on the executor.
template <typename Work>
grpc::ServerUnaryReactor* CaseServiceImpl::Run(
    grpc::CallbackServerContext* context, Permission needed, Work work) {
  return RunUnary(context, executor_,
                  [this, context, needed, work = std::move(work)]() mutable {
                    absl::StatusOr<Principal> caller = Caller(context, needed);
                    if (!caller.ok()) {
                      return caller.status();
                    }
                    return work(*caller);
                  });
}

grpc::ServerUnaryReactor* CaseServiceImpl::CreateCase(
    grpc::CallbackServerContext* context, const v1::CreateCaseRequest* request,
    v1::Case* response) {
  return Run(context, Permission::kWriteCases,
             [this, request, response](const Principal& caller) {
               return Answer(engine_->CreateCase(caller, *request), response);
             });
}

grpc::ServerUnaryReactor* CaseServiceImpl::GetCase(
    grpc::CallbackServerContext* context, const v1::GetCaseRequest* request,
    v1::Case* response) {
  return Run(context, Permission::kRead,
             [this, request, response](const Principal& caller) {
               return Answer(engine_->GetCase(caller, *request), response);
             });
}

grpc::ServerUnaryReactor* CaseServiceImpl::UpdateCase(
    grpc::CallbackServerContext* context, const v1::UpdateCaseRequest* request,
    v1::Case* response) {
  return Run(context, Permission::kWriteCases,
             [this, request, response](const Principal& caller) {
               return Answer(engine_->UpdateCase(caller, *request), response);
             });
}

grpc::ServerUnaryReactor* CaseServiceImpl::ListCases(
    grpc::CallbackServerContext* context, const v1::ListCasesRequest* request,
    v1::ListCasesResponse* response) {
  return Run(context, Permission::kRead,
             [this, request, response](const Principal& caller) {
               return Answer(engine_->ListCases(caller, *request), response);
             });
}

grpc::ServerUnaryReactor* CaseServiceImpl::DeleteCase(
    grpc::CallbackServerContext* context, const v1::DeleteCaseRequest* request,
    google::protobuf::Empty*) {
  return Run(context, Permission::kWriteCases,
             [this, request](const Principal& caller) {
               return engine_->DeleteCase(caller, *request);
             });
}

grpc::ServerUnaryReactor* CaseServiceImpl::ListAuditEntries(
    grpc::CallbackServerContext* context,
    const v1::ListAuditEntriesRequest* request,
    v1::ListAuditEntriesResponse* response) {
  return Run(context, Permission::kAdmin,
             [this, request, response](const Principal& caller) {
               return Answer(engine_->ListAuditEntries(caller, *request),
                             response);
             });
}

grpc::ServerUnaryReactor* CaseServiceImpl::RotateCaseKeys(
    grpc::CallbackServerContext* context,
    const v1::RotateCaseKeysRequest* request,
    v1::RotateCaseKeysResponse* response) {
  return Run(context, Permission::kAdmin,
             [this, request, response](const Principal& caller) {
               return Answer(engine_->RotateCaseKeys(caller, *request),
                             response);
             });
}

}  // namespace rapporteur::cases
