#include "lib/storage/case_rows.h"

#include <rocksdb/write_batch.h>

#include <memory>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "lib/base/status_macros.h"
#include "lib/schema/resource_names.h"
#include "lib/storage/keys.h"
#include "lib/storage/rocks_status.h"
#include "lib/storage/write_request.h"

namespace rapporteur::storage {
namespace {

constexpr int kMaxReadLimit = 1000;

template <typename Message>
absl::StatusOr<Message> ParseRow(const rocksdb::Slice& value,
                                 absl::string_view what) {
  Message message;
  if (!message.ParseFromArray(value.data(), static_cast<int>(value.size()))) {
    return absl::DataLossError(absl::StrCat("malformed ", what, " row"));
  }
  return message;
}

// The case `id` as stored; NOT_FOUND when there is none.
absl::StatusOr<internal::v1::StoredCase> ReadCase(
    const RocksDb& db, const rocksdb::ReadOptions& read, absl::string_view id)
    ABSL_SHARED_LOCKS_REQUIRED(db.mu()) {
  std::string value;
  rocksdb::Status s =
      db.db()->Get(read, db.cf(Cf::kCases), AsSlice(id), &value);
  if (s.IsNotFound()) {
    return absl::NotFoundError(absl::StrCat(CaseName(id), " does not exist"));
  }
  ABSL_RETURN_IF_ERROR(FromRocks(s));
  return ParseRow<internal::v1::StoredCase>(value, "case");
}

absl::Status CheckLimit(int32_t limit) {
  if (limit < 1 || limit > kMaxReadLimit) {
    return absl::InvalidArgumentError(
        absl::StrCat("limit ", limit, " is outside 1..", kMaxReadLimit));
  }
  return absl::OkStatus();
}

// Whether the expected revision allows a write over `current` (0: none).
absl::Status CheckRevision(absl::string_view name, int64_t expected,
                           int64_t current, bool deleting) {
  if (expected == 0 && current != 0) {
    return absl::AlreadyExistsError(absl::StrCat(name, " exists already"));
  }
  if (expected != 0 && current == 0) {
    return absl::NotFoundError(absl::StrCat(name, " does not exist"));
  }
  if (expected > 0 && expected != current) {
    return absl::AbortedError(
        absl::StrCat(name, " changed since it was read (revision ", current,
                     ", not ", expected, "): read it again"));
  }
  if (deleting && current == 0) {
    return absl::NotFoundError(absl::StrCat(name, " does not exist"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<internal::v1::CommitCaseResponse> CaseRows::Commit(
    const internal::v1::CommitCaseRequest& request, uint64_t log_sequence) {
  // One commit at a time, so that the revision checked when the batch is
  // made is still the case's when it is written.
  MutexLock lock(&mu_);
  rocksdb::WriteBatch batch;
  internal::v1::CommitCaseResponse response;
  {
    ReaderLock open(db_->mu());
    ABSL_RETURN_IF_ERROR(db_->CheckOpen());
    ABSL_ASSIGN_OR_RETURN(response, MakeBatch(request, &batch));
  }
  // The writer takes the database's lock again, and checks it is still
  // open before the batch's handles are used. A repeated request writes an
  // empty batch: only the log sequence, on a replica.
  ABSL_RETURN_IF_ERROR(writer_->WriteSequenced(&batch, log_sequence));
  return response;
}

absl::StatusOr<internal::v1::CommitCaseResponse> CaseRows::MakeBatch(
    const internal::v1::CommitCaseRequest& request,
    rocksdb::WriteBatch* batch) {
  const bool changes_case =
      request.change_case() != internal::v1::CommitCaseRequest::CHANGE_NOT_SET;
  std::string id;
  if (changes_case || !request.name().empty()) {
    absl::StatusOr<std::string> parsed = ParseCaseName(request.name());
    if (!parsed.ok()) {
      return Refusal(parsed.status());
    }
    id = *std::move(parsed);
  }
  internal::v1::CommitCaseResponse response;
  if (!request.request_id().empty()) {
    std::string applied;
    rocksdb::Status s =
        db_->db()->Get(rocksdb::ReadOptions(), db_->cf(Cf::kMeta),
                       RequestKey(request.request_id()), &applied);
    if (s.ok()) {
      // Applied before: answered as it was then, nothing written again.
      ABSL_ASSIGN_OR_RETURN(
          internal::v1::WriteDocumentResponse first,
          DecodeApplied(applied, request.name(), request.request_id()));
      response.set_revision(first.revision());
      return response;
    }
    if (!s.IsNotFound()) {
      return FromRocks(s);
    }
  }
  if (changes_case) {
    int64_t current = 0;
    absl::StatusOr<internal::v1::StoredCase> stored =
        ReadCase(*db_, rocksdb::ReadOptions(), id);
    if (stored.ok()) {
      current = stored->revision();
    } else if (!absl::IsNotFound(stored.status())) {
      return stored.status();
    }
    const bool deleting = request.has_delete_();
    if (request.expected_revision() >= 0) {
      ABSL_RETURN_IF_ERROR(Refusal(CheckRevision(
          request.name(), request.expected_revision(), current, deleting)));
    } else if (deleting && current == 0) {
      return Refusal(
          absl::NotFoundError(absl::StrCat(request.name(), " does not exist")));
    }
    if (deleting) {
      ABSL_RETURN_IF_ERROR(
          FromRocks(batch->Delete(db_->cf(Cf::kCases), AsSlice(id))));
    } else {
      internal::v1::StoredCase row = request.put();
      if (row.case_().name() != request.name()) {
        return Refusal(absl::InvalidArgumentError(
            absl::StrCat("the case written is named ", row.case_().name(),
                         ", not ", request.name())));
      }
      row.set_revision(current + 1);
      response.set_revision(row.revision());
      ABSL_RETURN_IF_ERROR(FromRocks(batch->Put(
          db_->cf(Cf::kCases), AsSlice(id), row.SerializeAsString())));
    }
  }
  for (const internal::v1::StoredAuditEntry& entry : request.audit()) {
    if (entry.key().empty()) {
      return Refusal(absl::InvalidArgumentError("an audit entry has no key"));
    }
    ABSL_RETURN_IF_ERROR(
        FromRocks(batch->Put(db_->cf(Cf::kCaseAudit), AsSlice(entry.key()),
                             entry.SerializeAsString())));
  }
  if (!request.request_id().empty()) {
    internal::v1::WriteDocumentResponse written;
    written.set_revision(response.revision());
    ABSL_RETURN_IF_ERROR(FromRocks(
        batch->Put(db_->cf(Cf::kMeta), RequestKey(request.request_id()),
                   EncodeApplied(request.name(), written))));
  }
  return response;
}

absl::StatusOr<internal::v1::ReadCasesResponse> CaseRows::Read(
    const internal::v1::ReadCasesRequest& request) {
  ReaderLock open(db_->mu());
  ABSL_RETURN_IF_ERROR(db_->CheckOpen());
  ScopedSnapshot snapshot(db_->db());
  rocksdb::ReadOptions read;
  read.snapshot = snapshot.get();
  internal::v1::ReadCasesResponse response;
  if (request.names_size() > 0) {
    for (const std::string& name : request.names()) {
      ABSL_ASSIGN_OR_RETURN(std::string id, ParseCaseName(name));
      absl::StatusOr<internal::v1::StoredCase> stored =
          ReadCase(*db_, read, id);
      if (stored.ok()) {
        *response.add_cases() = *std::move(stored);
      } else if (!absl::IsNotFound(stored.status())) {
        return stored.status();
      }
    }
    return response;
  }
  ABSL_RETURN_IF_ERROR(CheckLimit(request.limit()));
  std::string start;
  if (!request.after().empty()) {
    ABSL_ASSIGN_OR_RETURN(start, ParseCaseName(request.after()));
    start.push_back('\0');  // the first id after it
  }
  std::unique_ptr<rocksdb::Iterator> it(
      db_->db()->NewIterator(read, db_->cf(Cf::kCases)));
  for (it->Seek(start); it->Valid(); it->Next()) {
    ABSL_ASSIGN_OR_RETURN(
        internal::v1::StoredCase stored,
        ParseRow<internal::v1::StoredCase>(it->value(), "case"));
    if (!request.name_digest().empty()) {
      bool named = false;
      for (const std::string& digest : stored.name_digests()) {
        named = named || digest == request.name_digest();
      }
      if (!named) {
        continue;
      }
    }
    if (response.cases_size() == request.limit()) {
      response.set_more(true);
      break;
    }
    *response.add_cases() = std::move(stored);
  }
  ABSL_RETURN_IF_ERROR(FromRocks(it->status()));
  return response;
}

absl::StatusOr<internal::v1::ReadAuditResponse> CaseRows::ReadAudit(
    const internal::v1::ReadAuditRequest& request) {
  ReaderLock open(db_->mu());
  ABSL_RETURN_IF_ERROR(db_->CheckOpen());
  ABSL_RETURN_IF_ERROR(CheckLimit(request.limit()));
  rocksdb::ReadOptions read;
  std::unique_ptr<rocksdb::Iterator> it(
      db_->db()->NewIterator(read, db_->cf(Cf::kCaseAudit)));
  internal::v1::ReadAuditResponse response;
  if (request.after().empty()) {
    it->SeekToFirst();
  } else {
    it->Seek(request.after());
    if (it->Valid() && it->key() == rocksdb::Slice(request.after())) {
      it->Next();
    }
  }
  for (; it->Valid(); it->Next()) {
    ABSL_ASSIGN_OR_RETURN(
        internal::v1::StoredAuditEntry entry,
        ParseRow<internal::v1::StoredAuditEntry>(it->value(), "audit"));
    if (!request.case_().empty() && entry.entry().case_() != request.case_()) {
      continue;
    }
    if (response.entries_size() == request.limit()) {
      response.set_more(true);
      break;
    }
    *response.add_entries() = std::move(entry);
  }
  ABSL_RETURN_IF_ERROR(FromRocks(it->status()));
  return response;
}

}  // namespace rapporteur::storage
