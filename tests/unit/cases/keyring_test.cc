#include "lib/cases/keyring.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/testing/status_matchers.h"

namespace rapporteur::cases {
namespace {

using ::rapporteur::testing::IsOkAndHolds;
using ::rapporteur::testing::StatusIs;
using ::testing::HasSubstr;

TEST(KeyringTest, TextRoundTripsAndUnwrapsWhatItWrapped) {
  absl::StatusOr<Keyring> keys = Keyring::Generate("k1");
  ASSERT_TRUE(keys.ok());
  absl::StatusOr<Keyring> parsed = Keyring::Parse(keys->ToText(), "keys");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->current_key_id(), "k1");
  EXPECT_EQ(parsed->index_key(), keys->index_key());
  const std::string data_key(32, 'd');
  absl::StatusOr<WrappedKey> wrapped = keys->Wrap(data_key);
  ASSERT_TRUE(wrapped.ok());
  EXPECT_EQ(wrapped->key_id, "k1");
  EXPECT_THAT(parsed->Unwrap(*wrapped), IsOkAndHolds(data_key));
}

TEST(KeyringTest, RotatedWrapsWithTheNewKeyAndUnwrapsWithTheOld) {
  absl::StatusOr<Keyring> old = Keyring::Generate("k1");
  ASSERT_TRUE(old.ok());
  absl::StatusOr<WrappedKey> under_old = old->Wrap(std::string(32, 'a'));
  ASSERT_TRUE(under_old.ok());
  absl::StatusOr<Keyring> rotated = old->Rotated("k2");
  ASSERT_TRUE(rotated.ok());
  EXPECT_EQ(rotated->current_key_id(), "k2");
  EXPECT_EQ(rotated->index_key(), old->index_key());
  EXPECT_THAT(rotated->Unwrap(*under_old), IsOkAndHolds(std::string(32, 'a')));
  // Retired: only k2 is left, and what k1 wrapped cannot be opened.
  const Keyring retired = rotated->Retired();
  EXPECT_THAT(retired.Unwrap(*under_old),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("k1")));
  EXPECT_THAT(old->Rotated("k1").status(),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(KeyringTest, AlteredWrappedKeyIsDataLoss) {
  absl::StatusOr<Keyring> keys = Keyring::Generate("k1");
  ASSERT_TRUE(keys.ok());
  absl::StatusOr<WrappedKey> wrapped = keys->Wrap(std::string(32, 'a'));
  ASSERT_TRUE(wrapped.ok());
  wrapped->bytes.back() ^= 1;
  EXPECT_THAT(keys->Unwrap(*wrapped), StatusIs(absl::StatusCode::kDataLoss));
}

TEST(KeyringTest, MalformedTextNamesTheLine) {
  EXPECT_THAT(Keyring::Parse("# c\nkek k1 bm90IGEga2V5\n", "f").status(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("f:2: a key is 32 bytes")));
  const std::string key = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
  EXPECT_THAT(Keyring::Parse("kek k1 " + key + "\n", "f").status(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("exactly one 'index'")));
  EXPECT_THAT(
      Keyring::Parse("kek k1 " + key + "\nkek k1 " + key + "\n", "f").status(),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("f:2: key id k1")));
  EXPECT_THAT(
      Keyring::Parse("kek bad/id " + key + "\nindex " + key, "f").status(),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("f:1")));
  EXPECT_THAT(Keyring::Load("/no/such/keys").status(),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

}  // namespace
}  // namespace rapporteur::cases
