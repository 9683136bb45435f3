#include "bench/search/grpc_load.h"

#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <chrono>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "rapporteur/v1/query.grpc.pb.h"

namespace rapporteur::bench {
namespace {

constexpr auto kCallDeadline = std::chrono::seconds(10);

// A channel of its own: a distinct channel argument keeps gRPC from sharing
// one connection (subchannel) between the clients.
std::shared_ptr<grpc::Channel> OwnChannel(const std::string& address,
                                          int client) {
  grpc::ChannelArguments arguments;
  arguments.SetInt("rapporteur.bench.client", client);
  return grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(),
                                   arguments);
}

double Percentile(std::vector<double>& sorted, double fraction) {
  if (sorted.empty()) {
    return 0;
  }
  size_t index = static_cast<size_t>(fraction * (sorted.size() - 1) + 0.5);
  return sorted[std::min(index, sorted.size() - 1)];
}

}  // namespace

LoadResult RunLoad(int clients, absl::Duration duration, int warmup_calls,
                   const CallFactory& factory) {
  struct PerClient {
    std::vector<double> latencies_ms;
    int64_t errors = 0;
  };
  std::vector<PerClient> results(clients);
  std::vector<std::thread> threads;
  // Every client starts measuring at the same instant, after its warm-up.
  std::atomic<int> ready{0};
  std::atomic<int64_t> start_ns{0};
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      Call call = factory(c);
      for (int i = 0; i < warmup_calls; ++i) {
        call();
      }
      if (ready.fetch_add(1) + 1 == clients) {
        start_ns.store(absl::GetCurrentTimeNanos());
      }
      while (start_ns.load() == 0) {
        std::this_thread::yield();
      }
      const int64_t end_ns =
          start_ns.load() + absl::ToInt64Nanoseconds(duration);
      PerClient& mine = results[c];
      while (true) {
        const int64_t before = absl::GetCurrentTimeNanos();
        if (before >= end_ns) {
          break;
        }
        const bool ok = call();
        const int64_t after = absl::GetCurrentTimeNanos();
        if (ok) {
          mine.latencies_ms.push_back(static_cast<double>(after - before) /
                                      1e6);
        } else {
          ++mine.errors;
        }
      }
    });
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  LoadResult result;
  std::vector<double> all;
  for (PerClient& client : results) {
    all.insert(all.end(), client.latencies_ms.begin(),
               client.latencies_ms.end());
    result.errors += client.errors;
  }
  std::sort(all.begin(), all.end());
  result.calls = static_cast<int64_t>(all.size());
  result.qps =
      static_cast<double>(all.size()) / absl::ToDoubleSeconds(duration);
  result.p50_ms = Percentile(all, 0.50);
  result.p99_ms = Percentile(all, 0.99);
  return result;
}

CallFactory SearchCalls(
    std::string address,
    std::shared_ptr<const std::vector<std::string>> queries) {
  return [address = std::move(address), queries](int client) -> Call {
    auto stub = std::shared_ptr<v1::QueryService::Stub>(
        v1::QueryService::NewStub(OwnChannel(address, client)));
    // Clients start at different queries, so they do not move in step.
    auto next = std::make_shared<size_t>(static_cast<size_t>(client));
    return [stub, queries, next]() {
      v1::SearchRequest request;
      request.set_query((*queries)[(*next)++ % queries->size()]);
      request.set_page_size(10);
      v1::SearchResponse response;
      grpc::ClientContext context;
      context.set_deadline(std::chrono::system_clock::now() + kCallDeadline);
      return stub->Search(&context, request, &response).ok();
    };
  };
}

CallFactory HealthCalls(std::string address) {
  return [address = std::move(address)](int client) -> Call {
    auto stub = std::shared_ptr<grpc::health::v1::Health::Stub>(
        grpc::health::v1::Health::NewStub(OwnChannel(address, client)));
    return [stub]() {
      grpc::health::v1::HealthCheckRequest request;
      grpc::health::v1::HealthCheckResponse response;
      grpc::ClientContext context;
      context.set_deadline(std::chrono::system_clock::now() + kCallDeadline);
      return stub->Check(&context, request, &response).ok();
    };
  };
}

}  // namespace rapporteur::bench
