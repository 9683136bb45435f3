#include "sdk/src/remote_client.h"

#include <grpcpp/grpcpp.h>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "rapporteur/v1/ingest.grpc.pb.h"
#include "rapporteur/v1/query.grpc.pb.h"
#include "services/common/channel.h"
#include "services/common/grpc_status.h"

namespace rapporteur::internal {
namespace {

class RemoteClient final : public Client {
 public:
  explicit RemoteClient(const Options& options)
      : options_(options),
        ingest_(v1::IngestService::NewStub(MakeChannel(
            options.ingest_endpoint, options.max_message_bytes))),
        query_(v1::QueryService::NewStub(
            MakeChannel(options.query_endpoint, options.max_message_bytes))) {}

  absl::StatusOr<v1::IngestDocumentResponse> IngestDocument(
      const v1::IngestDocumentRequest& request) override {
    return Call<v1::IngestDocumentResponse>(
        [&](grpc::ClientContext* context, auto* response) {
          return ingest_->IngestDocument(context, request, response);
        });
  }

  absl::StatusOr<v1::SearchResponse> Search(
      const v1::SearchRequest& request) override {
    return Call<v1::SearchResponse>(
        [&](grpc::ClientContext* context, auto* response) {
          return query_->Search(context, request, response);
        });
  }
  using Client::Search;

  absl::StatusOr<v1::Document> GetDocument(
      const v1::GetDocumentRequest& request) override {
    return Call<v1::Document>([&](grpc::ClientContext* context, auto* response) {
      return query_->GetDocument(context, request, response);
    });
  }

  absl::StatusOr<v1::Paragraph> GetParagraph(
      const v1::GetParagraphRequest& request) override {
    return Call<v1::Paragraph>(
        [&](grpc::ClientContext* context, auto* response) {
          return query_->GetParagraph(context, request, response);
        });
  }

 private:
  // Runs one RPC with the configured deadline.
  template <typename Response, typename Rpc>
  absl::StatusOr<Response> Call(Rpc rpc) {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(
        absl::Now() + absl::FromChrono(options_.timeout)));
    Response response;
    grpc::Status status = rpc(&context, &response);
    if (!status.ok()) {
      return FromGrpcStatus(status);
    }
    return response;
  }

  const Options options_;
  std::unique_ptr<v1::IngestService::Stub> ingest_;
  std::unique_ptr<v1::QueryService::Stub> query_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<Client>> MakeRemoteClient(const Options& options) {
  if (options.ingest_endpoint.empty() && options.query_endpoint.empty()) {
    return absl::InvalidArgumentError(
        "options name no ingest_endpoint, query_endpoint or data_dir");
  }
  return std::unique_ptr<Client>(new RemoteClient(options));
}

}  // namespace rapporteur::internal
