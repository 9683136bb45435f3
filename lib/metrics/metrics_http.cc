#include "lib/metrics/metrics_http.h"

#include <httplib.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>

#include <atomic>
#include <thread>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "lib/base/mutex.h"

namespace rapporteur {
namespace {

// The media type Prometheus asks for and parses as text format 0.0.4.
constexpr char kMetricsContentType[] =
    "text/plain; version=0.0.4; charset=utf-8";

// Scrapes come every few seconds from one or two Prometheus servers: two
// threads are plenty, and httplib's default would start one per core.
constexpr size_t kThreads = 2;
// Neither endpoint takes a body; a client sending one is not a scraper.
constexpr size_t kMaxRequestBodyBytes = 64 << 10;
// A client that stalls must not hold a thread for long.
constexpr time_t kIoTimeoutSeconds = 5;

}  // namespace

struct MetricsHttpServer::Impl {
  httplib::Server server;
  std::thread thread;
  std::atomic<bool> finished{false};  // listen_after_bind() returned
  Mutex stop_mu;                      // held while stopping
  bool stopped ABSL_GUARDED_BY(stop_mu) = false;
};

absl::Status ParseHostPort(absl::string_view listen, std::string* host,
                           int* port) {
  const size_t colon = listen.rfind(':');
  if (colon == absl::string_view::npos) {
    return absl::InvalidArgumentError(
        absl::StrCat("metrics address \"", listen, "\" is not HOST:PORT"));
  }
  absl::string_view host_part = listen.substr(0, colon);
  absl::string_view port_part = listen.substr(colon + 1);
  if (host_part.size() >= 2 && host_part.front() == '[' &&
      host_part.back() == ']') {
    host_part = host_part.substr(1, host_part.size() - 2);
  } else if (host_part.find(':') != absl::string_view::npos) {
    return absl::InvalidArgumentError(absl::StrCat(
        "metrics address \"", listen, "\": put an IPv6 host in brackets"));
  }
  int parsed_port = -1;
  if (port_part.empty() ||
      port_part.find_first_not_of("0123456789") != absl::string_view::npos ||
      !absl::SimpleAtoi(port_part, &parsed_port) || parsed_port > 65535) {
    return absl::InvalidArgumentError(
        absl::StrCat("metrics address \"", listen, "\" has no valid port"));
  }
  *host = host_part.empty() ? "0.0.0.0" : std::string(host_part);
  *port = parsed_port;
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<MetricsHttpServer>> MetricsHttpServer::Start(
    absl::string_view listen) {
  std::string host;
  int port = 0;
  absl::Status parsed = ParseHostPort(listen, &host, &port);
  if (!parsed.ok()) {
    return parsed;
  }
  auto impl = std::make_unique<Impl>();
  httplib::Server& server = impl->server;
  server.new_task_queue = [] { return new httplib::ThreadPool(kThreads); };
  // httplib's default sets SO_REUSEPORT, with which a second process given
  // the same address binds it too and scrapes land on either at random.
  // SO_REUSEADDR alone still allows a restart while old connections linger.
  server.set_socket_options([](int sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  server.set_payload_max_length(kMaxRequestBodyBytes);
  server.set_read_timeout(kIoTimeoutSeconds, 0);
  server.set_write_timeout(kIoTimeoutSeconds, 0);
  server.Get("/metrics",
             [](const httplib::Request&, httplib::Response& response) {
               response.set_content(TextExposition(), kMetricsContentType);
             });
  server.Get("/healthz",
             [](const httplib::Request&, httplib::Response& response) {
               response.set_content("ok\n", "text/plain; charset=utf-8");
             });
  // Unrouted paths get httplib's 404.

  int bound = -1;
  if (port == 0) {
    bound = server.bind_to_any_port(host);
  } else if (server.bind_to_port(host, port)) {
    bound = port;
  }
  if (bound <= 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen for metrics on ", listen));
  }

  Impl* raw = impl.get();
  raw->thread = std::thread([raw] {
    // httplib 0.11 writes without MSG_NOSIGNAL: a scraper hanging up mid
    // response would raise SIGPIPE and kill the process. Blocked here, the
    // pool threads started from this one inherit the mask, and the write
    // fails with EPIPE instead. The process-wide disposition is left alone.
    sigset_t pipe;
    sigemptyset(&pipe);
    sigaddset(&pipe, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe, nullptr);
    raw->server.listen_after_bind();
    raw->finished.store(true, std::memory_order_release);
  });
  // httplib's stop() does nothing until the accept loop has started, so a
  // Stop() right after Start() would never end the thread. The wait lasts
  // as long as starting a thread.
  while (!raw->server.is_running() &&
         !raw->finished.load(std::memory_order_acquire)) {
    std::this_thread::yield();
  }
  return std::unique_ptr<MetricsHttpServer>(
      new MetricsHttpServer(std::move(impl), bound));
}

MetricsHttpServer::MetricsHttpServer(std::unique_ptr<Impl> impl, int port)
    : impl_(std::move(impl)), port_(port) {}

MetricsHttpServer::~MetricsHttpServer() { Stop(); }

void MetricsHttpServer::Stop() {
  MutexLock lock(&impl_->stop_mu);
  if (impl_->stopped) {
    return;
  }
  impl_->stopped = true;
  impl_->server.stop();
  impl_->thread.join();
}

}  // namespace rapporteur
