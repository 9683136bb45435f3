#include "lib/cases/sealing.h"

#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "lib/analysis/normalize.h"
#include "lib/base/status_macros.h"
#include "lib/cases/aead.h"
#include "lib/cases/identifying_fields.h"

namespace rapporteur::cases {
namespace {

// The associated data of a value: whose and where, so that a ciphertext
// copied to another case or field fails to decrypt.
std::string ValueContext(absl::string_view case_name, absl::string_view path) {
  return absl::StrCat(case_name, "#", path);
}

}  // namespace

std::string NameDigest(absl::string_view index_key, absl::string_view name) {
  const std::string folded = analysis::FoldCase(name);
  const std::string spaced = absl::StrJoin(
      absl::StrSplit(folded, absl::ByAnyChar(" \t\n"), absl::SkipEmpty()), " ");
  return HmacSha256(index_key, spaced);
}

absl::StatusOr<internal::v1::StoredCase> SealCase(const v1::Case& record,
                                                  const KeyWrapper& keys,
                                                  absl::string_view index_key) {
  ABSL_ASSIGN_OR_RETURN(std::string data_key, RandomBytes(kKeyBytes));
  ABSL_ASSIGN_OR_RETURN(WrappedKey wrapped, keys.Wrap(data_key));
  internal::v1::StoredCase stored;
  stored.set_key_id(wrapped.key_id);
  stored.set_wrapped_key(std::move(wrapped.bytes));
  for (const v1::Person& person : record.persons()) {
    if (!person.name().empty()) {
      stored.add_name_digests(NameDigest(index_key, person.name()));
    }
    for (const std::string& alias : person.aliases()) {
      stored.add_name_digests(NameDigest(index_key, alias));
    }
  }
  v1::Case* cleared = stored.mutable_case_();
  *cleared = record;
  absl::Status failed;
  RewriteIdentifying(
      cleared,
      [&](absl::string_view path, const std::string& value) -> std::string {
        if (value.empty() || !failed.ok()) {
          return "";
        }
        absl::StatusOr<Sealed> sealed =
            Seal(data_key, value, ValueContext(record.name(), path));
        if (!sealed.ok()) {
          failed = sealed.status();
          return "";
        }
        internal::v1::SealedField* field = stored.add_sealed();
        field->set_path(std::string(path));
        field->set_nonce(std::move(sealed->nonce));
        field->set_ciphertext(std::move(sealed->ciphertext));
        return "";
      });
  ABSL_RETURN_IF_ERROR(failed);
  return stored;
}

absl::StatusOr<OpenedCase> OpenCase(const internal::v1::StoredCase& stored,
                                    const KeyWrapper& keys) {
  ABSL_ASSIGN_OR_RETURN(std::string data_key,
                        keys.Unwrap(WrappedKey{.key_id = stored.key_id(),
                                               .bytes = stored.wrapped_key()}));
  absl::flat_hash_map<std::string, const internal::v1::SealedField*> sealed;
  for (const internal::v1::SealedField& field : stored.sealed()) {
    if (!sealed.emplace(field.path(), &field).second) {
      return absl::DataLossError(absl::StrCat(
          stored.case_().name(), " holds two sealed values for one field"));
    }
  }
  OpenedCase opened{.record = stored.case_(), .identifying_paths = {}};
  absl::Status failed;
  size_t used = 0;
  RewriteIdentifying(
      &opened.record,
      [&](absl::string_view path, const std::string& value) -> std::string {
        auto found = sealed.find(path);
        if (found == sealed.end() || !failed.ok()) {
          return value;
        }
        ++used;
        absl::StatusOr<std::string> clear =
            Open(data_key,
                 Sealed{.nonce = found->second->nonce(),
                        .ciphertext = found->second->ciphertext()},
                 ValueContext(stored.case_().name(), path));
        if (!clear.ok()) {
          failed = absl::DataLossError(absl::StrCat(stored.case_().name(),
                                                    ", field ", path, ": ",
                                                    clear.status().message()));
          return std::string();
        }
        opened.identifying_paths.emplace_back(path);
        return *std::move(clear);
      });
  ABSL_RETURN_IF_ERROR(failed);
  if (used != sealed.size()) {
    return absl::DataLossError(absl::StrCat(
        stored.case_().name(), " holds sealed values for fields it lacks"));
  }
  return opened;
}

absl::StatusOr<bool> RewrapCase(internal::v1::StoredCase* stored,
                                const KeyWrapper& keys) {
  if (stored->key_id() == keys.current_key_id()) {
    return false;
  }
  ABSL_ASSIGN_OR_RETURN(
      std::string data_key,
      keys.Unwrap(WrappedKey{.key_id = stored->key_id(),
                             .bytes = stored->wrapped_key()}));
  ABSL_ASSIGN_OR_RETURN(WrappedKey wrapped, keys.Wrap(data_key));
  stored->set_key_id(wrapped.key_id);
  stored->set_wrapped_key(std::move(wrapped.bytes));
  return true;
}

}  // namespace rapporteur::cases
