#include "lib/cases/aead.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/escaping.h"
#include "tests/testing/status_matchers.h"

namespace rapporteur::cases {
namespace {

using ::rapporteur::testing::IsOkAndHolds;
using ::rapporteur::testing::StatusIs;

const std::string kKey(kKeyBytes, 'k');

TEST(AeadTest, OpensWhatItSealed) {
  absl::StatusOr<Sealed> sealed = Seal(kKey, "Kim Young-hee", "cases/a#name");
  ASSERT_TRUE(sealed.ok());
  EXPECT_EQ(sealed->nonce.size(), kNonceBytes);
  EXPECT_EQ(sealed->ciphertext.size(), 13 + kTagBytes);
  EXPECT_EQ(sealed->ciphertext.find("Kim"), std::string::npos);
  EXPECT_THAT(Open(kKey, *sealed, "cases/a#name"),
              IsOkAndHolds(std::string("Kim Young-hee")));
}

TEST(AeadTest, TwoSealsOfOneValueDiffer) {
  absl::StatusOr<Sealed> a = Seal(kKey, "same", "x");
  absl::StatusOr<Sealed> b = Seal(kKey, "same", "x");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(a->nonce, b->nonce);
  EXPECT_NE(a->ciphertext, b->ciphertext);
}

TEST(AeadTest, OtherAssociatedDataOrKeyOrBytesAreDataLoss) {
  absl::StatusOr<Sealed> sealed = Seal(kKey, "testimony", "cases/a#t");
  ASSERT_TRUE(sealed.ok());
  EXPECT_THAT(Open(kKey, *sealed, "cases/b#t"),
              StatusIs(absl::StatusCode::kDataLoss));
  EXPECT_THAT(Open(std::string(kKeyBytes, 'o'), *sealed, "cases/a#t"),
              StatusIs(absl::StatusCode::kDataLoss));
  Sealed flipped = *sealed;
  flipped.ciphertext[0] ^= 1;
  EXPECT_THAT(Open(kKey, flipped, "cases/a#t"),
              StatusIs(absl::StatusCode::kDataLoss));
  Sealed truncated = *sealed;
  truncated.ciphertext.resize(3);
  EXPECT_THAT(Open(kKey, truncated, "cases/a#t"),
              StatusIs(absl::StatusCode::kDataLoss));
}

TEST(AeadTest, RefusesKeysOfAnotherSize) {
  EXPECT_THAT(Seal("short", "x", "").status(),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(AeadTest, HmacMatchesRfc4231) {
  // RFC 4231, test case 2.
  EXPECT_EQ(absl::BytesToHexString(
                HmacSha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

}  // namespace
}  // namespace rapporteur::cases
