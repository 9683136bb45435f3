#ifndef RAPPORTEUR_LIB_RPC_AUTH_H_
#define RAPPORTEUR_LIB_RPC_AUTH_H_

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "lib/base/mutex.h"
#include "lib/base/principal.h"

namespace rapporteur {

// The bearer tokens a service accepts, each with its role, from a file that
// holds only their SHA-256 hashes (a stolen file grants nothing):
//
//   # sha256(token) in hex    role     principal (optional)
//   9f86d081884c7d65...       viewer
//   60303ae22b998861...       analyst  amina.diallo
//
// Roles: viewer, analyst, ingestor, admin (principal.h). A token without a
// principal is known as `token-` and the first 12 digits of its hash.
//
// The file is read again when it changes (checked at most once a second),
// so tokens are added and revoked without a restart. Thread-safe.
class TokenStore {
 public:
  // Reads `path`; INVALID_ARGUMENT naming the line of a malformed entry.
  // The file is looked at again at most every `reload_interval`.
  static absl::StatusOr<std::unique_ptr<TokenStore>> Load(
      std::string path, absl::Duration reload_interval = absl::Seconds(1));

  // OK when `authorization` ("Bearer <token>") names a token whose role
  // grants `needed`; UNAUTHENTICATED when there is no valid token;
  // PERMISSION_DENIED when its role does not grant it. A reload error keeps
  // the tokens read last.
  absl::Status Authorize(absl::string_view authorization, Permission needed)
      ABSL_LOCKS_EXCLUDED(mu_);

  // The "authorization" metadata of a call, checked as above.
  absl::Status Authorize(const grpc::CallbackServerContext* context,
                         Permission needed) ABSL_LOCKS_EXCLUDED(mu_);

  // As Authorize(), and who the caller is.
  absl::StatusOr<Principal> Authenticate(absl::string_view authorization,
                                         Permission needed)
      ABSL_LOCKS_EXCLUDED(mu_);
  absl::StatusOr<Principal> Authenticate(
      const grpc::CallbackServerContext* context, Permission needed)
      ABSL_LOCKS_EXCLUDED(mu_);

 private:
  TokenStore(std::string path, absl::Duration reload_interval)
      : path_(std::move(path)), reload_interval_(reload_interval) {}
  absl::Status Reload() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const std::string path_;
  const absl::Duration reload_interval_;
  Mutex mu_;
  absl::flat_hash_map<std::string, Principal> principals_ ABSL_GUARDED_BY(mu_);
  int64_t file_mtime_ns_ ABSL_GUARDED_BY(mu_) = -1;
  absl::Time last_check_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
};

// The tokens parsed from the text of a tokens file (for Load and tests):
// each hash's principal.
absl::StatusOr<absl::flat_hash_map<std::string, Principal>> ParseTokens(
    absl::string_view text, absl::string_view file_name);

// Lower-case hex SHA-256 of `token`, as the tokens file holds it.
std::string TokenHash(absl::string_view token);

}  // namespace rapporteur

#endif  // RAPPORTEUR_LIB_RPC_AUTH_H_
