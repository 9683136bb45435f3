#ifndef RAPPORTEUR_SDK_INCLUDE_RAPPORTEUR_CLIENT_H_
#define RAPPORTEUR_SDK_INCLUDE_RAPPORTEUR_CLIENT_H_

#include <functional>
#include <future>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "rapporteur/bulk.h"
#include "rapporteur/export.h"
#include "rapporteur/options.h"
#include "rapporteur/search_range.h"
#include "rapporteur/v1/cases.pb.h"
#include "rapporteur/v1/document.pb.h"
#include "rapporteur/v1/ingest.pb.h"
#include "rapporteur/v1/query.pb.h"

namespace rapporteur {

namespace sdk_internal {
class AsyncRunner;
}  // namespace sdk_internal

// The one entry point of partner apps. Requests and responses are the
// messages of the public API (proto/rapporteur/v1), exposed on purpose: they
// are the documented contract, the same whichever backend serves them. No
// gRPC type appears here.
//
// Errors are the canonical codes of the API: INVALID_ARGUMENT names the
// field and place at fault, NOT_FOUND the missing resource, UNAVAILABLE a
// service that cannot be reached (after the retries of Options::retry),
// DEADLINE_EXCEEDED a call past Options::timeout.
//
// Thread-safe: one Client serves concurrent calls from many threads, and
// should be shared, as it holds the connections.
class RAPPORTEUR_EXPORT Client {
 public:
  virtual ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // Ingests one document; re-ingesting a symbol replaces it and bumps its
  // revision. Returns the document as stored, with what was extracted.
  // Without a request_id, one is set, so retries never store it twice.
  virtual absl::StatusOr<v1::IngestDocumentResponse> IngestDocument(
      const v1::IngestDocumentRequest& request) = 0;

  // Ingests the documents `next` supplies, in order, one outcome each; a
  // failed document does not stop the others. `progress` (optional) hears
  // of every outcome and may cancel. Outages are waited out (see
  // Options::bulk_retry_window): a broken stream is resumed where it
  // stopped, and a document storage could not take is sent again. Fails
  // with CANCELLED when cancelled, or with the error that stopped the
  // stream for good; `progress` has then heard of every outcome before it.
  virtual absl::StatusOr<BulkIngestResult> BulkIngest(
      DocumentSupplier next, ProgressCallback progress = nullptr) = 0;

  // What ingest would extract from a document, storing nothing.
  virtual absl::StatusOr<v1::AnalyzeDocumentResponse> AnalyzeDocument(
      const v1::AnalyzeDocumentRequest& request) = 0;

  // One page of the paragraphs holding every word of the query, best first.
  virtual absl::StatusOr<v1::SearchResponse> Search(
      const v1::SearchRequest& request) = 0;

  // Every hit of the query, best first, handed to `on_hit` as it arrives
  // (a server stream; no depth limit), for exports. Return false from
  // `on_hit` to stop: the call then ends with CANCELLED. Not retried once
  // a hit was delivered; the deadline is Options::bulk_timeout.
  virtual absl::Status StreamSearch(
      const v1::StreamSearchRequest& request,
      const std::function<bool(const v1::SearchHit&)>& on_hit) = 0;

  // A document by name (`documents/{id}`).
  virtual absl::StatusOr<v1::Document> GetDocument(
      const v1::GetDocumentRequest& request) = 0;

  // A paragraph by name (`documents/{id}/paragraphs/{n}`) or by citation
  // (`A/HRC/7/20, para. 16`), with the notes it calls resolved.
  virtual absl::StatusOr<v1::Paragraph> GetParagraph(
      const v1::GetParagraphRequest& request) = 0;

  // Records extracted from every document, in document order, filtered
  // and paged (see RecordFilter in query.proto).
  virtual absl::StatusOr<v1::ListRecommendationsResponse> ListRecommendations(
      const v1::ListRecommendationsRequest& request) = 0;
  virtual absl::StatusOr<v1::ListCommunicationsResponse> ListCommunications(
      const v1::ListCommunicationsRequest& request) = 0;
  virtual absl::StatusOr<v1::ListVisitsResponse> ListVisits(
      const v1::ListVisitsRequest& request) = 0;
  virtual absl::StatusOr<v1::ListFiguresResponse> ListFigures(
      const v1::ListFiguresRequest& request) = 0;

  // Confidential case records (CaseService in cases.proto): who may see
  // what follows from the caller's token (remote) or Options::principal
  // (embedded), the case's confidentiality and its access list; a case the
  // caller may not see is NOT_FOUND. Every read and write is audited.
  // Without case keys (the query service's --case_keys, or
  // Options::case_keys_file embedded) every call is FAILED_PRECONDITION.
  // Without a case_id, CreateCase picks one, so that a retry cannot make
  // a second case.
  virtual absl::StatusOr<v1::Case> CreateCase(
      const v1::CreateCaseRequest& request) = 0;
  virtual absl::StatusOr<v1::Case> GetCase(
      const v1::GetCaseRequest& request) = 0;
  virtual absl::StatusOr<v1::Case> UpdateCase(
      const v1::UpdateCaseRequest& request) = 0;
  virtual absl::StatusOr<v1::ListCasesResponse> ListCases(
      const v1::ListCasesRequest& request) = 0;
  virtual absl::Status DeleteCase(const v1::DeleteCaseRequest& request) = 0;
  virtual absl::StatusOr<v1::ListAuditEntriesResponse> ListAuditEntries(
      const v1::ListAuditEntriesRequest& request) = 0;
  virtual absl::StatusOr<v1::RotateCaseKeysResponse> RotateCaseKeys(
      const v1::RotateCaseKeysRequest& request) = 0;

  // Shorthand for Search with a query and a page size.
  absl::StatusOr<v1::SearchResponse> Search(const std::string& query,
                                            int page_size = 10);

  // Every hit of `request`, fetching pages lazily (request.page_size hits
  // at a time). The Client must outlive the range.
  SearchRange SearchAll(v1::SearchRequest request);

  // Paragraph `number` of the document with symbol `symbol`, as cited:
  // Cite("A/HRC/7/20", 16) is `A/HRC/7/20, para. 16`.
  absl::StatusOr<v1::Paragraph> Cite(const std::string& symbol, int number);

  // The paragraph a citation names: "A/HRC/7/20, para. 16",
  // "A/HRC/7/20 para 16".
  absl::StatusOr<v1::Paragraph> Cite(const std::string& citation);

  // The calls above, run on the client's own threads (Options::
  // async_threads); the future holds the same result. RESOURCE_EXHAUSTED
  // when too many async calls are pending. Destroying the Client waits for
  // the async calls still running.
  std::future<absl::StatusOr<v1::IngestDocumentResponse>> IngestDocumentAsync(
      v1::IngestDocumentRequest request);
  std::future<absl::StatusOr<v1::SearchResponse>> SearchAsync(
      v1::SearchRequest request);
  std::future<absl::StatusOr<v1::Document>> GetDocumentAsync(
      v1::GetDocumentRequest request);
  std::future<absl::StatusOr<v1::Paragraph>> GetParagraphAsync(
      v1::GetParagraphRequest request);

 protected:
  explicit Client(int async_threads);

  // Waits for the async calls and stops their threads. Every backend's
  // destructor calls it first, while the backend can still serve them.
  void StopAsync();

 private:
  template <typename Response, typename Call>
  std::future<absl::StatusOr<Response>> RunAsync(Call call);

  std::unique_ptr<sdk_internal::AsyncRunner> async_;
};

// A client with the backend `options` choose: embedded when
// options.data_dir is set, remote otherwise. Fails with INVALID_ARGUMENT for
// inconsistent options, or with the error of opening the data directory.
RAPPORTEUR_EXPORT absl::StatusOr<std::unique_ptr<Client>> MakeClient(
    const Options& options);

}  // namespace rapporteur

#endif  // RAPPORTEUR_SDK_INCLUDE_RAPPORTEUR_CLIENT_H_
