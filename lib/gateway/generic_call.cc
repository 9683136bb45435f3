#include "lib/gateway/generic_call.h"

#include <utility>
#include <vector>

namespace rapporteur::gateway {
namespace {

grpc::ByteBuffer ToBuffer(const std::string& bytes) {
  grpc::Slice slice(bytes);
  return grpc::ByteBuffer(&slice, 1);
}

std::string FromBuffer(const grpc::ByteBuffer& buffer) {
  std::vector<grpc::Slice> slices;
  std::string bytes;
  if (!buffer.Dump(&slices).ok()) return bytes;
  bytes.reserve(buffer.Length());
  for (const grpc::Slice& slice : slices) {
    bytes.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
  }
  return bytes;
}

}  // namespace

GenericCall::GenericCall(const std::shared_ptr<grpc::Channel>& channel,
                         const std::string& method_path,
                         std::unique_ptr<grpc::ClientContext> context)
    : context_(std::move(context)), stub_(channel) {
  call_ = stub_.PrepareCall(context_.get(), method_path, &queue_);
  call_->StartCall(reinterpret_cast<void*>(kStart));
  Tag tag;
  bool ok;
  // Only the start is in flight; a failed start shows in Finish().
  Next(&tag, &ok);
  if (!ok) writes_failed_ = true;
}

GenericCall::~GenericCall() {
  if (!finished_) {
    context_->TryCancel();
    Finish();
  }
  queue_.Shutdown();
  void* tag;
  bool ok;
  while (queue_.Next(&tag, &ok)) {
  }
}

void GenericCall::Send(std::string request) {
  outbox_.push_back(std::move(request));
}

void GenericCall::CloseSend() { send_closed_ = true; }

bool GenericCall::Next(Tag* tag, bool* ok) {
  void* raw;
  if (!queue_.Next(&raw, ok)) return false;
  *tag = static_cast<Tag>(reinterpret_cast<intptr_t>(raw));
  if (*tag == kWrite) {
    write_in_flight_ = false;
    if (!*ok) writes_failed_ = true;
  } else if (*tag == kRead) {
    read_in_flight_ = false;
  }
  return true;
}

void GenericCall::StartWriteIfIdle() {
  if (write_in_flight_ || half_closed_) return;
  if (writes_failed_) {
    // The server will not read more; what is queued cannot be sent.
    outbox_.clear();
    return;
  }
  if (!outbox_.empty()) {
    writing_ = ToBuffer(outbox_.front());
    outbox_.pop_front();
    call_->Write(writing_, reinterpret_cast<void*>(kWrite));
    write_in_flight_ = true;
  } else if (send_closed_) {
    call_->WritesDone(reinterpret_cast<void*>(kWrite));
    write_in_flight_ = true;
    half_closed_ = true;
  }
}

bool GenericCall::Read(std::string* response) {
  if (finished_) return false;
  call_->Read(&reading_, reinterpret_cast<void*>(kRead));
  read_in_flight_ = true;
  bool read_ok = false;
  while (read_in_flight_) {
    StartWriteIfIdle();
    Tag tag;
    bool ok;
    if (!Next(&tag, &ok)) return false;
    if (tag == kRead) read_ok = ok;
  }
  if (!read_ok) return false;
  *response = FromBuffer(reading_);
  return true;
}

grpc::Status GenericCall::Finish() {
  if (finished_) return status_;
  // Finish waits for the operations in flight first: gRPC completes each
  // one, with ok false once the call is over.
  while (write_in_flight_ || read_in_flight_) {
    Tag tag;
    bool ok;
    if (!Next(&tag, &ok)) break;
  }
  call_->Finish(&status_, reinterpret_cast<void*>(kFinish));
  Tag tag = kStart;
  bool ok;
  while (tag != kFinish && Next(&tag, &ok)) {
  }
  finished_ = true;
  return status_;
}

}  // namespace rapporteur::gateway
