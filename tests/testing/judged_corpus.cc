#include "tests/testing/judged_corpus.h"

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"

namespace rapporteur::testing {

absl::StatusOr<std::vector<JudgedParagraph>> IngestJudgedDocuments(
    Client& client, const std::vector<JudgedDocument>& documents,
    const std::string& corpus_dir) {
  std::vector<JudgedParagraph> paragraphs;
  for (const JudgedDocument& document : documents) {
    const std::string path = absl::StrCat(corpus_dir, "/", document.file);
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      return absl::NotFoundError(absl::StrCat("cannot read ", path));
    }
    std::ostringstream content;
    content << in.rdbuf();
    v1::IngestDocumentRequest request;
    request.mutable_source()->set_content(content.str());
    request.mutable_source()->set_symbol(document.symbol);
    request.set_view(v1::DOCUMENT_VIEW_FULL);  // its paragraphs are judged
    absl::StatusOr<v1::IngestDocumentResponse> response =
        client.IngestDocument(request);
    if (!response.ok()) {
      return absl::Status(
          response.status().code(),
          absl::StrCat(path, ": ", response.status().message()));
    }
    if (response->document().name() != document.name) {
      return absl::FailedPreconditionError(
          absl::StrCat(path, " was stored as ", response->document().name(),
                       ", not ", document.name));
    }
    for (const v1::Paragraph& paragraph : response->document().paragraphs()) {
      paragraphs.push_back(
          {.name = paragraph.name(), .text = paragraph.text()});
    }
  }
  return paragraphs;
}

absl::StatusOr<std::vector<std::string>> SearchNames(
    Client& client, const v1::SearchRequest& request) {
  absl::StatusOr<v1::SearchResponse> response = client.Search(request);
  if (!response.ok()) {
    return response.status();
  }
  std::vector<std::string> names;
  for (const v1::SearchHit& hit : response->hits()) {
    names.push_back(hit.paragraph());
  }
  return names;
}

absl::StatusOr<std::vector<std::string>> DefaultSearch(
    Client& client, const std::string& question, int k) {
  v1::SearchRequest request;
  request.set_query(question);
  request.set_page_size(k);
  return SearchNames(client, request);
}

}  // namespace rapporteur::testing
