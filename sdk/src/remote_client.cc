#include "sdk/src/remote_client.h"

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "lib/base/error_details.h"
#include "lib/base/request_id.h"
#include "lib/rpc/channel.h"
#include "lib/rpc/grpc_status.h"
#include "rapporteur/v1/cases.grpc.pb.h"
#include "rapporteur/v1/ingest.grpc.pb.h"
#include "rapporteur/v1/query.grpc.pb.h"
#include "sdk/src/retry.h"

namespace rapporteur::sdk_internal {
namespace {

std::shared_ptr<grpc::ChannelCredentials> CredentialsOf(const TlsOptions& tls) {
  if (!tls.enabled) {
    return grpc::InsecureChannelCredentials();
  }
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = tls.root_certificates_pem;
  ssl.pem_cert_chain = tls.client_certificate_pem;
  ssl.pem_private_key = tls.client_key_pem;
  return grpc::SslCredentials(ssl);
}

class RemoteClient final : public Client {
 public:
  explicit RemoteClient(const Options& options)
      : Client(options.async_threads), options_(options) {
    auto credentials = CredentialsOf(options.tls);
    ingest_ = v1::IngestService::NewStub(MakeChannel(
        options.ingest_endpoint, credentials, options.max_message_bytes,
        options.tls.server_name_override));
    for (const std::string& endpoint : options.query_endpoints) {
      std::shared_ptr<grpc::Channel> channel =
          MakeChannel(endpoint, credentials, options.max_message_bytes,
                      options.tls.server_name_override);
      queries_.push_back(v1::QueryService::NewStub(channel));
      cases_.push_back(v1::CaseService::NewStub(channel));
    }
  }

  ~RemoteClient() override { StopAsync(); }

  absl::StatusOr<v1::IngestDocumentResponse> IngestDocument(
      const v1::IngestDocumentRequest& request) override {
    // With a request id, a repeat is answered from the first write: safe to
    // retry.
    v1::IngestDocumentRequest with_id = request;
    if (with_id.request_id().empty()) {
      with_id.set_request_id(NewRequestId());
    }
    return Call<v1::IngestDocumentResponse>(
        [&](grpc::ClientContext* context, auto* response) {
          return ingest_->IngestDocument(context, with_id, response);
        },
        with_id.request_id());
  }

  absl::StatusOr<BulkIngestResult> BulkIngest(
      DocumentSupplier next, ProgressCallback progress) override;

  absl::StatusOr<v1::AnalyzeDocumentResponse> AnalyzeDocument(
      const v1::AnalyzeDocumentRequest& request) override {
    return Call<v1::AnalyzeDocumentResponse>(
        [&](grpc::ClientContext* context, auto* response) {
          return ingest_->AnalyzeDocument(context, request, response);
        });
  }

  absl::StatusOr<v1::SearchResponse> Search(
      const v1::SearchRequest& request) override {
    return Call<v1::SearchResponse>(
        [&](grpc::ClientContext* context, auto* response) {
          return NextQuery()->Search(context, request, response);
        });
  }
  using Client::Search;

  absl::Status StreamSearch(
      const v1::StreamSearchRequest& request,
      const std::function<bool(const v1::SearchHit&)>& on_hit) override {
    grpc::ClientContext context;
    Prepare(&context, options_.bulk_timeout);
    context.AddMetadata(kRequestIdKey, NewRequestId());
    std::unique_ptr<grpc::ClientReader<v1::StreamSearchResponse>> reader =
        NextQuery()->StreamSearch(&context, request);
    v1::StreamSearchResponse response;
    while (reader->Read(&response)) {
      if (!on_hit(response.hit())) {
        context.TryCancel();
        reader->Finish().ok();  // drains the stream; the status is ours
        return absl::CancelledError("the caller stopped reading the stream");
      }
    }
    return FromGrpcStatus(reader->Finish());
  }

  absl::StatusOr<v1::Document> GetDocument(
      const v1::GetDocumentRequest& request) override {
    return Call<v1::Document>(
        [&](grpc::ClientContext* context, auto* response) {
          return NextQuery()->GetDocument(context, request, response);
        });
  }

  absl::StatusOr<v1::Paragraph> GetParagraph(
      const v1::GetParagraphRequest& request) override {
    return Call<v1::Paragraph>(
        [&](grpc::ClientContext* context, auto* response) {
          return NextQuery()->GetParagraph(context, request, response);
        });
  }

#define RAPPORTEUR_REMOTE_LIST(Method)                            \
  absl::StatusOr<v1::Method##Response> Method(                    \
      const v1::Method##Request& request) override {              \
    return Call<v1::Method##Response>(                            \
        [&](grpc::ClientContext* context, auto* response) {       \
          return NextQuery()->Method(context, request, response); \
        });                                                       \
  }
  RAPPORTEUR_REMOTE_LIST(ListRecommendations)
  RAPPORTEUR_REMOTE_LIST(ListCommunications)
  RAPPORTEUR_REMOTE_LIST(ListVisits)
  RAPPORTEUR_REMOTE_LIST(ListFigures)
#undef RAPPORTEUR_REMOTE_LIST

  absl::StatusOr<v1::Case> CreateCase(
      const v1::CreateCaseRequest& request) override {
    // A case id chosen here makes the create safe to retry: a repeat names
    // the same case with the same request id, and is answered once.
    v1::CreateCaseRequest with_id = request;
    if (with_id.case_id().empty()) {
      with_id.set_case_id(absl::StrCat("c-", NewRequestId()));
    }
    return Call<v1::Case>([&](grpc::ClientContext* context, auto* response) {
      return NextCases()->CreateCase(context, with_id, response);
    });
  }

#define RAPPORTEUR_REMOTE_CASES(Method, Response)                             \
  absl::StatusOr<Response> Method(const v1::Method##Request& request)         \
      override {                                                              \
    return Call<Response>([&](grpc::ClientContext* context, auto* response) { \
      return NextCases()->Method(context, request, response);                 \
    });                                                                       \
  }
  RAPPORTEUR_REMOTE_CASES(GetCase, v1::Case)
  RAPPORTEUR_REMOTE_CASES(UpdateCase, v1::Case)
  RAPPORTEUR_REMOTE_CASES(ListCases, v1::ListCasesResponse)
  RAPPORTEUR_REMOTE_CASES(ListAuditEntries, v1::ListAuditEntriesResponse)
  RAPPORTEUR_REMOTE_CASES(RotateCaseKeys, v1::RotateCaseKeysResponse)
#undef RAPPORTEUR_REMOTE_CASES

  absl::Status DeleteCase(const v1::DeleteCaseRequest& request) override {
    return Call<google::protobuf::Empty>(
               [&](grpc::ClientContext* context, auto* response) {
                 return NextCases()->DeleteCase(context, request, response);
               })
        .status();
  }

 private:
  // Round robin over the query replicas; a retry lands on the next one.
  v1::QueryService::Stub* NextQuery() {
    return queries_[next_query_.fetch_add(1, std::memory_order_relaxed) %
                    queries_.size()]
        .get();
  }

  // The case service of the query replica the next call goes to.
  v1::CaseService::Stub* NextCases() {
    return cases_[next_query_.fetch_add(1, std::memory_order_relaxed) %
                  cases_.size()]
        .get();
  }

  void Prepare(grpc::ClientContext* context,
               std::chrono::milliseconds timeout) const {
    context->set_deadline(
        absl::ToChronoTime(absl::Now() + absl::FromChrono(timeout)));
    if (!options_.bearer_token.empty()) {
      context->AddMetadata("authorization",
                           absl::StrCat("Bearer ", options_.bearer_token));
    }
  }

  // Runs an RPC that is safe to repeat, retrying per Options::retry. Every
  // attempt carries the same request id, which names the call in the logs
  // of every service it reaches.
  // An ingest's logs go under its own request id.
  template <typename Response, typename Rpc>
  absl::StatusOr<Response> Call(Rpc rpc, std::string request_id = "") {
    Backoff backoff(options_.retry);
    if (request_id.empty()) {
      request_id = NewRequestId();
    }
    for (int attempt = 1;; ++attempt) {
      grpc::ClientContext context;
      Prepare(&context, options_.timeout);
      context.AddMetadata(kRequestIdKey, request_id);
      Response response;
      const absl::Status status = FromGrpcStatus(rpc(&context, &response));
      if (status.ok()) {
        return response;
      }
      if (!IsRetryable(status) || attempt >= options_.retry.max_attempts) {
        return status;
      }
      std::this_thread::sleep_for(backoff.NextDelay(status));
    }
  }

  const Options options_;
  std::unique_ptr<v1::IngestService::Stub> ingest_;
  std::vector<std::unique_ptr<v1::QueryService::Stub>> queries_;
  std::vector<std::unique_ptr<v1::CaseService::Stub>> cases_;
  std::atomic<uint64_t> next_query_{0};
};

// Whether a document answered with `code` may be sent again: its storage
// was unreachable or slow, and its request id makes a resend safe (a write
// that did land is answered with its first outcome).
bool DocumentMayBeResent(int code) {
  return code == static_cast<int>(absl::StatusCode::kUnavailable) ||
         code == static_cast<int>(absl::StatusCode::kAborted) ||
         code == static_cast<int>(absl::StatusCode::kDeadlineExceeded);
}

absl::StatusOr<BulkIngestResult> RemoteClient::BulkIngest(
    DocumentSupplier next, ProgressCallback progress) {
  BulkIngestResult result;
  Backoff backoff(options_.retry);
  // Short outages (ingest restarting, storage failing over) are waited out:
  // a document or a broken stream is tried again until nothing moved for
  // bulk_retry_window.
  const auto window = absl::FromChrono(options_.bulk_retry_window);
  absl::Time last_progress = absl::Now();
  const auto give_up = [&] { return absl::Now() - last_progress > window; };
  // The document sent and not yet answered for good: resent on a new stream
  // when the old one breaks, or when storage could not take it.
  std::optional<v1::BulkIngestRequest> unanswered;
  bool supply_done = false;
  while (true) {
    grpc::ClientContext context;
    Prepare(&context, options_.bulk_timeout);
    auto stream = ingest_->BulkIngest(&context);
    bool broken = false;
    while (!broken) {
      if (!unanswered.has_value()) {
        if (supply_done) {
          break;
        }
        std::optional<v1::IngestDocumentRequest> document = next();
        if (!document.has_value()) {
          supply_done = true;
          break;
        }
        if (document->request_id().empty()) {
          document->set_request_id(NewRequestId());
        }
        unanswered.emplace();
        *unanswered->mutable_document() = *std::move(document);
        ++result.totals.documents_sent;
        result.totals.bytes_sent += static_cast<int64_t>(
            unanswered->document().source().content().size());
      }
      v1::BulkIngestResponse response;
      if (!stream->Write(*unanswered) || !stream->Read(&response)) {
        broken = true;
        break;
      }
      if (DocumentMayBeResent(response.status().code()) && !give_up()) {
        std::this_thread::sleep_for(
            backoff.NextDelay(FromRpcStatus(response.status())));
        continue;  // the same document again, on the same stream
      }
      last_progress = absl::Now();
      backoff = Backoff(options_.retry);  // the next outage starts afresh
      unanswered.reset();
      response.set_index(static_cast<int64_t>(result.outcomes.size()));
      ++result.totals.documents_done;
      if (response.status().code() != 0) {
        ++result.totals.documents_failed;
      }
      result.outcomes.push_back(response);
      if (progress && !progress(result.totals, response)) {
        context.TryCancel();
        stream->Finish().ok();  // a cancelled stream's status says nothing new
        return absl::CancelledError(absl::StrCat("bulk ingest cancelled after ",
                                                 result.totals.documents_done,
                                                 " documents"));
      }
    }
    if (!broken) {
      stream->WritesDone();
    }
    const absl::Status status = FromGrpcStatus(stream->Finish());
    if (!broken && status.ok()) {
      return result;
    }
    const absl::Status failure =
        status.ok() ? absl::UnavailableError("bulk ingest stream closed early")
                    : status;
    if (!IsRetryable(failure) || give_up()) {
      absl::Status annotated(failure.code(),
                             absl::StrCat(failure.message(), " (after ",
                                          result.totals.documents_done, " of ",
                                          result.totals.documents_sent,
                                          " documents sent were answered)"));
      CopyDetails(failure, annotated);
      return annotated;
    }
    std::this_thread::sleep_for(backoff.NextDelay(failure));
  }
}

}  // namespace

absl::StatusOr<std::unique_ptr<Client>> MakeRemoteClient(
    const Options& options) {
  if (options.ingest_endpoint.empty() || options.query_endpoints.empty()) {
    return absl::InvalidArgumentError(
        "remote options need an ingest_endpoint and at least one "
        "query_endpoint (or set data_dir for the embedded backend)");
  }
  for (size_t i = 0; i < options.query_endpoints.size(); ++i) {
    if (options.query_endpoints[i].empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("query_endpoints[", i, "] is empty"));
    }
  }
  if (!options.tls.enabled && (!options.tls.client_certificate_pem.empty() ||
                               !options.tls.root_certificates_pem.empty())) {
    return absl::InvalidArgumentError(
        "tls certificates are given but tls.enabled is false");
  }
  if (options.tls.client_certificate_pem.empty() !=
      options.tls.client_key_pem.empty()) {
    return absl::InvalidArgumentError(
        "tls: client_certificate_pem and client_key_pem go together");
  }
  if (options.retry.max_attempts < 1) {
    return absl::InvalidArgumentError("retry.max_attempts must be at least 1");
  }
  return std::unique_ptr<Client>(new RemoteClient(options));
}

}  // namespace rapporteur::sdk_internal
