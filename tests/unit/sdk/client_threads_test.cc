// Many threads sharing one Client, on both backends. Run under
// ThreadSanitizer by scripts/test (build-tsan/), where a data race fails it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "absl/strings/str_cat.h"
#include "lib/base/executor.h"
#include "lib/ingest/ingester.h"
#include "lib/query/query_engine.h"
#include "lib/rpc/server.h"
#include "lib/storage/local_shard.h"
#include "lib/storage/store.h"
#include "rapporteur/client.h"
#include "services/ingest/ingest_service.h"
#include "services/query/query_service.h"
#include "tests/testing/files.h"

namespace rapporteur {
namespace {

v1::IngestDocumentRequest Report(const std::string& symbol) {
  v1::IngestDocumentRequest request;
  request.mutable_source()->set_content(rapporteur::testing::SampleReport());
  request.mutable_source()->set_symbol(symbol);
  return request;
}

// Eight threads mixing ingests, searches, lookups and async calls on one
// client; returns the number of calls that failed.
int Hammer(Client& client) {
  constexpr int kThreads = 8;
  constexpr int kRounds = 6;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&client, &failures, t] {
      for (int round = 0; round < kRounds; ++round) {
        bool ok = true;
        if (round % 3 == 0) {
          ok &= client.IngestDocument(Report(absl::StrCat("T/", t, "/", round)))
                    .ok();
        }
        auto hits =
            client.Search(round % 2 == 0 ? "food shortage" : "refugees");
        ok &= hits.ok() && hits->hits_size() > 0;
        auto async = client.SearchAsync(v1::SearchRequest()).get();
        ok &= absl::IsInvalidArgument(async.status());  // empty query
        auto cited = client.Cite("A/HRC/7/20", 1 + (t + round) % 83);
        ok &= cited.ok();
        if (!ok) {
          failures.fetch_add(1);
        }
      }
    });
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  return failures.load();
}

TEST(ClientThreadsTest, EmbeddedClientIsThreadSafe) {
  rapporteur::testing::TempDir dir;
  Options options;
  options.data_dir = dir.path();
  auto client = MakeClient(options);
  ASSERT_TRUE(client.ok()) << client.status();
  ASSERT_TRUE((*client)->IngestDocument(Report("A/HRC/7/20")).ok());
  EXPECT_EQ(Hammer(**client), 0);
}

TEST(ClientThreadsTest, RemoteClientIsThreadSafe) {
  // The real services over one shard, in this process, on a loopback port.
  rapporteur::testing::TempDir dir;
  auto store = storage::Store::Open({.path = dir.path() + "/db"});
  ASSERT_TRUE(store.ok()) << store.status();
  storage::LocalShard shard(store->get());
  ingest::Ingester ingester({&shard});
  query::QueryEngine engine({&shard});
  Executor executor(4, 256);
  ingest::IngestServiceImpl ingest_service(&ingester, &executor);
  query::QueryServiceImpl query_service(&engine, &executor);
  ServerOptions server_options;
  server_options.listen = "127.0.0.1:0";
  auto server =
      Server::Start(server_options, {&ingest_service, &query_service});
  ASSERT_TRUE(server.ok()) << server.status();
  const std::string address = absl::StrCat("127.0.0.1:", (*server)->port());

  Options options;
  options.ingest_endpoint = address;
  options.query_endpoints = {address, address};
  auto client = MakeClient(options);
  ASSERT_TRUE(client.ok()) << client.status();
  ASSERT_TRUE((*client)->IngestDocument(Report("A/HRC/7/20")).ok());
  EXPECT_EQ(Hammer(**client), 0);
  client->reset();
  (*server)->Shutdown();
}

}  // namespace
}  // namespace rapporteur
