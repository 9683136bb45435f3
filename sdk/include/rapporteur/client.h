#ifndef RAPPORTEUR_SDK_INCLUDE_RAPPORTEUR_CLIENT_H_
#define RAPPORTEUR_SDK_INCLUDE_RAPPORTEUR_CLIENT_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "rapporteur/export.h"
#include "rapporteur/options.h"
#include "rapporteur/v1/document.pb.h"
#include "rapporteur/v1/ingest.pb.h"
#include "rapporteur/v1/query.pb.h"

namespace rapporteur {

// The one entry point of partner apps. Requests and responses are the
// messages of the public API (proto/rapporteur/v1), exposed on purpose: they
// are the documented contract, the same whichever backend serves them. No
// gRPC type appears here.
//
// Errors are the canonical codes of the API: INVALID_ARGUMENT names the
// field and place at fault, NOT_FOUND the missing resource, UNAVAILABLE a
// service that cannot be reached, DEADLINE_EXCEEDED a call past
// Options::timeout.
//
// Thread-safe: one Client may serve concurrent calls from many threads, and
// should, as it holds the connections.
class RAPPORTEUR_EXPORT Client {
 public:
  virtual ~Client() = default;

  // Ingests one document; re-ingesting a symbol replaces it and bumps its
  // revision. Returns the document as stored, with what was extracted.
  virtual absl::StatusOr<v1::IngestDocumentResponse> IngestDocument(
      const v1::IngestDocumentRequest& request) = 0;

  // Paragraphs holding every word of the query, best first.
  virtual absl::StatusOr<v1::SearchResponse> Search(
      const v1::SearchRequest& request) = 0;

  // A document by name (`documents/{id}`).
  virtual absl::StatusOr<v1::Document> GetDocument(
      const v1::GetDocumentRequest& request) = 0;

  // A paragraph by name (`documents/{id}/paragraphs/{n}`).
  virtual absl::StatusOr<v1::Paragraph> GetParagraph(
      const v1::GetParagraphRequest& request) = 0;

  // Shorthand for Search with a query and a page size.
  absl::StatusOr<v1::SearchResponse> Search(const std::string& query,
                                            int page_size = 10);
};

// A client with the backend `options` choose: embedded when
// options.data_dir is set, remote otherwise. Fails with INVALID_ARGUMENT for
// inconsistent options, or with the error of opening the data directory.
RAPPORTEUR_EXPORT absl::StatusOr<std::unique_ptr<Client>> MakeClient(
    const Options& options);

}  // namespace rapporteur

#endif  // RAPPORTEUR_SDK_INCLUDE_RAPPORTEUR_CLIENT_H_
