#ifndef RAPPORTEUR_LIB_CASES_AEAD_H_
#define RAPPORTEUR_LIB_CASES_AEAD_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace rapporteur::cases {

// AES-256-GCM through OpenSSL's EVP interface: authenticated encryption
// binding each ciphertext to its associated data (which case, which field).

inline constexpr size_t kKeyBytes = 32;
inline constexpr size_t kNonceBytes = 12;
inline constexpr size_t kTagBytes = 16;

// A sealed value: a random nonce and the ciphertext with its tag appended.
struct Sealed {
  std::string nonce;
  std::string ciphertext;
};

// `n` bytes from OpenSSL's CSPRNG; INTERNAL if it fails.
absl::StatusOr<std::string> RandomBytes(size_t n);

// Encrypts `plaintext` under `key` (kKeyBytes) with a fresh nonce.
// INVALID_ARGUMENT for a key of another size; INTERNAL if OpenSSL fails.
absl::StatusOr<Sealed> Seal(absl::string_view key, absl::string_view plaintext,
                            absl::string_view associated_data);

// Decrypts what Seal() made with the same key and associated data.
// DATA_LOSS when the tag does not verify: another key, other associated
// data (the value was moved), or tampered bytes.
absl::StatusOr<std::string> Open(absl::string_view key, const Sealed& sealed,
                                 absl::string_view associated_data);

// HMAC-SHA256 of `message` under `key` (32 raw bytes).
std::string HmacSha256(absl::string_view key, absl::string_view message);

}  // namespace rapporteur::cases

#endif  // RAPPORTEUR_LIB_CASES_AEAD_H_
