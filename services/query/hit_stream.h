#ifndef RAPPORTEUR_SERVICES_QUERY_HIT_STREAM_H_
#define RAPPORTEUR_SERVICES_QUERY_HIT_STREAM_H_

#include <grpcpp/grpcpp.h>

#include <condition_variable>

#include "lib/base/executor.h"
#include "lib/base/mutex.h"
#include "lib/query/query_engine.h"
#include "lib/rpc/auth.h"
#include "rapporteur/v1/query.pb.h"

namespace rapporteur::query {

// The server side of StreamSearch: the search runs on an executor thread,
// which hands each hit to gRPC and waits until it is written, so a slow
// reader slows the search instead of filling memory. Deletes itself when
// the call is done.
class HitStream final
    : public grpc::ServerWriteReactor<v1::StreamSearchResponse> {
 public:
  HitStream(grpc::CallbackServerContext* context, const QueryEngine* engine,
            Executor* executor, TokenStore* tokens,
            const v1::StreamSearchRequest* request);

  void OnWriteDone(bool ok) override ABSL_LOCKS_EXCLUDED(mu_);
  void OnCancel() override ABSL_LOCKS_EXCLUDED(mu_);
  void OnDone() override;

 private:
  // Writes `hit` and waits for it to be sent; false once the client is
  // gone. Runs on the executor thread.
  bool Send(v1::SearchHit hit) ABSL_LOCKS_EXCLUDED(mu_);

  Mutex mu_;
  std::condition_variable_any changed_;
  v1::StreamSearchResponse current_ ABSL_GUARDED_BY(mu_);
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  bool write_ok_ ABSL_GUARDED_BY(mu_) = true;
  bool cancelled_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace rapporteur::query

#endif  // RAPPORTEUR_SERVICES_QUERY_HIT_STREAM_H_
