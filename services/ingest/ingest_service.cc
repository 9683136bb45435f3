#include "services/ingest/ingest_service.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "lib/base/call_scope.h"
#include "lib/base/error_details.h"
#include "lib/base/request_id.h"
#include "lib/base/status_macros.h"
#include "lib/base/trace_context.h"
#include "lib/metrics/metrics.h"
#include "lib/rpc/call_context.h"
#include "lib/rpc/call_outcome.h"
#include "lib/rpc/grpc_status.h"
#include "lib/rpc/inflight.h"
#include "lib/rpc/unary.h"

namespace rapporteur::ingest {
namespace {

// One BulkIngest stream: read a document, ingest it on the executor, write
// its outcome, read the next. Deletes itself when the stream is done.
class BulkIngestReactor final
    : public grpc::ServerBidiReactor<v1::BulkIngestRequest,
                                     v1::BulkIngestResponse> {
 public:
  // `allowed` is the caller's authorization: when not OK the stream ends
  // with it before any document is read.
  BulkIngestReactor(const grpc::CallbackServerContext* context,
                    const Ingester* ingester, Executor* executor,
                    const absl::Status& allowed)
      : ingester_(ingester),
        executor_(executor),
        deadline_(CallDeadline(context)),
        trace_(TraceContextOf(*context)) {
    InflightCalls::Started();
    if (!allowed.ok()) {
      Finish(ToGrpcStatus(allowed));
      return;
    }
    StartRead(&request_);
  }

  void OnReadDone(bool ok) override {
    if (!ok) {
      Finish(grpc::Status::OK);  // the client closed its side: all answered
      return;
    }
    const bool accepted = executor_->TrySubmit([this] {
      // Each document is its own request: its id names it in every log.
      ScopedRequestId scoped(request_.document().request_id().empty()
                                 ? NewRequestId()
                                 : request_.document().request_id());
      // The stream's trace: its documents are spans of one call.
      ScopedTraceContext scoped_trace(trace_);
      // The stream's deadline and cancellation bound every document: once
      // the caller left, the document in hand stops before its commit and
      // the stream ends without reading another.
      ScopedDeadline scoped_deadline(deadline_);
      ScopedCancellation scoped_cancellation(&cancellation_);
      if (absl::Status waits = CheckCallerWaits("the document was read");
          !waits.ok()) {
        Finish(ToGrpcStatus(waits));
        return;
      }
      response_.Clear();
      response_.set_index(index_++);
      const absl::Time start = absl::Now();
      absl::StatusOr<v1::IngestDocumentResponse> result =
          ingester_->Ingest(request_.document());
      RecordIngestedDocument(
          StatusCodeName(result.status().code()),
          static_cast<int64_t>(request_.document().source().content().size()));
      if (absl::Status waits = CheckCallerWaits("the document was ingested");
          !waits.ok()) {
        Finish(ToGrpcStatus(waits));  // nobody reads its outcome
        return;
      }
      *response_.mutable_status() = ToRpcStatus(result.status());
      if (result.ok()) {
        // Already in the view the document's request asked for.
        *response_.mutable_document() = std::move(*result->mutable_document());
        response_.set_consistency_token(result->consistency_token());
      } else {
        // The stream goes on: its status will not tell of this document.
        LogFailedCall("/rapporteur.v1.IngestService/BulkIngest",
                      result.status(), absl::Now() - start,
                      {{"index", absl::StrCat(response_.index())}});
      }
      StartWrite(&response_);
    });
    if (!accepted) {
      Finish(ServerBusyStatus());
    }
  }

  void OnWriteDone(bool ok) override {
    if (!ok) {
      Finish(grpc::Status(grpc::StatusCode::CANCELLED,
                          "the stream was closed before the answer was sent"));
      return;
    }
    StartRead(&request_);
  }

  // The client cancelled, or the stream's deadline passed.
  void OnCancel() override { cancellation_.Cancel(); }

  void OnDone() override {
    InflightCalls::Finished();
    delete this;
  }

 private:
  const Ingester* const ingester_;
  Executor* const executor_;
  const absl::Time deadline_;
  Cancellation cancellation_;
  const TraceContext trace_;  // the stream's: this hop of its call
  v1::BulkIngestRequest request_;
  v1::BulkIngestResponse response_;
  int64_t index_ = 0;
};

}  // namespace

grpc::ServerUnaryReactor* IngestServiceImpl::IngestDocument(
    grpc::CallbackServerContext* context,
    const v1::IngestDocumentRequest* request,
    v1::IngestDocumentResponse* response) {
  return RunUnary(context, executor_, [this, context, request, response] {
    ABSL_RETURN_IF_ERROR(Authorize(context));
    absl::StatusOr<v1::IngestDocumentResponse> result =
        ingester_->Ingest(*request);
    RecordIngestedDocument(
        StatusCodeName(result.status().code()),
        static_cast<int64_t>(request->source().content().size()));
    if (!result.ok()) {
      return result.status();
    }
    *response = *std::move(result);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* IngestServiceImpl::AnalyzeDocument(
    grpc::CallbackServerContext* context,
    const v1::AnalyzeDocumentRequest* request,
    v1::AnalyzeDocumentResponse* response) {
  return RunUnary(context, executor_, [this, context, request, response] {
    ABSL_RETURN_IF_ERROR(Authorize(context));
    ABSL_ASSIGN_OR_RETURN(*response->mutable_document(),
                          ingester_->Analyze(request->source()));
    return absl::OkStatus();
  });
}

grpc::ServerBidiReactor<v1::BulkIngestRequest, v1::BulkIngestResponse>*
IngestServiceImpl::BulkIngest(grpc::CallbackServerContext* context) {
  return new BulkIngestReactor(context, ingester_, executor_,
                               Authorize(context));
}

}  // namespace rapporteur::ingest
