#ifndef RAPPORTEUR_SERVICES_INGEST_INGEST_SERVICE_H_
#define RAPPORTEUR_SERVICES_INGEST_INGEST_SERVICE_H_

#include "lib/base/executor.h"
#include "lib/ingest/ingester.h"
#include "lib/rpc/auth.h"
#include "rapporteur/v1/ingest.grpc.pb.h"

namespace rapporteur::ingest {

// gRPC adapter of an Ingester. Work runs on `executor` (it waits on a
// storage shard). Thread-safe; does not own its arguments.
class IngestServiceImpl final : public v1::IngestService::CallbackService {
 public:
  // With `tokens` (may be null: no authentication), every call needs a
  // bearer token whose role may ingest.
  IngestServiceImpl(const Ingester* ingester, Executor* executor,
                    TokenStore* tokens = nullptr)
      : ingester_(ingester), executor_(executor), tokens_(tokens) {}

  grpc::ServerUnaryReactor* IngestDocument(
      grpc::CallbackServerContext* context,
      const v1::IngestDocumentRequest* request,
      v1::IngestDocumentResponse* response) override;

  grpc::ServerUnaryReactor* AnalyzeDocument(
      grpc::CallbackServerContext* context,
      const v1::AnalyzeDocumentRequest* request,
      v1::AnalyzeDocumentResponse* response) override;

  // Documents are taken one at a time: the next is read only once the
  // previous one's answer is written, which is the stream's flow control.
  grpc::ServerBidiReactor<v1::BulkIngestRequest, v1::BulkIngestResponse>*
  BulkIngest(grpc::CallbackServerContext* context) override;

 private:
  absl::Status Authorize(const grpc::CallbackServerContext* context) const {
    return tokens_ == nullptr
               ? absl::OkStatus()
               : tokens_->Authorize(context, Permission::kIngest);
  }

  const Ingester* const ingester_;
  Executor* const executor_;
  TokenStore* const tokens_;
};

}  // namespace rapporteur::ingest

#endif  // RAPPORTEUR_SERVICES_INGEST_INGEST_SERVICE_H_
