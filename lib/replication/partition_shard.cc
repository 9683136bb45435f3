#include "lib/replication/partition_shard.h"

#include <google/protobuf/util/time_util.h>

#include <algorithm>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/random/random.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "lib/base/call_scope.h"
#include "lib/base/log.h"
#include "lib/base/status_macros.h"
#include "lib/replication/log_layout.h"
#include "lib/rpc/remote_shard.h"

namespace rapporteur::replication {
namespace {

// Errors after which another replica, or a later attempt, may succeed.
bool IsRetryable(const absl::Status& status) {
  switch (status.code()) {
    case absl::StatusCode::kUnavailable:
    case absl::StatusCode::kDeadlineExceeded:
    case absl::StatusCode::kResourceExhausted:
    case absl::StatusCode::kAborted:
    case absl::StatusCode::kCancelled:
      return true;
    default:
      return false;
  }
}

constexpr absl::Duration kRetryPause = absl::Milliseconds(100);

// A request id for a write that came without one, so that its publish
// retries are deduplicated and its outcome can be looked up.
std::string NewWriteId() {
  static absl::BitGen* bits = new absl::BitGen();
  static Mutex* mu = new Mutex();
  MutexLock lock(mu);
  return absl::StrCat("w-", absl::Hex(absl::Uniform<uint64_t>(*bits)),
                      absl::Hex(absl::Uniform<uint64_t>(*bits)));
}

}  // namespace

PartitionShard::PartitionShard(uint32_t partition, NatsClient* nats,
                               ReplicaDirectory* replicas,
                               PartitionShardOptions options)
    : partition_(partition),
      nats_(nats),
      replicas_(replicas),
      options_(options) {}

std::string PartitionShard::Describe() const {
  return absl::StrCat("partition ", partition_);
}

absl::Status PartitionShard::CheckHealth() {
  absl::Status last = absl::UnavailableError(
      absl::StrCat("partition ", partition_, " has no replica"));
  for (storage::RemoteShard* replica : replicas_->Candidates(partition_)) {
    last = replica->CheckHealth();
    if (last.ok()) {
      return last;
    }
  }
  return last;
}

absl::StatusOr<PublishAck> PartitionShard::Append(
    const internal::v1::LogEntry& entry, absl::string_view what,
    const std::string& message_id, absl::Time deadline) {
  const size_t size = entry.ByteSizeLong();
  const int64_t max_payload = nats_->max_payload();
  if (max_payload > 0 && size > static_cast<size_t>(max_payload)) {
    return absl::InvalidArgumentError(
        absl::StrCat(what, " makes a log entry of ", size,
                     " bytes; the JetStream cluster takes at most ",
                     max_payload, " (raise max_payload in its configuration)"));
  }
  ABSL_RETURN_IF_ERROR(CheckCallerWaits("the change entered the log"));
  const std::string data = entry.SerializeAsString();
  const std::string subject = SubjectOf(partition_);
  absl::Status last;
  int attempts = 0;
  while (true) {
    const absl::Duration left = deadline - absl::Now();
    if (left <= absl::ZeroDuration()) {
      break;
    }
    ++attempts;
    absl::StatusOr<PublishAck> ack = nats_->Publish(
        subject, data, message_id, std::min(left, options_.publish_attempt));
    if (ack.ok()) {
      return ack;
    }
    last = ack.status();
    if (!IsRetryable(last)) {
      return last;
    }
    std::this_thread::sleep_for(absl::ToChronoNanoseconds(kRetryPause));
  }
  return absl::UnavailableError(
      absl::StrCat("the log of partition ", partition_,
                   " did not acknowledge the write in ", attempts,
                   " attempts before the deadline (is a majority of the "
                   "JetStream cluster up?): ",
                   last.message()));
}

absl::StatusOr<internal::v1::AwaitAppliedResponse> PartitionShard::AwaitApplied(
    uint64_t sequence, const std::string& request_id,
    const std::string& document, absl::Time deadline) {
  internal::v1::AwaitAppliedRequest request;
  request.set_sequence(sequence);
  request.set_request_id(request_id);
  request.set_document(document);
  absl::Status last = absl::UnavailableError("no replica serves it");
  while (absl::Now() < deadline) {
    for (storage::RemoteShard* replica : replicas_->Candidates(partition_)) {
      // Short turns, so that a replica that died is left for another.
      absl::StatusOr<internal::v1::AwaitAppliedResponse> applied =
          replica->AwaitApplied(
              request, std::min(deadline, absl::Now() + absl::Seconds(2)));
      if (applied.ok()) {
        return applied;
      }
      last = applied.status();
      if (!IsRetryable(last)) {
        return last;
      }
      if (absl::Now() >= deadline) {
        break;
      }
    }
    std::this_thread::sleep_for(absl::ToChronoNanoseconds(kRetryPause));
    (void)replicas_->Refresh();  // a replica may have a new address
  }
  return absl::UnavailableError(absl::StrCat(
      "the write is in the log of partition ", partition_, " at ", sequence,
      " and will be applied, but no replica applied it before the deadline: ",
      last.message()));
}

absl::StatusOr<internal::v1::WriteDocumentResponse>
PartitionShard::WriteDocument(
    const internal::v1::WriteDocumentRequest& request) {
  const absl::Time deadline = absl::Now() + options_.write_deadline;
  internal::v1::LogEntry entry;
  internal::v1::WriteDocumentRequest* write = entry.mutable_write();
  *write = request;
  write->clear_wait();
  if (write->request_id().empty()) {
    write->set_request_id(NewWriteId());
  }
  if (!write->has_commit_time()) {
    *write->mutable_commit_time() =
        google::protobuf::util::TimeUtil::GetCurrentTime();
  }
  // The message id names the document too: a request id reused for
  // another document must reach the replicas, which refuse it, rather than
  // be dropped by the stream as a repeat.
  ABSL_ASSIGN_OR_RETURN(
      PublishAck ack,
      Append(entry, write->document().name(),
             absl::StrCat(write->request_id(), "@", write->document().name()),
             deadline));
  internal::v1::WriteDocumentResponse response;
  response.set_partition(partition_);
  response.set_log_sequence(ack.sequence);
  if (request.wait() == internal::v1::WRITE_WAIT_LOG) {
    return response;
  }
  ABSL_ASSIGN_OR_RETURN(internal::v1::AwaitAppliedResponse applied,
                        AwaitApplied(ack.sequence, write->request_id(),
                                     write->document().name(), deadline));
  if (applied.code() != 0) {
    return absl::Status(static_cast<absl::StatusCode>(applied.code()),
                        applied.message());
  }
  response.set_revision(applied.written().revision());
  response.set_replaced_revision(applied.written().replaced_revision());
  return response;
}

absl::Status PartitionShard::DeleteDocument(
    const internal::v1::DeleteDocumentRequest& request) {
  const absl::Time deadline = absl::Now() + options_.write_deadline;
  internal::v1::LogEntry entry;
  *entry.mutable_delete_() = request;
  const std::string id = NewWriteId();
  ABSL_ASSIGN_OR_RETURN(PublishAck ack,
                        Append(entry, request.name(), id, deadline));
  return AwaitApplied(ack.sequence, "", "", deadline).status();
}

absl::StatusOr<internal::v1::CommitCaseResponse> PartitionShard::CommitCase(
    const internal::v1::CommitCaseRequest& request) {
  const absl::Time deadline = absl::Now() + options_.write_deadline;
  internal::v1::LogEntry entry;
  internal::v1::CommitCaseRequest* commit = entry.mutable_commit_case();
  *commit = request;
  if (commit->request_id().empty()) {
    commit->set_request_id(NewWriteId());
  }
  ABSL_ASSIGN_OR_RETURN(
      PublishAck ack,
      Append(entry, commit->name().empty() ? "audit entries" : commit->name(),
             absl::StrCat(commit->request_id(), "@", commit->name()),
             deadline));
  ABSL_ASSIGN_OR_RETURN(internal::v1::AwaitAppliedResponse applied,
                        AwaitApplied(ack.sequence, commit->request_id(),
                                     commit->name(), deadline));
  if (applied.code() != 0) {
    return absl::Status(static_cast<absl::StatusCode>(applied.code()),
                        applied.message());
  }
  internal::v1::CommitCaseResponse response;
  response.set_revision(applied.written().revision());
  return response;
}

template <typename Result, typename Read>
Result PartitionShard::ReadFromReplicas(ReadKind kind, Read read) {
  storage::LatencyWindow& latencies = latencies_[static_cast<size_t>(kind)];
  const absl::Duration hedge_delay =
      std::max(options_.hedge_min_delay,
               latencies.Quantile(0.95, options_.hedge_default_delay));
  std::vector<std::string> errors;
  // A second round after rereading the shard map: replicas that restarted
  // publish their new addresses there.
  for (int round = 0; round < 2; ++round) {
    if (round == 1 &&
        (absl::Now() >= CurrentDeadline() || !replicas_->Refresh().ok())) {
      break;
    }
    errors.clear();
    const std::vector<storage::RemoteShard*> replicas =
        replicas_->Candidates(partition_);
    storage::HedgedOutcome outcome;
    Result result = storage::HedgedRead<Result>(
        replicas.size(), hedge_delay,
        [&](size_t i) { return read(replicas[i]); }, IsRetryable, &outcome);
    if (outcome.winner >= 0) {
      if (result.ok()) {
        latencies.Add(outcome.latency);
      }
      return result;
    }
    for (const absl::Status& failure : outcome.failures) {
      errors.push_back(std::string(failure.message()));
    }
  }
  if (errors.empty()) {
    return absl::UnavailableError(
        absl::StrCat("partition ", partition_, " has no replica"));
  }
  return absl::UnavailableError(
      absl::StrCat("no replica of partition ", partition_,
                   " answered: ", absl::StrJoin(errors, "; ")));
}

absl::StatusOr<v1::Document> PartitionShard::GetDocument(
    const v1::GetDocumentRequest& request) {
  return ReadFromReplicas<absl::StatusOr<v1::Document>>(
      ReadKind::kDocument,
      [&](storage::RemoteShard* r) { return r->GetDocument(request); });
}

absl::StatusOr<v1::Paragraph> PartitionShard::GetParagraph(
    const v1::GetParagraphRequest& request) {
  return ReadFromReplicas<absl::StatusOr<v1::Paragraph>>(
      ReadKind::kParagraph,
      [&](storage::RemoteShard* r) { return r->GetParagraph(request); });
}

absl::StatusOr<internal::v1::SearchShardResponse> PartitionShard::SearchShard(
    const internal::v1::SearchShardRequest& request) {
  return ReadFromReplicas<absl::StatusOr<internal::v1::SearchShardResponse>>(
      ReadKind::kSearch,
      [&](storage::RemoteShard* r) { return r->SearchShard(request); });
}

absl::StatusOr<internal::v1::ListRecordsResponse> PartitionShard::ListRecords(
    const internal::v1::ListRecordsRequest& request) {
  return ReadFromReplicas<absl::StatusOr<internal::v1::ListRecordsResponse>>(
      ReadKind::kRecords,
      [&](storage::RemoteShard* r) { return r->ListRecords(request); });
}

absl::StatusOr<internal::v1::CollectionStats>
PartitionShard::GetCollectionStats(
    const internal::v1::GetCollectionStatsRequest& request) {
  return ReadFromReplicas<absl::StatusOr<internal::v1::CollectionStats>>(
      ReadKind::kStats,
      [&](storage::RemoteShard* r) { return r->GetCollectionStats(request); });
}

absl::StatusOr<internal::v1::ReadCasesResponse> PartitionShard::ReadCases(
    const internal::v1::ReadCasesRequest& request) {
  return ReadFromReplicas<absl::StatusOr<internal::v1::ReadCasesResponse>>(
      ReadKind::kRecords,
      [&](storage::RemoteShard* r) { return r->ReadCases(request); });
}

absl::StatusOr<internal::v1::ReadAuditResponse> PartitionShard::ReadAudit(
    const internal::v1::ReadAuditRequest& request) {
  return ReadFromReplicas<absl::StatusOr<internal::v1::ReadAuditResponse>>(
      ReadKind::kRecords,
      [&](storage::RemoteShard* r) { return r->ReadAudit(request); });
}

}  // namespace rapporteur::replication
