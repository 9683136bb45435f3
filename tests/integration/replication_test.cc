// Replicated storage on NATS JetStream, all real processes on loopback:
// three nats-server nodes, storage replicas, ingest and query. Kills with
// SIGKILL and checks that no acknowledged document is lost, duplicated or
// partly visible.
#include <signal.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/replication/log_layout.h"
#include "lib/replication/shard_map.h"
#include "lib/routing/shard.h"
#include "tests/integration/cluster.h"
#include "tests/integration/replicated_cluster.h"
#include "tests/testing/files.h"
#include "tests/testing/status_matchers.h"

namespace rapporteur {
namespace {

using ::rapporteur::testing::IsOk;
using ::rapporteur::testing::ReplicatedCluster;
using ::rapporteur::testing::StatusIs;
using ::testing::HasSubstr;

constexpr int kPartitions = 4;
constexpr int kParagraphs = 3;

// Report `n`: three numbered paragraphs, each with the report's own marker
// word, so that a search for it finds exactly this report's paragraphs.
v1::IngestDocumentRequest Report(int n) {
  v1::IngestDocumentRequest request;
  v1::DocumentSource* source = request.mutable_source();
  const std::string marker = absl::StrCat("zq", n, "x");
  source->set_content(
      absl::StrCat("1. The mission ", marker,
                   " visited places of detention in the capital.\n\n",
                   "2. Detainees told the mission ", marker,
                   " about torture and ill-treatment.\n\n",
                   "3. The Special Rapporteur recommends that ", marker,
                   " findings be published.\n"));
  source->set_media_type("text/plain");
  source->set_symbol(absl::StrCat("TEST/R/", n));
  source->set_title(absl::StrCat("Report ", n));
  source->set_date("2020-01-01");
  source->add_countries("PRK");
  request.set_request_id(absl::StrCat("report-", n));
  return request;
}

std::string NameOf(int n) { return absl::StrCat("documents/test-r-", n); }

// Ingests with the same request id until acknowledged or `deadline`.
absl::StatusOr<v1::IngestDocumentResponse> IngestUntilAcknowledged(
    Client& client, const v1::IngestDocumentRequest& request,
    absl::Time deadline) {
  absl::StatusOr<v1::IngestDocumentResponse> response =
      client.IngestDocument(request);
  while (!response.ok() && absl::Now() < deadline &&
         (absl::IsUnavailable(response.status()) ||
          absl::IsDeadlineExceeded(response.status()) ||
          absl::IsResourceExhausted(response.status()))) {
    absl::SleepFor(absl::Milliseconds(100));
    response = client.IngestDocument(request);
  }
  return response;
}

int64_t CountHits(Client& client, const std::string& query,
                  bool* partial = nullptr) {
  v1::SearchRequest request;
  request.set_query(query);
  request.set_page_size(1);
  absl::StatusOr<v1::SearchResponse> response = client.Search(request);
  if (!response.ok()) {
    std::cerr << "search '" << query << "' failed: " << response.status()
              << "\n";
    return -1;
  }
  if (partial != nullptr) {
    *partial = response->unavailable_shards_size() > 0;
    for (const std::string& missing : response->unavailable_shards()) {
      std::cerr << "search '" << query << "' missed " << missing << "\n";
    }
  }
  return response->total_size();
}

// What the checks of acknowledged documents found.
struct Audit {
  std::vector<std::string> problems;  // the first few, for the failure
  int acknowledged = 0;
  int lost = 0;        // acknowledged but not found
  int partial = 0;     // found with fewer paragraphs than written
  int duplicated = 0;  // more than one revision
};

Audit AuditDocuments(Client& client, const std::set<int>& acknowledged) {
  Audit audit;
  audit.acknowledged = static_cast<int>(acknowledged.size());
  for (int n : acknowledged) {
    v1::GetDocumentRequest get;
    get.set_name(NameOf(n));
    // A read refused while a replica restarts is no loss: only a document
    // that stays unreadable is.
    absl::StatusOr<v1::Document> doc =
        testing::UntilAvailable([&] { return client.GetDocument(get); });
    if (!doc.ok()) {
      ++audit.lost;
      if (audit.problems.size() < 5) {
        audit.problems.push_back(
            absl::StrCat(get.name(), ": ", doc.status().ToString()));
      }
      continue;
    }
    if (doc->revision() != 1) {
      ++audit.duplicated;
    }
    if (doc->paragraphs_size() != kParagraphs ||
        CountHits(client, absl::StrCat("zq", n, "x")) != kParagraphs) {
      ++audit.partial;
    }
  }
  return audit;
}

class ReplicationTest : public ::testing::Test {
 protected:
  void StartCluster(ReplicatedCluster::Config config = {}) {
    config.partitions = kPartitions;
    ASSERT_THAT(cluster_.Start(config), IsOk());
    client_ = cluster_.NewClient();
    ASSERT_NE(client_, nullptr);
  }

  // Ingests reports [from, to) and returns those acknowledged.
  std::set<int> IngestRange(int from, int to) {
    std::set<int> acknowledged;
    for (int n = from; n < to; ++n) {
      absl::StatusOr<v1::IngestDocumentResponse> response =
          IngestUntilAcknowledged(*client_, Report(n),
                                  absl::Now() + absl::Seconds(60));
      EXPECT_THAT(response.status(), IsOk()) << "report " << n;
      if (response.ok()) {
        acknowledged.insert(n);
      }
    }
    return acknowledged;
  }

  // Each partition answers the same on replicas `a` and `b`: same
  // paragraphs, same ids (page tokens hold across replicas), same scores.
  void ExpectReplicasAgree(int a, int b) {
    internal::v1::SearchShardRequest request;
    request.add_terms("detent");
    request.set_limit(100);
    for (int p = 0; p < kPartitions; ++p) {
      absl::StatusOr<internal::v1::SearchShardResponse> one =
          cluster_.SearchReplica(a, p, request);
      absl::StatusOr<internal::v1::SearchShardResponse> other =
          cluster_.SearchReplica(b, p, request);
      ASSERT_THAT(one.status(), IsOk());
      ASSERT_THAT(other.status(), IsOk());
      ASSERT_EQ(one->hits_size(), other->hits_size()) << "partition " << p;
      EXPECT_GT(one->hits_size(), 0);
      for (int i = 0; i < one->hits_size(); ++i) {
        EXPECT_EQ(one->hits(i).paragraph().name(),
                  other->hits(i).paragraph().name());
        EXPECT_EQ(one->hits(i).paragraph_id(), other->hits(i).paragraph_id());
        EXPECT_DOUBLE_EQ(one->hits(i).score(), other->hits(i).score());
      }
    }
  }

  testing::TempDir dir_;
  ReplicatedCluster cluster_{dir_.path()};
  std::unique_ptr<Client> client_;
};

TEST_F(ReplicationTest, WriteIsAppliedByAReplicaBeforeItIsAcknowledged) {
  StartCluster();
  absl::StatusOr<v1::IngestDocumentResponse> response =
      client_->IngestDocument(Report(1));
  ASSERT_THAT(response.status(), IsOk());
  EXPECT_EQ(response->document().revision(), 1);
  // PARTITION:SEQUENCE of the write in its partition's log.
  EXPECT_EQ(response->consistency_token(),
            absl::StrCat(storage::ShardFor("test-r-1", kPartitions), ":1"));
  // Acknowledged means applied: a search finds it at once.
  EXPECT_EQ(CountHits(*client_, "zq1x"), kParagraphs);
}

TEST_F(ReplicationTest, SameRequestIdTwiceMakesOneRevision) {
  StartCluster();
  absl::StatusOr<v1::IngestDocumentResponse> first =
      client_->IngestDocument(Report(7));
  absl::StatusOr<v1::IngestDocumentResponse> second =
      client_->IngestDocument(Report(7));
  ASSERT_THAT(first.status(), IsOk());
  ASSERT_THAT(second.status(), IsOk());
  EXPECT_EQ(first->document().revision(), 1);
  EXPECT_EQ(second->document().revision(), 1);
  // The stream stored the retry once.
  EXPECT_EQ(second->consistency_token(), first->consistency_token());
  v1::GetDocumentRequest get;
  get.set_name(NameOf(7));
  absl::StatusOr<v1::Document> doc = client_->GetDocument(get);
  ASSERT_THAT(doc.status(), IsOk());
  EXPECT_EQ(doc->revision(), 1);
  // A new request id is a new revision.
  v1::IngestDocumentRequest again = Report(7);
  again.set_request_id("report-7-again");
  absl::StatusOr<v1::IngestDocumentResponse> third =
      client_->IngestDocument(again);
  ASSERT_THAT(third.status(), IsOk());
  EXPECT_EQ(third->document().revision(), 2);
}

TEST_F(ReplicationTest, LogAcknowledgedWriteIsReadWithItsConsistencyToken) {
  StartCluster();
  v1::IngestDocumentRequest request = Report(3);
  request.set_wait(v1::WRITE_WAIT_LOG);
  absl::StatusOr<v1::IngestDocumentResponse> response =
      client_->IngestDocument(request);
  ASSERT_THAT(response.status(), IsOk());
  ASSERT_FALSE(response->consistency_token().empty());
  v1::SearchRequest search;
  search.set_query("zq3x");
  search.set_consistency_token(response->consistency_token());
  absl::StatusOr<v1::SearchResponse> found = client_->Search(search);
  ASSERT_THAT(found.status(), IsOk());
  EXPECT_EQ(found->total_size(), kParagraphs);
  search.set_consistency_token("99:1");
  EXPECT_THAT(
      client_->Search(search).status(),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("partition 99")));
}

TEST_F(ReplicationTest, BadDocumentIsRefusedAndTheLogMovesOn) {
  StartCluster();
  v1::IngestDocumentRequest empty = Report(5);
  empty.mutable_source()->set_content("   ");
  EXPECT_THAT(client_->IngestDocument(empty).status(),
              StatusIs(absl::StatusCode::kInvalidArgument));
  // A request id reused for another document of the same partition is
  // refused by every replica alike, from the log, and the partition goes
  // on applying. (Request ids are kept per partition: in another one it
  // would be a new write.)
  ASSERT_THAT(client_->IngestDocument(Report(5)).status(), IsOk());
  int other = 6;
  while (storage::ShardFor(absl::StrCat("test-r-", other), kPartitions) !=
         storage::ShardFor("test-r-5", kPartitions)) {
    ++other;
  }
  v1::IngestDocumentRequest reused = Report(other);
  reused.set_request_id("report-5");
  EXPECT_THAT(client_->IngestDocument(reused).status(),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("already used")));
  ASSERT_THAT(client_->IngestDocument(Report(other)).status(), IsOk());
  EXPECT_EQ(CountHits(*client_, absl::StrCat("zq", other, "x")), kParagraphs);
  EXPECT_THAT(cluster_.AwaitCaughtUp(), IsOk());
}

TEST_F(ReplicationTest, AcknowledgedWritesSurviveAJetStreamNodeKilled) {
  StartCluster();
  constexpr int kDocuments = 1000;
  constexpr int kWriters = 4;
  std::mutex mu;
  std::set<int> acknowledged;
  std::atomic<int> next{0};
  std::atomic<int> failed{0};
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&] {
      std::unique_ptr<Client> client = cluster_.NewClient();
      for (int n = next++; n < kDocuments; n = next++) {
        absl::StatusOr<v1::IngestDocumentResponse> response =
            IngestUntilAcknowledged(*client, Report(n),
                                    absl::Now() + absl::Seconds(90));
        std::lock_guard<std::mutex> lock(mu);
        if (response.ok()) {
          acknowledged.insert(n);
        } else {
          ++failed;
        }
      }
    });
  }
  while (next < kDocuments / 3) {
    absl::SleepFor(absl::Milliseconds(20));
  }
  cluster_.KillNats(0);
  while (next < 2 * kDocuments / 3) {
    absl::SleepFor(absl::Milliseconds(20));
  }
  ASSERT_THAT(cluster_.StartNats(0), IsOk());
  for (std::thread& writer : writers) {
    writer.join();
  }
  EXPECT_EQ(failed, 0);
  ASSERT_THAT(cluster_.AwaitCaughtUp(), IsOk());
  Audit audit = AuditDocuments(*client_, acknowledged);
  EXPECT_EQ(audit.acknowledged, kDocuments);
  EXPECT_EQ(audit.lost, 0) << absl::StrJoin(audit.problems, "\n");
  EXPECT_EQ(audit.partial, 0);
  EXPECT_EQ(audit.duplicated, 0);
  // Every paragraph once: no document applied twice anywhere.
  EXPECT_EQ(CountHits(*client_, "mission"), 2 * kDocuments);
}

TEST_F(ReplicationTest, ReplicaKilledSearchesStayCompleteAndItCatchesUp) {
  StartCluster();
  std::set<int> written = IngestRange(0, 30);
  cluster_.KillStorage(0);
  bool partial = true;
  EXPECT_EQ(CountHits(*client_, "detention", &partial), 30);
  EXPECT_FALSE(partial);
  // Writes go on with one replica of each partition.
  std::set<int> more = IngestRange(30, 40);
  EXPECT_EQ(CountHits(*client_, "detention", &partial), 40);
  EXPECT_FALSE(partial);
  ASSERT_THAT(cluster_.StartStorage(0), IsOk());
  ASSERT_THAT(cluster_.AwaitCaughtUp(), IsOk());
  // Now the other replica goes: the restarted one answers alone.
  cluster_.KillStorage(1);
  EXPECT_EQ(CountHits(*client_, "detention", &partial), 40);
  EXPECT_FALSE(partial);
}

// A replica stopped (SIGSTOP: connected, silent, still in the shard map
// for a few seconds) is answered around: a read it does not answer within
// the partition's recent p95 latency goes to the other replica too, so
// searches with a 2 s deadline stay complete.
TEST_F(ReplicationTest, AStoppedReplicaIsAnsweredAroundWithinTheDeadline) {
  StartCluster();
  IngestRange(0, 30);
  ASSERT_THAT(cluster_.AwaitCaughtUp(), IsOk());
  cluster_.SignalStorage(0, SIGSTOP);
  struct Resume {
    ReplicatedCluster* cluster;
    ~Resume() { cluster->SignalStorage(0, SIGCONT); }
  } resume{&cluster_};
  v1::SearchRequest request;
  request.set_query("detention");
  // Reads start at a rotating replica: over several searches, every
  // partition starts at the stopped one some of the time.
  for (int attempt = 0; attempt < 6; ++attempt) {
    const absl::Time start = absl::Now();
    absl::StatusOr<v1::SearchResponse> found = testing::SearchOnce(
        cluster_.query_address(), request, absl::Seconds(2));
    std::printf(
        "[ timing   ] search with a 2 s deadline, one of 2 replicas "
        "stopped: %.3f s\n",
        absl::ToDoubleSeconds(absl::Now() - start));
    ASSERT_THAT(found.status(), IsOk());
    EXPECT_EQ(found->total_size(), 30);
    EXPECT_TRUE(found->unavailable_shards().empty())
        << absl::StrJoin(found->unavailable_shards(), "; ");
  }
}

TEST_F(ReplicationTest, LostDataDirectoryIsRebuiltFromTheLog) {
  StartCluster();
  IngestRange(0, 40);
  cluster_.KillStorage(1);
  std::filesystem::remove_all(cluster_.storage_data(1));
  ASSERT_THAT(cluster_.StartStorage(1), IsOk());
  ASSERT_THAT(cluster_.AwaitCaughtUp(), IsOk());
  ExpectReplicasAgree(0, 1);
}

TEST_F(ReplicationTest, CompactedLogIsRebuiltFromAPeersCheckpoint) {
  StartCluster();
  IngestRange(0, 20);
  ASSERT_THAT(cluster_.AwaitCaughtUp(), IsOk());
  std::string out;
  ASSERT_EQ(cluster_.RunCli({"cluster", "compact",
                             absl::StrCat("--nats=", cluster_.nats_urls())},
                            &out),
            0)
      << out;
  for (int p = 0; p < kPartitions; ++p) {
    absl::StatusOr<replication::StreamState> state =
        cluster_.nats().GetStreamState(replication::StreamName(p));
    ASSERT_THAT(state.status(), IsOk());
    // Every entry was applied by both replicas: the log keeps none.
    EXPECT_EQ(state->messages, 0) << "partition " << p << ": " << out;
  }
  // A replica losing its disk can no longer replay the log from its start:
  // it copies a peer's checkpoint, then applies the log's tail.
  cluster_.KillStorage(1);
  std::filesystem::remove_all(cluster_.storage_data(1));
  ASSERT_THAT(cluster_.StartStorage(1), IsOk());
  ASSERT_THAT(cluster_.AwaitCaughtUp(), IsOk());
  IngestRange(20, 25);
  ASSERT_THAT(cluster_.AwaitCaughtUp(), IsOk());
  ExpectReplicasAgree(0, 1);
  cluster_.KillStorage(0);
  bool partial = true;
  EXPECT_EQ(CountHits(*client_, "detention", &partial), 25);
  EXPECT_FALSE(partial);
}

TEST_F(ReplicationTest, MajorityOfJetStreamDownRefusesWritesAndServesReads) {
  ReplicatedCluster::Config config;
  config.ingest_flags = {"--write_deadline=4s"};
  StartCluster(config);
  IngestRange(0, 10);
  cluster_.KillNats(1);
  cluster_.KillNats(2);
  absl::StatusOr<v1::IngestDocumentResponse> refused =
      client_->IngestDocument(Report(10));
  EXPECT_THAT(refused.status(),
              StatusIs(absl::StatusCode::kUnavailable, HasSubstr("majority")));
  bool partial = true;
  EXPECT_EQ(CountHits(*client_, "detention", &partial), 10);
  EXPECT_FALSE(partial);
  ASSERT_THAT(cluster_.StartNats(1), IsOk());
  ASSERT_THAT(cluster_.StartNats(2), IsOk());
  EXPECT_THAT(IngestUntilAcknowledged(*client_, Report(10),
                                      absl::Now() + absl::Seconds(60))
                  .status(),
              IsOk());
}

TEST_F(ReplicationTest, PartitionsMoveToANewReplicaWithoutAGap) {
  StartCluster();
  IngestRange(0, 20);
  ASSERT_THAT(cluster_.StartStorage(2), IsOk());
  std::atomic<bool> moving{true};
  std::atomic<int> searches{0}, wrong{0};
  std::string first_wrong;  // written by the searcher before it ends
  std::thread searcher([&] {
    std::unique_ptr<Client> client = cluster_.NewClient();
    v1::SearchRequest request;
    request.set_query("detention");
    request.set_page_size(1);
    while (moving) {
      absl::StatusOr<v1::SearchResponse> response = client->Search(request);
      ++searches;
      if (!response.ok() || response->total_size() != 20 ||
          response->unavailable_shards_size() > 0) {
        if (wrong++ == 0) {
          first_wrong =
              response.ok()
                  ? absl::StrCat(
                        response->total_size(), " hits; ",
                        absl::StrJoin(response->unavailable_shards(), "; "))
                  : response.status().ToString();
        }
      }
    }
  });
  for (int p = 0; p < kPartitions; ++p) {
    std::string out;
    EXPECT_EQ(cluster_.RunCli({"cluster", "move",
                               absl::StrCat("--nats=", cluster_.nats_urls()),
                               absl::StrCat("--partition=", p),
                               "--from=storage-0", "--to=storage-2"},
                              &out),
              0)
        << out;
  }
  moving = false;
  searcher.join();
  EXPECT_GT(searches, 0);
  EXPECT_EQ(wrong, 0) << "of " << searches
                      << " searches; first: " << first_wrong;
  // storage-0 holds nothing now: its death changes no answer.
  cluster_.KillStorage(0);
  bool partial = true;
  EXPECT_EQ(CountHits(*client_, "detention", &partial), 20);
  EXPECT_FALSE(partial);
}

TEST_F(ReplicationTest, CrashRoundsLoseNothingAcknowledged) {
  StartCluster();
  constexpr int kRounds = 50;
  std::mutex mu;
  std::set<int> acknowledged;
  std::atomic<bool> writing{true};
  std::atomic<int> next{0};
  std::vector<std::thread> writers;
  for (int w = 0; w < 2; ++w) {
    writers.emplace_back([&] {
      std::unique_ptr<Client> client = cluster_.NewClient();
      while (writing) {
        const int n = next++;
        // A write that fails is not acknowledged: it may or may not be
        // stored, and is not audited.
        absl::StatusOr<v1::IngestDocumentResponse> response =
            client->IngestDocument(Report(n));
        if (response.ok()) {
          std::lock_guard<std::mutex> lock(mu);
          acknowledged.insert(n);
        }
      }
    });
  }
  std::mt19937 random(20261204);
  int nats_kills = 0, storage_kills = 0;
  for (int round = 0; round < kRounds; ++round) {
    absl::SleepFor(absl::Milliseconds(100 + random() % 300));
    // One process down at a time: a JetStream majority and a replica of
    // every partition stay up.
    if (random() % 2 == 0) {
      const int victim = static_cast<int>(random() % cluster_.nats_nodes());
      cluster_.KillNats(victim);
      absl::SleepFor(absl::Milliseconds(100 + random() % 400));
      ASSERT_THAT(cluster_.StartNats(victim), IsOk());
      ++nats_kills;
    } else {
      const int victim =
          static_cast<int>(random() % cluster_.storage_processes());
      cluster_.KillStorage(victim);
      absl::SleepFor(absl::Milliseconds(100 + random() % 400));
      ASSERT_THAT(cluster_.StartStorage(victim), IsOk());
      ++storage_kills;
    }
  }
  writing = false;
  for (std::thread& writer : writers) {
    writer.join();
  }
  ASSERT_THAT(cluster_.AwaitCaughtUp(absl::Seconds(120)), IsOk());
  Audit audit = AuditDocuments(*client_, acknowledged);
  std::cout << "crash rounds: " << kRounds << " (" << nats_kills
            << " JetStream nodes, " << storage_kills
            << " storage replicas killed); " << next << " writes attempted, "
            << audit.acknowledged << " acknowledged; lost " << audit.lost
            << ", partially visible " << audit.partial
            << ", duplicated revisions " << audit.duplicated << "\n";
  EXPECT_GT(audit.acknowledged, 0);
  EXPECT_EQ(audit.lost, 0) << absl::StrJoin(audit.problems, "\n");
  EXPECT_EQ(audit.partial, 0);
  EXPECT_EQ(audit.duplicated, 0);
}

}  // namespace
}  // namespace rapporteur
