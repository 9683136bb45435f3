// The remote backend of the SDK (MakeClient without data_dir) against an
// in-process gRPC server that fails, stalls and breaks calls on cue:
// retries, deadlines, request ids, round robin, bearer tokens, TLS, the
// resumed BulkIngest stream, cancellation, async calls and paged search.

#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <future>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "google/protobuf/util/message_differencer.h"
#include "lib/base/error_details.h"
#include "lib/rpc/grpc_status.h"
#include "rapporteur/client.h"
#include "rapporteur/error_details.h"
#include "rapporteur/options.h"
#include "rapporteur/v1/ingest.grpc.pb.h"
#include "rapporteur/v1/query.grpc.pb.h"
#include "tests/testing/files.h"
#include "tests/testing/status_matchers.h"

namespace rapporteur {
namespace {

using ::rapporteur::testing::IsOk;
using ::rapporteur::testing::StatusIs;
using ::testing::Each;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::MatchesRegex;
using ::testing::SizeIs;

// The generous bound of every wait on the server's side of a test.
constexpr absl::Duration kPatience = absl::Seconds(10);

// What the test server saw of one call.
struct SeenCall {
  std::string method;         // "Search", "IngestDocument", ...
  std::string authorization;  // the `authorization` metadata; "" when absent
  std::string request_id;     // IngestDocument only
  std::string query;          // Search only
  std::string page_token;     // Search only
};

std::string MetadataOf(const grpc::ServerContext& context,
                       const std::string& key) {
  const auto& metadata = context.client_metadata();
  const auto it = metadata.find(key);
  return it == metadata.end()
             ? std::string()
             : std::string(it->second.data(), it->second.size());
}

// Both services in one, with a script of faults and a record of the calls.
// Thread-safe: handlers run on the server's threads.
class FaultyService final : public v1::QueryService::Service,
                            public v1::IngestService::Service {
 public:
  ~FaultyService() override { Release(); }

  // --- The script ---

  // The next `calls` unary calls fail with `code`.
  void FailNext(int calls, grpc::StatusCode code) {
    absl::MutexLock lock(&mutex_);
    fail_next_ = calls;
    failure_ = grpc::Status(code, "failure injected by the test");
  }

  // The next `calls` unary calls fail with `status`, details included, as
  // the services send them.
  void FailNext(int calls, const absl::Status& status) {
    absl::MutexLock lock(&mutex_);
    fail_next_ = calls;
    failure_ = ToGrpcStatus(status);
  }

  // Searches for page `token` answer `page`; others echo their query.
  void ServePage(const std::string& token, v1::SearchResponse page) {
    absl::MutexLock lock(&mutex_);
    pages_[token] = std::move(page);
  }

  // Searches for page `token` fail with `code`.
  void FailPage(const std::string& token, grpc::StatusCode code) {
    absl::MutexLock lock(&mutex_);
    page_failures_[token] = code;
  }

  // Unary calls wait in their handler until Release().
  void BlockCalls() {
    absl::MutexLock lock(&mutex_);
    block_ = true;
  }
  void Release() {
    absl::MutexLock lock(&mutex_);
    if (!released_.HasBeenNotified()) {
      released_.Notify();
    }
  }
  bool released() const { return released_.HasBeenNotified(); }
  // Notified when a blocked call entered its handler.
  const absl::Notification& blocked() const { return blocked_; }

  // The first `streams` BulkIngest streams fail with UNAVAILABLE when the
  // document after the first `after_documents` answered ones arrives.
  void BreakBulkStreams(int streams, int after_documents) {
    absl::MutexLock lock(&mutex_);
    break_streams_ = streams;
    break_after_ = after_documents;
  }

  // The next `documents` BulkIngest documents are answered UNAVAILABLE, as
  // ingest answers one its storage could not take.
  void AnswerBulkUnavailable(int documents) {
    absl::MutexLock lock(&mutex_);
    unavailable_answers_ = documents;
  }

  // A BulkIngest stream whose client stops sending waits (kPatience at
  // most) for the call to be marked cancelled before it ends.
  void WatchBulkCancellation() {
    absl::MutexLock lock(&mutex_);
    watch_cancellation_ = true;
  }

  // --- The record ---

  int calls(const std::string& method) const {
    absl::MutexLock lock(&mutex_);
    int count = 0;
    for (const SeenCall& call : seen_) {
      count += call.method == method ? 1 : 0;
    }
    return count;
  }
  std::vector<SeenCall> seen(const std::string& method) const {
    absl::MutexLock lock(&mutex_);
    std::vector<SeenCall> calls;
    for (const SeenCall& call : seen_) {
      if (call.method == method) {
        calls.push_back(call);
      }
    }
    return calls;
  }
  // Request ids of the BulkIngest documents read, and of those answered,
  // over every stream in order.
  std::vector<std::string> bulk_ids_read() const {
    absl::MutexLock lock(&mutex_);
    return bulk_ids_read_;
  }
  std::vector<std::string> bulk_ids_answered() const {
    absl::MutexLock lock(&mutex_);
    return bulk_ids_answered_;
  }
  int bulk_streams() const { return calls("BulkIngest"); }
  // Notified when the first BulkIngest stream ended; then
  // bulk_stream_cancelled() says whether it was cancelled.
  const absl::Notification& bulk_stream_ended() const {
    return bulk_stream_ended_;
  }
  bool bulk_stream_cancelled() const {
    absl::MutexLock lock(&mutex_);
    return bulk_stream_cancelled_;
  }

  // --- QueryService ---

  grpc::Status Search(grpc::ServerContext* context,
                      const v1::SearchRequest* request,
                      v1::SearchResponse* response) override {
    SeenCall call;
    call.method = "Search";
    call.query = request->query();
    call.page_token = request->page_token();
    grpc::Status status = Admit(*context, std::move(call));
    if (!status.ok()) {
      return status;
    }
    absl::MutexLock lock(&mutex_);
    if (auto failure = page_failures_.find(request->page_token());
        failure != page_failures_.end()) {
      return grpc::Status(
          failure->second,
          absl::StrCat("bad page token '", request->page_token(), "'"));
    }
    if (auto page = pages_.find(request->page_token()); page != pages_.end()) {
      *response = page->second;
      return grpc::Status::OK;
    }
    v1::SearchHit* hit = response->add_hits();
    hit->set_paragraph("documents/echo/paragraphs/1");
    hit->set_snippet(request->query());
    response->set_total_size(request->page_size());
    return grpc::Status::OK;
  }

  grpc::Status GetDocument(grpc::ServerContext* context,
                           const v1::GetDocumentRequest* request,
                           v1::Document* response) override {
    grpc::Status status = Admit(*context, "GetDocument");
    response->set_name(request->name());
    return status;
  }

  grpc::Status GetParagraph(grpc::ServerContext* context,
                            const v1::GetParagraphRequest* request,
                            v1::Paragraph* response) override {
    grpc::Status status = Admit(*context, "GetParagraph");
    response->set_name(request->name());
    return status;
  }

  // --- IngestService ---

  grpc::Status IngestDocument(grpc::ServerContext* context,
                              const v1::IngestDocumentRequest* request,
                              v1::IngestDocumentResponse* response) override {
    SeenCall call;
    call.method = "IngestDocument";
    call.request_id = request->request_id();
    grpc::Status status = Admit(*context, std::move(call));
    response->mutable_document()->set_symbol(request->source().symbol());
    response->mutable_document()->set_revision(1);
    return status;
  }

  grpc::Status AnalyzeDocument(grpc::ServerContext* context,
                               const v1::AnalyzeDocumentRequest* request,
                               v1::AnalyzeDocumentResponse* response) override {
    grpc::Status status = Admit(*context, "AnalyzeDocument");
    response->mutable_document()->set_symbol(request->source().symbol());
    return status;
  }

  grpc::Status BulkIngest(
      grpc::ServerContext* context,
      grpc::ServerReaderWriter<v1::BulkIngestResponse, v1::BulkIngestRequest>*
          stream) override {
    int stream_number = 0;
    bool breaks = false;
    int break_after = 0;
    bool watch_cancellation = false;
    {
      absl::MutexLock lock(&mutex_);
      SeenCall call;
      call.method = "BulkIngest";
      call.authorization = MetadataOf(*context, "authorization");
      seen_.push_back(std::move(call));
      stream_number = ++bulk_streams_started_;
      breaks = stream_number <= break_streams_;
      break_after = break_after_;
      watch_cancellation = watch_cancellation_;
    }
    int answered = 0;
    v1::BulkIngestRequest request;
    while (stream->Read(&request)) {
      {
        absl::MutexLock lock(&mutex_);
        bulk_ids_read_.push_back(request.document().request_id());
      }
      if (breaks && answered >= break_after) {
        EndBulkStream(false);
        return grpc::Status(grpc::StatusCode::UNAVAILABLE,
                            "stream broken by the test");
      }
      v1::BulkIngestResponse response;
      response.set_index(answered);  // per stream: the client renumbers
      bool unavailable = false;
      {
        absl::MutexLock lock(&mutex_);
        if (unavailable_answers_ > 0) {
          --unavailable_answers_;
          unavailable = true;
        }
      }
      if (unavailable) {
        response.mutable_status()->set_code(grpc::StatusCode::UNAVAILABLE);
        response.mutable_status()->set_message(
            "storage is unreachable (the test)");
      } else {
        response.mutable_document()->set_symbol(
            request.document().source().symbol());
      }
      if (!stream->Write(response)) {
        break;
      }
      ++answered;
      absl::MutexLock lock(&mutex_);
      if (!unavailable) {
        bulk_ids_answered_.push_back(request.document().request_id());
      }
    }
    if (watch_cancellation) {
      // The client's cancellation and the end of its messages may reach
      // the handler in either order.
      for (const absl::Time give_up = absl::Now() + kPatience;
           !context->IsCancelled() && absl::Now() < give_up;) {
        absl::SleepFor(absl::Milliseconds(1));
      }
    }
    EndBulkStream(context->IsCancelled());
    return grpc::Status::OK;
  }

 private:
  // Records `call` and plays the script for it: waits when calls are
  // blocked, then fails it when failures are due.
  grpc::Status Admit(const grpc::ServerContext& context,
                     const std::string& method) {
    SeenCall call;
    call.method = method;
    return Admit(context, std::move(call));
  }
  grpc::Status Admit(const grpc::ServerContext& context, SeenCall call) {
    call.authorization = MetadataOf(context, "authorization");
    bool block = false;
    {
      absl::MutexLock lock(&mutex_);
      seen_.push_back(std::move(call));
      block = block_;
      if (block && !blocked_.HasBeenNotified()) {
        blocked_.Notify();
      }
    }
    if (block) {
      released_.WaitForNotification();
    }
    absl::MutexLock lock(&mutex_);
    if (fail_next_ > 0) {
      --fail_next_;
      return failure_;
    }
    return grpc::Status::OK;
  }

  void EndBulkStream(bool cancelled) {
    absl::MutexLock lock(&mutex_);
    if (!bulk_stream_ended_.HasBeenNotified()) {
      bulk_stream_cancelled_ = cancelled;
      bulk_stream_ended_.Notify();
    }
  }

  mutable absl::Mutex mutex_;
  int fail_next_ ABSL_GUARDED_BY(mutex_) = 0;
  grpc::Status failure_ ABSL_GUARDED_BY(mutex_);
  std::map<std::string, v1::SearchResponse> pages_ ABSL_GUARDED_BY(mutex_);
  std::map<std::string, grpc::StatusCode> page_failures_
      ABSL_GUARDED_BY(mutex_);
  bool block_ ABSL_GUARDED_BY(mutex_) = false;
  absl::Notification blocked_;
  absl::Notification released_;
  int break_streams_ ABSL_GUARDED_BY(mutex_) = 0;
  int break_after_ ABSL_GUARDED_BY(mutex_) = 0;
  bool watch_cancellation_ ABSL_GUARDED_BY(mutex_) = false;
  int bulk_streams_started_ ABSL_GUARDED_BY(mutex_) = 0;
  std::vector<SeenCall> seen_ ABSL_GUARDED_BY(mutex_);
  std::vector<std::string> bulk_ids_read_ ABSL_GUARDED_BY(mutex_);
  std::vector<std::string> bulk_ids_answered_ ABSL_GUARDED_BY(mutex_);
  int unavailable_answers_ ABSL_GUARDED_BY(mutex_) = 0;
  absl::Notification bulk_stream_ended_;
  bool bulk_stream_cancelled_ ABSL_GUARDED_BY(mutex_) = false;
};

// A FaultyService served on a free loopback port.
class TestServer {
 public:
  explicit TestServer(std::shared_ptr<grpc::ServerCredentials> credentials =
                          grpc::InsecureServerCredentials()) {
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", std::move(credentials), &port_);
    builder.RegisterService(static_cast<v1::QueryService::Service*>(&service_));
    builder.RegisterService(
        static_cast<v1::IngestService::Service*>(&service_));
    server_ = builder.BuildAndStart();
  }
  ~TestServer() {
    service_.Release();  // no handler may outlive the server
    if (server_ != nullptr) {
      server_->Shutdown(std::chrono::system_clock::now() +
                        std::chrono::seconds(5));
      server_->Wait();
    }
  }
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  bool started() const { return server_ != nullptr && port_ != 0; }
  std::string address() const { return absl::StrCat("127.0.0.1:", port_); }
  FaultyService& service() { return service_; }

 private:
  FaultyService service_;
  int port_ = 0;
  std::unique_ptr<grpc::Server> server_;
};

// Remote options for one server serving both services, with short backoffs.
Options OptionsFor(const std::string& address) {
  Options options;
  options.ingest_endpoint = address;
  options.query_endpoints = {address};
  options.timeout = std::chrono::seconds(10);
  options.retry.initial_backoff = std::chrono::milliseconds(1);
  options.retry.max_backoff = std::chrono::milliseconds(10);
  return options;
}

v1::SearchRequest SearchFor(const std::string& query) {
  v1::SearchRequest request;
  request.set_query(query);
  request.set_page_size(10);
  return request;
}

v1::IngestDocumentRequest DocumentOf(const std::string& symbol,
                                     const std::string& content) {
  v1::IngestDocumentRequest request;
  request.mutable_source()->set_symbol(symbol);
  request.mutable_source()->set_content(content);
  return request;
}

// Supplies `documents` in order, counting the documents it handed out.
DocumentSupplier SupplyOf(std::vector<v1::IngestDocumentRequest> documents,
                          int* supplied) {
  return [documents = std::move(documents),
          supplied]() -> std::optional<v1::IngestDocumentRequest> {
    if (*supplied >= static_cast<int>(documents.size())) {
      return std::nullopt;
    }
    return documents[(*supplied)++];
  };
}

MATCHER(IsRequestId, "is 32 lower-case hex digits") {
  return ::testing::ExplainMatchResult(MatchesRegex("[0-9a-f]{32}"), arg,
                                       result_listener);
}

// A self-signed certificate for `names` (a subjectAltName value), written
// to DIR/NAME.crt with its key in DIR/NAME.key.
::testing::AssertionResult MakeCertificate(
    const std::string& dir, const std::string& name,
    const std::string& names = "DNS:localhost,IP:127.0.0.1") {
  const std::string base = absl::StrCat(dir, "/", name);
  const std::string command = absl::StrCat(
      "openssl req -x509 -newkey rsa:2048 -nodes -keyout '", base,
      ".key' -out '", base,
      ".crt' -days 1 -subj /CN=localhost -addext subjectAltName=", names,
      " > '", base, ".log' 2>&1");
  const int rc = std::system(command.c_str());
  if (rc != 0) {
    return ::testing::AssertionFailure()
           << "`" << command << "` returned " << rc << ": "
           << rapporteur::testing::ReadFileOrDie(base + ".log");
  }
  return ::testing::AssertionSuccess();
}

class RemoteClientTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(server_.started()); }

  FaultyService& service() { return server_.service(); }
  Options options() const { return OptionsFor(server_.address()); }

  std::unique_ptr<Client> Connect(const Options& options) {
    absl::StatusOr<std::unique_ptr<Client>> client = MakeClient(options);
    EXPECT_THAT(client, IsOk());
    return client.ok() ? *std::move(client) : nullptr;
  }

  TestServer server_;
};

// --- Retries ---

TEST_F(RemoteClientTest, SearchRetriesUnavailable) {
  auto client = Connect(options());
  ASSERT_NE(client, nullptr);
  service().FailNext(2, grpc::StatusCode::UNAVAILABLE);

  absl::StatusOr<v1::SearchResponse> response =
      client->Search(SearchFor("torture"));

  ASSERT_THAT(response, IsOk());
  ASSERT_EQ(response->hits_size(), 1);
  EXPECT_EQ(response->hits(0).snippet(), "torture");
  EXPECT_EQ(service().calls("Search"), 3);
}

TEST_F(RemoteClientTest, OneAttemptDisablesRetries) {
  Options one_attempt = options();
  one_attempt.retry.max_attempts = 1;
  auto client = Connect(one_attempt);
  ASSERT_NE(client, nullptr);
  service().FailNext(2, grpc::StatusCode::UNAVAILABLE);

  EXPECT_THAT(client->Search(SearchFor("torture")),
              StatusIs(absl::StatusCode::kUnavailable,
                       HasSubstr("failure injected by the test")));
  EXPECT_EQ(service().calls("Search"), 1);
}

TEST_F(RemoteClientTest, GivesUpAfterMaxAttempts) {
  Options three_attempts = options();
  three_attempts.retry.max_attempts = 3;
  auto client = Connect(three_attempts);
  ASSERT_NE(client, nullptr);
  service().FailNext(100, grpc::StatusCode::UNAVAILABLE);

  EXPECT_THAT(client->Search(SearchFor("torture")),
              StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_EQ(service().calls("Search"), 3);
}

TEST_F(RemoteClientTest, InvalidArgumentIsNotRetried) {
  auto client = Connect(options());
  ASSERT_NE(client, nullptr);
  service().FailNext(1, grpc::StatusCode::INVALID_ARGUMENT);

  EXPECT_THAT(client->Search(SearchFor("torture")),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("failure injected by the test")));
  EXPECT_EQ(service().calls("Search"), 1);
}

// A service shedding load says so with a RetryInfo: retried.
TEST_F(RemoteClientTest, ResourceExhaustedWithRetryInfoIsRetried) {
  auto client = Connect(options());
  ASSERT_NE(client, nullptr);
  service().FailNext(2, OverloadedError(absl::StatusCode::kResourceExhausted,
                                        "busy", absl::Milliseconds(1)));

  EXPECT_THAT(client->Search(SearchFor("torture")), IsOk());
  EXPECT_EQ(service().calls("Search"), 3);
}

// Without RetryInfo, RESOURCE_EXHAUSTED is about the request (a message or
// a document over a limit): it would fail again. Decided by the details,
// whatever the message says.
TEST_F(RemoteClientTest, ResourceExhaustedWithoutRetryInfoIsNotRetried) {
  auto client = Connect(options());
  ASSERT_NE(client, nullptr);
  service().FailNext(2, grpc::StatusCode::RESOURCE_EXHAUSTED);

  EXPECT_THAT(client->Search(SearchFor("torture")),
              StatusIs(absl::StatusCode::kResourceExhausted));
  EXPECT_EQ(service().calls("Search"), 1);
}

// The wait before the retry is at least what RetryInfo asks.
TEST_F(RemoteClientTest, RetryWaitsAsLongAsRetryInfoAsks) {
  Options slow_cap = options();
  slow_cap.retry.max_backoff = std::chrono::milliseconds(5000);
  auto client = Connect(slow_cap);
  ASSERT_NE(client, nullptr);
  service().FailNext(1, OverloadedError(absl::StatusCode::kUnavailable,
                                        "shedding", absl::Milliseconds(300)));

  const absl::Time start = absl::Now();
  EXPECT_THAT(client->Search(SearchFor("torture")), IsOk());
  EXPECT_GE(absl::Now() - start, absl::Milliseconds(300));
  EXPECT_EQ(service().calls("Search"), 2);
}

// What the service attached reaches the SDK's user through
// rapporteur/error_details.h.
TEST_F(RemoteClientTest, ErrorDetailsReachTheCaller) {
  auto client = Connect(options());
  ASSERT_NE(client, nullptr);
  absl::Status bad = InvalidFieldError(
      "page_token", "page_token is not a token returned for this search",
      "INVALID_PAGE_TOKEN");
  service().FailNext(1, bad);

  const absl::Status status = client->Search(SearchFor("torture")).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  const std::optional<google::rpc::BadRequest> bad_request =
      GetBadRequest(status);
  ASSERT_TRUE(bad_request.has_value()) << status;
  ASSERT_EQ(bad_request->field_violations_size(), 1);
  EXPECT_EQ(bad_request->field_violations(0).field(), "page_token");
  EXPECT_EQ(ErrorReason(status), "INVALID_PAGE_TOKEN");
  EXPECT_EQ(GetErrorInfo(status)->domain(), "rapporteur.dev");
  EXPECT_FALSE(RetryDelay(status).has_value());

  service().FailNext(
      1, ResourceNotFoundError(kDocumentType, "documents/x",
                               "documents/x not found", "DOCUMENT_NOT_FOUND"));
  v1::GetDocumentRequest get;
  get.set_name("documents/x");
  const absl::Status missing = client->GetDocument(get).status();
  ASSERT_TRUE(GetResourceInfo(missing).has_value()) << missing;
  EXPECT_EQ(GetResourceInfo(missing)->resource_name(), "documents/x");
  EXPECT_EQ(ErrorReason(missing), "DOCUMENT_NOT_FOUND");

  service().FailNext(4, OverloadedError(absl::StatusCode::kUnavailable,
                                        "shedding", absl::Milliseconds(2)));
  const absl::Status shed = client->Search(SearchFor("torture")).status();
  EXPECT_EQ(shed.code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(RetryDelay(shed), std::chrono::milliseconds(2));
}

TEST_F(RemoteClientTest, ReadsOtherThanSearchAreRetried) {
  auto client = Connect(options());
  ASSERT_NE(client, nullptr);

  service().FailNext(1, grpc::StatusCode::UNAVAILABLE);
  v1::GetDocumentRequest get_document;
  get_document.set_name("documents/a-hrc-7-20");
  absl::StatusOr<v1::Document> document = client->GetDocument(get_document);
  ASSERT_THAT(document, IsOk());
  EXPECT_EQ(document->name(), "documents/a-hrc-7-20");
  EXPECT_EQ(service().calls("GetDocument"), 2);

  service().FailNext(1, grpc::StatusCode::UNAVAILABLE);
  absl::StatusOr<v1::Paragraph> paragraph = client->Cite("A/HRC/7/20", 16);
  ASSERT_THAT(paragraph, IsOk());
  EXPECT_EQ(paragraph->name(), "documents/a-hrc-7-20/paragraphs/16");
  EXPECT_EQ(service().calls("GetParagraph"), 2);

  service().FailNext(1, grpc::StatusCode::UNAVAILABLE);
  v1::AnalyzeDocumentRequest analyze;
  analyze.mutable_source()->set_symbol("A/HRC/7/20");
  EXPECT_THAT(client->AnalyzeDocument(analyze), IsOk());
  EXPECT_EQ(service().calls("AnalyzeDocument"), 2);
}

// --- Deadlines ---

TEST_F(RemoteClientTest, DeadlineEndsTheCallWhileTheHandlerIsBlocked) {
  Options short_timeout = options();
  short_timeout.timeout = std::chrono::milliseconds(200);
  auto client = Connect(short_timeout);
  ASSERT_NE(client, nullptr);
  // Connected first, so that the deadline is spent in the handler.
  ASSERT_THAT(client->Search(SearchFor("warm up")), IsOk());
  service().BlockCalls();
  // Should the deadline not end the call, the handler is released after a
  // while, and the checks below fail instead of the test hanging.
  absl::Notification returned;
  std::thread safety_net([&] {
    if (!returned.WaitForNotificationWithTimeout(kPatience)) {
      service().Release();
    }
  });

  absl::StatusOr<v1::SearchResponse> response =
      client->Search(SearchFor("torture"));
  const bool released_before_return = service().released();
  returned.Notify();
  safety_net.join();

  EXPECT_THAT(response, StatusIs(absl::StatusCode::kDeadlineExceeded));
  EXPECT_FALSE(released_before_return);
  EXPECT_TRUE(service().blocked().WaitForNotificationWithTimeout(kPatience));
  EXPECT_EQ(service().calls("Search"), 2);  // DEADLINE_EXCEEDED: no retry
  service().Release();
}

// --- Request ids ---

TEST_F(RemoteClientTest, IngestGetsARequestIdKeptAcrossRetries) {
  auto client = Connect(options());
  ASSERT_NE(client, nullptr);
  service().FailNext(1, grpc::StatusCode::UNAVAILABLE);

  absl::StatusOr<v1::IngestDocumentResponse> response =
      client->IngestDocument(DocumentOf("A/HRC/7/20", "1. Text."));

  ASSERT_THAT(response, IsOk());
  EXPECT_EQ(response->document().symbol(), "A/HRC/7/20");
  std::vector<SeenCall> calls = service().seen("IngestDocument");
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_THAT(calls[0].request_id, IsRequestId());
  EXPECT_EQ(calls[1].request_id, calls[0].request_id);
}

TEST_F(RemoteClientTest, EveryIngestGetsItsOwnRequestId) {
  auto client = Connect(options());
  ASSERT_NE(client, nullptr);

  ASSERT_THAT(client->IngestDocument(DocumentOf("A/1", "1. One.")), IsOk());
  ASSERT_THAT(client->IngestDocument(DocumentOf("A/1", "1. One.")), IsOk());

  std::vector<SeenCall> calls = service().seen("IngestDocument");
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_THAT(calls[0].request_id, IsRequestId());
  EXPECT_THAT(calls[1].request_id, IsRequestId());
  EXPECT_NE(calls[0].request_id, calls[1].request_id);
}

TEST_F(RemoteClientTest, CallersRequestIdIsSentUnchanged) {
  auto client = Connect(options());
  ASSERT_NE(client, nullptr);
  service().FailNext(1, grpc::StatusCode::UNAVAILABLE);
  v1::IngestDocumentRequest request = DocumentOf("A/HRC/7/20", "1. Text.");
  request.set_request_id("caller-chosen-id");

  ASSERT_THAT(client->IngestDocument(request), IsOk());

  std::vector<SeenCall> calls = service().seen("IngestDocument");
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(calls[0].request_id, "caller-chosen-id");
  EXPECT_EQ(calls[1].request_id, "caller-chosen-id");
}

// --- Round robin and failover ---

TEST(RemoteClientRoundRobinTest, CallsAlternateBetweenReplicas) {
  TestServer first;
  TestServer second;
  ASSERT_TRUE(first.started());
  ASSERT_TRUE(second.started());
  Options options = OptionsFor(first.address());
  options.query_endpoints = {first.address(), second.address()};
  absl::StatusOr<std::unique_ptr<Client>> client = MakeClient(options);
  ASSERT_THAT(client, IsOk());

  for (int i = 0; i < 10; ++i) {
    ASSERT_THAT((*client)->Search(SearchFor("torture")), IsOk()) << i;
  }

  EXPECT_EQ(first.service().calls("Search"), 5);
  EXPECT_EQ(second.service().calls("Search"), 5);
}

// HOST:PORT where nobody listens: a port a server just gave back.
std::string DeadAddress() {
  TestServer gone;
  EXPECT_TRUE(gone.started());
  return gone.address();
}

TEST(RemoteClientRoundRobinTest, RetryFailsOverToTheLiveReplica) {
  TestServer live;
  ASSERT_TRUE(live.started());
  Options options = OptionsFor(live.address());
  options.query_endpoints = {DeadAddress(), live.address()};
  absl::StatusOr<std::unique_ptr<Client>> client = MakeClient(options);
  ASSERT_THAT(client, IsOk());

  for (int i = 0; i < 10; ++i) {
    ASSERT_THAT((*client)->Search(SearchFor("torture")), IsOk()) << i;
  }

  EXPECT_EQ(live.service().calls("Search"), 10);
}

TEST(RemoteClientRoundRobinTest, WithoutRetriesTheDeadReplicaCostsErrors) {
  TestServer live;
  ASSERT_TRUE(live.started());
  Options options = OptionsFor(live.address());
  options.query_endpoints = {DeadAddress(), live.address()};
  options.retry.max_attempts = 1;
  absl::StatusOr<std::unique_ptr<Client>> client = MakeClient(options);
  ASSERT_THAT(client, IsOk());

  int unavailable = 0;
  for (int i = 0; i < 10; ++i) {
    absl::StatusOr<v1::SearchResponse> response =
        (*client)->Search(SearchFor("torture"));
    if (!response.ok()) {
      EXPECT_THAT(response, StatusIs(absl::StatusCode::kUnavailable));
      ++unavailable;
    }
  }

  EXPECT_EQ(unavailable, 5);
  EXPECT_EQ(live.service().calls("Search"), 5);
}

// --- Bearer token ---

TEST_F(RemoteClientTest, BearerTokenIsSentOnEveryCall) {
  Options with_token = options();
  with_token.bearer_token = "t0k";
  auto client = Connect(with_token);
  ASSERT_NE(client, nullptr);

  ASSERT_THAT(client->Search(SearchFor("torture")), IsOk());
  ASSERT_THAT(client->IngestDocument(DocumentOf("A/1", "1. One.")), IsOk());
  int supplied = 0;
  ASSERT_THAT(
      client->BulkIngest(SupplyOf({DocumentOf("A/2", "1. Two.")}, &supplied)),
      IsOk());

  for (const char* method : {"Search", "IngestDocument", "BulkIngest"}) {
    std::vector<SeenCall> seen = service().seen(method);
    ASSERT_EQ(seen.size(), 1u) << method;
    EXPECT_EQ(seen[0].authorization, "Bearer t0k") << method;
  }
}

TEST_F(RemoteClientTest, NoTokenNoAuthorization) {
  auto client = Connect(options());
  ASSERT_NE(client, nullptr);

  ASSERT_THAT(client->Search(SearchFor("torture")), IsOk());

  std::vector<SeenCall> calls = service().seen("Search");
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_THAT(calls[0].authorization, IsEmpty());
}

// --- TLS ---

TEST(RemoteClientTlsTest, TrustsOnlyTheGivenAuthority) {
  rapporteur::testing::TempDir dir;
  ASSERT_TRUE(MakeCertificate(dir.path(), "server"));
  ASSERT_TRUE(MakeCertificate(dir.path(), "other"));
  const std::string cert =
      rapporteur::testing::ReadFileOrDie(dir.path() + "/server.crt");
  const std::string key =
      rapporteur::testing::ReadFileOrDie(dir.path() + "/server.key");
  const std::string other_cert =
      rapporteur::testing::ReadFileOrDie(dir.path() + "/other.crt");
  grpc::SslServerCredentialsOptions ssl;
  ssl.pem_key_cert_pairs.push_back({key, cert});
  TestServer server(grpc::SslServerCredentials(ssl));
  ASSERT_TRUE(server.started());

  Options trusting = OptionsFor(server.address());
  trusting.tls.enabled = true;
  trusting.tls.root_certificates_pem = cert;
  absl::StatusOr<std::unique_ptr<Client>> client = MakeClient(trusting);
  ASSERT_THAT(client, IsOk());
  EXPECT_THAT((*client)->Search(SearchFor("torture")), IsOk());
  EXPECT_THAT((*client)->IngestDocument(DocumentOf("A/1", "1. One.")), IsOk());

  Options other_authority = trusting;
  other_authority.tls.root_certificates_pem = other_cert;
  absl::StatusOr<std::unique_ptr<Client>> distrusting =
      MakeClient(other_authority);
  ASSERT_THAT(distrusting, IsOk());
  EXPECT_THAT((*distrusting)->Search(SearchFor("torture")),
              StatusIs(absl::StatusCode::kUnavailable));

  absl::StatusOr<std::unique_ptr<Client>> plaintext =
      MakeClient(OptionsFor(server.address()));
  ASSERT_THAT(plaintext, IsOk());
  EXPECT_THAT((*plaintext)->Search(SearchFor("torture")),
              StatusIs(absl::StatusCode::kUnavailable));

  // Only the trusting client's calls reached a handler.
  EXPECT_EQ(server.service().calls("Search"), 1);
  EXPECT_EQ(server.service().calls("IngestDocument"), 1);
}

TEST(RemoteClientTlsTest, ServerNameOverrideChecksAnotherName) {
  rapporteur::testing::TempDir dir;
  ASSERT_TRUE(MakeCertificate(dir.path(), "named", "DNS:rapporteur.test"));
  const std::string cert =
      rapporteur::testing::ReadFileOrDie(dir.path() + "/named.crt");
  grpc::SslServerCredentialsOptions ssl;
  ssl.pem_key_cert_pairs.push_back(
      {rapporteur::testing::ReadFileOrDie(dir.path() + "/named.key"), cert});
  TestServer server(grpc::SslServerCredentials(ssl));
  ASSERT_TRUE(server.started());
  Options options = OptionsFor(server.address());
  options.tls.enabled = true;
  options.tls.root_certificates_pem = cert;

  // The certificate does not name 127.0.0.1...
  absl::StatusOr<std::unique_ptr<Client>> by_address = MakeClient(options);
  ASSERT_THAT(by_address, IsOk());
  EXPECT_THAT((*by_address)->Search(SearchFor("torture")),
              StatusIs(absl::StatusCode::kUnavailable));
  // ...but it names rapporteur.test.
  options.tls.server_name_override = "rapporteur.test";
  absl::StatusOr<std::unique_ptr<Client>> by_name = MakeClient(options);
  ASSERT_THAT(by_name, IsOk());
  EXPECT_THAT((*by_name)->Search(SearchFor("torture")), IsOk());
  EXPECT_EQ(server.service().calls("Search"), 1);
}

// --- BulkIngest ---

TEST_F(RemoteClientTest, BulkIngestResumesABrokenStream) {
  auto client = Connect(options());
  ASSERT_NE(client, nullptr);
  service().BreakBulkStreams(1, 2);
  std::vector<v1::IngestDocumentRequest> documents;
  int64_t bytes = 0;
  for (int i = 0; i < 5; ++i) {
    documents.push_back(
        DocumentOf(absl::StrCat("A/", i), std::string(10 * (i + 1), 'x')));
    bytes += 10 * (i + 1);
  }
  int supplied = 0;

  absl::StatusOr<BulkIngestResult> result =
      client->BulkIngest(SupplyOf(documents, &supplied));

  ASSERT_THAT(result, IsOk());
  ASSERT_EQ(result->outcomes.size(), 5u);
  for (int i = 0; i < 5; ++i) {
    const v1::BulkIngestResponse& outcome = result->outcomes[i];
    EXPECT_EQ(outcome.index(), i);
    EXPECT_EQ(outcome.status().code(), 0) << i;
    EXPECT_EQ(outcome.document().symbol(), absl::StrCat("A/", i));
  }
  EXPECT_EQ(result->totals.documents_sent, 5);
  EXPECT_EQ(result->totals.documents_done, 5);
  EXPECT_EQ(result->totals.documents_failed, 0);
  EXPECT_EQ(result->totals.bytes_sent, bytes);  // the resend not counted
  EXPECT_EQ(supplied, 5);
  EXPECT_EQ(service().bulk_streams(), 2);
  // Five distinct ids, each answered once; the third document, read when
  // the first stream broke, was resent with the same id.
  const std::vector<std::string> answered = service().bulk_ids_answered();
  ASSERT_EQ(answered.size(), 5u);
  EXPECT_THAT(answered, Each(IsRequestId()));
  EXPECT_THAT(std::set<std::string>(answered.begin(), answered.end()),
              SizeIs(5));
  EXPECT_THAT(service().bulk_ids_read(),
              ElementsAre(answered[0], answered[1], answered[2], answered[2],
                          answered[3], answered[4]));
}

TEST_F(RemoteClientTest, BulkIngestGivesUpOnAStreamThatKeepsBreaking) {
  Options short_window = options();
  short_window.bulk_retry_window = std::chrono::milliseconds(300);
  auto client = Connect(short_window);
  ASSERT_NE(client, nullptr);
  service().BreakBulkStreams(1000, 0);
  int supplied = 0;

  EXPECT_THAT(
      client->BulkIngest(SupplyOf({DocumentOf("A/1", "1. One.")}, &supplied)),
      StatusIs(absl::StatusCode::kUnavailable,
               HasSubstr("stream broken by the test")));
  // Tried again until the window passed without an answer.
  EXPECT_GE(service().bulk_streams(), 2);
  EXPECT_LT(service().bulk_streams(), 1000);
  EXPECT_THAT(service().bulk_ids_answered(), IsEmpty());
}

// A document answered UNAVAILABLE (its storage was down) is sent again, with
// its request id, until stored: the bulk reports no failure.
TEST_F(RemoteClientTest, BulkIngestResendsADocumentStorageCouldNotTake) {
  auto client = Connect(options());
  ASSERT_NE(client, nullptr);
  service().AnswerBulkUnavailable(3);
  int supplied = 0;
  auto result = client->BulkIngest(SupplyOf(
      {DocumentOf("A/1", "1. One."), DocumentOf("A/2", "1. Two.")}, &supplied));
  ASSERT_THAT(result, IsOk());
  ASSERT_THAT(result->outcomes, SizeIs(2));
  EXPECT_EQ(result->outcomes[0].status().code(), 0);
  EXPECT_EQ(result->outcomes[1].status().code(), 0);
  EXPECT_EQ(result->totals.documents_failed, 0);
  const std::vector<std::string> answered = service().bulk_ids_answered();
  ASSERT_THAT(answered, SizeIs(2));
  // The first document was read four times, always with its one id.
  const std::vector<std::string> read = service().bulk_ids_read();
  EXPECT_EQ(std::count(read.begin(), read.end(), answered[0]), 4);
}

// Past the window, such a document is reported failed, and the bulk goes on.
TEST_F(RemoteClientTest, BulkIngestReportsADocumentStillUnavailable) {
  Options short_window = options();
  short_window.bulk_retry_window = std::chrono::milliseconds(200);
  auto client = Connect(short_window);
  ASSERT_NE(client, nullptr);
  service().AnswerBulkUnavailable(1000);
  int supplied = 0;
  auto result = client->BulkIngest(SupplyOf(
      {DocumentOf("A/1", "1. One."), DocumentOf("A/2", "1. Two.")}, &supplied));
  ASSERT_THAT(result, IsOk());
  ASSERT_THAT(result->outcomes, SizeIs(2));
  EXPECT_EQ(result->outcomes[0].status().code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(result->outcomes[1].status().code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(result->totals.documents_failed, 2);
}

TEST_F(RemoteClientTest, BulkIngestReportsProgressAndCancels) {
  auto client = Connect(options());
  ASSERT_NE(client, nullptr);
  service().WatchBulkCancellation();
  std::vector<v1::IngestDocumentRequest> documents;
  for (int i = 0; i < 5; ++i) {
    documents.push_back(
        DocumentOf(absl::StrCat("A/", i), std::string(10 * (i + 1), 'x')));
  }
  int supplied = 0;
  std::vector<int64_t> done;
  std::vector<int64_t> bytes_sent;
  std::vector<int64_t> indexes;

  absl::StatusOr<BulkIngestResult> result = client->BulkIngest(
      SupplyOf(documents, &supplied), [&](const BulkIngestProgress& progress,
                                          const v1::BulkIngestResponse& last) {
        done.push_back(progress.documents_done);
        bytes_sent.push_back(progress.bytes_sent);
        indexes.push_back(last.index());
        return progress.documents_done < 2;
      });

  EXPECT_THAT(result, StatusIs(absl::StatusCode::kCancelled));
  EXPECT_THAT(done, ElementsAre(1, 2));
  EXPECT_THAT(bytes_sent, ElementsAre(10, 30));
  EXPECT_THAT(indexes, ElementsAre(0, 1));
  EXPECT_EQ(supplied, 2);  // nothing taken from the supply after cancelling
  ASSERT_TRUE(service().bulk_stream_ended().WaitForNotificationWithTimeout(
      kPatience + absl::Seconds(5)));
  EXPECT_TRUE(service().bulk_stream_cancelled());
  EXPECT_THAT(service().bulk_ids_answered(), SizeIs(2));
  EXPECT_EQ(service().bulk_streams(), 1);
}

TEST_F(RemoteClientTest, BulkIngestOfNothing) {
  auto client = Connect(options());
  ASSERT_NE(client, nullptr);
  int supplied = 0;

  absl::StatusOr<BulkIngestResult> result =
      client->BulkIngest(SupplyOf({}, &supplied));

  ASSERT_THAT(result, IsOk());
  EXPECT_THAT(result->outcomes, IsEmpty());
  EXPECT_EQ(result->totals.documents_done, 0);
}

// --- Async ---

TEST_F(RemoteClientTest, SearchAsyncHoldsTheSyncResult) {
  auto client = Connect(options());
  ASSERT_NE(client, nullptr);

  absl::StatusOr<v1::SearchResponse> sync =
      client->Search(SearchFor("torture"));
  absl::StatusOr<v1::SearchResponse> async =
      client->SearchAsync(SearchFor("torture")).get();

  ASSERT_THAT(sync, IsOk());
  ASSERT_THAT(async, IsOk());
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(*sync, *async))
      << sync->DebugString() << " vs " << async->DebugString();
}

TEST_F(RemoteClientTest, ManyConcurrentAsyncCallsSucceed) {
  auto client = Connect(options());
  ASSERT_NE(client, nullptr);
  constexpr int kCalls = 50;

  std::vector<std::future<absl::StatusOr<v1::SearchResponse>>> futures;
  for (int i = 0; i < kCalls; ++i) {
    futures.push_back(client->SearchAsync(SearchFor(absl::StrCat("q", i))));
  }

  for (int i = 0; i < kCalls; ++i) {
    absl::StatusOr<v1::SearchResponse> response = futures[i].get();
    ASSERT_THAT(response, IsOk()) << i;
    ASSERT_EQ(response->hits_size(), 1) << i;
    EXPECT_EQ(response->hits(0).snippet(), absl::StrCat("q", i));
  }
  EXPECT_EQ(service().calls("Search"), kCalls);
}

TEST_F(RemoteClientTest, AsyncCallsRetryToo) {
  auto client = Connect(options());
  ASSERT_NE(client, nullptr);
  service().FailNext(1, grpc::StatusCode::UNAVAILABLE);

  EXPECT_THAT(client->IngestDocumentAsync(DocumentOf("A/1", "1. One.")).get(),
              IsOk());
  std::vector<SeenCall> calls = service().seen("IngestDocument");
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(calls[0].request_id, calls[1].request_id);
}

// --- SearchAll ---

v1::SearchResponse PageOf(std::vector<std::string> paragraphs,
                          const std::string& next_page_token) {
  v1::SearchResponse page;
  for (const std::string& paragraph : paragraphs) {
    page.add_hits()->set_paragraph(paragraph);
  }
  page.set_next_page_token(next_page_token);
  page.set_total_size(5);
  return page;
}

class SearchAllTest : public RemoteClientTest {
 protected:
  void SetUp() override {
    RemoteClientTest::SetUp();
    service().ServePage("", PageOf({"p/1", "p/2"}, "p2"));
    service().ServePage("p2", PageOf({"p/3", "p/4"}, "p3"));
    service().ServePage("p3", PageOf({"p/5"}, ""));
  }
};

TEST_F(SearchAllTest, YieldsEveryHitInOrder) {
  auto client = Connect(options());
  ASSERT_NE(client, nullptr);

  std::vector<std::string> paragraphs;
  for (const absl::StatusOr<v1::SearchHit>& hit :
       client->SearchAll(SearchFor("torture"))) {
    ASSERT_THAT(hit, IsOk());
    paragraphs.push_back(hit->paragraph());
  }

  EXPECT_THAT(paragraphs, ElementsAre("p/1", "p/2", "p/3", "p/4", "p/5"));
  std::vector<std::string> tokens;
  for (const SeenCall& call : service().seen("Search")) {
    EXPECT_EQ(call.query, "torture");
    tokens.push_back(call.page_token);
  }
  EXPECT_THAT(tokens, ElementsAre("", "p2", "p3"));
}

TEST_F(SearchAllTest, YieldsAPageErrorOnceAsTheLastElement) {
  auto client = Connect(options());
  ASSERT_NE(client, nullptr);
  service().FailPage("p2", grpc::StatusCode::INVALID_ARGUMENT);

  std::vector<absl::StatusOr<v1::SearchHit>> elements;
  for (const absl::StatusOr<v1::SearchHit>& hit :
       client->SearchAll(SearchFor("torture"))) {
    elements.push_back(hit);
    ASSERT_LE(elements.size(), 10u) << "the range does not end";
  }

  ASSERT_EQ(elements.size(), 3u);
  ASSERT_THAT(elements[0], IsOk());
  EXPECT_EQ(elements[0]->paragraph(), "p/1");
  ASSERT_THAT(elements[1], IsOk());
  EXPECT_EQ(elements[1]->paragraph(), "p/2");
  EXPECT_THAT(elements[2], StatusIs(absl::StatusCode::kInvalidArgument,
                                    HasSubstr("bad page token 'p2'")));
  EXPECT_EQ(service().calls("Search"), 2);  // no fetch after the error
}

TEST_F(SearchAllTest, RetriesAPageThatIsUnavailableOnce) {
  auto client = Connect(options());
  ASSERT_NE(client, nullptr);

  std::vector<std::string> paragraphs;
  for (const absl::StatusOr<v1::SearchHit>& hit :
       client->SearchAll(SearchFor("torture"))) {
    ASSERT_THAT(hit, IsOk());
    paragraphs.push_back(hit->paragraph());
    if (paragraphs.size() == 2) {
      service().FailNext(1, grpc::StatusCode::UNAVAILABLE);  // page "p2"
    }
  }

  EXPECT_THAT(paragraphs, ElementsAre("p/1", "p/2", "p/3", "p/4", "p/5"));
  EXPECT_EQ(service().calls("Search"), 4);
}

// --- Options ---

TEST(RemoteClientOptionsTest, NeedsAnIngestEndpoint) {
  Options options = OptionsFor("127.0.0.1:1");
  options.ingest_endpoint.clear();
  EXPECT_THAT(MakeClient(options), StatusIs(absl::StatusCode::kInvalidArgument,
                                            HasSubstr("ingest_endpoint")));
}

TEST(RemoteClientOptionsTest, NeedsAQueryEndpoint) {
  Options options = OptionsFor("127.0.0.1:1");
  options.query_endpoints.clear();
  EXPECT_THAT(MakeClient(options), StatusIs(absl::StatusCode::kInvalidArgument,
                                            HasSubstr("query_endpoint")));
}

TEST(RemoteClientOptionsTest, ClientCertificateAndKeyGoTogether) {
  Options cert_only = OptionsFor("127.0.0.1:1");
  cert_only.tls.enabled = true;
  cert_only.tls.client_certificate_pem = "-----BEGIN CERTIFICATE-----";
  EXPECT_THAT(MakeClient(cert_only),
              StatusIs(absl::StatusCode::kInvalidArgument));

  Options key_only = OptionsFor("127.0.0.1:1");
  key_only.tls.enabled = true;
  key_only.tls.client_key_pem = "-----BEGIN PRIVATE KEY-----";
  EXPECT_THAT(MakeClient(key_only),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(RemoteClientOptionsTest, NeedsAtLeastOneAttempt) {
  Options options = OptionsFor("127.0.0.1:1");
  options.retry.max_attempts = 0;
  EXPECT_THAT(MakeClient(options),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(RemoteClientOptionsTest, ValidOptionsMakeAClientWithoutConnecting) {
  // Channels connect on the first call: nothing needs to listen yet.
  EXPECT_THAT(MakeClient(OptionsFor("127.0.0.1:1")), IsOk());
}

}  // namespace
}  // namespace rapporteur
