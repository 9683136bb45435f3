#include "sdk/src/embedded_client.h"

#include <utility>

#include "services/common/status_macros.h"
#include "services/ingest/ingester.h"
#include "services/query/query_engine.h"
#include "services/storage/local_shard.h"
#include "services/storage/store.h"

namespace rapporteur::internal {
namespace {

// Owns the store and the engines over it; calls go straight to the engines,
// so results and errors are those of the services.
class EmbeddedClient final : public Client {
 public:
  explicit EmbeddedClient(std::unique_ptr<storage::Store> store)
      : store_(std::move(store)),
        shard_(store_.get()),
        ingester_({&shard_}),
        engine_({&shard_}) {}

  ~EmbeddedClient() override { store_->Close().IgnoreError(); }

  absl::StatusOr<v1::IngestDocumentResponse> IngestDocument(
      const v1::IngestDocumentRequest& request) override {
    return ingester_.Ingest(request);
  }

  absl::StatusOr<v1::SearchResponse> Search(
      const v1::SearchRequest& request) override {
    return engine_.Search(request);
  }
  using Client::Search;

  absl::StatusOr<v1::Document> GetDocument(
      const v1::GetDocumentRequest& request) override {
    return engine_.GetDocument(request);
  }

  absl::StatusOr<v1::Paragraph> GetParagraph(
      const v1::GetParagraphRequest& request) override {
    return engine_.GetParagraph(request);
  }

 private:
  std::unique_ptr<storage::Store> store_;
  storage::LocalShard shard_;
  ingest::Ingester ingester_;
  query::QueryEngine engine_;
};

}  // namespace

std::string ShardDir(const std::string& data_dir) {
  return data_dir + "/shard-0";
}

absl::StatusOr<std::unique_ptr<Client>> MakeEmbeddedClient(
    const Options& options) {
  ABSL_ASSIGN_OR_RETURN(std::unique_ptr<storage::Store> store,
                        storage::Store::Open({.path = ShardDir(options.data_dir)}));
  return std::unique_ptr<Client>(new EmbeddedClient(std::move(store)));
}

}  // namespace rapporteur::internal
