#include "lib/cases/aead.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <memory>

#include "absl/strings/str_cat.h"
#include "lib/base/status_macros.h"

namespace rapporteur::cases {
namespace {

struct CipherContextFree {
  void operator()(EVP_CIPHER_CTX* context) const {
    EVP_CIPHER_CTX_free(context);
  }
};
using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, CipherContextFree>;

const unsigned char* Bytes(absl::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}
unsigned char* MutableBytes(std::string& s) {
  return reinterpret_cast<unsigned char*>(s.data());
}

absl::Status CheckKey(absl::string_view key) {
  if (key.size() != kKeyBytes) {
    return absl::InvalidArgumentError(absl::StrCat(
        "an AES-256 key is ", kKeyBytes, " bytes, not ", key.size()));
  }
  return absl::OkStatus();
}

absl::Status OpenSslError(absl::string_view step) {
  return absl::InternalError(absl::StrCat("OpenSSL failed to ", step));
}

}  // namespace

absl::StatusOr<std::string> RandomBytes(size_t n) {
  std::string bytes(n, '\0');
  if (RAND_bytes(MutableBytes(bytes), static_cast<int>(n)) != 1) {
    return OpenSslError("produce random bytes");
  }
  return bytes;
}

absl::StatusOr<Sealed> Seal(absl::string_view key, absl::string_view plaintext,
                            absl::string_view associated_data) {
  ABSL_RETURN_IF_ERROR(CheckKey(key));
  ABSL_ASSIGN_OR_RETURN(std::string nonce, RandomBytes(kNonceBytes));
  CipherContext context(EVP_CIPHER_CTX_new());
  int length = 0;
  Sealed sealed{.nonce = std::move(nonce),
                .ciphertext = std::string(plaintext.size() + kTagBytes, '\0')};
  if (context == nullptr ||
      EVP_EncryptInit_ex(context.get(), EVP_aes_256_gcm(), nullptr, Bytes(key),
                         Bytes(sealed.nonce)) != 1 ||
      EVP_EncryptUpdate(context.get(), nullptr, &length, Bytes(associated_data),
                        static_cast<int>(associated_data.size())) != 1 ||
      EVP_EncryptUpdate(context.get(), MutableBytes(sealed.ciphertext), &length,
                        Bytes(plaintext),
                        static_cast<int>(plaintext.size())) != 1 ||
      EVP_EncryptFinal_ex(context.get(),
                          MutableBytes(sealed.ciphertext) + length,
                          &length) != 1 ||
      EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_GET_TAG, kTagBytes,
                          MutableBytes(sealed.ciphertext) + plaintext.size()) !=
          1) {
    return OpenSslError("encrypt");
  }
  return sealed;
}

absl::StatusOr<std::string> Open(absl::string_view key, const Sealed& sealed,
                                 absl::string_view associated_data) {
  ABSL_RETURN_IF_ERROR(CheckKey(key));
  if (sealed.nonce.size() != kNonceBytes ||
      sealed.ciphertext.size() < kTagBytes) {
    return absl::DataLossError("a sealed value is truncated");
  }
  const size_t size = sealed.ciphertext.size() - kTagBytes;
  std::string plaintext(size, '\0');
  std::string tag = sealed.ciphertext.substr(size);
  CipherContext context(EVP_CIPHER_CTX_new());
  int length = 0;
  if (context == nullptr ||
      EVP_DecryptInit_ex(context.get(), EVP_aes_256_gcm(), nullptr, Bytes(key),
                         Bytes(sealed.nonce)) != 1 ||
      EVP_DecryptUpdate(context.get(), nullptr, &length, Bytes(associated_data),
                        static_cast<int>(associated_data.size())) != 1 ||
      EVP_DecryptUpdate(context.get(), MutableBytes(plaintext), &length,
                        Bytes(sealed.ciphertext),
                        static_cast<int>(size)) != 1 ||
      EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_SET_TAG, kTagBytes,
                          tag.data()) != 1) {
    return OpenSslError("decrypt");
  }
  if (EVP_DecryptFinal_ex(context.get(), MutableBytes(plaintext) + length,
                          &length) != 1) {
    return absl::DataLossError(
        "a sealed value does not decrypt: it was altered or moved from "
        "another case or field");
  }
  return plaintext;
}

std::string HmacSha256(absl::string_view key, absl::string_view message) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), Bytes(message),
       message.size(), digest, &size);
  return std::string(reinterpret_cast<const char*>(digest), size);
}

}  // namespace rapporteur::cases
