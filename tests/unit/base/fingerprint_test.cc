#include "lib/base/fingerprint.h"

#include <gtest/gtest.h>

#include <string>

namespace rapporteur {
namespace {

// Fingerprints decide where documents live and are written into page
// tokens: a change of value moves data, so the values are pinned.
TEST(FingerprintTest, IsSixtyFourBitFnv1a) {
  EXPECT_EQ(Fingerprint(""), 0xcbf29ce484222325ull);  // the offset basis
  EXPECT_EQ(Fingerprint("a"), 0xaf63dc4c8601ec8cull);
  EXPECT_EQ(Fingerprint("foobar"), 0x85944171f73967e8ull);
  EXPECT_EQ(Fingerprint("A-HRC-7-20"), 0x2b056c2b2f4c3fefull);
}

TEST(FingerprintTest, ReadsBytesAsUnsigned) {
  // A sign-extended byte would give a different value for every non-ASCII
  // id on a platform where char is signed.
  EXPECT_EQ(Fingerprint("\xff"), 0xaf64724c8602eb6eull);
  EXPECT_EQ(Fingerprint("Права"), 0x59f680a313c26eebull);
}

TEST(FingerprintTest, CoversEveryByteIncludingNul) {
  const std::string with_nul("a\0b", 3);
  EXPECT_NE(Fingerprint(with_nul), Fingerprint("a"));
  EXPECT_NE(Fingerprint(with_nul), Fingerprint("ab"));
  EXPECT_NE(Fingerprint("ab"), Fingerprint("ba"));
}

TEST(FingerprintTest, StringAndViewAgree) {
  // Same input, same value, whatever the call site.
  const std::string id = "A/HRC/7/20";
  EXPECT_EQ(Fingerprint(id), Fingerprint(absl::string_view(id)));
}

}  // namespace
}  // namespace rapporteur
