#include "lib/ingest/ingester.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "lib/base/call_scope.h"
#include "lib/base/error_details.h"
#include "lib/base/log.h"
#include "lib/base/status_macros.h"
#include "lib/extraction/annotator.h"
#include "lib/extraction/document_builder.h"
#include "lib/extraction/masthead.h"
#include "lib/extraction/pdf_text.h"
#include "lib/extraction/report_text.h"
#include "lib/ingest/document_view.h"
#include "lib/ingest/indexed_write.h"
#include "lib/routing/consistency_token.h"
#include "lib/schema/resource_names.h"

namespace rapporteur::ingest {

Ingester::Ingester(std::vector<storage::Shard*> shards, IngesterConfig config)
    : shards_(std::move(shards)), config_(std::move(config)) {}

absl::StatusOr<v1::Document> Ingester::Analyze(
    const v1::DocumentSource& source) const {
  ABSL_RETURN_IF_ERROR(CheckSource(source, config_.limits));
  std::string pdf_text;
  if (IsPdfSource(source)) {
    ABSL_ASSIGN_OR_RETURN(pdf_text, PdfToText(source.content()));
  }
  const absl::string_view content = IsPdfSource(source)
                                        ? absl::string_view(pdf_text)
                                        : absl::string_view(source.content());
  const ReportText text =
      ParseReportText(std::string_view(content.data(), content.size()));
  // Metadata given with the request wins; the masthead fills what is not
  // (a copy of the source only then).
  v1::DocumentSource with_masthead;
  const v1::DocumentSource* completed = &source;
  if (source.symbol().empty() || source.date().empty()) {
    const Masthead masthead = ReadMasthead(content);
    with_masthead = source;
    if (with_masthead.symbol().empty()) {
      with_masthead.set_symbol(masthead.symbol);
    }
    if (with_masthead.date().empty()) {
      with_masthead.set_date(masthead.date);
    }
    completed = &with_masthead;
  }
  ABSL_ASSIGN_OR_RETURN(const Annotator* annotator, Annotator::Builtin());
  DocumentFacts facts;
  facts.countries.assign(source.countries().begin(), source.countries().end());
  facts.date = completed->date();
  v1::Document doc =
      BuildDocument(*completed, text, annotator->Annotate(text, facts));
  if (IsPdfSource(source)) {
    doc.set_media_type("application/pdf");
  }
  if (doc.paragraphs_size() == 0) {
    return InvalidFieldError("source.content",
                             "source.content holds no paragraph of text",
                             "NO_PARAGRAPHS");
  }
  return doc;
}

absl::StatusOr<v1::IngestDocumentResponse> Ingester::Ingest(
    const v1::IngestDocumentRequest& request) const {
  if (!request.has_source()) {
    return InvalidFieldError("source", "source is missing", "MISSING_FIELD");
  }
  if (shards_.empty()) {
    return absl::FailedPreconditionError("no storage shard is configured");
  }
  ABSL_ASSIGN_OR_RETURN(v1::Document doc, Analyze(request.source()));

  internal::v1::WriteDocumentRequest write = MakeIndexedWrite(doc);
  write.set_request_id(request.request_id());
  write.set_wait(request.wait() == v1::WRITE_WAIT_LOG
                     ? internal::v1::WRITE_WAIT_LOG
                     : internal::v1::WRITE_WAIT_APPLIED);
  ABSL_ASSIGN_OR_RETURN(std::string id, ParseDocumentName(doc.name()));
  storage::Shard* shard = shards_[storage::ShardFor(id, shards_.size())];
  // Extraction takes time: a caller gone meanwhile gets no write.
  ABSL_RETURN_IF_ERROR(CheckCallerWaits("the document was sent to storage"));
  ABSL_ASSIGN_OR_RETURN(internal::v1::WriteDocumentResponse written,
                        shard->WriteDocument(write));

  LogInfo("document stored", {{"document", doc.name()},
                              {"revision", absl::StrCat(written.revision())},
                              {"shard", shard->Describe()}});
  v1::IngestDocumentResponse response;
  *response.mutable_document() = std::move(doc);
  response.mutable_document()->set_revision(written.revision());
  ApplyDocumentView(request.view(), *response.mutable_document());
  if (written.log_sequence() > 0) {
    response.set_consistency_token(
        FormatConsistencyToken(written.partition(), written.log_sequence()));
  }
  return response;
}

}  // namespace rapporteur::ingest
