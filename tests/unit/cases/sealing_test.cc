#include "lib/cases/sealing.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/testing/status_matchers.h"
#include "tests/unit/cases/sample_case.h"

namespace rapporteur::cases {
namespace {

using ::rapporteur::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::UnorderedElementsAre;

class SealingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<Keyring> keys = Keyring::Generate("k1");
    ASSERT_TRUE(keys.ok());
    keys_.emplace(*std::move(keys));
  }

  internal::v1::StoredCase Sealed(const std::string& name,
                                  const std::string& victim) {
    v1::Case record = SampleCase(victim);
    record.set_name(name);
    absl::StatusOr<internal::v1::StoredCase> stored =
        SealCase(record, *keys_, keys_->index_key());
    EXPECT_TRUE(stored.ok()) << stored.status();
    return stored.ok() ? *stored : internal::v1::StoredCase();
  }

  std::optional<Keyring> keys_;
};

TEST_F(SealingTest, NoIdentifyingValueIsStoredInClear) {
  const internal::v1::StoredCase stored = Sealed("cases/a", "Kim Young-hee");
  const std::string bytes = stored.SerializeAsString();
  for (const char* secret : {"Kim Young-hee", "Kim Young-hee of Onsong", "1975",
                             "Officer Pak", "Lee Sun-ok", "border post"}) {
    EXPECT_THAT(bytes, Not(HasSubstr(secret))) << secret;
  }
  // What is not identifying stays readable for filters and pseudonyms.
  EXPECT_THAT(bytes, HasSubstr("Detention after forced return"));
  EXPECT_EQ(stored.case_().persons(0).sex(), "female");
  std::vector<std::string> paths;
  for (const auto& field : stored.sealed()) {
    paths.push_back(field.path());
  }
  EXPECT_THAT(paths, UnorderedElementsAre(
                         "persons[p1].name", "persons[p1].aliases[0]",
                         "persons[p1].date_of_birth", "persons[p2].name",
                         "persons[p3].name", "sources[0].testimony"));
  EXPECT_EQ(stored.key_id(), "k1");
  EXPECT_EQ(stored.name_digests_size(), 4);  // three names, one alias
}

TEST_F(SealingTest, OpensToTheCaseItSealed) {
  const internal::v1::StoredCase stored = Sealed("cases/a", "Kim Young-hee");
  absl::StatusOr<OpenedCase> opened = OpenCase(stored, *keys_);
  ASSERT_TRUE(opened.ok()) << opened.status();
  v1::Case expected = SampleCase("Kim Young-hee");
  expected.set_name("cases/a");
  EXPECT_EQ(opened->record.SerializeAsString(), expected.SerializeAsString());
  EXPECT_EQ(opened->identifying_paths.size(), 6u);
}

TEST_F(SealingTest, CiphertextMovedToAnotherCaseIsDataLoss) {
  internal::v1::StoredCase a = Sealed("cases/a", "Kim Young-hee");
  internal::v1::StoredCase b = Sealed("cases/b", "Choi Min-ji");
  // b's victim name in a's place: another case's key and associated data.
  *a.mutable_sealed(0) = b.sealed(0);
  ASSERT_EQ(a.sealed(0).path(), "persons[p1].name");
  EXPECT_THAT(
      OpenCase(a, *keys_).status(),
      StatusIs(absl::StatusCode::kDataLoss, HasSubstr("persons[p1].name")));
  // Even with b's data key too, the associated data names cases/b.
  a.set_wrapped_key(b.wrapped_key());
  EXPECT_THAT(OpenCase(a, *keys_).status(),
              StatusIs(absl::StatusCode::kDataLoss));
}

TEST_F(SealingTest, CiphertextMovedToAnotherFieldIsDataLoss) {
  internal::v1::StoredCase a = Sealed("cases/a", "Kim Young-hee");
  // The source's name, sealed under this case's own key, put in the
  // victim's name: its associated data names another field.
  int victim = -1;
  int source = -1;
  for (int i = 0; i < a.sealed_size(); ++i) {
    if (a.sealed(i).path() == "persons[p1].name") victim = i;
    if (a.sealed(i).path() == "persons[p3].name") source = i;
  }
  ASSERT_GE(victim, 0);
  ASSERT_GE(source, 0);
  a.mutable_sealed(victim)->set_nonce(a.sealed(source).nonce());
  a.mutable_sealed(victim)->set_ciphertext(a.sealed(source).ciphertext());
  EXPECT_THAT(OpenCase(a, *keys_).status(),
              StatusIs(absl::StatusCode::kDataLoss));
}

TEST_F(SealingTest, SealedValueWithoutAPlaceIsDataLoss) {
  internal::v1::StoredCase a = Sealed("cases/a", "Kim Young-hee");
  a.mutable_case_()->mutable_sources()->Clear();
  EXPECT_THAT(OpenCase(a, *keys_).status(),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("lacks")));
}

TEST_F(SealingTest, RewrapKeepsTheDataAndChangesTheKey) {
  internal::v1::StoredCase stored = Sealed("cases/a", "Kim Young-hee");
  absl::StatusOr<Keyring> rotated = keys_->Rotated("k2");
  ASSERT_TRUE(rotated.ok());
  const std::string sealed_before = stored.sealed(0).ciphertext();
  EXPECT_THAT(RewrapCase(&stored, *rotated),
              ::rapporteur::testing::IsOkAndHolds(true));
  EXPECT_EQ(stored.key_id(), "k2");
  EXPECT_EQ(stored.sealed(0).ciphertext(), sealed_before);
  EXPECT_THAT(RewrapCase(&stored, *rotated),
              ::rapporteur::testing::IsOkAndHolds(false));
  absl::StatusOr<OpenedCase> opened = OpenCase(stored, rotated->Retired());
  ASSERT_TRUE(opened.ok()) << opened.status();
  EXPECT_EQ(opened->record.persons(0).name(), "Kim Young-hee");
}

TEST_F(SealingTest, NameDigestsIgnoreCaseAndSpacing) {
  const std::string& key = keys_->index_key();
  EXPECT_EQ(NameDigest(key, "Kim Young-hee"),
            NameDigest(key, "  KIM  young-HEE "));
  EXPECT_NE(NameDigest(key, "Kim Young-hee"), NameDigest(key, "Kim Young-he"));
  EXPECT_THAT(Sealed("cases/a", "Kim Young-hee").name_digests(),
              ::testing::Contains(NameDigest(key, "kim young-hee")));
}

}  // namespace
}  // namespace rapporteur::cases
