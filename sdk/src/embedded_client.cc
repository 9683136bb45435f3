#include "sdk/src/embedded_client.h"

#include <filesystem>
#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "lib/base/error_details.h"
#include "lib/base/status_macros.h"
#include "lib/cases/case_engine.h"
#include "lib/cases/keyring.h"
#include "lib/ingest/ingester.h"
#include "lib/query/query_engine.h"
#include "lib/routing/data_layout.h"
#include "lib/storage/local_shard.h"
#include "lib/storage/store.h"
#include "sdk/src/retry.h"

namespace rapporteur::sdk_internal {
namespace {

// Owns the store and the engines over it; calls go straight to the engines,
// so results and errors are those of the services.
class EmbeddedClient final : public Client {
 public:
  EmbeddedClient(const Options& options, std::unique_ptr<storage::Store> store,
                 std::optional<cases::Keyring> case_keys)
      : Client(options.async_threads),
        store_(std::move(store)),
        shard_(store_.get()),
        ingester_({&shard_}),
        engine_({&shard_}),
        case_keys_(std::move(case_keys)),
        cases_({&shard_}, case_keys_ ? &*case_keys_ : nullptr),
        principal_{.name = options.principal, .role = Role::kAdmin} {}

  ~EmbeddedClient() override {
    StopAsync();
    store_->Close().IgnoreError();
  }

  absl::StatusOr<v1::IngestDocumentResponse> IngestDocument(
      const v1::IngestDocumentRequest& request) override {
    return ingester_.Ingest(request);
  }

  absl::StatusOr<BulkIngestResult> BulkIngest(
      DocumentSupplier next, ProgressCallback progress) override {
    BulkIngestResult result;
    while (std::optional<v1::IngestDocumentRequest> document = next()) {
      ++result.totals.documents_sent;
      result.totals.bytes_sent +=
          static_cast<int64_t>(document->source().content().size());
      v1::BulkIngestResponse outcome;
      outcome.set_index(static_cast<int64_t>(result.outcomes.size()));
      absl::StatusOr<v1::IngestDocumentResponse> ingested =
          ingester_.Ingest(*document);
      *outcome.mutable_status() = ToRpcStatus(ingested.status());
      if (ingested.ok()) {
        *outcome.mutable_document() = std::move(*ingested->mutable_document());
        outcome.set_consistency_token(ingested->consistency_token());
      } else {
        ++result.totals.documents_failed;
      }
      ++result.totals.documents_done;
      result.outcomes.push_back(outcome);
      if (progress && !progress(result.totals, outcome)) {
        return absl::CancelledError(absl::StrCat("bulk ingest cancelled after ",
                                                 result.totals.documents_done,
                                                 " documents"));
      }
    }
    return result;
  }

  absl::StatusOr<v1::AnalyzeDocumentResponse> AnalyzeDocument(
      const v1::AnalyzeDocumentRequest& request) override {
    v1::AnalyzeDocumentResponse response;
    ABSL_ASSIGN_OR_RETURN(*response.mutable_document(),
                          ingester_.Analyze(request.source()));
    return response;
  }

  absl::StatusOr<v1::SearchResponse> Search(
      const v1::SearchRequest& request) override {
    return engine_.Search(request);
  }
  using Client::Search;

  absl::Status StreamSearch(
      const v1::StreamSearchRequest& request,
      const std::function<bool(const v1::SearchHit&)>& on_hit) override {
    return engine_.StreamSearch(request,
                                [&](v1::SearchHit hit) { return on_hit(hit); });
  }

  absl::StatusOr<v1::Document> GetDocument(
      const v1::GetDocumentRequest& request) override {
    return engine_.GetDocument(request);
  }

  absl::StatusOr<v1::Paragraph> GetParagraph(
      const v1::GetParagraphRequest& request) override {
    return engine_.GetParagraph(request);
  }

  absl::StatusOr<v1::ListRecommendationsResponse> ListRecommendations(
      const v1::ListRecommendationsRequest& request) override {
    return engine_.ListRecommendations(request);
  }
  absl::StatusOr<v1::ListCommunicationsResponse> ListCommunications(
      const v1::ListCommunicationsRequest& request) override {
    return engine_.ListCommunications(request);
  }
  absl::StatusOr<v1::ListVisitsResponse> ListVisits(
      const v1::ListVisitsRequest& request) override {
    return engine_.ListVisits(request);
  }
  absl::StatusOr<v1::ListFiguresResponse> ListFigures(
      const v1::ListFiguresRequest& request) override {
    return engine_.ListFigures(request);
  }

  absl::StatusOr<v1::Case> CreateCase(
      const v1::CreateCaseRequest& request) override {
    return cases_.CreateCase(principal_, request);
  }
  absl::StatusOr<v1::Case> GetCase(const v1::GetCaseRequest& request) override {
    return cases_.GetCase(principal_, request);
  }
  absl::StatusOr<v1::Case> UpdateCase(
      const v1::UpdateCaseRequest& request) override {
    return cases_.UpdateCase(principal_, request);
  }
  absl::StatusOr<v1::ListCasesResponse> ListCases(
      const v1::ListCasesRequest& request) override {
    return cases_.ListCases(principal_, request);
  }
  absl::Status DeleteCase(const v1::DeleteCaseRequest& request) override {
    return cases_.DeleteCase(principal_, request);
  }
  absl::StatusOr<v1::ListAuditEntriesResponse> ListAuditEntries(
      const v1::ListAuditEntriesRequest& request) override {
    return cases_.ListAuditEntries(principal_, request);
  }
  absl::StatusOr<v1::RotateCaseKeysResponse> RotateCaseKeys(
      const v1::RotateCaseKeysRequest& request) override {
    return cases_.RotateCaseKeys(principal_, request);
  }

 private:
  std::unique_ptr<storage::Store> store_;
  storage::LocalShard shard_;
  ingest::Ingester ingester_;
  query::QueryEngine engine_;
  const std::optional<cases::Keyring> case_keys_;
  const cases::CaseEngine cases_;
  const Principal principal_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<Client>> MakeEmbeddedClient(
    const Options& options) {
  std::error_code error;
  std::filesystem::create_directories(options.data_dir, error);
  if (error) {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot create data directory ", options.data_dir, ": ",
                     error.message()));
  }
  ABSL_ASSIGN_OR_RETURN(std::optional<cases::Keyring> case_keys,
                        cases::ConfiguredKeyring(options.case_keys_file));
  ABSL_ASSIGN_OR_RETURN(
      std::unique_ptr<storage::Store> store,
      storage::Store::Open({.path = storage::ShardDataDir(options.data_dir)}));
  return std::unique_ptr<Client>(
      new EmbeddedClient(options, std::move(store), std::move(case_keys)));
}

}  // namespace rapporteur::sdk_internal
