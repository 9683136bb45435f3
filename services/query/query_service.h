#ifndef RAPPORTEUR_SERVICES_QUERY_QUERY_SERVICE_H_
#define RAPPORTEUR_SERVICES_QUERY_QUERY_SERVICE_H_

#include "lib/base/executor.h"
#include "lib/query/query_engine.h"
#include "lib/rpc/auth.h"
#include "rapporteur/v1/query.grpc.pb.h"

namespace rapporteur::query {

// gRPC adapter of a QueryEngine; calls run on `executor` since they wait on
// storage shards. Thread-safe; does not own its arguments.
class QueryServiceImpl final : public v1::QueryService::CallbackService {
 public:
  // With `tokens` (may be null: no authentication), every call needs a
  // bearer token whose role may read.
  QueryServiceImpl(const QueryEngine* engine, Executor* executor,
                   TokenStore* tokens = nullptr)
      : engine_(engine), executor_(executor), tokens_(tokens) {}

  grpc::ServerUnaryReactor* Search(grpc::CallbackServerContext* context,
                                   const v1::SearchRequest* request,
                                   v1::SearchResponse* response) override;
  grpc::ServerWriteReactor<v1::StreamSearchResponse>* StreamSearch(
      grpc::CallbackServerContext* context,
      const v1::StreamSearchRequest* request) override;
  grpc::ServerUnaryReactor* GetDocument(grpc::CallbackServerContext* context,
                                        const v1::GetDocumentRequest* request,
                                        v1::Document* response) override;
  grpc::ServerUnaryReactor* GetParagraph(grpc::CallbackServerContext* context,
                                         const v1::GetParagraphRequest* request,
                                         v1::Paragraph* response) override;
  grpc::ServerUnaryReactor* ListRecommendations(
      grpc::CallbackServerContext* context,
      const v1::ListRecommendationsRequest* request,
      v1::ListRecommendationsResponse* response) override;
  grpc::ServerUnaryReactor* ListCommunications(
      grpc::CallbackServerContext* context,
      const v1::ListCommunicationsRequest* request,
      v1::ListCommunicationsResponse* response) override;
  grpc::ServerUnaryReactor* ListVisits(
      grpc::CallbackServerContext* context,
      const v1::ListVisitsRequest* request,
      v1::ListVisitsResponse* response) override;
  grpc::ServerUnaryReactor* ListFigures(
      grpc::CallbackServerContext* context,
      const v1::ListFiguresRequest* request,
      v1::ListFiguresResponse* response) override;

 private:
  absl::Status Authorize(const grpc::CallbackServerContext* context) const {
    return tokens_ == nullptr ? absl::OkStatus()
                              : tokens_->Authorize(context, Permission::kRead);
  }

  const QueryEngine* const engine_;
  Executor* const executor_;
  TokenStore* const tokens_;
};

}  // namespace rapporteur::query

#endif  // RAPPORTEUR_SERVICES_QUERY_QUERY_SERVICE_H_
