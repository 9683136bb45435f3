#include "lib/replication/partition_applier.h"

#include <nats/nats.h>

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "lib/base/log.h"
#include "lib/replication/log_layout.h"
#include "rapporteur/internal/v1/replication.pb.h"

namespace rapporteur::replication {
namespace {

// How long to wait for a message before checking on the stream: it bounds
// how late a stop or a stalled consumer is noticed.
constexpr int64_t kPollMillis = 250;
// A consumer that delivers nothing while the stream holds more than the
// replica applied for this long is replaced (e.g. after its JetStream
// server died and the client did not notice).
constexpr absl::Duration kStallTimeout = absl::Seconds(3);
// Between attempts after an error.
constexpr absl::Duration kRetryPause = absl::Milliseconds(500);

}  // namespace

PartitionApplier::PartitionApplier(uint32_t partition, storage::Store* store,
                                   NatsClient* nats)
    : partition_(partition), store_(store), nats_(nats) {}

void PartitionApplier::Start() {
  thread_ = std::thread([this] { Run(); });
}

void PartitionApplier::Stop() {
  stopping_.store(true, std::memory_order_release);
  {
    MutexLock lock(&mu_);
    applied_changed_.notify_all();
  }
  if (thread_.joinable()) {
    thread_.join();
  }
}

std::string PartitionApplier::state() const {
  MutexLock lock(&mu_);
  return state_;
}

void PartitionApplier::SetState(std::string state) {
  MutexLock lock(&mu_);
  if (state != state_) {
    LogInfo("partition state",
            {{"partition", absl::StrCat(partition_)}, {"state", state}});
    state_ = std::move(state);
  }
}

bool PartitionApplier::AwaitApplied(uint64_t sequence, absl::Time deadline) {
  MutexLock lock(&mu_);
  return mu_.AwaitUntil(applied_changed_, deadline, [&] {
    return store_->AppliedSequence() >= sequence ||
           stopping_.load(std::memory_order_acquire);
  }) && store_->AppliedSequence() >= sequence;
}

void PartitionApplier::Pause(absl::Duration d) {
  MutexLock lock(&mu_);
  mu_.AwaitUntil(applied_changed_, absl::Now() + d,
                 [&] { return stopping_.load(std::memory_order_acquire); });
}

void PartitionApplier::StopServing(std::string why) {
  // Its data cannot be brought up to date from here: reads go elsewhere.
  serving_.store(false, std::memory_order_release);
  SetState(std::move(why));
  Pause(absl::Seconds(1));
}

void PartitionApplier::MarkServingIfCaughtUp(uint64_t stream_last) {
  if (!serving() && store_->AppliedSequence() >= stream_last) {
    serving_.store(true, std::memory_order_release);
    SetState("serving");
  }
}

void PartitionApplier::Run() {
  const std::string stream = StreamName(partition_);
  while (!stopping_.load(std::memory_order_acquire)) {
    absl::StatusOr<StreamState> stream_state = nats_->GetStreamState(stream);
    if (!stream_state.ok()) {
      SetState(absl::StrCat("waiting for the log: ",
                            stream_state.status().message()));
      Pause(kRetryPause);
      continue;
    }
    const absl::Status bound =
        store_->BindLog(absl::StrCat(stream, "@", stream_state->created));
    if (!bound.ok()) {
      StopServing(absl::StrCat("diverged: ", bound.message()));
      continue;
    }
    const uint64_t applied = store_->AppliedSequence();
    if (stream_state->last_sequence > applied &&
        stream_state->first_sequence > applied + 1) {
      // Compaction removed entries this replica never applied.
      needs_checkpoint_.store(true, std::memory_order_release);
      StopServing(absl::StrCat("needs a checkpoint: the log starts at ",
                               stream_state->first_sequence,
                               " and this replica applied up to ", applied));
      continue;
    }
    if (stream_state->last_sequence < applied) {
      // The stream lost entries this replica holds.
      StopServing(absl::StrCat("diverged: the log ends at ",
                               stream_state->last_sequence,
                               " but this replica applied up to ", applied));
      continue;
    }
    if (!serving()) {
      SetState(absl::StrCat("catching up: applied ", applied, " of ",
                            stream_state->last_sequence));
    }
    MarkServingIfCaughtUp(stream_state->last_sequence);
    uint64_t last_known = stream_state->last_sequence;
    ApplyFromStream(&last_known);
  }
}

void PartitionApplier::ApplyFromStream(uint64_t* last_known) {
  const std::string stream = StreamName(partition_);
  const std::string subject = SubjectOf(partition_);
  const uint64_t start = store_->AppliedSequence() + 1;
  jsSubOptions options;
  jsSubOptions_Init(&options);
  options.Stream = stream.c_str();
  options.Ordered = true;
  options.Config.DeliverPolicy = js_DeliverByStartSequence;
  options.Config.OptStartSeq = start;
  natsSubscription* subscription = nullptr;
  jsErrCode error = static_cast<jsErrCode>(0);
  natsStatus s = js_SubscribeSync(&subscription, nats_->jetstream(),
                                  subject.c_str(), nullptr, &options, &error);
  if (s != NATS_OK) {
    SetState(absl::StrCat(
        "waiting for the log: ",
        NatsError(s, error, "subscribing to " + stream).message()));
    Pause(kRetryPause);
    return;
  }
  absl::Time last_progress = absl::Now();
  while (!stopping_.load(std::memory_order_acquire)) {
    natsMsg* message = nullptr;
    s = natsSubscription_NextMsg(&message, subscription, kPollMillis);
    if (s == NATS_TIMEOUT) {
      if (absl::Now() - last_progress < kStallTimeout) {
        continue;
      }
      absl::StatusOr<StreamState> state = nats_->GetStreamState(stream);
      last_progress = absl::Now();
      if (!state.ok()) {
        continue;
      }
      *last_known = state->last_sequence;
      MarkServingIfCaughtUp(state->last_sequence);
      if (state->last_sequence > store_->AppliedSequence()) {
        break;  // stalled: subscribe again
      }
      continue;
    }
    if (s != NATS_OK) {
      SetState(
          absl::StrCat("reading the log: ", NatsError(s, 0, stream).message()));
      Pause(kRetryPause);
      break;
    }
    jsMsgMetaData* meta = nullptr;
    if (natsMsg_GetMetaData(&meta, message) != NATS_OK) {
      natsMsg_Destroy(message);  // not a stream message
      continue;
    }
    const uint64_t sequence = meta->Sequence.Stream;
    jsMsgMetaData_Destroy(meta);
    const uint64_t applied = store_->AppliedSequence();
    if (sequence <= applied) {
      natsMsg_Destroy(message);
      continue;
    }
    if (sequence != applied + 1) {
      // A gap: entries were purged, or the consumer skipped; Run() tells.
      natsMsg_Destroy(message);
      break;
    }
    internal::v1::LogEntry entry;
    const bool parsed = entry.ParseFromArray(natsMsg_GetData(message),
                                             natsMsg_GetDataLength(message));
    natsMsg_Destroy(message);
    absl::Status status =
        parsed ? store_->ApplyLogEntry(entry, sequence)
               : store_->ApplyLogEntry(internal::v1::LogEntry(), sequence);
    if (!status.ok()) {
      SetState(
          absl::StrCat("applying entry ", sequence, ": ", status.message()));
      Pause(kRetryPause);
      break;
    }
    last_progress = absl::Now();
    {
      MutexLock lock(&mu_);
      applied_changed_.notify_all();
    }
    if (sequence >= *last_known) {
      MarkServingIfCaughtUp(*last_known);
    }
  }
  natsSubscription_Unsubscribe(subscription);
  natsSubscription_Destroy(subscription);
}

}  // namespace rapporteur::replication
