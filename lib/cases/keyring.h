#ifndef RAPPORTEUR_LIB_CASES_KEYRING_H_
#define RAPPORTEUR_LIB_CASES_KEYRING_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace rapporteur::cases {

// A data key wrapped by a key-encryption key, and which one.
struct WrappedKey {
  std::string key_id;
  std::string bytes;
};

// Wraps and unwraps the data keys of case records. The interface a key
// management service (a KMS's Encrypt/Decrypt of a key) implements; the
// Keyring below holds the keys itself. Thread-safe.
class KeyWrapper {
 public:
  virtual ~KeyWrapper() = default;
  // The key new data keys are wrapped with.
  virtual std::string current_key_id() const = 0;
  virtual absl::StatusOr<WrappedKey> Wrap(absl::string_view data_key) const = 0;
  // FAILED_PRECONDITION when key `wrapped.key_id` is not held (retired too
  // soon); DATA_LOSS when the wrapped bytes do not verify.
  virtual absl::StatusOr<std::string> Unwrap(
      const WrappedKey& wrapped) const = 0;
};

// The secrets of case records, held outside the data directories: the
// key-encryption keys (the first wraps; the others, older, only unwrap
// until RotateCaseKeys has rewrapped every case) and the blind-index key
// (HMAC of names, for lookup; never rotated, since the digests stored
// would no longer match). Its text form, in a file or an environment
// variable:
//
//   # Rapporteur case keys
//   kek 2026-12 <base64 of 32 bytes>
//   kek 2026-06 <base64 of 32 bytes>
//   index <base64 of 32 bytes>
class Keyring final : public KeyWrapper {
 public:
  // INVALID_ARGUMENT naming the line of a malformed entry, or when there
  // is no kek or not exactly one index key. `source` names the text.
  static absl::StatusOr<Keyring> Parse(absl::string_view text,
                                       absl::string_view source);
  // Reads `path`; FAILED_PRECONDITION when it cannot be read.
  static absl::StatusOr<Keyring> Load(const std::string& path);

  // New keys: one kek (its id `key_id`) and an index key.
  static absl::StatusOr<Keyring> Generate(absl::string_view key_id);

  // These keys with a new current kek `key_id`, the others kept to unwrap.
  absl::StatusOr<Keyring> Rotated(absl::string_view key_id) const;
  // These keys with only the current kek: after every case was rewrapped.
  Keyring Retired() const;

  // The text form, for a key file (mode 0600).
  std::string ToText() const;

  std::string current_key_id() const override { return keks_.front().first; }
  absl::StatusOr<WrappedKey> Wrap(absl::string_view data_key) const override;
  absl::StatusOr<std::string> Unwrap(const WrappedKey& wrapped) const override;

  const std::string& index_key() const { return index_key_; }

 private:
  Keyring() = default;

  std::vector<std::pair<std::string, std::string>> keks_;  // id, key
  std::string index_key_;
};

// The keys a process is configured with: the file `path` when not empty,
// else the text of the environment variable RAPPORTEUR_CASE_KEYS when set,
// else none (case records off). The errors of Load() and Parse().
absl::StatusOr<std::optional<Keyring>> ConfiguredKeyring(
    const std::string& path);

}  // namespace rapporteur::cases

#endif  // RAPPORTEUR_LIB_CASES_KEYRING_H_
