#include "lib/rpc/remote_shard.h"

#include <algorithm>
#include <optional>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "lib/base/call_scope.h"
#include "lib/base/error_details.h"
#include "lib/base/request_id.h"
#include "lib/base/status_macros.h"
#include "lib/base/trace_context.h"
#include "lib/routing/shard_list.h"
#include "lib/rpc/channel.h"
#include "lib/rpc/grpc_status.h"

namespace rapporteur::storage {
namespace {

// Says which shard failed: a bare "connection refused" names no address.
absl::Status Annotate(const grpc::Status& status, const std::string& address) {
  absl::Status converted = FromGrpcStatus(status);
  if (converted.ok() || converted.code() != absl::StatusCode::kUnavailable) {
    return converted;
  }
  absl::Status annotated = absl::UnavailableError(absl::StrCat(
      "storage shard ", address, " unavailable: ", converted.message()));
  CopyDetails(converted, annotated);  // a RetryInfo goes on to the client
  return annotated;
}

template <typename Response, typename Call>
absl::StatusOr<Response> Invoke(const std::string& address,
                                std::unique_ptr<grpc::ClientContext> context,
                                Call call) {
  // A hedged read whose twin answered first is cancelled (call_scope.h).
  std::optional<Cancellation::Registration> cancel;
  if (Cancellation* cancellation = CurrentCancellation();
      cancellation != nullptr) {
    cancel.emplace(
        cancellation->OnCancel([raw = context.get()] { raw->TryCancel(); }));
  }
  Response response;
  grpc::Status status = call(context.get(), &response);
  cancel.reset();  // before the context goes
  if (!status.ok()) {
    return Annotate(status, address);
  }
  return response;
}

}  // namespace

RemoteShard::RemoteShard(const std::string& address, absl::Duration timeout,
                         int max_message_bytes)
    : RemoteShard(address, timeout, max_message_bytes,
                  grpc::InsecureChannelCredentials(), "") {}

RemoteShard::RemoteShard(const std::string& address, absl::Duration timeout,
                         int max_message_bytes,
                         std::shared_ptr<grpc::ChannelCredentials> credentials,
                         const std::string& server_name_override)
    : address_(address),
      timeout_(timeout),
      max_message_bytes_(max_message_bytes) {
  std::shared_ptr<grpc::Channel> channel = MakeChannel(
      address, std::move(credentials), max_message_bytes, server_name_override);
  stub_ = internal::v1::StorageService::NewStub(channel);
  cases_ = internal::v1::CaseStorageService::NewStub(channel);
  health_ = grpc::health::v1::Health::NewStub(channel);
}

RemoteShard::RemoteShard(const std::string& address,
                         std::shared_ptr<grpc::Channel> channel,
                         absl::Duration timeout, int partition)
    : address_(address), timeout_(timeout), partition_(partition) {
  stub_ = internal::v1::StorageService::NewStub(channel);
  cases_ = internal::v1::CaseStorageService::NewStub(channel);
  health_ = grpc::health::v1::Health::NewStub(channel);
}

std::string RemoteShard::Describe() const {
  return partition_ < 0
             ? address_
             : absl::StrCat(address_, " (partition ", partition_, ")");
}

absl::Status RemoteShard::CheckHealth() {
  grpc::ClientContext context;
  // Short: a probe must tell quickly, whatever the calls' deadline.
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(2)));
  grpc::health::v1::HealthCheckRequest request;
  grpc::health::v1::HealthCheckResponse response;
  const grpc::Status status = health_->Check(&context, request, &response);
  if (!status.ok()) {
    return Annotate(status, address_);
  }
  if (response.status() != grpc::health::v1::HealthCheckResponse::SERVING) {
    return absl::UnavailableError(
        absl::StrCat("storage shard ", address_, " is not serving"));
  }
  return absl::OkStatus();
}

std::unique_ptr<grpc::ClientContext> RemoteShard::NewContext() const {
  auto context = std::make_unique<grpc::ClientContext>();
  // The caller's deadline when it is sooner: a shard that hangs costs the
  // time the caller gave, not the whole timeout.
  context->set_deadline(
      absl::ToChronoTime(std::min(absl::Now() + timeout_, CurrentDeadline())));
  if (!CurrentRequestId().empty()) {
    context->AddMetadata(kRequestIdKey, std::string(CurrentRequestId()));
  }
  // This hop's span becomes the parent of storage's.
  if (const TraceContext& trace = CurrentTraceContext(); !trace.empty()) {
    context->AddMetadata(kTraceparentKey, trace.ToTraceparent());
  }
  if (partition_ >= 0) {
    context->AddMetadata(kPartitionMetadataKey, absl::StrCat(partition_));
  }
  return context;
}

absl::Status RemoteShard::FetchCheckpoint(
    absl::FunctionRef<absl::Status(const internal::v1::CheckpointChunk&)>
        on_chunk,
    absl::Duration timeout) {
  std::unique_ptr<grpc::ClientContext> context = NewContext();
  context->set_deadline(absl::ToChronoTime(absl::Now() + timeout));
  std::unique_ptr<grpc::ClientReader<internal::v1::CheckpointChunk>> reader =
      stub_->FetchCheckpoint(context.get(),
                             internal::v1::FetchCheckpointRequest());
  internal::v1::CheckpointChunk chunk;
  absl::Status handled;
  while (handled.ok() && reader->Read(&chunk)) {
    handled = on_chunk(chunk);
  }
  if (!handled.ok()) {
    context->TryCancel();
  }
  const grpc::Status finished = reader->Finish();
  if (!handled.ok()) {
    return handled;
  }
  return Annotate(finished, address_);
}

absl::StatusOr<internal::v1::AwaitAppliedResponse> RemoteShard::AwaitApplied(
    const internal::v1::AwaitAppliedRequest& request, absl::Time deadline) {
  std::unique_ptr<grpc::ClientContext> context = NewContext();
  context->set_deadline(absl::ToChronoTime(deadline));
  return Invoke<internal::v1::AwaitAppliedResponse>(
      address_, std::move(context), [&](grpc::ClientContext* c, auto* r) {
        return stub_->AwaitApplied(c, request, r);
      });
}

absl::StatusOr<internal::v1::WriteDocumentResponse> RemoteShard::WriteDocument(
    const internal::v1::WriteDocumentRequest& request) {
  // Refused here, at once and with the real limit, rather than by the
  // transport after the bytes were sent.
  const size_t size = request.ByteSizeLong();
  if (size > static_cast<size_t>(max_message_bytes_)) {
    // No RetryInfo: the same document would be refused again.
    absl::Status too_large = absl::ResourceExhaustedError(
        absl::StrCat("the document's write to storage at ", address_, " is ",
                     size, " bytes, over the ", max_message_bytes_,
                     " bytes one call to storage carries; split the document"));
    AddFieldViolation(too_large, "source.content",
                      "the document is too large for one write to storage");
    SetErrorReason(too_large, "DOCUMENT_TOO_LARGE");
    return too_large;
  }
  return Invoke<internal::v1::WriteDocumentResponse>(
      address_, NewContext(), [&](grpc::ClientContext* c, auto* r) {
        return stub_->WriteDocument(c, request, r);
      });
}

absl::StatusOr<v1::Document> RemoteShard::GetDocument(
    const v1::GetDocumentRequest& request) {
  return Invoke<v1::Document>(address_, NewContext(),
                              [&](grpc::ClientContext* c, auto* r) {
                                return stub_->GetDocument(c, request, r);
                              });
}

absl::StatusOr<v1::Paragraph> RemoteShard::GetParagraph(
    const v1::GetParagraphRequest& request) {
  return Invoke<v1::Paragraph>(address_, NewContext(),
                               [&](grpc::ClientContext* c, auto* r) {
                                 return stub_->GetParagraph(c, request, r);
                               });
}

absl::Status RemoteShard::DeleteDocument(
    const internal::v1::DeleteDocumentRequest& request) {
  return Invoke<google::protobuf::Empty>(address_, NewContext(),
                                         [&](grpc::ClientContext* c, auto* r) {
                                           return stub_->DeleteDocument(
                                               c, request, r);
                                         })
      .status();
}

absl::StatusOr<internal::v1::SearchShardResponse> RemoteShard::SearchShard(
    const internal::v1::SearchShardRequest& request) {
  return Invoke<internal::v1::SearchShardResponse>(
      address_, NewContext(), [&](grpc::ClientContext* c, auto* r) {
        return stub_->SearchShard(c, request, r);
      });
}

absl::StatusOr<internal::v1::CollectionStats> RemoteShard::GetCollectionStats(
    const internal::v1::GetCollectionStatsRequest& request) {
  return Invoke<internal::v1::CollectionStats>(
      address_, NewContext(), [&](grpc::ClientContext* c, auto* r) {
        return stub_->GetCollectionStats(c, request, r);
      });
}

absl::StatusOr<internal::v1::ListRecordsResponse> RemoteShard::ListRecords(
    const internal::v1::ListRecordsRequest& request) {
  return Invoke<internal::v1::ListRecordsResponse>(
      address_, NewContext(), [&](grpc::ClientContext* c, auto* r) {
        return stub_->ListRecords(c, request, r);
      });
}

absl::StatusOr<internal::v1::CommitCaseResponse> RemoteShard::CommitCase(
    const internal::v1::CommitCaseRequest& request) {
  return Invoke<internal::v1::CommitCaseResponse>(
      address_, NewContext(), [&](grpc::ClientContext* c, auto* r) {
        return cases_->CommitCase(c, request, r);
      });
}

absl::StatusOr<internal::v1::ReadCasesResponse> RemoteShard::ReadCases(
    const internal::v1::ReadCasesRequest& request) {
  return Invoke<internal::v1::ReadCasesResponse>(
      address_, NewContext(), [&](grpc::ClientContext* c, auto* r) {
        return cases_->ReadCases(c, request, r);
      });
}

absl::StatusOr<internal::v1::ReadAuditResponse> RemoteShard::ReadAudit(
    const internal::v1::ReadAuditRequest& request) {
  return Invoke<internal::v1::ReadAuditResponse>(
      address_, NewContext(), [&](grpc::ClientContext* c, auto* r) {
        return cases_->ReadAudit(c, request, r);
      });
}

namespace {

absl::Status CheckPlainText(const std::string& address,
                            const ShardConnection& connection) {
  if (!connection.tls.enabled && !connection.allow_insecure &&
      !IsLoopbackAddress(address)) {
    return absl::FailedPreconditionError(absl::StrCat(
        "refusing to reach storage shard ", address,
        " in plain text, as it is not a loopback address: give "
        "--storage_tls_ca_file (and --storage_tls_cert_file and "
        "--storage_tls_key_file for shards requiring mutual TLS), or "
        "--allow_insecure when something else encrypts the traffic (a "
        "service mesh)"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::shared_ptr<grpc::Channel>> ConnectStorage(
    const std::string& address, const ShardConnection& connection) {
  ABSL_RETURN_IF_ERROR(CheckPlainText(address, connection));
  ABSL_ASSIGN_OR_RETURN(std::shared_ptr<grpc::ChannelCredentials> credentials,
                        MakeChannelCredentials(connection.tls));
  return MakeChannel(address, std::move(credentials),
                     connection.max_message_bytes,
                     connection.tls.server_name_override);
}

absl::StatusOr<RemoteShards> ConnectShards(absl::string_view storage_flag,
                                           const ShardConnection& connection) {
  ABSL_ASSIGN_OR_RETURN(std::vector<std::string> addresses,
                        ParseShardList(storage_flag));
  for (const std::string& address : addresses) {
    ABSL_RETURN_IF_ERROR(CheckPlainText(address, connection));
  }
  ABSL_ASSIGN_OR_RETURN(std::shared_ptr<grpc::ChannelCredentials> credentials,
                        MakeChannelCredentials(connection.tls));
  RemoteShards remote;
  for (const std::string& address : addresses) {
    remote.owned.push_back(std::make_unique<RemoteShard>(
        address, connection.timeout, connection.max_message_bytes, credentials,
        connection.tls.server_name_override));
    remote.shards.push_back(remote.owned.back().get());
  }
  return remote;
}

}  // namespace rapporteur::storage
