// Confidential case records on replicated storage: a case's names reach
// neither the storage replicas' data directories nor the JetStream stores
// that carry the partitions' logs, nor any service's log.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "lib/base/subprocess.h"
#include "tests/integration/case_samples.h"
#include "tests/integration/replicated_cluster.h"
#include "tests/testing/files.h"
#include "tests/testing/status_matchers.h"

namespace rapporteur {
namespace {

using ::rapporteur::testing::FilesContaining;
using ::rapporteur::testing::IdentifyingValues;
using ::rapporteur::testing::IsOk;
using ::rapporteur::testing::kEventTitle;
using ::rapporteur::testing::kTestimony;
using ::rapporteur::testing::kVictimName;
using ::rapporteur::testing::ReplicatedCluster;
using ::rapporteur::testing::SampleCase;
using ::rapporteur::testing::TempDir;
using ::testing::IsEmpty;
using ::testing::Not;

TEST(CaseReplicatedNameAbsenceTest, NamesAreInNoReplicaNoStreamStoreNoLog) {
  TempDir dir;
  const std::string keys = dir.path() + "/case.keys";  // outside the cluster
  {
    absl::StatusOr<Subprocess> cli = Subprocess::Spawn(
        ExecutableDir() + "/rapporteur",
        {"cases", "keys", "new", absl::StrCat("--out=", keys), "--key_id=r1"},
        dir.path() + "/keys.out");
    ASSERT_THAT(cli.status(), IsOk());
    ASSERT_EQ(cli->Wait(absl::Minutes(1)), 0)
        << rapporteur::testing::ReadFileOrDie(dir.path() + "/keys.out");
  }
  const std::string cluster_dir = dir.path() + "/cluster";
  {
    ReplicatedCluster cluster(cluster_dir);
    ReplicatedCluster::Config config;
    config.query_flags = {absl::StrCat("--case_keys=", keys)};
    ASSERT_THAT(cluster.Start(config), IsOk());
    std::unique_ptr<Client> client = cluster.NewClient();
    ASSERT_NE(client, nullptr);
    // Several cases, so that more than one partition holds one.
    constexpr int kCases = 6;
    for (int i = 0; i < kCases; ++i) {
      v1::CreateCaseRequest create;
      *create.mutable_case_() =
          SampleCase(v1::CONFIDENTIALITY_CONFIDENTIAL, {"anonymous"});
      create.set_case_id(absl::StrCat("replicated-", i));
      ASSERT_THAT(client->CreateCase(create), IsOk());
    }
    for (int i = 0; i < kCases; ++i) {
      v1::GetCaseRequest get;
      get.set_name(absl::StrCat("cases/replicated-", i));
      absl::StatusOr<v1::Case> read = client->GetCase(get);
      ASSERT_THAT(read, IsOk());
      EXPECT_FALSE(read->redacted());
      EXPECT_EQ(read->persons(0).name(), kVictimName);
      EXPECT_EQ(read->sources(0).testimony(), kTestimony);
    }
    v1::ListCasesRequest list;
    list.set_person_name(kVictimName);
    absl::StatusOr<v1::ListCasesResponse> listed = client->ListCases(list);
    ASSERT_THAT(listed, IsOk());
    EXPECT_EQ(listed->cases_size(), kCases);
    // Both replicas of every partition hold what the log carried.
    ASSERT_THAT(cluster.AwaitCaughtUp(), IsOk());
  }  // every process stopped by pid: stores closed, streams on disk

  // The replicas' data, the JetStream stores and the logs are all here.
  std::vector<std::string> parts = {"storage-0", "storage-1", "nats-0",
                                    "nats-1", "nats-2"};
  for (const std::string& part : parts) {
    const std::string path = absl::StrCat(cluster_dir, "/", part);
    ASSERT_TRUE(std::filesystem::is_directory(path)) << path;
    // The search would see a value stored in clear: the event title is.
    absl::StatusOr<std::vector<std::string>> titled =
        FilesContaining(path, kEventTitle);
    ASSERT_THAT(titled, IsOk());
    EXPECT_THAT(*titled, Not(IsEmpty())) << part;
  }
  for (const std::string& value : IdentifyingValues()) {
    absl::StatusOr<std::vector<std::string>> found =
        FilesContaining(cluster_dir, value);
    ASSERT_THAT(found, IsOk());
    EXPECT_THAT(*found, IsEmpty()) << "\"" << value << "\" in clear";
  }
}

}  // namespace
}  // namespace rapporteur
