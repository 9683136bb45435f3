#include "lib/storage/document_writer.h"

#include <google/protobuf/util/time_util.h>

#include <algorithm>
#include <string>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "lib/base/call_scope.h"
#include "lib/base/log.h"
#include "lib/base/status_macros.h"
#include "lib/schema/resource_names.h"
#include "lib/storage/keys.h"
#include "lib/storage/records.h"
#include "lib/storage/rocks_status.h"
#include "lib/storage/write_request.h"

namespace rapporteur::storage {
namespace {

std::string ParagraphIdOf(const v1::Paragraph& paragraph) {
  return paragraph.number() > 0 ? absl::StrCat(paragraph.number())
                                : absl::StrCat("u", paragraph.ordinal());
}

}  // namespace

absl::Status DocumentWriter::RemoveCurrent(const v1::Document& current,
                                           rocksdb::WriteBatch* batch,
                                           FrequencyDeltas* deltas) {
  ABSL_ASSIGN_OR_RETURN(std::string doc_id, ParseDocumentName(current.name()));
  // The revision moves to the history whole, so it is never lost.
  ABSL_RETURN_IF_ERROR(FromRocks(
      batch->Put(db_->cf(Cf::kHistory),
                 HistoryKey(doc_id, static_cast<uint64_t>(current.revision())),
                 current.SerializeAsString())));
  const std::string prefix = DocPrefix(doc_id);
  ABSL_RETURN_IF_ERROR(FromRocks(
      batch->DeleteRange(db_->cf(Cf::kParagraphs), prefix, PrefixEnd(prefix))));
  ABSL_RETURN_IF_ERROR(
      FromRocks(batch->Delete(db_->cf(Cf::kDocuments), AsSlice(doc_id))));
  const std::string numbers = ParagraphNumberPrefix(doc_id);
  ABSL_RETURN_IF_ERROR(FromRocks(
      batch->DeleteRange(db_->cf(Cf::kMeta), numbers, PrefixEnd(numbers))));
  ABSL_RETURN_IF_ERROR(index_->RemoveDocument(*db_, doc_id, batch, deltas));
  for (internal::v1::RecordKind kind : kRecordKinds) {
    const auto [begin, end] = DocumentRecordRange(kind, doc_id);
    ABSL_RETURN_IF_ERROR(
        FromRocks(batch->DeleteRange(db_->cf(Cf::kRecords), begin, end)));
  }
  return absl::OkStatus();
}

absl::Status DocumentWriter::CheckAndAddSequence(uint64_t log_sequence,
                                                 rocksdb::WriteBatch* batch) {
  if (log_sequence == 0) {
    return absl::OkStatus();
  }
  if (log_sequence <= applied_sequence()) {
    return absl::AlreadyExistsError(absl::StrCat("log entry ", log_sequence,
                                                 " is applied already (up to ",
                                                 applied_sequence(), ")"));
  }
  std::string value;
  PutBigEndian64(&value, log_sequence);
  return FromRocks(batch->Put(db_->cf(Cf::kMeta), kAppliedSequenceKey, value));
}

absl::Status DocumentWriter::Commit(rocksdb::WriteBatch* batch) {
  // The point of no return: a caller that gave up (its deadline, or it
  // cancelled) must not find the write made after all. The applier of a
  // partition's log has no caller, and is never stopped here.
  ABSL_RETURN_IF_ERROR(CheckCallerWaits("the write's commit"));
  return FromRocks(db_->db()->Write(db_->write_options(), batch));
}

void DocumentWriter::Advance(uint64_t log_sequence) {
  if (log_sequence > 0) {
    applied_sequence_.store(log_sequence, std::memory_order_release);
  }
}

absl::Status DocumentWriter::LoadAppliedSequence() {
  ReaderLock open(db_->mu());
  ABSL_RETURN_IF_ERROR(db_->CheckOpen());
  MutexLock lock(index_->write_mu());
  std::string value;
  rocksdb::Status s = db_->db()->Get(rocksdb::ReadOptions(), db_->cf(Cf::kMeta),
                                     kAppliedSequenceKey, &value);
  if (s.IsNotFound()) {
    applied_sequence_.store(0, std::memory_order_release);
    return absl::OkStatus();
  }
  ABSL_RETURN_IF_ERROR(FromRocks(s));
  if (value.size() != 8) {
    return absl::DataLossError("malformed applied log sequence");
  }
  applied_sequence_.store(GetBigEndian64(value), std::memory_order_release);
  return absl::OkStatus();
}

absl::Status DocumentWriter::RecordRefused(uint64_t log_sequence,
                                           absl::string_view request_id,
                                           const absl::Status& refusal) {
  ReaderLock open(db_->mu());
  ABSL_RETURN_IF_ERROR(db_->CheckOpen());
  MutexLock lock(index_->write_mu());
  rocksdb::WriteBatch batch;
  ABSL_RETURN_IF_ERROR(CheckAndAddSequence(log_sequence, &batch));
  if (!request_id.empty()) {
    std::string value;
    PutBigEndian32(&value, static_cast<uint32_t>(refusal.code()));
    absl::StrAppend(&value, refusal.message());
    ABSL_RETURN_IF_ERROR(FromRocks(
        batch.Put(db_->cf(Cf::kMeta), RefusedRequestKey(request_id), value)));
  }
  ABSL_RETURN_IF_ERROR(Commit(&batch));
  Advance(log_sequence);
  return absl::OkStatus();
}

absl::Status DocumentWriter::WriteSequenced(rocksdb::WriteBatch* batch,
                                            uint64_t log_sequence) {
  ReaderLock open(db_->mu());
  ABSL_RETURN_IF_ERROR(db_->CheckOpen());
  MutexLock lock(index_->write_mu());
  ABSL_RETURN_IF_ERROR(CheckAndAddSequence(log_sequence, batch));
  ABSL_RETURN_IF_ERROR(Commit(batch));
  Advance(log_sequence);
  return absl::OkStatus();
}

absl::StatusOr<internal::v1::WriteDocumentResponse> DocumentWriter::Write(
    const internal::v1::WriteDocumentRequest& request, uint64_t log_sequence) {
  ReaderLock open(db_->mu());
  ABSL_RETURN_IF_ERROR(db_->CheckOpen());
  std::string doc_id;
  ABSL_RETURN_IF_ERROR(Refusal(ValidateWrite(request, &doc_id)));
  MutexLock lock(index_->write_mu());
  rocksdb::DB* const db = db_->db();
  rocksdb::WriteBatch batch;
  rocksdb::ReadOptions read;
  ABSL_RETURN_IF_ERROR(CheckAndAddSequence(log_sequence, &batch));
  // A repeated request (a client's retry) is answered, not applied again;
  // as a log entry, it still moves the applied sequence.
  if (!request.request_id().empty()) {
    std::string applied;
    rocksdb::Status s = db->Get(read, db_->cf(Cf::kMeta),
                                RequestKey(request.request_id()), &applied);
    if (s.ok()) {
      ABSL_ASSIGN_OR_RETURN(
          internal::v1::WriteDocumentResponse first,
          DecodeApplied(applied, doc_id, request.request_id()));
      ABSL_RETURN_IF_ERROR(Commit(&batch));
      Advance(log_sequence);
      return first;
    }
    if (!s.IsNotFound()) {
      return FromRocks(s);
    }
  }

  // The replaced revision, whole, for the history and to take back its
  // document frequencies.
  FrequencyDeltas frequency_deltas;
  int64_t replaced_revision = 0;
  absl::StatusOr<v1::Document> current =
      ReadDocument(*db_, nullptr, doc_id, false);
  if (current.ok()) {
    replaced_revision = current->revision();
    ABSL_RETURN_IF_ERROR(RemoveCurrent(*current, &batch, &frequency_deltas));
  } else if (!absl::IsNotFound(current.status())) {
    return current.status();
  }

  std::string last_revision;
  uint64_t revision = static_cast<uint64_t>(replaced_revision);
  rocksdb::Status s =
      db->Get(read, db_->cf(Cf::kMeta), RevisionKey(doc_id), &last_revision);
  if (s.ok() && last_revision.size() == 8) {
    revision = std::max(revision, GetBigEndian64(last_revision));
  } else if (!s.IsNotFound()) {
    ABSL_RETURN_IF_ERROR(FromRocks(s));
  }
  ++revision;

  v1::Document summary = request.document();
  summary.clear_paragraphs();
  summary.set_revision(static_cast<int64_t>(revision));
  summary.set_paragraph_count(request.document().paragraphs_size());
  // The log's time when there is one, so that every replica agrees.
  *summary.mutable_create_time() =
      request.has_commit_time()
          ? request.commit_time()
          : google::protobuf::util::TimeUtil::GetCurrentTime();

  // Paragraph rows, and the ordinal of each paragraph number.
  absl::flat_hash_set<int32_t> numbers;
  for (int i = 0; i < request.document().paragraphs_size(); ++i) {
    v1::Paragraph paragraph = request.document().paragraphs(i);
    paragraph.set_ordinal(i);
    paragraph.set_name(ParagraphName(doc_id, ParagraphIdOf(paragraph)));
    ABSL_RETURN_IF_ERROR(
        FromRocks(batch.Put(db_->cf(Cf::kParagraphs), ParagraphKey(doc_id, i),
                            paragraph.SerializeAsString())));
    if (paragraph.number() > 0 && numbers.insert(paragraph.number()).second) {
      // The first paragraph of a number answers for it, as in citations.
      std::string ordinal;
      PutBigEndian32(&ordinal, static_cast<uint32_t>(i));
      ABSL_RETURN_IF_ERROR(FromRocks(batch.Put(
          db_->cf(Cf::kMeta),
          ParagraphNumberKey(doc_id, static_cast<uint32_t>(paragraph.number())),
          ordinal)));
    }
  }
  ABSL_ASSIGN_OR_RETURN(
      IndexedParagraphs added,
      index_->AddDocument(*db_, doc_id, request, &batch, &frequency_deltas));
  summary.set_token_count(static_cast<int64_t>(added.tokens));
  ABSL_RETURN_IF_ERROR(FromRocks(batch.Put(
      db_->cf(Cf::kDocuments), AsSlice(doc_id), summary.SerializeAsString())));
  for (const auto& [key, value] : RecordRows(doc_id, summary)) {
    ABSL_RETURN_IF_ERROR(
        FromRocks(batch.Put(db_->cf(Cf::kRecords), key, value)));
  }
  std::string revision_value;
  PutBigEndian64(&revision_value, revision);
  ABSL_RETURN_IF_ERROR(FromRocks(
      batch.Put(db_->cf(Cf::kMeta), RevisionKey(doc_id), revision_value)));

  internal::v1::WriteDocumentResponse response;
  response.set_revision(static_cast<int64_t>(revision));
  response.set_replaced_revision(replaced_revision);
  if (!request.request_id().empty()) {
    ABSL_RETURN_IF_ERROR(FromRocks(batch.Put(db_->cf(Cf::kMeta),
                                             RequestKey(request.request_id()),
                                             EncodeApplied(doc_id, response))));
  }

  // One batch, synced: readers and a crash see all of it or none of it.
  ABSL_RETURN_IF_ERROR(Commit(&batch));
  // Then searches see it: the index moves only after the write is durable;
  // and then the sequence, so that a read waiting for it finds the write.
  index_->Publish(doc_id, &added, &request, frequency_deltas);
  Advance(log_sequence);
  // The document is durable already: a failed flush leaves the postings
  // pending, to be flushed by a later write or at open.
  index_->FlushIfFull(*db_);
  LogInfo("document written", {{"document", request.document().name()},
                               {"revision", absl::StrCat(revision)}});
  return response;
}

absl::Status DocumentWriter::Delete(absl::string_view doc_id,
                                    uint64_t log_sequence) {
  ReaderLock open(db_->mu());
  ABSL_RETURN_IF_ERROR(db_->CheckOpen());
  MutexLock lock(index_->write_mu());
  rocksdb::WriteBatch batch;
  ABSL_RETURN_IF_ERROR(CheckAndAddSequence(log_sequence, &batch));
  absl::StatusOr<v1::Document> current =
      ReadDocument(*db_, nullptr, doc_id, false);
  if (absl::IsNotFound(current.status())) {
    return Refusal(current.status());  // a delete of nothing
  }
  ABSL_RETURN_IF_ERROR(current.status());
  FrequencyDeltas frequency_deltas;
  ABSL_RETURN_IF_ERROR(RemoveCurrent(*current, &batch, &frequency_deltas));
  ABSL_RETURN_IF_ERROR(Commit(&batch));
  index_->Publish(doc_id, nullptr, nullptr, frequency_deltas);
  Advance(log_sequence);
  return absl::OkStatus();
}

}  // namespace rapporteur::storage
