#ifndef RAPPORTEUR_LIB_GATEWAY_GENERIC_CALL_H_
#define RAPPORTEUR_LIB_GATEWAY_GENERIC_CALL_H_

#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

#include <deque>
#include <memory>
#include <string>

namespace rapporteur::gateway {

// One call of any method, messages as serialized bytes, through
// grpc::GenericStub on a completion queue of its own. Unary,
// server-streaming and bidirectional methods are one on the wire: queue the
// requests (Send, CloseSend), read the responses (Read), then Finish().
// Read() keeps sending queued requests while it waits, so a bidirectional
// call never stalls on flow control. Driven by one thread at a time.
class GenericCall {
 public:
  // Starts `method_path` ("/rapporteur.v1.QueryService/Search") on
  // `channel`; `context` carries the deadline and metadata.
  GenericCall(const std::shared_ptr<grpc::Channel>& channel,
              const std::string& method_path,
              std::unique_ptr<grpc::ClientContext> context);
  // Cancels a call not finished, and waits for its operations.
  ~GenericCall();
  GenericCall(const GenericCall&) = delete;
  GenericCall& operator=(const GenericCall&) = delete;

  // Queues a request; sent by Read().
  void Send(std::string request);
  // No request follows the queued ones.
  void CloseSend();

  // The next response; false at the end of the stream or on failure (then
  // Finish() says which).
  bool Read(std::string* response);

  // The call's status, once Read() returned false (or to give up early).
  grpc::Status Finish();

  // Cancels the call (the client left); Read() then returns false.
  void Cancel() { context_->TryCancel(); }

  grpc::ClientContext& context() { return *context_; }

 private:
  enum Tag : intptr_t { kStart = 1, kWrite, kRead, kFinish };
  // Waits for the next completion; false when the queue is shut down.
  bool Next(Tag* tag, bool* ok);
  // Starts the next write or half-close when none is in flight.
  void StartWriteIfIdle();

  std::unique_ptr<grpc::ClientContext> context_;
  grpc::CompletionQueue queue_;
  grpc::GenericStub stub_;
  std::unique_ptr<grpc::GenericClientAsyncReaderWriter> call_;
  std::deque<std::string> outbox_;
  grpc::ByteBuffer writing_;
  grpc::ByteBuffer reading_;
  bool send_closed_ = false;
  bool half_closed_ = false;
  bool write_in_flight_ = false;
  bool read_in_flight_ = false;
  bool writes_failed_ = false;
  bool finished_ = false;
  grpc::Status status_;
};

}  // namespace rapporteur::gateway

#endif  // RAPPORTEUR_LIB_GATEWAY_GENERIC_CALL_H_
