#include "services/query/hit_stream.h"

#include <utility>

#include "lib/rpc/grpc_status.h"
#include "lib/rpc/inflight.h"

namespace rapporteur::query {

HitStream::HitStream(grpc::CallbackServerContext* context,
                     const QueryEngine* engine, Executor* executor,
                     TokenStore* tokens,
                     const v1::StreamSearchRequest* request) {
  InflightCalls::Started();
  if (tokens != nullptr) {
    absl::Status allowed = tokens->Authorize(context, Permission::kRead);
    if (!allowed.ok()) {
      Finish(ToGrpcStatus(allowed));
      return;
    }
  }
  const bool accepted = executor->TrySubmit([this, engine, request] {
    const absl::Status status = engine->StreamSearch(
        *request, [this](v1::SearchHit hit) { return Send(std::move(hit)); });
    Finish(ToGrpcStatus(status));  // the last use of this
  });
  if (!accepted) {
    Finish(grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                        "server busy: too many calls queued"));
  }
}

bool HitStream::Send(v1::SearchHit hit) {
  MutexLock lock(&mu_);
  if (cancelled_ || !write_ok_) {
    return false;
  }
  *current_.mutable_hit() = std::move(hit);
  writing_ = true;
  StartWrite(&current_);
  // gRPC always reports the write done (not ok when cancelled), so the
  // message outlives it and Finish never races a write.
  mu_.Await(changed_,
            [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return !writing_; });
  return write_ok_ && !cancelled_;
}

void HitStream::OnWriteDone(bool ok) {
  MutexLock lock(&mu_);
  writing_ = false;
  write_ok_ = ok;
  changed_.notify_all();
}

void HitStream::OnCancel() {
  MutexLock lock(&mu_);
  cancelled_ = true;
  changed_.notify_all();
}

void HitStream::OnDone() {
  InflightCalls::Finished();
  delete this;
}

}  // namespace rapporteur::query
