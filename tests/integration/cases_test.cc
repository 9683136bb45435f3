// Confidential case records through the real services: the CaseService of
// rapporteur-query over rapporteur-storage, called with the remote SDK and
// bearer tokens. Names never reach a file in clear; who sees what follows
// the role, the confidentiality and the access list, with and without TLS;
// every read and write is audited once; keys rotate through a restart;
// conditional updates race safely.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <latch>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "lib/base/subprocess.h"
#include "lib/rpc/auth.h"
#include "rapporteur/client.h"
#include "tests/integration/case_samples.h"
#include "tests/integration/cluster.h"
#include "tests/integration/tls_certs.h"
#include "tests/testing/files.h"
#include "tests/testing/status_matchers.h"

namespace rapporteur {
namespace {

using ::rapporteur::testing::Cluster;
using ::rapporteur::testing::FilesContaining;
using ::rapporteur::testing::IdentifyingValues;
using ::rapporteur::testing::IsOk;
using ::rapporteur::testing::kEventTitle;
using ::rapporteur::testing::kSourceName;
using ::rapporteur::testing::kTestimony;
using ::rapporteur::testing::kVictimAlias;
using ::rapporteur::testing::kVictimName;
using ::rapporteur::testing::SampleCase;
using ::rapporteur::testing::SampleCaseIdentifyingPaths;
using ::rapporteur::testing::StatusIs;
using ::rapporteur::testing::TempDir;
using ::rapporteur::testing::UntilAvailable;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::UnorderedElementsAreArray;

// Runs the `rapporteur` CLI built beside this test; its exit code, with
// its stdout and stderr in *out.
int RunCli(const std::string& dir, const std::vector<std::string>& args,
           std::string* out) {
  static int runs = 0;
  const std::string log = absl::StrCat(dir, "/cli-", ++runs, ".out");
  absl::StatusOr<Subprocess> cli =
      Subprocess::Spawn(ExecutableDir() + "/rapporteur", args, log);
  if (!cli.ok()) {
    *out = cli.status().ToString();
    return -1;
  }
  const int code = cli->Wait(absl::Minutes(2));
  *out = rapporteur::testing::ReadFileOrDie(log);
  return code;
}

// A new key file at `path` (`rapporteur cases keys new`).
void NewKeyFile(const std::string& path, const std::string& key_id) {
  std::string out;
  ASSERT_EQ(RunCli(std::filesystem::path(path).parent_path(),
                   {"cases", "keys", "new", absl::StrCat("--out=", path),
                    absl::StrCat("--key_id=", key_id)},
                   &out),
            0)
      << out;
}

// What a case answer must not hold: any identifying value, in any field.
::testing::AssertionResult HoldsNoIdentity(const v1::Case& record) {
  const std::string bytes = record.SerializeAsString();
  for (const std::string& value : IdentifyingValues()) {
    if (bytes.find(value) != std::string::npos) {
      return ::testing::AssertionFailure()
             << "the answer holds " << value << ": " << record.DebugString();
    }
  }
  return ::testing::AssertionSuccess();
}

// The answer of a caller who sees identities: all of them, in clear.
::testing::AssertionResult ShowsIdentities(const v1::Case& record) {
  if (record.redacted() || record.persons_size() != 3 ||
      record.persons(0).name() != kVictimName ||
      record.persons(0).aliases_size() != 1 ||
      record.persons(0).aliases(0) != kVictimAlias ||
      record.persons(2).name() != kSourceName || record.sources_size() != 1 ||
      record.sources(0).testimony() != kTestimony) {
    return ::testing::AssertionFailure()
           << "identities not in clear: " << record.DebugString();
  }
  return ::testing::AssertionSuccess();
}

// The answer of a caller who sees pseudonyms: marked redacted, persons
// named by pseudonym only, the rest of the case intact.
::testing::AssertionResult ShowsPseudonyms(const v1::Case& record) {
  if (!record.redacted() || record.persons_size() != 3 ||
      record.persons(0).pseudonym() != "Victim 1" ||
      !record.persons(0).name().empty() ||
      record.event().title() != kEventTitle) {
    return ::testing::AssertionFailure()
           << "not pseudonymized as expected: " << record.DebugString();
  }
  return HoldsNoIdentity(record);
}

// ---------------------------------------------------------------------------
// Names never reach a file in clear.

TEST(CaseNameAbsenceTest, NamesAreInNoFileOfTheDataDirectoriesOrLogs) {
  TempDir dir;
  const std::string keys = dir.path() + "/case.keys";  // outside the cluster
  NewKeyFile(keys, "k1");
  const std::string cluster_dir = dir.path() + "/cluster";
  {
    Cluster cluster(cluster_dir);
    Cluster::Config config;
    config.storage_shards = 2;
    config.query_flags = {absl::StrCat("--case_keys=", keys)};
    ASSERT_THAT(cluster.Start(config), IsOk());
    std::unique_ptr<Client> client = cluster.NewClient();
    ASSERT_NE(client, nullptr);

    v1::CreateCaseRequest create;
    *create.mutable_case_() =
        SampleCase(v1::CONFIDENTIALITY_CONFIDENTIAL, {"anonymous"});
    create.set_case_id("para-49");
    absl::StatusOr<v1::Case> created = client->CreateCase(create);
    ASSERT_THAT(created, IsOk());
    EXPECT_TRUE(ShowsIdentities(*created));

    v1::GetCaseRequest get;
    get.set_name("cases/para-49");
    absl::StatusOr<v1::Case> read = client->GetCase(get);
    ASSERT_THAT(read, IsOk());
    EXPECT_TRUE(ShowsIdentities(*read));
    EXPECT_EQ(read->etag(), created->etag());

    // The name travels in requests too: an update, a lookup by name, a
    // lookup by alias, and a write refused after the name was read.
    v1::UpdateCaseRequest update;
    *update.mutable_case_() = *read;
    update.mutable_case_()->mutable_persons(0)->add_aliases("Q. T. Ozymel");
    update.mutable_update_mask()->add_paths("persons");
    ASSERT_THAT(client->UpdateCase(update), IsOk());
    for (const std::string& name :
         {std::string(kVictimName), absl::AsciiStrToUpper(kVictimAlias)}) {
      v1::ListCasesRequest list;
      list.set_person_name(name);
      absl::StatusOr<v1::ListCasesResponse> listed = client->ListCases(list);
      ASSERT_THAT(listed, IsOk());
      ASSERT_EQ(listed->cases_size(), 1) << name;
      EXPECT_EQ(listed->cases(0).name(), "cases/para-49");
    }
    v1::ListCasesRequest nobody;
    nobody.set_person_name("Nobody Recorded");
    absl::StatusOr<v1::ListCasesResponse> none = client->ListCases(nobody);
    ASSERT_THAT(none, IsOk());
    EXPECT_EQ(none->cases_size(), 0);
    v1::CreateCaseRequest invalid = create;
    invalid.set_case_id("invalid");
    invalid.mutable_case_()->mutable_persons(0)->set_date_of_birth(
        "born 14 March 1977");
    EXPECT_THAT(client->CreateCase(invalid),
                StatusIs(absl::StatusCode::kInvalidArgument));
  }  // every process stopped: RocksDB flushed and closed, logs complete

  const rapporteur::testing::TreeSize size =
      rapporteur::testing::SizeOfTree(cluster_dir);
  ASSERT_GT(size.files, 10);
  // The search sees what is stored in clear, as the title is: it would see
  // a name stored the same way (no compression hides the case's rows).
  absl::StatusOr<std::vector<std::string>> titled =
      FilesContaining(cluster_dir, kEventTitle);
  ASSERT_THAT(titled, IsOk());
  EXPECT_THAT(*titled, Not(IsEmpty()));
  for (const std::string& value : IdentifyingValues()) {
    absl::StatusOr<std::vector<std::string>> found =
        FilesContaining(cluster_dir, value);
    ASSERT_THAT(found, IsOk());
    EXPECT_THAT(*found, IsEmpty())
        << "\"" << value << "\" in clear among " << size.files << " files";
  }
  // As the lookup by alias sent it, the alias the update added, and the
  // birth date of the refused write.
  for (const std::string& value :
       {absl::AsciiStrToUpper(kVictimAlias), std::string("Q. T. Ozymel"),
        std::string("born 14 March 1977")}) {
    absl::StatusOr<std::vector<std::string>> found =
        FilesContaining(cluster_dir, value);
    ASSERT_THAT(found, IsOk());
    EXPECT_THAT(*found, IsEmpty()) << value;
  }
}

// ---------------------------------------------------------------------------
// Role × confidentiality × access list, for every CaseService call.

// A caller of the matrix: its token's role and principal, and whether the
// matrix cases name it on their access list.
struct Caller {
  std::string principal;
  std::string role;  // as the tokens file names it
  bool team = false;

  std::string token() const { return absl::StrCat("token-of-", principal); }
  bool writer() const { return role == "analyst" || role == "admin"; }
};

const std::vector<Caller>& Callers() {
  static const auto* callers = new std::vector<Caller>{
      {"ana", "analyst", true},   {"otto", "analyst", false},
      {"vera", "viewer", true},   {"vic", "viewer", false},
      {"ingo", "ingestor", true}, {"ada", "admin", true},
      {"adam", "admin", false},
  };
  return *callers;
}

// The team of every matrix case: ana creates them, the others named join.
std::vector<std::string> Team() {
  std::vector<std::string> team;
  for (const Caller& caller : Callers()) {
    if (caller.team) {
      team.push_back(caller.principal);
    }
  }
  return team;
}

// What a caller should see of a case, written from the table of
// cases.proto (Confidentiality) and access.h.
enum class Sees { kDenied, kNothing, kPseudonyms, kIdentities };

Sees Expected(const Caller& caller, v1::Confidentiality confidentiality) {
  if (caller.role == "ingestor") {
    return Sees::kDenied;  // reads no case, whatever the list says
  }
  if (caller.team && caller.writer()) {
    return Sees::kIdentities;
  }
  switch (confidentiality) {
    case v1::CONFIDENTIALITY_INTERNAL:
      return Sees::kPseudonyms;
    case v1::CONFIDENTIALITY_CONFIDENTIAL:
      return caller.team ? Sees::kPseudonyms : Sees::kNothing;
    default:
      return Sees::kNothing;
  }
}

std::string ConfidentialityId(v1::Confidentiality confidentiality) {
  std::string name = v1::Confidentiality_Name(confidentiality);
  return absl::AsciiStrToLower(name.substr(sizeof("CONFIDENTIALITY_") - 1));
}

constexpr v1::Confidentiality kConfidentialities[] = {
    v1::CONFIDENTIALITY_INTERNAL, v1::CONFIDENTIALITY_CONFIDENTIAL,
    v1::CONFIDENTIALITY_STRICTLY_CONFIDENTIAL};

// Run in plain text and over TLS (GetParam()).
class CaseAccessMatrixTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    const std::string keys = dir_.path() + "/case.keys";
    NewKeyFile(keys, "matrix");
    const std::string tokens = dir_.path() + "/tokens";
    {
      std::ofstream file(tokens);
      for (const Caller& caller : Callers()) {
        file << TokenHash(caller.token()) << " " << caller.role << " "
             << caller.principal << "\n";
      }
    }
    Cluster::Config config;
    config.query_flags = {absl::StrCat("--case_keys=", keys),
                          absl::StrCat("--tokens_file=", tokens)};
    config.ingest_flags = {absl::StrCat("--tokens_file=", tokens)};
    if (GetParam()) {
      absl::StatusOr<rapporteur::testing::TlsCerts> certs =
          rapporteur::testing::MakeTlsCerts(dir_.path() + "/pki");
      ASSERT_THAT(certs.status(), IsOk());
      config.tls = *certs;
    }
    ASSERT_THAT(cluster_.Start(config), IsOk());
  }

  std::unique_ptr<Client> ClientAs(const std::string& token) {
    Options options = cluster_.client_options();
    options.bearer_token = token;
    absl::StatusOr<std::unique_ptr<Client>> client = MakeClient(options);
    return client.ok() ? std::move(*client) : nullptr;
  }
  Client& As(const Caller& caller) {
    std::unique_ptr<Client>& client = clients_[caller.principal];
    if (client == nullptr) {
      client = ClientAs(caller.token());
    }
    return *client;
  }
  Client& Ana() { return As(Callers()[0]); }

  // A case of the matrix team, created by ana.
  std::string CreateTeamCase(v1::Confidentiality confidentiality,
                             const std::string& id) {
    v1::CreateCaseRequest create;
    *create.mutable_case_() = SampleCase(confidentiality, Team());
    create.set_case_id(id);
    absl::StatusOr<v1::Case> created = Ana().CreateCase(create);
    EXPECT_THAT(created, IsOk());
    return absl::StrCat("cases/", id);
  }

  TempDir dir_;
  Cluster cluster_{dir_.path() + "/cluster"};
  std::map<std::string, std::unique_ptr<Client>> clients_;
};

TEST_P(CaseAccessMatrixTest, EveryCallFollowsRoleConfidentialityAndTeam) {
  std::map<v1::Confidentiality, std::string> names;
  for (v1::Confidentiality confidentiality : kConfidentialities) {
    names[confidentiality] =
        CreateTeamCase(confidentiality, ConfidentialityId(confidentiality));
  }
  // A missing case, for what "not found" looks like.
  v1::GetCaseRequest missing;
  missing.set_name("cases/none-such");
  const absl::Status not_found = Ana().GetCase(missing).status();
  ASSERT_THAT(not_found, StatusIs(absl::StatusCode::kNotFound));
  const auto same_as_missing = [&](const absl::Status& status,
                                   const std::string& name) {
    return status.code() == not_found.code() &&
           absl::StrReplaceAll(status.message(), {{name, "NAME"}}) ==
               absl::StrReplaceAll(not_found.message(),
                                   {{missing.name(), "NAME"}});
  };

  for (const Caller& caller : Callers()) {
    Client& client = As(caller);
    const bool denied = caller.role == "ingestor";

    // ListCases: the visible cases, each shown as GetCase would.
    v1::ListCasesRequest list;
    list.set_page_size(100);
    absl::StatusOr<v1::ListCasesResponse> listed = client.ListCases(list);
    std::map<std::string, v1::Case> listed_by_name;
    if (denied) {
      EXPECT_THAT(listed, StatusIs(absl::StatusCode::kPermissionDenied))
          << caller.principal;
    } else {
      ASSERT_THAT(listed, IsOk()) << caller.principal;
      for (const v1::Case& record : listed->cases()) {
        listed_by_name[record.name()] = record;
      }
    }

    for (v1::Confidentiality confidentiality : kConfidentialities) {
      const std::string& name = names[confidentiality];
      const Sees sees = Expected(caller, confidentiality);
      SCOPED_TRACE(absl::StrCat(caller.principal, " (", caller.role,
                                caller.team ? ", team" : ", not team", ") on ",
                                name));

      // GetCase.
      v1::GetCaseRequest get;
      get.set_name(name);
      absl::StatusOr<v1::Case> got = client.GetCase(get);
      switch (sees) {
        case Sees::kDenied:
          EXPECT_THAT(got, StatusIs(absl::StatusCode::kPermissionDenied));
          break;
        case Sees::kNothing:
          EXPECT_TRUE(same_as_missing(got.status(), name)) << got.status();
          break;
        case Sees::kPseudonyms:
          ASSERT_THAT(got, IsOk());
          EXPECT_TRUE(ShowsPseudonyms(*got));
          break;
        case Sees::kIdentities:
          ASSERT_THAT(got, IsOk());
          EXPECT_TRUE(ShowsIdentities(*got));
          break;
      }

      // ListCases, from above.
      if (!denied) {
        auto it = listed_by_name.find(name);
        if (sees == Sees::kNothing) {
          EXPECT_EQ(it, listed_by_name.end());
        } else {
          ASSERT_NE(it, listed_by_name.end());
          EXPECT_TRUE(sees == Sees::kIdentities ? ShowsIdentities(it->second)
                                                : ShowsPseudonyms(it->second));
        }
      }

      // UpdateCase: the team's analysts and admins; a writer who cannot
      // see the case is told it does not exist.
      v1::UpdateCaseRequest update;
      update.mutable_case_()->set_name(name);
      update.mutable_case_()->mutable_event()->set_summary(
          absl::StrCat("Summary as ", caller.principal, " wrote it."));
      update.mutable_update_mask()->add_paths("event.summary");
      absl::StatusOr<v1::Case> updated = client.UpdateCase(update);
      if (!caller.writer()) {
        EXPECT_THAT(updated, StatusIs(absl::StatusCode::kPermissionDenied));
      } else if (sees == Sees::kNothing) {
        EXPECT_TRUE(same_as_missing(updated.status(), name))
            << updated.status();
      } else if (sees == Sees::kPseudonyms) {
        EXPECT_THAT(updated, StatusIs(absl::StatusCode::kPermissionDenied));
      } else {
        ASSERT_THAT(updated, IsOk());
        EXPECT_TRUE(ShowsIdentities(*updated));
        EXPECT_EQ(updated->event().summary(), update.case_().event().summary());
      }

      // DeleteCase, of a case of the same confidentiality and team made
      // for it; a refused delete leaves it.
      const std::string doomed = CreateTeamCase(
          confidentiality,
          absl::StrCat("del-", ConfidentialityId(confidentiality), "-",
                       caller.principal));
      v1::DeleteCaseRequest remove;
      remove.set_name(doomed);
      const absl::Status deleted = client.DeleteCase(remove);
      v1::GetCaseRequest get_doomed;
      get_doomed.set_name(doomed);
      if (!caller.writer()) {
        EXPECT_THAT(deleted, StatusIs(absl::StatusCode::kPermissionDenied));
      } else if (sees == Sees::kNothing) {
        EXPECT_TRUE(same_as_missing(deleted, doomed)) << deleted;
      } else if (sees == Sees::kPseudonyms) {
        EXPECT_THAT(deleted, StatusIs(absl::StatusCode::kPermissionDenied));
      } else {
        EXPECT_THAT(deleted, IsOk());
      }
      EXPECT_THAT(Ana().GetCase(get_doomed),
                  StatusIs(deleted.ok() ? absl::StatusCode::kNotFound
                                        : absl::StatusCode::kOk));
      if (!deleted.ok()) {
        EXPECT_THAT(Ana().DeleteCase(remove), IsOk());  // out of later lists
      }

      // CreateCase: analysts and admins, who join the team of their case
      // and see it in clear.
      v1::CreateCaseRequest create;
      *create.mutable_case_() = SampleCase(confidentiality, {});
      create.set_case_id(absl::StrCat(
          "new-", ConfidentialityId(confidentiality), "-", caller.principal));
      absl::StatusOr<v1::Case> created = client.CreateCase(create);
      if (!caller.writer()) {
        EXPECT_THAT(created, StatusIs(absl::StatusCode::kPermissionDenied));
      } else {
        ASSERT_THAT(created, IsOk());
        EXPECT_TRUE(ShowsIdentities(*created));
        EXPECT_THAT(created->access_list(), ElementsAre(caller.principal));
        EXPECT_EQ(created->creator(), caller.principal);
        v1::DeleteCaseRequest cleanup;
        cleanup.set_name(created->name());
        EXPECT_THAT(client.DeleteCase(cleanup), IsOk());
      }
    }

    // The administrative calls: admins only, on the team or not.
    const absl::StatusCode admin_only =
        caller.role == "admin" ? absl::StatusCode::kOk
                               : absl::StatusCode::kPermissionDenied;
    EXPECT_THAT(client.ListAuditEntries({}), StatusIs(admin_only))
        << caller.principal;
    EXPECT_THAT(client.RotateCaseKeys({}), StatusIs(admin_only))
        << caller.principal;
  }

  // Without a token, or with one the service does not know: nothing.
  for (const std::string& token : {std::string(), std::string("forged")}) {
    std::unique_ptr<Client> stranger = ClientAs(token);
    v1::GetCaseRequest get;
    get.set_name(names[v1::CONFIDENTIALITY_INTERNAL]);
    EXPECT_THAT(stranger->GetCase(get),
                StatusIs(absl::StatusCode::kUnauthenticated));
    EXPECT_THAT(stranger->ListCases({}),
                StatusIs(absl::StatusCode::kUnauthenticated));
  }

  // The refused writes changed nothing: each matrix case holds the summary
  // of the last team writer (ada), and its identities.
  for (v1::Confidentiality confidentiality : kConfidentialities) {
    v1::GetCaseRequest get;
    get.set_name(names[confidentiality]);
    absl::StatusOr<v1::Case> now = Ana().GetCase(get);
    ASSERT_THAT(now, IsOk());
    EXPECT_EQ(now->event().summary(), "Summary as ada wrote it.");
    EXPECT_TRUE(ShowsIdentities(*now));
  }
}

INSTANTIATE_TEST_SUITE_P(CasePlainAndTls, CaseAccessMatrixTest,
                         ::testing::Bool(),
                         [](const ::testing::TestParamInfo<bool>& info) {
                           return info.param ? "Tls" : "PlainText";
                         });

// ---------------------------------------------------------------------------
// The audit log: one entry per read and write.

class CaseAuditTest : public CaseAccessMatrixTest {};

struct Expectation {
  std::string principal;
  v1::AuditAction action;
  std::string name;
  bool in_clear;  // the sample's identifying paths, or none
};

TEST_P(CaseAuditTest, HoldsExactlyOneEntryPerReadAndWrite) {
  const auto by = [&](const std::string& principal) -> Client& {
    for (const Caller& caller : Callers()) {
      if (caller.principal == principal) {
        return As(caller);
      }
    }
    ADD_FAILURE() << "no caller " << principal;
    return Ana();
  };
  std::vector<Expectation> expected;
  const std::string c1 = "cases/audited";
  const std::string c2 = "cases/internal";

  v1::CreateCaseRequest create;
  *create.mutable_case_() =
      SampleCase(v1::CONFIDENTIALITY_CONFIDENTIAL, {"ana", "vera", "ada"});
  create.set_case_id("audited");
  ASSERT_THAT(by("ana").CreateCase(create), IsOk());
  expected.push_back({"ana", v1::AUDIT_ACTION_CREATE, c1, true});

  v1::GetCaseRequest get1;
  get1.set_name(c1);
  ASSERT_THAT(by("vera").GetCase(get1), IsOk());
  expected.push_back({"vera", v1::AUDIT_ACTION_READ, c1, false});
  ASSERT_THAT(by("ada").GetCase(get1), IsOk());
  expected.push_back({"ada", v1::AUDIT_ACTION_READ, c1, true});
  // Refused: not a read, no entry.
  ASSERT_THAT(by("vic").GetCase(get1), StatusIs(absl::StatusCode::kNotFound));
  ASSERT_THAT(by("otto").GetCase(get1), StatusIs(absl::StatusCode::kNotFound));

  v1::CreateCaseRequest create2;
  *create2.mutable_case_() = SampleCase(v1::CONFIDENTIALITY_INTERNAL, {"ada"});
  create2.set_case_id("internal");
  ASSERT_THAT(by("ada").CreateCase(create2), IsOk());
  expected.push_back({"ada", v1::AUDIT_ACTION_CREATE, c2, true});

  v1::UpdateCaseRequest update;
  update.mutable_case_()->set_name(c1);
  update.mutable_case_()->mutable_event()->set_summary("Updated.");
  update.mutable_update_mask()->add_paths("event.summary");
  ASSERT_THAT(by("ana").UpdateCase(update), IsOk());
  expected.push_back({"ana", v1::AUDIT_ACTION_UPDATE, c1, true});
  // Refused: a viewer may not write, an analyst off the team may not
  // write an internal case.
  ASSERT_THAT(by("vera").UpdateCase(update),
              StatusIs(absl::StatusCode::kPermissionDenied));
  update.mutable_case_()->set_name(c2);
  ASSERT_THAT(by("otto").UpdateCase(update),
              StatusIs(absl::StatusCode::kPermissionDenied));

  // A list reads each case it returns: vera sees both, pseudonymized.
  absl::StatusOr<v1::ListCasesResponse> listed = by("vera").ListCases({});
  ASSERT_THAT(listed, IsOk());
  ASSERT_EQ(listed->cases_size(), 2);
  expected.push_back({"vera", v1::AUDIT_ACTION_READ, c1, false});
  expected.push_back({"vera", v1::AUDIT_ACTION_READ, c2, false});
  // ana sees c1 in clear, c2 pseudonymized.
  listed = by("ana").ListCases({});
  ASSERT_THAT(listed, IsOk());
  ASSERT_EQ(listed->cases_size(), 2);
  expected.push_back({"ana", v1::AUDIT_ACTION_READ, c1, true});
  expected.push_back({"ana", v1::AUDIT_ACTION_READ, c2, false});

  v1::GetCaseRequest get2;
  get2.set_name(c2);
  ASSERT_THAT(by("otto").GetCase(get2), IsOk());
  expected.push_back({"otto", v1::AUDIT_ACTION_READ, c2, false});

  v1::DeleteCaseRequest remove;
  remove.set_name(c1);
  ASSERT_THAT(by("ana").DeleteCase(remove), IsOk());
  expected.push_back({"ana", v1::AUDIT_ACTION_DELETE, c1, false});
  ASSERT_THAT(by("ana").GetCase(get1), StatusIs(absl::StatusCode::kNotFound));

  // Only admins read the log.
  for (const char* principal : {"vera", "ana", "otto", "ingo"}) {
    EXPECT_THAT(by(principal).ListAuditEntries({}),
                StatusIs(absl::StatusCode::kPermissionDenied))
        << principal;
  }

  // Listed one at a time, to go through the pages as well.
  std::vector<v1::AuditEntry> entries;
  v1::ListAuditEntriesRequest request;
  request.set_page_size(1);
  for (int pages = 0; pages < 100; ++pages) {
    absl::StatusOr<v1::ListAuditEntriesResponse> page =
        by("adam").ListAuditEntries(request);
    ASSERT_THAT(page, IsOk());
    entries.insert(entries.end(), page->entries().begin(),
                   page->entries().end());
    if (page->next_page_token().empty()) {
      break;
    }
    request.set_page_token(page->next_page_token());
  }
  ASSERT_EQ(entries.size(), expected.size());
  std::vector<std::string> request_ids;
  for (size_t i = 0; i < entries.size(); ++i) {
    const v1::AuditEntry& entry = entries[i];
    SCOPED_TRACE(absl::StrCat("entry ", i, ": ", entry.DebugString()));
    EXPECT_EQ(entry.principal(), expected[i].principal);
    EXPECT_EQ(entry.action(), expected[i].action);
    EXPECT_EQ(entry.case_(), expected[i].name);
    if (expected[i].in_clear) {
      EXPECT_THAT(entry.fields_in_clear(),
                  UnorderedElementsAreArray(SampleCaseIdentifyingPaths()));
    } else {
      EXPECT_THAT(entry.fields_in_clear(), IsEmpty());
    }
    EXPECT_FALSE(entry.request_id().empty());
    if (i > 0) {
      EXPECT_GE(entry.time().seconds() * 1'000'000'000LL + entry.time().nanos(),
                entries[i - 1].time().seconds() * 1'000'000'000LL +
                    entries[i - 1].time().nanos());
    }
  }

  // One case's entries alone.
  v1::ListAuditEntriesRequest of_c2;
  of_c2.set_case_(c2);
  absl::StatusOr<v1::ListAuditEntriesResponse> c2_entries =
      by("ada").ListAuditEntries(of_c2);
  ASSERT_THAT(c2_entries, IsOk());
  int expected_c2 = 0;
  for (const Expectation& e : expected) {
    expected_c2 += e.name == c2 ? 1 : 0;
  }
  EXPECT_EQ(c2_entries->entries_size(), expected_c2);
  for (const v1::AuditEntry& entry : c2_entries->entries()) {
    EXPECT_EQ(entry.case_(), c2);
  }
}

INSTANTIATE_TEST_SUITE_P(CasePlainText, CaseAuditTest, ::testing::Values(false),
                         [](const ::testing::TestParamInfo<bool>&) {
                           return "PlainText";
                         });

// ---------------------------------------------------------------------------
// Key rotation through the services and a restart.

TEST(CaseKeyRotationTest, EveryCaseStaysReadableAfterRotateRestartRetire) {
  TempDir dir;
  const std::string keys_dir = dir.path() + "/keys";
  std::filesystem::create_directories(keys_dir);
  const std::string old_keys = keys_dir + "/old.keys";
  const std::string rotated_keys = keys_dir + "/rotated.keys";
  const std::string final_keys = keys_dir + "/final.keys";
  NewKeyFile(old_keys, "k-old");

  Cluster cluster(dir.path() + "/cluster");
  Cluster::Config config;
  config.storage_shards = 2;
  config.query_flags = {absl::StrCat("--case_keys=", old_keys)};
  ASSERT_THAT(cluster.Start(config), IsOk());
  std::unique_ptr<Client> client = cluster.NewClient();
  ASSERT_NE(client, nullptr);
  constexpr int kCases = 6;
  std::vector<std::string> names;
  for (int i = 0; i < kCases; ++i) {
    v1::CreateCaseRequest create;
    *create.mutable_case_() =
        SampleCase(v1::CONFIDENTIALITY_STRICTLY_CONFIDENTIAL, {});
    create.set_case_id(absl::StrCat("case-", i));
    ASSERT_THAT(client->CreateCase(create), IsOk());
    names.push_back(absl::StrCat("cases/case-", i));
  }
  const auto all_readable = [&]() {
    for (const std::string& name : names) {
      v1::GetCaseRequest get;
      get.set_name(name);
      absl::StatusOr<v1::Case> read =
          UntilAvailable([&] { return client->GetCase(get); });
      if (!read.ok()) {
        return ::testing::AssertionFailure() << name << ": " << read.status();
      }
      if (::testing::AssertionResult shown = ShowsIdentities(*read); !shown) {
        return shown << " (" << name << ")";
      }
    }
    return ::testing::AssertionSuccess();
  };
  ASSERT_TRUE(all_readable());

  // A key file of other keys opens none of them, nor shows a name.
  const std::string stranger_keys = keys_dir + "/stranger.keys";
  NewKeyFile(stranger_keys, "k-stranger");
  ASSERT_THAT(
      cluster.RestartQuery({absl::StrCat("--case_keys=", stranger_keys)}),
      IsOk());
  v1::GetCaseRequest get0;
  get0.set_name(names[0]);
  absl::StatusOr<v1::Case> unopened =
      UntilAvailable([&] { return client->GetCase(get0); });
  EXPECT_THAT(unopened, Not(IsOk()));
  EXPECT_THAT(std::string(unopened.status().message()),
              Not(::testing::HasSubstr(kVictimName)));

  // Rotate: the new file holds the new key and the old one.
  std::string out;
  ASSERT_EQ(
      RunCli(dir.path(),
             {"cases", "keys", "rotate", absl::StrCat("--case_keys=", old_keys),
              absl::StrCat("--out=", rotated_keys), "--key_id=k-new"},
             &out),
      0)
      << out;
  ASSERT_THAT(
      cluster.RestartQuery({absl::StrCat("--case_keys=", rotated_keys)}),
      IsOk());
  ASSERT_TRUE(all_readable());
  absl::StatusOr<v1::RotateCaseKeysResponse> rotated =
      UntilAvailable([&] { return client->RotateCaseKeys({}); });
  ASSERT_THAT(rotated, IsOk());
  EXPECT_EQ(rotated->rewrapped(), kCases);
  EXPECT_EQ(rotated->current(), 0);
  EXPECT_EQ(rotated->key_id(), "k-new");
  // Nothing left under the old key.
  rotated = client->RotateCaseKeys({});
  ASSERT_THAT(rotated, IsOk());
  EXPECT_EQ(rotated->rewrapped(), 0);
  EXPECT_EQ(rotated->current(), kCases);

  // Retire the old key, delete every file that held it, restart.
  ASSERT_EQ(RunCli(dir.path(),
                   {"cases", "keys", "retire",
                    absl::StrCat("--case_keys=", rotated_keys),
                    absl::StrCat("--out=", final_keys)},
                   &out),
            0)
      << out;
  ASSERT_TRUE(std::filesystem::remove(old_keys));
  ASSERT_TRUE(std::filesystem::remove(rotated_keys));
  ASSERT_THAT(cluster.RestartQuery({absl::StrCat("--case_keys=", final_keys)}),
              IsOk());
  EXPECT_TRUE(all_readable());

  // The retired key is gone from the final file: a case sealed under it
  // alone would not open. The audit log holds one rotation per case.
  absl::StatusOr<v1::ListAuditEntriesResponse> audit =
      client->ListAuditEntries({});
  ASSERT_THAT(audit, IsOk());
  int rotations = 0;
  for (const v1::AuditEntry& entry : audit->entries()) {
    rotations += entry.action() == v1::AUDIT_ACTION_ROTATE_KEY ? 1 : 0;
  }
  EXPECT_EQ(rotations, kCases);
  EXPECT_EQ(rapporteur::testing::ReadFileOrDie(final_keys).find("kek k-old"),
            std::string::npos);
  // The blind index key stays: lookups by name still find every case.
  v1::ListCasesRequest by_name;
  by_name.set_person_name(kVictimName);
  absl::StatusOr<v1::ListCasesResponse> found = client->ListCases(by_name);
  ASSERT_THAT(found, IsOk());
  EXPECT_EQ(found->cases_size(), kCases);
}

// ---------------------------------------------------------------------------
// Conditional updates racing.

TEST(CaseConcurrencyTest, OfTwoUpdatesWithOneEtagOneWinsTheOtherIsAborted) {
  TempDir dir;
  const std::string keys = dir.path() + "/case.keys";
  NewKeyFile(keys, "k1");
  Cluster cluster(dir.path() + "/cluster");
  Cluster::Config config;
  config.query_flags = {absl::StrCat("--case_keys=", keys)};
  ASSERT_THAT(cluster.Start(config), IsOk());
  // A client per thread: two channels, so the calls truly overlap.
  std::unique_ptr<Client> clients[2] = {cluster.NewClient(),
                                        cluster.NewClient()};
  ASSERT_NE(clients[0], nullptr);
  ASSERT_NE(clients[1], nullptr);
  v1::CreateCaseRequest create;
  *create.mutable_case_() = SampleCase(v1::CONFIDENTIALITY_CONFIDENTIAL, {});
  create.set_case_id("raced");
  absl::StatusOr<v1::Case> created = clients[0]->CreateCase(create);
  ASSERT_THAT(created, IsOk());
  std::string etag = created->etag();

  constexpr int kRounds = 20;
  for (int round = 0; round < kRounds; ++round) {
    SCOPED_TRACE(absl::StrCat("round ", round));
    absl::StatusOr<v1::Case> results[2] = {absl::UnknownError("not run"),
                                           absl::UnknownError("not run")};
    std::latch start(2);
    std::vector<std::thread> threads;
    for (int t = 0; t < 2; ++t) {
      threads.emplace_back([&, t] {
        v1::UpdateCaseRequest update;
        update.mutable_case_()->set_name("cases/raced");
        update.mutable_case_()->set_etag(etag);
        update.mutable_case_()->mutable_event()->set_summary(
            absl::StrCat("round ", round, " by writer ", t));
        update.mutable_update_mask()->add_paths("event.summary");
        start.arrive_and_wait();
        results[t] = clients[t]->UpdateCase(update);
      });
    }
    for (std::thread& thread : threads) {
      thread.join();
    }
    const int winners = results[0].ok() + results[1].ok();
    ASSERT_EQ(winners, 1) << results[0].status() << " / "
                          << results[1].status();
    const int winner = results[0].ok() ? 0 : 1;
    EXPECT_THAT(results[1 - winner], StatusIs(absl::StatusCode::kAborted));
    // The case holds the winner's change, under the etag it returned.
    v1::GetCaseRequest get;
    get.set_name("cases/raced");
    absl::StatusOr<v1::Case> now = clients[0]->GetCase(get);
    ASSERT_THAT(now, IsOk());
    EXPECT_EQ(now->event().summary(),
              absl::StrCat("round ", round, " by writer ", winner));
    EXPECT_EQ(now->etag(), results[winner]->etag());
    EXPECT_NE(now->etag(), etag);
    etag = now->etag();
  }
}

}  // namespace
}  // namespace rapporteur
