#include "lib/rpc/auth.h"

#include <openssl/evp.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "lib/base/log.h"

namespace rapporteur {
namespace {

const char* Verb(Permission permission) {
  switch (permission) {
    case Permission::kRead:
      return "read";
    case Permission::kIngest:
      return "ingest";
    case Permission::kWriteCases:
      return "write case records";
    case Permission::kAdmin:
      return "administer";
  }
  return "do this";
}

int64_t MtimeNs(const std::string& path) {
  struct stat info;
  if (stat(path.c_str(), &info) != 0) {
    return -1;
  }
  return static_cast<int64_t>(info.st_mtim.tv_sec) * 1000000000 +
         info.st_mtim.tv_nsec;
}

}  // namespace

std::string TokenHash(absl::string_view token) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(token.data(), token.size(), digest, &size, EVP_sha256(), nullptr);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), size));
}

absl::StatusOr<absl::flat_hash_map<std::string, Principal>> ParseTokens(
    absl::string_view text, absl::string_view file_name) {
  absl::flat_hash_map<std::string, Principal> principals;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_number;
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || line[0] == '#') {
      continue;
    }
    std::vector<absl::string_view> fields =
        absl::StrSplit(line, absl::ByAnyChar(" \t"), absl::SkipEmpty());
    const auto malformed = [&](absl::string_view why) {
      return absl::InvalidArgumentError(
          absl::StrCat(file_name, ":", line_number, ": ", why));
    };
    if (fields.size() != 2 && fields.size() != 3) {
      return malformed("expected '<sha256 hex> <role> [principal]'");
    }
    const std::string hash = absl::AsciiStrToLower(fields[0]);
    if (hash.size() != 64 ||
        hash.find_first_not_of("0123456789abcdef") != std::string::npos) {
      return malformed("the token hash must be 64 hex digits (SHA-256)");
    }
    Role role;
    if (fields[1] == "viewer") {
      role = Role::kViewer;
    } else if (fields[1] == "analyst") {
      role = Role::kAnalyst;
    } else if (fields[1] == "ingestor") {
      role = Role::kIngestor;
    } else if (fields[1] == "admin") {
      role = Role::kAdmin;
    } else {
      return malformed(
          absl::StrCat("unknown role '", fields[1],
                       "'; roles are viewer, analyst, ingestor, admin"));
    }
    principals[hash] = Principal{
        .name = fields.size() == 3 ? std::string(fields[2])
                                   : absl::StrCat("token-", hash.substr(0, 12)),
        .role = role};
  }
  return principals;
}

absl::StatusOr<std::unique_ptr<TokenStore>> TokenStore::Load(
    std::string path, absl::Duration reload_interval) {
  std::unique_ptr<TokenStore> store(
      new TokenStore(std::move(path), reload_interval));
  MutexLock lock(&store->mu_);
  absl::Status loaded = store->Reload();
  if (!loaded.ok()) {
    return loaded;
  }
  return store;
}

absl::Status TokenStore::Reload() {
  const int64_t mtime = MtimeNs(path_);
  if (mtime < 0) {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot read tokens file ", path_));
  }
  if (mtime == file_mtime_ns_) {
    return absl::OkStatus();
  }
  std::ifstream in(path_);
  std::stringstream text;
  text << in.rdbuf();
  absl::StatusOr<absl::flat_hash_map<std::string, Principal>> principals =
      ParseTokens(text.str(), path_);
  if (!principals.ok()) {
    return principals.status();
  }
  principals_ = *std::move(principals);
  file_mtime_ns_ = mtime;
  return absl::OkStatus();
}

absl::Status TokenStore::Authorize(absl::string_view authorization,
                                   Permission needed) {
  return Authenticate(authorization, needed).status();
}

absl::StatusOr<Principal> TokenStore::Authenticate(
    absl::string_view authorization, Permission needed) {
  absl::string_view token = authorization;
  if (!absl::ConsumePrefix(&token, "Bearer ") || token.empty()) {
    return absl::UnauthenticatedError(
        "a bearer token is required (metadata 'authorization: Bearer ...')");
  }
  const std::string hash = TokenHash(token);
  MutexLock lock(&mu_);
  const absl::Time now = absl::Now();
  if (now - last_check_ >= reload_interval_) {
    last_check_ = now;
    absl::Status reloaded = Reload();
    if (!reloaded.ok()) {
      LogError("tokens file not reloaded; keeping the tokens read last",
               {{"error", reloaded.ToString()}});
    }
  }
  auto found = principals_.find(hash);
  if (found == principals_.end()) {
    return absl::UnauthenticatedError("the bearer token is not valid");
  }
  if (!Grants(found->second.role, needed)) {
    return absl::PermissionDeniedError(
        absl::StrCat("the token's role may not ", Verb(needed)));
  }
  return found->second;
}

absl::Status TokenStore::Authorize(const grpc::CallbackServerContext* context,
                                   Permission needed) {
  return Authenticate(context, needed).status();
}

absl::StatusOr<Principal> TokenStore::Authenticate(
    const grpc::CallbackServerContext* context, Permission needed) {
  const auto& metadata = context->client_metadata();
  auto it = metadata.find("authorization");
  return Authenticate(
      it == metadata.end()
          ? absl::string_view()
          : absl::string_view(it->second.data(), it->second.size()),
      needed);
}

}  // namespace rapporteur
