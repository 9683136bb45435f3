#ifndef RAPPORTEUR_LIB_RPC_REMOTE_SHARD_H_
#define RAPPORTEUR_LIB_RPC_REMOTE_SHARD_H_

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "lib/routing/shard.h"
#include "lib/rpc/channel.h"
#include "lib/rpc/tls.h"
#include "rapporteur/internal/v1/case_store.grpc.pb.h"
#include "rapporteur/internal/v1/shard.grpc.pb.h"

namespace rapporteur::storage {

// A Shard reached over gRPC (the StorageService of rapporteur-storage).
// Every call carries a deadline: the timeout, or the calling thread's
// CurrentDeadline() when sooner (DEADLINE_EXCEEDED then); a shard that is
// down gives UNAVAILABLE. A call made under a Cancellation (call_scope.h)
// ends with CANCELLED when it is cancelled.
// Thread-safe: one channel, shared by all calls.
class RemoteShard final : public Shard {
 public:
  // `address` is HOST:PORT. The channel connects lazily, so a shard that is
  // not up yet is no error until it is called. Plain text, or as
  // `credentials` say (see MakeChannelCredentials in tls.h), checking the
  // shard's certificate against `server_name_override` when not empty.
  RemoteShard(const std::string& address, absl::Duration timeout,
              int max_message_bytes = kInternalMessageBytes);
  RemoteShard(const std::string& address, absl::Duration timeout,
              int max_message_bytes,
              std::shared_ptr<grpc::ChannelCredentials> credentials,
              const std::string& server_name_override);
  // Over an existing channel to `address`, naming `partition` in every call
  // (a replica of replicated storage; -1: none, a single shard).
  RemoteShard(const std::string& address,
              std::shared_ptr<grpc::Channel> channel, absl::Duration timeout,
              int partition);

  std::string Describe() const override;
  // The standard gRPC health check of the shard, with a short deadline.
  absl::Status CheckHealth() override;

  absl::StatusOr<internal::v1::WriteDocumentResponse> WriteDocument(
      const internal::v1::WriteDocumentRequest& request) override;
  absl::StatusOr<v1::Document> GetDocument(
      const v1::GetDocumentRequest& request) override;
  absl::StatusOr<v1::Paragraph> GetParagraph(
      const v1::GetParagraphRequest& request) override;
  absl::Status DeleteDocument(
      const internal::v1::DeleteDocumentRequest& request) override;
  absl::StatusOr<internal::v1::SearchShardResponse> SearchShard(
      const internal::v1::SearchShardRequest& request) override;
  absl::StatusOr<internal::v1::CollectionStats> GetCollectionStats(
      const internal::v1::GetCollectionStatsRequest& request) override;
  absl::StatusOr<internal::v1::ListRecordsResponse> ListRecords(
      const internal::v1::ListRecordsRequest& request) override;
  absl::StatusOr<internal::v1::CommitCaseResponse> CommitCase(
      const internal::v1::CommitCaseRequest& request) override;
  absl::StatusOr<internal::v1::ReadCasesResponse> ReadCases(
      const internal::v1::ReadCasesRequest& request) override;
  absl::StatusOr<internal::v1::ReadAuditResponse> ReadAudit(
      const internal::v1::ReadAuditRequest& request) override;

  // A replica's FetchCheckpoint (see shard.proto): hands each piece to
  // `on_chunk`, stopping at its first error, which it returns.
  absl::Status FetchCheckpoint(
      absl::FunctionRef<absl::Status(const internal::v1::CheckpointChunk&)>
          on_chunk,
      absl::Duration timeout);

  // A replica's AwaitApplied (see shard.proto), answering by `deadline`.
  absl::StatusOr<internal::v1::AwaitAppliedResponse> AwaitApplied(
      const internal::v1::AwaitAppliedRequest& request, absl::Time deadline);

 private:
  // Context with the deadline of one call.
  std::unique_ptr<grpc::ClientContext> NewContext() const;

  const std::string address_;
  const absl::Duration timeout_;
  // What one call carries: a write larger is refused before it is sent.
  const int max_message_bytes_ = kInternalMessageBytes;
  const int partition_ = -1;
  std::unique_ptr<internal::v1::StorageService::Stub> stub_;
  std::unique_ptr<internal::v1::CaseStorageService::Stub> cases_;
  std::unique_ptr<grpc::health::v1::Health::Stub> health_;
};

// How ingest and query reach their shards.
struct ShardConnection {
  // Deadline of each call.
  absl::Duration timeout = absl::Seconds(30);
  int max_message_bytes = kInternalMessageBytes;
  // TLS to the shards, with this service's client certificate when they
  // require mutual TLS (as rapporteur-storage does with TLS on).
  ClientTls tls;
  // Without TLS only loopback shards may be dialed: true allows plain text
  // to any address (see ServerOptions::allow_insecure: a service mesh).
  bool allow_insecure = false;
};

// Remote shards for the addresses of a --storage flag ("HOST:PORT,..."),
// shard 0 first. INVALID_ARGUMENT when the flag is malformed or the TLS
// options incomplete; FAILED_PRECONDITION, naming the address, when a shard
// is not on loopback and neither TLS nor `allow_insecure` is set.
struct RemoteShards {
  std::vector<std::unique_ptr<RemoteShard>> owned;
  std::vector<Shard*> shards;  // the same, as the interface engines take
};
absl::StatusOr<RemoteShards> ConnectShards(absl::string_view storage_flag,
                                           const ShardConnection& connection);

// A channel to the storage process at `address`, as `connection` says;
// FAILED_PRECONDITION as ConnectShards for plain text off loopback.
absl::StatusOr<std::shared_ptr<grpc::Channel>> ConnectStorage(
    const std::string& address, const ShardConnection& connection);

}  // namespace rapporteur::storage

#endif  // RAPPORTEUR_LIB_RPC_REMOTE_SHARD_H_
