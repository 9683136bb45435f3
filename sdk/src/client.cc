#include "rapporteur/client.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "lib/schema/resource_names.h"
#include "sdk/src/async_runner.h"
#include "sdk/src/embedded_client.h"
#include "sdk/src/remote_client.h"

namespace rapporteur {

Client::Client(int async_threads)
    : async_(std::make_unique<sdk_internal::AsyncRunner>(async_threads)) {}

Client::~Client() = default;

void Client::StopAsync() { async_->Stop(); }

absl::StatusOr<v1::SearchResponse> Client::Search(const std::string& query,
                                                  int page_size) {
  v1::SearchRequest request;
  request.set_query(query);
  request.set_page_size(page_size);
  return Search(request);
}

SearchRange Client::SearchAll(v1::SearchRequest request) {
  return SearchRange([this, request](const std::string& token) {
    v1::SearchRequest page = request;
    page.set_page_token(token);
    return Search(page);
  });
}

absl::StatusOr<v1::Paragraph> Client::Cite(const std::string& symbol,
                                           int number) {
  const std::string id = DocumentIdFromSymbol(symbol);
  if (id.empty() || number <= 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("cannot cite '", symbol, "', para. ", number,
                     ": a symbol and a paragraph number above 0 are needed"));
  }
  v1::GetParagraphRequest request;
  request.set_name(ParagraphName(id, absl::StrCat(number)));
  return GetParagraph(request);
}

absl::StatusOr<v1::Paragraph> Client::Cite(const std::string& citation) {
  v1::GetParagraphRequest request;
  request.set_citation(citation);
  return GetParagraph(request);
}

template <typename Response, typename Call>
std::future<absl::StatusOr<Response>> Client::RunAsync(Call call) {
  auto promise = std::make_shared<std::promise<absl::StatusOr<Response>>>();
  std::future<absl::StatusOr<Response>> future = promise->get_future();
  if (!async_->TrySubmit([promise, call = std::move(call)]() mutable {
        promise->set_value(call());
      })) {
    promise->set_value(absl::ResourceExhaustedError(
        "too many asynchronous calls pending on this client"));
  }
  return future;
}

std::future<absl::StatusOr<v1::IngestDocumentResponse>>
Client::IngestDocumentAsync(v1::IngestDocumentRequest request) {
  return RunAsync<v1::IngestDocumentResponse>(
      [this, request = std::move(request)] { return IngestDocument(request); });
}

std::future<absl::StatusOr<v1::SearchResponse>> Client::SearchAsync(
    v1::SearchRequest request) {
  return RunAsync<v1::SearchResponse>(
      [this, request = std::move(request)] { return Search(request); });
}

std::future<absl::StatusOr<v1::Document>> Client::GetDocumentAsync(
    v1::GetDocumentRequest request) {
  return RunAsync<v1::Document>(
      [this, request = std::move(request)] { return GetDocument(request); });
}

std::future<absl::StatusOr<v1::Paragraph>> Client::GetParagraphAsync(
    v1::GetParagraphRequest request) {
  return RunAsync<v1::Paragraph>(
      [this, request = std::move(request)] { return GetParagraph(request); });
}

absl::StatusOr<std::unique_ptr<Client>> MakeClient(const Options& options) {
  if (!options.data_dir.empty()) {
    return sdk_internal::MakeEmbeddedClient(options);
  }
  return sdk_internal::MakeRemoteClient(options);
}

}  // namespace rapporteur
