#include "services/query/query_service.h"

#include <utility>

#include "lib/base/status_macros.h"
#include "lib/rpc/stream_writer.h"
#include "lib/rpc/unary.h"

namespace rapporteur::query {
grpc::ServerUnaryReactor* QueryServiceImpl::Search(
    grpc::CallbackServerContext* context, const v1::SearchRequest* request,
    v1::SearchResponse* response) {
  return RunUnary(context, executor_, [this, context, request, response] {
    ABSL_RETURN_IF_ERROR(Authorize(context));
    ABSL_ASSIGN_OR_RETURN(*response, engine_->Search(*request));
    return absl::OkStatus();
  });
}

grpc::ServerWriteReactor<v1::StreamSearchResponse>*
QueryServiceImpl::StreamSearch(grpc::CallbackServerContext* context,
                               const v1::StreamSearchRequest* request) {
  // Each hit is written before the search goes on, so a slow reader slows
  // the search instead of filling memory.
  return new StreamWriter<v1::StreamSearchResponse>(
      *context, executor_,
      [this, request](StreamWriter<v1::StreamSearchResponse>::Send send) {
        return engine_->StreamSearch(*request, [&send](v1::SearchHit hit) {
          v1::StreamSearchResponse response;
          *response.mutable_hit() = std::move(hit);
          return send(std::move(response));
        });
      },
      Authorize(context));
}

grpc::ServerUnaryReactor* QueryServiceImpl::GetDocument(
    grpc::CallbackServerContext* context, const v1::GetDocumentRequest* request,
    v1::Document* response) {
  return RunUnary(context, executor_, [this, context, request, response] {
    ABSL_RETURN_IF_ERROR(Authorize(context));
    ABSL_ASSIGN_OR_RETURN(*response, engine_->GetDocument(*request));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* QueryServiceImpl::GetParagraph(
    grpc::CallbackServerContext* context,
    const v1::GetParagraphRequest* request, v1::Paragraph* response) {
  return RunUnary(context, executor_, [this, context, request, response] {
    ABSL_RETURN_IF_ERROR(Authorize(context));
    ABSL_ASSIGN_OR_RETURN(*response, engine_->GetParagraph(*request));
    return absl::OkStatus();
  });
}

// The List calls differ only in their messages.
#define RAPPORTEUR_LIST_METHOD(Method)                                       \
  grpc::ServerUnaryReactor* QueryServiceImpl::Method(                        \
      grpc::CallbackServerContext* context,                                  \
      const v1::Method##Request* request, v1::Method##Response* response) {  \
    return RunUnary(context, executor_, [this, context, request, response] { \
      ABSL_RETURN_IF_ERROR(Authorize(context));                              \
      ABSL_ASSIGN_OR_RETURN(*response, engine_->Method(*request));           \
      return absl::OkStatus();                                               \
    });                                                                      \
  }

RAPPORTEUR_LIST_METHOD(ListRecommendations)
RAPPORTEUR_LIST_METHOD(ListCommunications)
RAPPORTEUR_LIST_METHOD(ListVisits)
RAPPORTEUR_LIST_METHOD(ListFigures)

#undef RAPPORTEUR_LIST_METHOD

}  // namespace rapporteur::query
