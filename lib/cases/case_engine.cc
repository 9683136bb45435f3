#include "lib/cases/case_engine.h"

#include <google/protobuf/util/field_mask_util.h>
#include <google/protobuf/util/time_util.h>

#include <algorithm>
#include <map>
#include <string>
#include <utility>

#include "absl/random/random.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "lib/base/error_details.h"
#include "lib/base/mutex.h"
#include "lib/base/request_id.h"
#include "lib/base/status_macros.h"
#include "lib/cases/access.h"
#include "lib/cases/pseudonyms.h"
#include "lib/cases/sealing.h"
#include "lib/cases/validation.h"
#include "lib/schema/resource_names.h"

namespace rapporteur::cases {
namespace {

using google::protobuf::util::FieldMaskUtil;
using google::protobuf::util::TimeUtil;
using internal::v1::StoredCase;

constexpr int kDefaultPageSize = 20;
constexpr int kMaxPageSize = 100;
constexpr int kDefaultAuditPageSize = 100;
constexpr int kMaxAuditPageSize = 1000;

uint64_t RandomWord() {
  static absl::BitGen* bits = new absl::BitGen();
  static Mutex* mu = new Mutex();
  MutexLock lock(mu);
  return absl::Uniform<uint64_t>(*bits);
}

// The answer for a case the caller may not see, the same as for a missing
// one, so that it does not learn the case exists.
absl::Status NotFound(absl::string_view name) {
  return ResourceNotFoundError(
      kCaseType, name, absl::StrCat(name, " not found"), "CASE_NOT_FOUND");
}

// `"{create time µs, hex}-{revision}"`: a case deleted and created again
// under its name does not take the etags of the one before.
std::string EtagOf(const v1::Case& record, int64_t revision) {
  return absl::StrCat(
      absl::Hex(TimeUtil::TimestampToMicroseconds(record.create_time())), "-",
      revision);
}

// The revision an etag names, or ABORTED when it is not the case's.
absl::StatusOr<int64_t> RevisionOfEtag(const v1::Case& current,
                                       int64_t current_revision,
                                       absl::string_view etag) {
  if (etag.empty()) {
    return current_revision;
  }
  if (etag != EtagOf(current, current_revision)) {
    return absl::AbortedError(
        absl::StrCat(current.name(), " changed since etag ", etag,
                     " was read: read it again and reapply the change"));
  }
  return current_revision;
}

internal::v1::StoredAuditEntry AuditEntry(const Principal& caller,
                                          v1::AuditAction action,
                                          absl::string_view name,
                                          std::vector<std::string> in_clear) {
  const absl::Time now = absl::Now();
  internal::v1::StoredAuditEntry stored;
  stored.set_key(
      absl::StrCat(absl::Hex(absl::ToUnixMicros(now), absl::kZeroPad16),
                   absl::Hex(RandomWord(), absl::kZeroPad16)));
  v1::AuditEntry* entry = stored.mutable_entry();
  *entry->mutable_time() =
      TimeUtil::NanosecondsToTimestamp(absl::ToUnixNanos(now));
  entry->set_principal(caller.name);
  entry->set_request_id(std::string(CurrentRequestId()));
  entry->set_action(action);
  entry->set_case_(std::string(name));
  for (std::string& path : in_clear) {
    entry->add_fields_in_clear(std::move(path));
  }
  return stored;
}

// The request id of a write's commit: the call's, with its principal, its
// action and case, so that a retried write is applied once and another
// write under a reused request id is not taken for it. Reads' audit entries
// have none: each read is recorded, however its request id repeats (or a
// caller could read unrecorded by reusing one).
std::string CommitId(const Principal& caller, v1::AuditAction action,
                     absl::string_view what) {
  return CurrentRequestId().empty()
             ? std::string()
             : absl::StrCat(CurrentRequestId(), "/", caller.name, "/",
                            v1::AuditAction_Name(action), "/", what);
}

absl::StatusOr<StoredCase> ReadStored(storage::Shard* shard,
                                      absl::string_view name) {
  internal::v1::ReadCasesRequest request;
  request.add_names(std::string(name));
  ABSL_ASSIGN_OR_RETURN(internal::v1::ReadCasesResponse response,
                        shard->ReadCases(request));
  if (response.cases_size() == 0) {
    return NotFound(name);
  }
  return std::move(*response.mutable_cases(0));
}

// The case as `visibility` lets the caller see it, and the identifying
// fields shown in clear.
absl::StatusOr<OpenedCase> Present(const StoredCase& stored,
                                   Visibility visibility, const Keyring& keys) {
  OpenedCase shown;
  if (visibility == Visibility::kIdentities) {
    ABSL_ASSIGN_OR_RETURN(shown, OpenCase(stored, keys));
  } else {
    // Stored without identities: nothing to decrypt.
    shown.record = stored.case_();
    Redact(&shown.record);
  }
  shown.record.set_etag(EtagOf(shown.record, stored.revision()));
  return shown;
}

// The fields of Case a caller writes; the others are output only.
constexpr absl::string_view kOutputOnly[] = {
    "name", "etag", "create_time", "update_time", "creator", "redacted"};

absl::Status CheckUpdateMask(const google::protobuf::FieldMask& mask) {
  if (!FieldMaskUtil::IsValidFieldMask<v1::Case>(mask)) {
    return absl::InvalidArgumentError(
        absl::StrCat("update_mask ", FieldMaskUtil::ToString(mask),
                     " names a field that Case does not have"));
  }
  for (const std::string& path : mask.paths()) {
    const std::string top = path.substr(0, path.find('.'));
    for (absl::string_view output_only : kOutputOnly) {
      if (top == output_only) {
        return absl::InvalidArgumentError(
            absl::StrCat("update_mask: ", path, " is output only"));
      }
    }
  }
  return absl::OkStatus();
}

absl::Status CheckPageSize(int32_t page_size, int32_t max) {
  if (page_size < 0 || page_size > max) {
    return absl::InvalidArgumentError(
        absl::StrCat("page_size ", page_size, " is outside 0..", max));
  }
  return absl::OkStatus();
}

constexpr absl::string_view kCasePageTokenPrefix = "after:";

absl::StatusOr<std::string> AfterOfToken(absl::string_view token) {
  if (token.empty()) {
    return std::string();
  }
  if (!absl::ConsumePrefix(&token, kCasePageTokenPrefix) || token.empty()) {
    return absl::InvalidArgumentError(
        "page_token is not one this service gave");
  }
  return std::string(token);
}

}  // namespace

storage::Shard* CaseEngine::ShardOf(absl::string_view case_id) const {
  return shards_[storage::ShardFor(case_id, shards_.size())];
}

absl::Status CaseEngine::CheckReady(const Principal& caller,
                                    Permission needed) const {
  if (keys_ == nullptr) {
    return absl::FailedPreconditionError(
        "case records are off: start the service with --case_keys (a key "
        "file; `rapporteur cases keys new` makes one) or "
        "RAPPORTEUR_CASE_KEYS");
  }
  if (shards_.empty()) {
    return absl::FailedPreconditionError("no storage shard");
  }
  if (!Grants(caller.role, needed)) {
    return absl::PermissionDeniedError(absl::StrCat(
        "principal ", caller.name, "'s role may not ",
        needed == Permission::kAdmin        ? "administer cases"
        : needed == Permission::kWriteCases ? "write case records"
                                            : "read case records"));
  }
  return absl::OkStatus();
}

absl::StatusOr<v1::Case> CaseEngine::CreateCase(
    const Principal& caller, const v1::CreateCaseRequest& request) const {
  ABSL_RETURN_IF_ERROR(CheckReady(caller, Permission::kWriteCases));
  std::string id = request.case_id();
  if (id.empty()) {
    id = absl::StrCat("c-", absl::Hex(RandomWord(), absl::kZeroPad16));
  } else if (!IsValidCaseId(id)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "case_id ", id, " must be 1-64 letters, digits, '-' and '_'"));
  }
  v1::Case record = request.case_();
  record.set_name(CaseName(id));
  record.clear_etag();
  record.clear_redacted();
  record.set_creator(caller.name);
  *record.mutable_create_time() =
      TimeUtil::NanosecondsToTimestamp(absl::ToUnixNanos(absl::Now()));
  *record.mutable_update_time() = record.create_time();
  if (!OnAccessList(record, caller.name)) {
    record.add_access_list(caller.name);
  }
  if (record.confidentiality() == v1::CONFIDENTIALITY_UNSPECIFIED) {
    record.set_confidentiality(v1::CONFIDENTIALITY_CONFIDENTIAL);
  }
  for (v1::Person& person : *record.mutable_persons()) {
    person.clear_pseudonym();
  }
  ABSL_RETURN_IF_ERROR(ValidateCase(record));
  AssignPseudonyms(&record, nullptr);
  ABSL_ASSIGN_OR_RETURN(StoredCase stored,
                        SealCase(record, *keys_, keys_->index_key()));
  internal::v1::CommitCaseRequest commit;
  commit.set_name(record.name());
  commit.set_expected_revision(0);
  commit.set_request_id(
      CommitId(caller, v1::AUDIT_ACTION_CREATE, record.name()));
  std::vector<std::string> in_clear;
  for (const internal::v1::SealedField& field : stored.sealed()) {
    in_clear.push_back(field.path());
  }
  *commit.add_audit() = AuditEntry(caller, v1::AUDIT_ACTION_CREATE,
                                   record.name(), std::move(in_clear));
  *commit.mutable_put() = std::move(stored);
  ABSL_ASSIGN_OR_RETURN(internal::v1::CommitCaseResponse committed,
                        ShardOf(id)->CommitCase(commit));
  record.set_etag(EtagOf(record, committed.revision()));
  return record;
}

absl::StatusOr<v1::Case> CaseEngine::GetCase(
    const Principal& caller, const v1::GetCaseRequest& request) const {
  ABSL_RETURN_IF_ERROR(CheckReady(caller, Permission::kRead));
  ABSL_ASSIGN_OR_RETURN(std::string id, ParseCaseName(request.name()));
  storage::Shard* shard = ShardOf(id);
  ABSL_ASSIGN_OR_RETURN(StoredCase stored, ReadStored(shard, request.name()));
  const Visibility visibility = VisibilityOf(stored.case_(), caller);
  if (visibility == Visibility::kNone) {
    return NotFound(request.name());
  }
  ABSL_ASSIGN_OR_RETURN(OpenedCase shown, Present(stored, visibility, *keys_));
  // Audited before it is answered: a read that leaves no trace fails.
  internal::v1::CommitCaseRequest audit;
  *audit.add_audit() = AuditEntry(caller, v1::AUDIT_ACTION_READ, request.name(),
                                  std::move(shown.identifying_paths));
  ABSL_RETURN_IF_ERROR(shard->CommitCase(audit).status());
  return std::move(shown.record);
}

absl::StatusOr<v1::Case> CaseEngine::UpdateCase(
    const Principal& caller, const v1::UpdateCaseRequest& request) const {
  ABSL_RETURN_IF_ERROR(CheckReady(caller, Permission::kWriteCases));
  const std::string& name = request.case_().name();
  ABSL_ASSIGN_OR_RETURN(std::string id, ParseCaseName(name));
  ABSL_RETURN_IF_ERROR(CheckUpdateMask(request.update_mask()));
  storage::Shard* shard = ShardOf(id);
  ABSL_ASSIGN_OR_RETURN(StoredCase stored, ReadStored(shard, name));
  const Visibility visibility = VisibilityOf(stored.case_(), caller);
  if (visibility == Visibility::kNone) {
    return NotFound(name);
  }
  if (!MayWrite(stored.case_(), caller)) {
    return absl::PermissionDeniedError(
        absl::StrCat("principal ", caller.name, " is not of the case team of ",
                     name, " and may not change it"));
  }
  ABSL_ASSIGN_OR_RETURN(int64_t revision,
                        RevisionOfEtag(stored.case_(), stored.revision(),
                                       request.case_().etag()));
  ABSL_ASSIGN_OR_RETURN(OpenedCase current, OpenCase(stored, *keys_));
  v1::Case updated = current.record;
  if (request.update_mask().paths_size() == 0) {
    v1::Case given = request.case_();
    for (absl::string_view output_only : kOutputOnly) {
      given.GetReflection()->ClearField(
          &given,
          given.GetDescriptor()->FindFieldByName(std::string(output_only)));
    }
    given.set_name(updated.name());
    given.set_creator(updated.creator());
    *given.mutable_create_time() = updated.create_time();
    updated = std::move(given);
  } else {
    FieldMaskUtil::MergeOptions options;
    options.set_replace_message_fields(true);
    options.set_replace_repeated_fields(true);
    FieldMaskUtil::MergeMessageTo(request.case_(), request.update_mask(),
                                  options, &updated);
  }
  *updated.mutable_update_time() =
      TimeUtil::NanosecondsToTimestamp(absl::ToUnixNanos(absl::Now()));
  if (updated.confidentiality() == v1::CONFIDENTIALITY_UNSPECIFIED) {
    updated.set_confidentiality(v1::CONFIDENTIALITY_CONFIDENTIAL);
  }
  for (v1::Person& person : *updated.mutable_persons()) {
    person.clear_pseudonym();
  }
  ABSL_RETURN_IF_ERROR(ValidateCase(updated));
  AssignPseudonyms(&updated, &current.record);
  ABSL_ASSIGN_OR_RETURN(StoredCase sealed,
                        SealCase(updated, *keys_, keys_->index_key()));
  internal::v1::CommitCaseRequest commit;
  commit.set_name(name);
  commit.set_expected_revision(revision);
  commit.set_request_id(CommitId(caller, v1::AUDIT_ACTION_UPDATE, name));
  std::vector<std::string> in_clear;
  for (const internal::v1::SealedField& field : sealed.sealed()) {
    in_clear.push_back(field.path());
  }
  *commit.add_audit() =
      AuditEntry(caller, v1::AUDIT_ACTION_UPDATE, name, std::move(in_clear));
  *commit.mutable_put() = std::move(sealed);
  ABSL_ASSIGN_OR_RETURN(internal::v1::CommitCaseResponse committed,
                        shard->CommitCase(commit));
  // Whoever removed themselves from the team sees what a non-member sees.
  if (VisibilityOf(updated, caller) != Visibility::kIdentities) {
    Redact(&updated);
  }
  updated.set_etag(EtagOf(updated, committed.revision()));
  return updated;
}

absl::Status CaseEngine::DeleteCase(
    const Principal& caller, const v1::DeleteCaseRequest& request) const {
  ABSL_RETURN_IF_ERROR(CheckReady(caller, Permission::kWriteCases));
  ABSL_ASSIGN_OR_RETURN(std::string id, ParseCaseName(request.name()));
  storage::Shard* shard = ShardOf(id);
  ABSL_ASSIGN_OR_RETURN(StoredCase stored, ReadStored(shard, request.name()));
  if (VisibilityOf(stored.case_(), caller) == Visibility::kNone) {
    return NotFound(request.name());
  }
  if (!MayWrite(stored.case_(), caller)) {
    return absl::PermissionDeniedError(
        absl::StrCat("principal ", caller.name, " is not of the case team of ",
                     request.name(), " and may not delete it"));
  }
  ABSL_ASSIGN_OR_RETURN(
      int64_t revision,
      RevisionOfEtag(stored.case_(), stored.revision(), request.etag()));
  internal::v1::CommitCaseRequest commit;
  commit.set_name(request.name());
  commit.set_delete_(true);
  commit.set_expected_revision(revision);
  commit.set_request_id(
      CommitId(caller, v1::AUDIT_ACTION_DELETE, request.name()));
  *commit.add_audit() =
      AuditEntry(caller, v1::AUDIT_ACTION_DELETE, request.name(), {});
  return shard->CommitCase(commit).status();
}

absl::StatusOr<v1::ListCasesResponse> CaseEngine::ListCases(
    const Principal& caller, const v1::ListCasesRequest& request) const {
  ABSL_RETURN_IF_ERROR(CheckReady(caller, Permission::kRead));
  ABSL_RETURN_IF_ERROR(CheckPageSize(request.page_size(), kMaxPageSize));
  const int page_size =
      request.page_size() == 0 ? kDefaultPageSize : request.page_size();
  ABSL_ASSIGN_OR_RETURN(std::string after, AfterOfToken(request.page_token()));
  if (!request.paragraph().empty()) {
    ABSL_RETURN_IF_ERROR(ParseParagraphName(request.paragraph()).status());
  }
  internal::v1::ReadCasesRequest read;
  read.set_after(after);
  // Enough that most pages need one read per shard even when the caller
  // sees few of the cases.
  read.set_limit(std::min(1000, page_size * 4));
  if (!request.person_name().empty()) {
    read.set_name_digest(NameDigest(keys_->index_key(), request.person_name()));
  }
  // Visible cases by name, from every shard; a shard that has more limits
  // the page to names up to its last one, since its next ones may sort
  // before another shard's.
  struct Found {
    const StoredCase* stored;
    Visibility visibility;
    size_t shard;  // where its audit entry goes
  };
  std::map<std::string, Found> visible;
  std::vector<internal::v1::ReadCasesResponse> pages(shards_.size());
  std::string boundary;
  bool more = false;
  for (size_t i = 0; i < shards_.size(); ++i) {
    ABSL_ASSIGN_OR_RETURN(pages[i], shards_[i]->ReadCases(read));
    if (pages[i].more()) {
      const std::string& last =
          pages[i].cases(pages[i].cases_size() - 1).case_().name();
      boundary = more ? std::min(boundary, last) : last;
      more = true;
    }
    for (const StoredCase& stored : pages[i].cases()) {
      const Visibility visibility = VisibilityOf(stored.case_(), caller);
      if (visibility == Visibility::kNone) {
        continue;
      }
      // A lookup by name links the name to the case: only for those who
      // see the case's identities anyway.
      if (!request.person_name().empty() &&
          visibility != Visibility::kIdentities) {
        continue;
      }
      if (!request.paragraph().empty() &&
          std::find(stored.case_().paragraphs().begin(),
                    stored.case_().paragraphs().end(),
                    request.paragraph()) == stored.case_().paragraphs().end()) {
        continue;
      }
      visible[stored.case_().name()] = {&stored, visibility, i};
    }
  }
  v1::ListCasesResponse response;
  std::map<size_t, internal::v1::CommitCaseRequest> audits;  // by shard
  std::string last_name;
  for (const auto& [name, found] : visible) {
    if ((more && name > boundary) || response.cases_size() == page_size) {
      break;
    }
    ABSL_ASSIGN_OR_RETURN(OpenedCase shown,
                          Present(*found.stored, found.visibility, *keys_));
    *audits[found.shard].add_audit() =
        AuditEntry(caller, v1::AUDIT_ACTION_READ, name,
                   std::move(shown.identifying_paths));
    *response.add_cases() = std::move(shown.record);
    last_name = name;
  }
  if (response.cases_size() == page_size) {
    // Full: more follow when a shard has more or a visible case was left.
    const bool left = visible.size() > static_cast<size_t>(page_size);
    if (more || left) {
      response.set_next_page_token(
          absl::StrCat(kCasePageTokenPrefix, last_name));
    }
  } else if (more) {
    // Every visible case up to the boundary is in the page.
    response.set_next_page_token(absl::StrCat(kCasePageTokenPrefix, boundary));
  }
  for (auto& [shard, audit] : audits) {
    ABSL_RETURN_IF_ERROR(shards_[shard]->CommitCase(audit).status());
  }
  return response;
}

absl::StatusOr<v1::ListAuditEntriesResponse> CaseEngine::ListAuditEntries(
    const Principal& caller, const v1::ListAuditEntriesRequest& request) const {
  ABSL_RETURN_IF_ERROR(CheckReady(caller, Permission::kAdmin));
  ABSL_RETURN_IF_ERROR(CheckPageSize(request.page_size(), kMaxAuditPageSize));
  const int page_size =
      request.page_size() == 0 ? kDefaultAuditPageSize : request.page_size();
  ABSL_ASSIGN_OR_RETURN(std::string after, AfterOfToken(request.page_token()));
  internal::v1::ReadAuditRequest read;
  read.set_after(after);
  read.set_limit(page_size);
  read.set_case_(request.case_());
  std::map<std::string, v1::AuditEntry> entries;  // by key: time order
  std::string boundary;
  bool more = false;
  for (storage::Shard* shard : shards_) {
    ABSL_ASSIGN_OR_RETURN(internal::v1::ReadAuditResponse page,
                          shard->ReadAudit(read));
    if (page.more()) {
      const std::string& last = page.entries(page.entries_size() - 1).key();
      boundary = more ? std::min(boundary, last) : last;
      more = true;
    }
    for (internal::v1::StoredAuditEntry& entry : *page.mutable_entries()) {
      entries[entry.key()] = std::move(*entry.mutable_entry());
    }
  }
  v1::ListAuditEntriesResponse response;
  std::string last_key;
  for (auto& [key, entry] : entries) {
    if ((more && key > boundary) || response.entries_size() == page_size) {
      break;
    }
    *response.add_entries() = std::move(entry);
    last_key = key;
  }
  if (more || entries.size() > static_cast<size_t>(response.entries_size())) {
    response.set_next_page_token(absl::StrCat(
        kCasePageTokenPrefix, last_key.empty() ? boundary : last_key));
  }
  return response;
}

absl::StatusOr<v1::RotateCaseKeysResponse> CaseEngine::RotateCaseKeys(
    const Principal& caller, const v1::RotateCaseKeysRequest&) const {
  ABSL_RETURN_IF_ERROR(CheckReady(caller, Permission::kAdmin));
  v1::RotateCaseKeysResponse response;
  response.set_key_id(keys_->current_key_id());
  for (storage::Shard* shard : shards_) {
    internal::v1::ReadCasesRequest read;
    read.set_limit(100);
    while (true) {
      ABSL_ASSIGN_OR_RETURN(internal::v1::ReadCasesResponse page,
                            shard->ReadCases(read));
      for (StoredCase& stored : *page.mutable_cases()) {
        const int64_t revision = stored.revision();
        ABSL_ASSIGN_OR_RETURN(bool rewrapped, RewrapCase(&stored, *keys_));
        if (!rewrapped) {
          response.set_current(response.current() + 1);
          continue;
        }
        const std::string name = stored.case_().name();
        internal::v1::CommitCaseRequest commit;
        commit.set_name(name);
        commit.set_expected_revision(revision);
        commit.set_request_id(CommitId(caller, v1::AUDIT_ACTION_ROTATE_KEY,
                                       absl::StrCat(name, "/", revision)));
        *commit.add_audit() =
            AuditEntry(caller, v1::AUDIT_ACTION_ROTATE_KEY, name, {});
        *commit.mutable_put() = std::move(stored);
        absl::Status committed = shard->CommitCase(commit).status();
        if (absl::IsAborted(committed) || absl::IsNotFound(committed)) {
          // Written or deleted meanwhile: a write seals under the current
          // key already.
          continue;
        }
        ABSL_RETURN_IF_ERROR(committed);
        response.set_rewrapped(response.rewrapped() + 1);
      }
      if (!page.more() || page.cases_size() == 0) {
        break;
      }
      read.set_after(page.cases(page.cases_size() - 1).case_().name());
    }
  }
  return response;
}

}  // namespace rapporteur::cases
