// A bulk ingest through short outages of the real services: ingest killed
// and started again, storage stopped and started again, mid-stream. Every
// document is stored, once, and none is reported failed.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "rapporteur/client.h"
#include "tests/integration/cluster.h"
#include "tests/testing/files.h"
#include "tests/testing/status_matchers.h"

namespace rapporteur {
namespace {

using ::rapporteur::testing::Cluster;
using ::rapporteur::testing::IsOk;

constexpr int kDocuments = 240;
// The outage starts once this many documents were answered.
constexpr int kOutageAfter = 40;

v1::IngestDocumentRequest Document(int i) {
  v1::IngestDocumentRequest request;
  v1::DocumentSource* source = request.mutable_source();
  source->set_content(absl::StrCat(
      "1. Paragraph one of report ", i, " on detention and food.\n",
      "2. Paragraph two of report ", i, " on refugees.\n"));
  source->set_symbol(absl::StrCat("A/HRC/BULK/", i));
  source->set_date("2008-02-15");
  source->add_countries("PRK");
  return request;
}

class BulkOutageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_THAT(cluster_.Start(), IsOk());
    client_ = cluster_.NewClient();
    ASSERT_NE(client_, nullptr);
  }

  // Ingests kDocuments while `outage` runs on another thread once
  // kOutageAfter were answered; checks every one was stored, once.
  void IngestThrough(const std::function<void()>& outage) {
    std::atomic<int> answered{0};
    std::thread chaos([&] {
      while (answered.load() < kOutageAfter) {
        absl::SleepFor(absl::Milliseconds(5));
      }
      outage();
    });
    int next = 0;
    auto result = client_->BulkIngest(
        [&]() -> std::optional<v1::IngestDocumentRequest> {
          if (next == kDocuments) return std::nullopt;
          return Document(next++);
        },
        [&](const BulkIngestProgress&, const v1::BulkIngestResponse&) {
          ++answered;
          return true;
        });
    chaos.join();
    ASSERT_THAT(result, IsOk());
    ASSERT_EQ(result->outcomes.size(), static_cast<size_t>(kDocuments));
    std::set<std::string> names;
    for (const v1::BulkIngestResponse& outcome : result->outcomes) {
      EXPECT_EQ(outcome.status().code(), 0)
          << "document " << outcome.index() << ": "
          << outcome.status().message();
      // A document resent after the outage is answered with its first
      // revision: stored once.
      EXPECT_EQ(outcome.document().revision(), 1) << outcome.index();
      names.insert(outcome.document().name());
    }
    EXPECT_EQ(names.size(), static_cast<size_t>(kDocuments));
    EXPECT_EQ(result->totals.documents_failed, 0);
    // Each is there to read.
    for (int i : {0, kOutageAfter, kDocuments - 1}) {
      v1::GetDocumentRequest get;
      get.set_name(absl::StrCat("documents/a-hrc-bulk-", i));
      EXPECT_THAT(client_->GetDocument(get), IsOk()) << i;
    }
  }

  rapporteur::testing::TempDir dir_;
  Cluster cluster_{dir_.path() + "/cluster"};
  std::unique_ptr<Client> client_;
};

// Down for two seconds: longer than the retries of a single call
// (Options::retry) would wait.
TEST_F(BulkOutageTest, IngestKilledAndBackMidStream) {
  IngestThrough(
      [&] { EXPECT_THAT(cluster_.RestartIngest(absl::Seconds(2)), IsOk()); });
}

TEST_F(BulkOutageTest, StorageStoppedAndBackMidStream) {
  IngestThrough([&] {
    cluster_.storage().Signal(SIGKILL);
    cluster_.storage().Wait();
    absl::SleepFor(absl::Milliseconds(500));
    EXPECT_THAT(cluster_.StartStorage(cluster_.storage_port()), IsOk());
  });
}

}  // namespace
}  // namespace rapporteur
