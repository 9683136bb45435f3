#ifndef RAPPORTEUR_LIB_REPLICATION_PARTITION_SHARD_H_
#define RAPPORTEUR_LIB_REPLICATION_PARTITION_SHARD_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/time/time.h"
#include "lib/replication/nats_client.h"
#include "lib/replication/replica_directory.h"
#include "lib/routing/hedging.h"
#include "lib/routing/shard.h"

namespace rapporteur::replication {

struct PartitionShardOptions {
  // Longest wait for one publish's acknowledgement; a publish not
  // acknowledged is sent again with the same message id.
  absl::Duration publish_attempt = absl::Seconds(2);
  // Longest a write takes in all: publishing (across a leader election)
  // and waiting for a replica to apply it.
  absl::Duration write_deadline = absl::Seconds(30);
  // A read that a replica has not answered after the partition's recent
  // p95 latency for that kind of read is sent to the next replica too, and
  // the first answer wins ("The Tail at Scale"): a hung or slow replica
  // costs about that much, not the caller's deadline, at the price of
  // about 5% more reads. The delay is at least `hedge_min_delay`, and
  // `hedge_default_delay` until enough reads were timed.
  absl::Duration hedge_min_delay = absl::Milliseconds(2);
  absl::Duration hedge_default_delay = absl::Milliseconds(50);
};

// One partition of replicated storage, as ingest and query see a shard:
//  - a write goes into the partition's log (its JetStream stream, with the
//    request id as message id, retried with that id until acknowledged by
//    the stream's quorum); then, unless the request waits only for the log,
//    the answer waits until a replica has applied it with a synced WAL
//    (JetStream 2.9 acknowledges before its own fsync) and carries its
//    revision, or the replicas' refusal;
//  - a read goes to one replica serving the partition, hedged to the next
//    when it is slow (see PartitionShardOptions) and failed over to the
//    next at once on UNAVAILABLE and the like; UNAVAILABLE only when none
//    answers. No replica is asked after the thread's CurrentDeadline()
//    (call_scope.h), and every call ends by it.
//
// Thread-safe. Does not own its arguments.
class PartitionShard final : public storage::Shard {
 public:
  PartitionShard(uint32_t partition, NatsClient* nats,
                 ReplicaDirectory* replicas, PartitionShardOptions options);

  std::string Describe() const override;
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
  absl::StatusOr<internal::v1::ListRecordsResponse> ListRecords(
      const internal::v1::ListRecordsRequest& request) override;
  absl::StatusOr<internal::v1::CommitCaseResponse> CommitCase(
      const internal::v1::CommitCaseRequest& request) override;
  absl::StatusOr<internal::v1::ReadCasesResponse> ReadCases(
      const internal::v1::ReadCasesRequest& request) override;
  absl::StatusOr<internal::v1::ReadAuditResponse> ReadAudit(
      const internal::v1::ReadAuditRequest& request) override;
  absl::StatusOr<internal::v1::CollectionStats> GetCollectionStats(
      const internal::v1::GetCollectionStatsRequest& request) override;

 private:
  // Publishes `entry`, a change of `what` (a document or case name, for
  // messages), with message id `message_id` until the log acknowledges it
  // or `deadline` passes. Refused first, appending nothing, when it is over
  // the cluster's max_payload (INVALID_ARGUMENT) or its caller stopped
  // waiting (CheckCallerWaits): once in the log, it will be applied.
  absl::StatusOr<PublishAck> Append(const internal::v1::LogEntry& entry,
                                    absl::string_view what,
                                    const std::string& message_id,
                                    absl::Time deadline);
  // Waits until a replica has applied `sequence`; its outcome for
  // `request_id`, a write of `document` (empty: none).
  absl::StatusOr<internal::v1::AwaitAppliedResponse> AwaitApplied(
      uint64_t sequence, const std::string& request_id,
      const std::string& document, absl::Time deadline);
  // The kinds of read, each with its own latencies.
  enum class ReadKind { kDocument, kParagraph, kSearch, kRecords, kStats };
  static constexpr size_t kReadKinds = 5;

  // Calls `read` on the partition's replicas, hedged, until one answers.
  template <typename Result, typename Read>
  Result ReadFromReplicas(ReadKind kind, Read read);

  const uint32_t partition_;
  NatsClient* const nats_;
  ReplicaDirectory* const replicas_;
  const PartitionShardOptions options_;
  // Latencies of the reads answered, per kind, for the hedge delay.
  std::array<storage::LatencyWindow, kReadKinds> latencies_;
};

}  // namespace rapporteur::replication

#endif  // RAPPORTEUR_LIB_REPLICATION_PARTITION_SHARD_H_
