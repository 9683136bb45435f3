#include "lib/cases/keyring.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "lib/cases/aead.h"

namespace rapporteur::cases {
namespace {

// The associated data of a wrapped data key: which kek wrapped it.
std::string WrapContext(absl::string_view key_id) {
  return absl::StrCat("rapporteur data key/", key_id);
}

bool IsValidKeyId(absl::string_view id) {
  if (id.empty() || id.size() > 64) {
    return false;
  }
  for (char c : id) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '-' &&
        c != '_' && c != '.') {
      return false;
    }
  }
  return true;
}

}  // namespace

absl::StatusOr<Keyring> Keyring::Parse(absl::string_view text,
                                       absl::string_view source) {
  Keyring keyring;
  int line_number = 0;
  int index_keys = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_number;
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || line[0] == '#') {
      continue;
    }
    const auto malformed = [&](absl::string_view why) {
      return absl::InvalidArgumentError(
          absl::StrCat(source, ":", line_number, ": ", why));
    };
    std::vector<absl::string_view> fields =
        absl::StrSplit(line, absl::ByAnyChar(" \t"), absl::SkipEmpty());
    std::string key;
    const absl::string_view encoded = fields.back();
    if (!absl::Base64Unescape(encoded, &key) || key.size() != kKeyBytes) {
      return malformed(absl::StrCat("a key is ", kKeyBytes,
                                    " bytes in base64 (openssl rand -base64 ",
                                    kKeyBytes, ")"));
    }
    if (fields[0] == "kek" && fields.size() == 3) {
      if (!IsValidKeyId(fields[1])) {
        return malformed("a key id is 1-64 letters, digits, '-', '_' and '.'");
      }
      for (const auto& [id, unused] : keyring.keks_) {
        if (id == fields[1]) {
          return malformed(absl::StrCat("key id ", id, " appears twice"));
        }
      }
      keyring.keks_.emplace_back(std::string(fields[1]), std::move(key));
    } else if (fields[0] == "index" && fields.size() == 2) {
      ++index_keys;
      keyring.index_key_ = std::move(key);
    } else {
      return malformed(
          "expected 'kek <id> <base64 key>' or 'index <base64 key>'");
    }
  }
  if (keyring.keks_.empty() || index_keys != 1) {
    return absl::InvalidArgumentError(absl::StrCat(
        source,
        " must hold at least one 'kek' line and exactly one 'index' "
        "line (make one with `rapporteur cases keys new`)"));
  }
  return keyring;
}

absl::StatusOr<Keyring> Keyring::Load(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot read the case key file ", path));
  }
  std::stringstream text;
  text << in.rdbuf();
  return Parse(text.str(), path);
}

absl::StatusOr<Keyring> Keyring::Generate(absl::string_view key_id) {
  if (!IsValidKeyId(key_id)) {
    return absl::InvalidArgumentError(
        "a key id is 1-64 letters, digits, '-', '_' and '.'");
  }
  Keyring keyring;
  absl::StatusOr<std::string> kek = RandomBytes(kKeyBytes);
  absl::StatusOr<std::string> index = RandomBytes(kKeyBytes);
  if (!kek.ok() || !index.ok()) {
    return absl::InternalError("no random bytes for new keys");
  }
  keyring.keks_.emplace_back(std::string(key_id), *std::move(kek));
  keyring.index_key_ = *std::move(index);
  return keyring;
}

absl::StatusOr<Keyring> Keyring::Rotated(absl::string_view key_id) const {
  absl::StatusOr<Keyring> fresh = Generate(key_id);
  if (!fresh.ok()) {
    return fresh.status();
  }
  for (const auto& [id, key] : keks_) {
    if (id == key_id) {
      return absl::InvalidArgumentError(
          absl::StrCat("key id ", key_id, " is in use already"));
    }
    fresh->keks_.emplace_back(id, key);
  }
  fresh->index_key_ = index_key_;
  return fresh;
}

Keyring Keyring::Retired() const {
  Keyring retired;
  retired.keks_.push_back(keks_.front());
  retired.index_key_ = index_key_;
  return retired;
}

std::string Keyring::ToText() const {
  std::string text =
      "# Rapporteur case keys: the first kek wraps, the others unwrap.\n"
      "# Keep this file outside the data directories, mode 0600.\n";
  for (const auto& [id, key] : keks_) {
    absl::StrAppend(&text, "kek ", id, " ", absl::Base64Escape(key), "\n");
  }
  absl::StrAppend(&text, "index ", absl::Base64Escape(index_key_), "\n");
  return text;
}

absl::StatusOr<WrappedKey> Keyring::Wrap(absl::string_view data_key) const {
  const auto& [id, key] = keks_.front();
  absl::StatusOr<Sealed> sealed = Seal(key, data_key, WrapContext(id));
  if (!sealed.ok()) {
    return sealed.status();
  }
  return WrappedKey{.key_id = id,
                    .bytes = absl::StrCat(sealed->nonce, sealed->ciphertext)};
}

absl::StatusOr<std::string> Keyring::Unwrap(const WrappedKey& wrapped) const {
  for (const auto& [id, key] : keks_) {
    if (id != wrapped.key_id) {
      continue;
    }
    if (wrapped.bytes.size() < kNonceBytes) {
      return absl::DataLossError("a wrapped data key is truncated");
    }
    return Open(key,
                Sealed{.nonce = wrapped.bytes.substr(0, kNonceBytes),
                       .ciphertext = wrapped.bytes.substr(kNonceBytes)},
                WrapContext(id));
  }
  return absl::FailedPreconditionError(absl::StrCat(
      "a case's data key is wrapped by key-encryption key '", wrapped.key_id,
      "', which the case keys no longer hold: restore it, or rotate before "
      "retiring a key"));
}

absl::StatusOr<std::optional<Keyring>> ConfiguredKeyring(
    const std::string& path) {
  if (!path.empty()) {
    absl::StatusOr<Keyring> loaded = Keyring::Load(path);
    if (!loaded.ok()) {
      return loaded.status();
    }
    return std::optional<Keyring>(*std::move(loaded));
  }
  const char* text = std::getenv("RAPPORTEUR_CASE_KEYS");
  if (text == nullptr || *text == '\0') {
    return std::optional<Keyring>();
  }
  absl::StatusOr<Keyring> parsed = Keyring::Parse(text, "RAPPORTEUR_CASE_KEYS");
  if (!parsed.ok()) {
    return parsed.status();
  }
  return std::optional<Keyring>(*std::move(parsed));
}

}  // namespace rapporteur::cases
