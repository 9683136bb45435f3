// CaseEngine over two real stores: who sees what, etags, audit, rotation,
// listing across shards.
#include "lib/cases/case_engine.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "lib/base/request_id.h"
#include "lib/storage/local_shard.h"
#include "lib/storage/store.h"
#include "tests/testing/files.h"
#include "tests/testing/status_matchers.h"
#include "tests/unit/cases/sample_case.h"

namespace rapporteur::cases {
namespace {

using ::rapporteur::testing::IsOk;
using ::rapporteur::testing::StatusIs;
using ::testing::HasSubstr;

const Principal kAmina{.name = "amina", .role = Role::kAnalyst};  // the team
const Principal kVera{.name = "vera", .role = Role::kViewer};     // the team
const Principal kOmar{.name = "omar", .role = Role::kAnalyst};
const Principal kVictor{.name = "victor", .role = Role::kViewer};
const Principal kAda{.name = "ada", .role = Role::kAdmin};
const Principal kIngrid{.name = "ingrid", .role = Role::kIngestor};

class CaseEngineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (int i = 0; i < 2; ++i) {
      absl::StatusOr<std::unique_ptr<storage::Store>> store =
          storage::Store::Open(
              {.path = dir_.path() + "/shard-" + std::to_string(i)});
      ASSERT_TRUE(store.ok()) << store.status();
      stores_.push_back(*std::move(store));
      locals_.push_back(
          std::make_unique<storage::LocalShard>(stores_.back().get()));
      shards_.push_back(locals_.back().get());
    }
    absl::StatusOr<Keyring> keys = Keyring::Generate("k1");
    ASSERT_TRUE(keys.ok());
    keys_.emplace(*std::move(keys));
    engine_ = std::make_unique<CaseEngine>(shards_, &*keys_);
  }

  // A case of `confidentiality` whose team is amina and vera.
  v1::Case Create(const std::string& id, v1::Confidentiality confidentiality,
                  const std::string& victim = "Kim Young-hee") {
    v1::CreateCaseRequest request;
    request.set_case_id(id);
    *request.mutable_case_() = SampleCase(victim);
    request.mutable_case_()->set_confidentiality(confidentiality);
    request.mutable_case_()->add_access_list("vera");
    absl::StatusOr<v1::Case> created = engine_->CreateCase(kAmina, request);
    EXPECT_TRUE(created.ok()) << created.status();
    return created.ok() ? *created : v1::Case();
  }

  absl::StatusOr<v1::Case> Get(const Principal& who, const std::string& name) {
    v1::GetCaseRequest request;
    request.set_name(name);
    return engine_->GetCase(who, request);
  }

  std::vector<v1::AuditEntry> Audit() {
    v1::ListAuditEntriesRequest request;
    request.set_page_size(1000);
    absl::StatusOr<v1::ListAuditEntriesResponse> audit =
        engine_->ListAuditEntries(kAda, request);
    EXPECT_TRUE(audit.ok()) << audit.status();
    return audit.ok() ? std::vector<v1::AuditEntry>(audit->entries().begin(),
                                                    audit->entries().end())
                      : std::vector<v1::AuditEntry>();
  }

  testing::TempDir dir_;
  std::vector<std::unique_ptr<storage::Store>> stores_;
  std::vector<std::unique_ptr<storage::LocalShard>> locals_;
  std::vector<storage::Shard*> shards_;
  std::optional<Keyring> keys_;
  std::unique_ptr<CaseEngine> engine_;
};

TEST_F(CaseEngineTest, CreatorJoinsTheTeamAndGetsPseudonymsAndAnEtag) {
  const v1::Case created = Create("onsong", v1::CONFIDENTIALITY_UNSPECIFIED);
  EXPECT_EQ(created.name(), "cases/onsong");
  EXPECT_EQ(created.creator(), "amina");
  EXPECT_THAT(created.access_list(), ::testing::Contains("amina"));
  EXPECT_EQ(created.confidentiality(), v1::CONFIDENTIALITY_CONFIDENTIAL);
  EXPECT_EQ(created.persons(0).pseudonym(), "Victim 1");
  EXPECT_EQ(created.persons(1).pseudonym(), "Perpetrator 1");
  EXPECT_EQ(created.persons(2).pseudonym(), "Source 1");
  EXPECT_FALSE(created.etag().empty());
  EXPECT_EQ(created.persons(0).name(), "Kim Young-hee");
}

// Who sees what, per access.h's table: identities, pseudonyms, or
// NOT_FOUND as for a case that does not exist.
TEST_F(CaseEngineTest, VisibilityFollowsRoleConfidentialityAndTeam) {
  Create("internal", v1::CONFIDENTIALITY_INTERNAL);
  Create("confidential", v1::CONFIDENTIALITY_CONFIDENTIAL);
  Create("strict", v1::CONFIDENTIALITY_STRICTLY_CONFIDENTIAL);
  enum Seen { kNone, kPseudonyms, kIdentities };
  struct Row {
    Principal who;
    Seen internal, confidential, strict;
  };
  const Row rows[] = {
      {kAmina, kIdentities, kIdentities, kIdentities},
      {kVera, kPseudonyms, kPseudonyms, kNone},
      {kOmar, kPseudonyms, kNone, kNone},
      {kVictor, kPseudonyms, kNone, kNone},
      {kAda, kPseudonyms, kNone, kNone},
      {kIngrid, kNone, kNone, kNone},
  };
  for (const Row& row : rows) {
    const std::pair<std::string, Seen> cases[] = {
        {"cases/internal", row.internal},
        {"cases/confidential", row.confidential},
        {"cases/strict", row.strict}};
    for (const auto& [name, seen] : cases) {
      SCOPED_TRACE(row.who.name + " reading " + name);
      absl::StatusOr<v1::Case> got = Get(row.who, name);
      if (seen == kNone) {
        if (row.who.role == Role::kIngestor) {
          EXPECT_THAT(got, StatusIs(absl::StatusCode::kPermissionDenied));
        } else {
          EXPECT_THAT(got, StatusIs(absl::StatusCode::kNotFound,
                                    HasSubstr(name + " not found")));
        }
        continue;
      }
      ASSERT_TRUE(got.ok()) << got.status();
      EXPECT_EQ(got->redacted(), seen == kPseudonyms);
      const std::string bytes = got->SerializeAsString();
      EXPECT_EQ(bytes.find("Kim Young-hee") != std::string::npos,
                seen == kIdentities);
      EXPECT_EQ(bytes.find("border post") != std::string::npos,
                seen == kIdentities);
      EXPECT_EQ(got->persons(0).pseudonym(), "Victim 1");
    }
  }
  // A missing case is answered as an invisible one.
  EXPECT_THAT(Get(kOmar, "cases/missing"),
              StatusIs(absl::StatusCode::kNotFound,
                       HasSubstr("cases/missing not found")));
}

TEST_F(CaseEngineTest, OnlyTheTeamsAnalystsWrite) {
  const v1::Case created = Create("c1", v1::CONFIDENTIALITY_INTERNAL);
  v1::UpdateCaseRequest update;
  *update.mutable_case_() = created;
  update.mutable_case_()->mutable_event()->set_title("Detention at Onsong");
  update.mutable_update_mask()->add_paths("event.title");
  // Off the team: sees the case (internal) but may not change it.
  EXPECT_THAT(engine_->UpdateCase(kOmar, update),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(engine_->UpdateCase(kVera, update),
              StatusIs(absl::StatusCode::kPermissionDenied));
  v1::DeleteCaseRequest remove;
  remove.set_name("cases/c1");
  EXPECT_THAT(engine_->DeleteCase(kAda, remove),
              StatusIs(absl::StatusCode::kPermissionDenied));
  absl::StatusOr<v1::Case> updated = engine_->UpdateCase(kAmina, update);
  ASSERT_TRUE(updated.ok()) << updated.status();
  EXPECT_EQ(updated->event().title(), "Detention at Onsong");
  EXPECT_EQ(updated->persons(0).name(), "Kim Young-hee");  // kept
  EXPECT_NE(updated->etag(), created.etag());
  v1::CreateCaseRequest create;
  *create.mutable_case_() = SampleCase();
  EXPECT_THAT(engine_->CreateCase(kVera, create),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(engine_->DeleteCase(kAmina, remove), IsOk());
  EXPECT_THAT(Get(kAmina, "cases/c1"), StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(CaseEngineTest, StaleEtagIsAbortedAndOneOfTwoRacingUpdatesWins) {
  const v1::Case created = Create("c1", v1::CONFIDENTIALITY_CONFIDENTIAL);
  std::vector<absl::Status> outcomes(2);
  std::vector<std::thread> writers;
  for (int i = 0; i < 2; ++i) {
    writers.emplace_back([&, i] {
      v1::UpdateCaseRequest update;
      *update.mutable_case_() = created;  // the same etag
      update.mutable_case_()->mutable_event()->set_summary("summary " +
                                                           std::to_string(i));
      update.mutable_update_mask()->add_paths("event.summary");
      outcomes[i] = engine_->UpdateCase(kAmina, update).status();
    });
  }
  for (std::thread& writer : writers) {
    writer.join();
  }
  const int ok = outcomes[0].ok() + outcomes[1].ok();
  EXPECT_EQ(ok, 1);
  for (const absl::Status& outcome : outcomes) {
    if (!outcome.ok()) {
      EXPECT_THAT(outcome, StatusIs(absl::StatusCode::kAborted));
    }
  }
  v1::DeleteCaseRequest remove;
  remove.set_name("cases/c1");
  remove.set_etag(created.etag());
  EXPECT_THAT(engine_->DeleteCase(kAmina, remove),
              StatusIs(absl::StatusCode::kAborted));
}

TEST_F(CaseEngineTest, PseudonymsStayWithTheirPersonsAcrossUpdates) {
  const v1::Case created = Create("c1", v1::CONFIDENTIALITY_CONFIDENTIAL);
  v1::UpdateCaseRequest update;
  *update.mutable_case_() = created;
  // The perpetrator removed, a second victim added.
  update.mutable_case_()->mutable_persons()->DeleteSubrange(1, 1);
  update.mutable_case_()->mutable_involvements()->Clear();
  v1::Person* second = update.mutable_case_()->add_persons();
  second->set_id("p4");
  second->add_roles(v1::PERSON_ROLE_VICTIM);
  second->set_name("Choi Min-ji");
  update.mutable_update_mask()->add_paths("persons");
  update.mutable_update_mask()->add_paths("involvements");
  absl::StatusOr<v1::Case> updated = engine_->UpdateCase(kAmina, update);
  ASSERT_TRUE(updated.ok()) << updated.status();
  ASSERT_EQ(updated->persons_size(), 3);
  EXPECT_EQ(updated->persons(0).pseudonym(), "Victim 1");
  EXPECT_EQ(updated->persons(1).pseudonym(), "Source 1");
  EXPECT_EQ(updated->persons(2).pseudonym(), "Victim 2");
}

TEST_F(CaseEngineTest, InvalidCasesNameTheField) {
  v1::CreateCaseRequest request;
  *request.mutable_case_() = SampleCase();
  request.mutable_case_()->mutable_acts(0)->set_victim("p9");
  EXPECT_THAT(engine_->CreateCase(kAmina, request),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("case.acts[0].victim")));
  *request.mutable_case_() = SampleCase();
  request.mutable_case_()->mutable_persons(0)->set_date_of_birth("June 1975");
  absl::Status status = engine_->CreateCase(kAmina, request).status();
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument,
                               HasSubstr("persons[0].date_of_birth")));
  // The error is logged: it must not carry the identifying value.
  EXPECT_THAT(status.message(), ::testing::Not(HasSubstr("June")));
  v1::UpdateCaseRequest update;
  update.mutable_case_()->set_name("cases/x");
  update.mutable_update_mask()->add_paths("etag");
  EXPECT_THAT(
      engine_->UpdateCase(kAmina, update),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("output only")));
}

TEST_F(CaseEngineTest, EveryReadAndWriteIsAuditedOnce) {
  ScopedRequestId request_id("req-1");
  const v1::Case c1 = Create("c1", v1::CONFIDENTIALITY_INTERNAL);  // write 1
  Create("c2", v1::CONFIDENTIALITY_CONFIDENTIAL);                  // write 2
  ASSERT_TRUE(Get(kAmina, "cases/c1").ok());                       // read
  ASSERT_TRUE(Get(kOmar, "cases/c1").ok());   // read, pseudonyms
  ASSERT_FALSE(Get(kOmar, "cases/c2").ok());  // not seen: not a read
  v1::ListCasesRequest list;
  ASSERT_TRUE(engine_->ListCases(kVera, list).ok());  // reads c1 and c2
  v1::DeleteCaseRequest remove;
  remove.set_name("cases/c2");
  ASSERT_THAT(engine_->DeleteCase(kAmina, remove), IsOk());  // write 3
  const std::vector<v1::AuditEntry> audit = Audit();
  ASSERT_EQ(audit.size(), 7u);
  std::multiset<std::string> seen;
  for (const v1::AuditEntry& entry : audit) {
    seen.insert(entry.principal() + " " + v1::AuditAction_Name(entry.action()) +
                " " + entry.case_() + " " +
                std::to_string(entry.fields_in_clear_size()));
    EXPECT_EQ(entry.request_id(), "req-1");
  }
  EXPECT_EQ(seen, (std::multiset<std::string>{
                      "amina AUDIT_ACTION_CREATE cases/c1 6",
                      "amina AUDIT_ACTION_CREATE cases/c2 6",
                      "amina AUDIT_ACTION_READ cases/c1 6",
                      "omar AUDIT_ACTION_READ cases/c1 0",
                      "vera AUDIT_ACTION_READ cases/c1 0",
                      "vera AUDIT_ACTION_READ cases/c2 0",
                      "amina AUDIT_ACTION_DELETE cases/c2 0"}));
  // Oldest first.
  for (size_t i = 1; i < audit.size(); ++i) {
    EXPECT_LE(
        audit[i - 1].time().seconds() * 1000000000LL +
            audit[i - 1].time().nanos(),
        audit[i].time().seconds() * 1000000000LL + audit[i].time().nanos());
  }
  v1::ListAuditEntriesRequest request;
  EXPECT_THAT(engine_->ListAuditEntries(kAmina, request).status(),
              StatusIs(absl::StatusCode::kPermissionDenied));
}

TEST_F(CaseEngineTest, ListsEveryVisibleCaseOnceAcrossShardsAndPages) {
  std::set<std::string> visible;
  for (int i = 0; i < 12; ++i) {
    const bool internal = i % 3 == 0;
    Create("case-" + std::to_string(i), internal
                                            ? v1::CONFIDENTIALITY_INTERNAL
                                            : v1::CONFIDENTIALITY_CONFIDENTIAL);
    if (internal) {
      visible.insert("cases/case-" + std::to_string(i));
    }
  }
  for (const auto& [who, expected] :
       {std::pair<Principal, size_t>{kOmar, visible.size()},
        std::pair<Principal, size_t>{kVera, 12}}) {
    std::vector<std::string> listed;
    v1::ListCasesRequest request;
    request.set_page_size(2);
    for (int pages = 0; pages < 20; ++pages) {
      absl::StatusOr<v1::ListCasesResponse> page =
          engine_->ListCases(who, request);
      ASSERT_TRUE(page.ok()) << page.status();
      for (const v1::Case& record : page->cases()) {
        listed.push_back(record.name());
        EXPECT_TRUE(record.redacted());
      }
      if (page->next_page_token().empty()) {
        break;
      }
      request.set_page_token(page->next_page_token());
    }
    EXPECT_EQ(listed.size(), expected) << who.name;
    EXPECT_TRUE(std::is_sorted(listed.begin(), listed.end()));
    EXPECT_EQ(std::set<std::string>(listed.begin(), listed.end()).size(),
              listed.size());
  }
}

TEST_F(CaseEngineTest, FindsCasesByPersonNameWithoutStoringIt) {
  Create("c1", v1::CONFIDENTIALITY_CONFIDENTIAL, "Kim Young-hee");
  Create("c2", v1::CONFIDENTIALITY_CONFIDENTIAL, "Choi Min-ji");
  v1::ListCasesRequest request;
  request.set_person_name("  choi MIN-JI ");
  absl::StatusOr<v1::ListCasesResponse> found =
      engine_->ListCases(kAmina, request);
  ASSERT_TRUE(found.ok()) << found.status();
  ASSERT_EQ(found->cases_size(), 1);
  EXPECT_EQ(found->cases(0).name(), "cases/c2");
  request.set_person_name("Kim Young-hee of Onsong");  // an alias
  found = engine_->ListCases(kAmina, request);
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->cases_size(), 1);
  EXPECT_EQ(found->cases(0).name(), "cases/c1");
  // Vera sees these cases pseudonymized only: a name finds none of them.
  request.set_person_name("Choi Min-ji");
  found = engine_->ListCases(kVera, request);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->cases_size(), 0);
  request.set_person_name("Choi");  // exact lookup only
  found = engine_->ListCases(kAmina, request);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->cases_size(), 0);
  // Linked to para. 49.
  request.set_person_name("");
  request.set_paragraph("documents/a-hrc-7-20/paragraphs/49");
  found = engine_->ListCases(kAmina, request);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->cases_size(), 2);
}

TEST_F(CaseEngineTest, RotationLetsTheOldKeyGo) {
  Create("c1", v1::CONFIDENTIALITY_CONFIDENTIAL);
  Create("c2", v1::CONFIDENTIALITY_CONFIDENTIAL, "Choi Min-ji");
  absl::StatusOr<Keyring> rotated = keys_->Rotated("k2");
  ASSERT_TRUE(rotated.ok());
  CaseEngine during(shards_, &*rotated);
  EXPECT_THAT(during.RotateCaseKeys(kAmina, {}).status(),
              StatusIs(absl::StatusCode::kPermissionDenied));
  absl::StatusOr<v1::RotateCaseKeysResponse> response =
      during.RotateCaseKeys(kAda, {});
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->rewrapped(), 2);
  EXPECT_EQ(response->key_id(), "k2");
  // Only the new key left: everything still opens.
  const Keyring retired = rotated->Retired();
  CaseEngine after(shards_, &retired);
  v1::GetCaseRequest get;
  get.set_name("cases/c2");
  absl::StatusOr<v1::Case> read = after.GetCase(kAmina, get);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->persons(0).name(), "Choi Min-ji");
  // The old key alone no longer opens them: k2 wraps their data keys.
  CaseEngine unrotated(shards_, &*keys_);
  EXPECT_THAT(unrotated.GetCase(kAmina, get).status(),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("k2")));
}

TEST_F(CaseEngineTest, WithoutKeysCasesAreOff) {
  CaseEngine off(shards_, nullptr);
  EXPECT_THAT(off.GetCase(kAmina, {}).status(),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("--case_keys")));
}

}  // namespace
}  // namespace rapporteur::cases
