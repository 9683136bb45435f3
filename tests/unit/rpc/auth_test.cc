#include "lib/rpc/auth.h"

#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "absl/strings/str_cat.h"
#include "tests/testing/files.h"
#include "tests/testing/status_matchers.h"

namespace rapporteur {
namespace {

using ::rapporteur::testing::IsOk;
using ::rapporteur::testing::StatusIs;
using ::testing::HasSubstr;

void WriteTokens(const std::string& path, const std::string& text,
                 int64_t mtime_seconds) {
  std::ofstream(path, std::ios::trunc) << text;
  // An explicit modification time, so a rewrite is always seen as one.
  const timespec times[2] = {{mtime_seconds, 0}, {mtime_seconds, 0}};
  utimensat(AT_FDCWD, path.c_str(), times, 0);
}

TEST(AuthTest, TokenHashIsSha256Hex) {
  EXPECT_EQ(TokenHash("test"),
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
}

TEST(AuthTest, RolesGrantTheirPermissions) {
  rapporteur::testing::TempDir dir;
  const std::string path = dir.path() + "/tokens";
  WriteTokens(
      path,
      absl::StrCat("# sha256 role\n", TokenHash("v"), " viewer\n",
                   TokenHash("i"), "\tingestor\n", TokenHash("a"), " admin\n"),
      1000);
  auto tokens = TokenStore::Load(path);
  ASSERT_TRUE(tokens.ok()) << tokens.status();
  TokenStore& store = **tokens;
  EXPECT_THAT(store.Authorize("Bearer v", Permission::kRead), IsOk());
  EXPECT_THAT(store.Authorize("Bearer v", Permission::kIngest),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(store.Authorize("Bearer i", Permission::kIngest), IsOk());
  EXPECT_THAT(store.Authorize("Bearer i", Permission::kRead),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(store.Authorize("Bearer a", Permission::kRead), IsOk());
  EXPECT_THAT(store.Authorize("Bearer a", Permission::kIngest), IsOk());
  // Administering (storage's backups) is the admin role's alone.
  EXPECT_THAT(store.Authorize("Bearer a", Permission::kAdmin), IsOk());
  EXPECT_THAT(store.Authorize("Bearer v", Permission::kAdmin),
              StatusIs(absl::StatusCode::kPermissionDenied,
                       "the token's role may not administer"));
  EXPECT_THAT(store.Authorize("Bearer i", Permission::kAdmin),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(store.Authorize("Bearer nope", Permission::kRead),
              StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_THAT(store.Authorize("", Permission::kRead),
              StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_THAT(store.Authorize("Basic v", Permission::kRead),
              StatusIs(absl::StatusCode::kUnauthenticated));
}

TEST(AuthTest, ChangesToTheFileAreSeen) {
  rapporteur::testing::TempDir dir;
  const std::string path = dir.path() + "/tokens";
  WriteTokens(path, absl::StrCat(TokenHash("old"), " viewer\n"), 1000);
  auto tokens = TokenStore::Load(path, absl::ZeroDuration());
  ASSERT_TRUE(tokens.ok()) << tokens.status();
  EXPECT_THAT((*tokens)->Authorize("Bearer old", Permission::kRead), IsOk());
  WriteTokens(path, absl::StrCat(TokenHash("new"), " viewer\n"), 2000);
  EXPECT_THAT((*tokens)->Authorize("Bearer new", Permission::kRead), IsOk());
  EXPECT_THAT((*tokens)->Authorize("Bearer old", Permission::kRead),
              StatusIs(absl::StatusCode::kUnauthenticated));  // revoked
  // A broken rewrite keeps the tokens read last.
  WriteTokens(path, "not a token line\n", 3000);
  EXPECT_THAT((*tokens)->Authorize("Bearer new", Permission::kRead), IsOk());
}

TEST(AuthTest, TokensNameTheirPrincipals) {
  rapporteur::testing::TempDir dir;
  const std::string path = dir.path() + "/tokens";
  WriteTokens(path,
              absl::StrCat(TokenHash("an"), " analyst amina.diallo\n",
                           TokenHash("v"), " viewer\n"),
              1000);
  auto tokens = TokenStore::Load(path);
  ASSERT_TRUE(tokens.ok()) << tokens.status();
  absl::StatusOr<Principal> analyst =
      (*tokens)->Authenticate("Bearer an", Permission::kWriteCases);
  ASSERT_TRUE(analyst.ok()) << analyst.status();
  EXPECT_EQ(analyst->name, "amina.diallo");
  EXPECT_EQ(analyst->role, Role::kAnalyst);
  EXPECT_THAT((*tokens)->Authorize("Bearer an", Permission::kIngest),
              StatusIs(absl::StatusCode::kPermissionDenied));
  // Without a principal: named after the token's hash.
  absl::StatusOr<Principal> viewer =
      (*tokens)->Authenticate("Bearer v", Permission::kRead);
  ASSERT_TRUE(viewer.ok());
  EXPECT_EQ(viewer->name, "token-" + TokenHash("v").substr(0, 12));
  EXPECT_THAT((*tokens)->Authorize("Bearer v", Permission::kWriteCases),
              StatusIs(absl::StatusCode::kPermissionDenied,
                       HasSubstr("may not write case records")));
}

TEST(AuthTest, MalformedFilesNameTheLine) {
  EXPECT_THAT(ParseTokens("# c\n\nabc viewer\n", "tokens"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("tokens:3: the token hash must be 64 hex")));
  EXPECT_THAT(ParseTokens(absl::StrCat(TokenHash("x"), " root\n"), "tokens"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("unknown role 'root'")));
  EXPECT_THAT(TokenStore::Load("/no/such/tokens").status(),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

}  // namespace
}  // namespace rapporteur
