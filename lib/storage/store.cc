#include "lib/storage/store.h"

#include <rocksdb/utilities/checkpoint.h>

#include <algorithm>
#include <string>
#include <tuple>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "lib/base/log.h"
#include "lib/base/mutex.h"
#include "lib/base/shared_mutex.h"
#include "lib/base/status_macros.h"
#include "lib/schema/resource_names.h"
#include "lib/storage/backup.h"
#include "lib/storage/document_reader.h"
#include "lib/storage/index/searcher.h"
#include "lib/storage/keys.h"
#include "lib/storage/records.h"
#include "lib/storage/rocks_status.h"
#include "lib/storage/store_format.h"
#include "lib/storage/write_request.h"

namespace rapporteur::storage {
namespace {

constexpr int32_t kMaxSearchLimit = 10000;

}  // namespace

absl::StatusOr<std::unique_ptr<Store>> Store::Open(const StoreConfig& config) {
  ABSL_ASSIGN_OR_RETURN(std::unique_ptr<RocksDb> db, RocksDb::Open(config));
  std::unique_ptr<Store> store(new Store(config, std::move(db)));
  {
    ReaderLock open(store->db_->mu());
    ABSL_RETURN_IF_ERROR(
        CheckStoreFormat(store->db_->db(), store->db_->cf(Cf::kMeta)));
    ABSL_RETURN_IF_ERROR(store->index_.Load(*store->db_));
  }
  ABSL_RETURN_IF_ERROR(store->writer_.LoadAppliedSequence());
  store->index_.StartCompactor(store->db_.get());
  return store;
}

Store::Store(StoreConfig config, std::unique_ptr<RocksDb> db)
    : config_(std::move(config)),
      db_(std::move(db)),
      index_(config_),
      writer_(db_.get(), &index_) {}

Store::~Store() { Close().IgnoreError(); }

absl::Status Store::Close() {
  // First, without a lock: the merge takes the database's lock per term.
  index_.StopCompactor();
  // Waits for every call in progress; none starts until it is released,
  // and then each finds the database closed.
  WriterLock close(db_->mu());
  if (!db_->CheckOpen().ok()) {
    return absl::OkStatus();
  }
  {
    MutexLock lock(index_.write_mu());
    // Blocks now save rebuilding the pending postings at the next open.
    absl::Status flushed = index_.FlushPending(*db_);
    if (!flushed.ok()) {
      LogError("flushing pending postings failed",
               {{"error", std::string(flushed.message())}});
    }
  }
  return db_->Close();
}

absl::StatusOr<internal::v1::WriteDocumentResponse> Store::WriteDocument(
    const internal::v1::WriteDocumentRequest& request) {
  return writer_.Write(request);
}

absl::Status Store::DeleteDocument(absl::string_view doc_id) {
  return writer_.Delete(doc_id);
}

absl::Status Store::ApplyLogEntry(const internal::v1::LogEntry& entry,
                                  uint64_t sequence) {
  if (sequence == 0) {
    return absl::InvalidArgumentError("log sequences start at 1");
  }
  if (sequence <= AppliedSequence()) {
    return absl::OkStatus();
  }
  absl::Status applied;
  std::string request_id;
  switch (entry.change_case()) {
    case internal::v1::LogEntry::kWrite:
      request_id = entry.write().request_id();
      applied = writer_.Write(entry.write(), sequence).status();
      break;
    case internal::v1::LogEntry::kDelete: {
      absl::StatusOr<std::string> id =
          ParseDocumentName(entry.delete_().name());
      applied = id.ok() ? writer_.Delete(*id, sequence) : Refusal(id.status());
      break;
    }
    case internal::v1::LogEntry::kCommitCase:
      request_id = entry.commit_case().request_id();
      applied = cases_.Commit(entry.commit_case(), sequence).status();
      break;
    default:
      if (!entry.GetReflection()->GetUnknownFields(entry).empty()) {
        // A change of a later version: this replica must not pass it.
        return absl::FailedPreconditionError(absl::StrCat(
            "log entry ", sequence,
            " holds a change this replica does not know: upgrade it"));
      }
      // A message that is not a LogEntry.
      applied = Refusal(absl::InvalidArgumentError(
          absl::StrCat("log entry ", sequence, " holds no change")));
  }
  if (applied.ok() || absl::IsAlreadyExists(applied)) {
    return absl::OkStatus();
  }
  if (!IsRefusal(applied)) {
    return applied;
  }
  LogInfo("log entry refused", {{"sequence", absl::StrCat(sequence)},
                                {"error", std::string(applied.message())}});
  return writer_.RecordRefused(sequence, request_id, applied);
}

absl::Status Store::BindLog(absl::string_view log_id) {
  ReaderLock open(db_->mu());
  ABSL_RETURN_IF_ERROR(db_->CheckOpen());
  std::string bound;
  rocksdb::Status s = db_->db()->Get(rocksdb::ReadOptions(), db_->cf(Cf::kMeta),
                                     kLogIdKey, &bound);
  if (s.ok()) {
    if (bound != log_id) {
      return absl::FailedPreconditionError(absl::StrCat(
          "this store applied log ", bound, ", not ", log_id,
          " (its stream was made again): remove its directory to rebuild it"));
    }
    return absl::OkStatus();
  }
  if (!s.IsNotFound()) {
    return FromRocks(s);
  }
  return FromRocks(db_->db()->Put(db_->write_options(), db_->cf(Cf::kMeta),
                                  kLogIdKey, AsSlice(log_id)));
}

absl::Status Store::CreateCheckpoint(const std::string& dir) {
  ReaderLock open(db_->mu());
  ABSL_RETURN_IF_ERROR(db_->CheckOpen());
  rocksdb::Checkpoint* raw = nullptr;
  ABSL_RETURN_IF_ERROR(FromRocks(rocksdb::Checkpoint::Create(db_->db(), &raw)));
  std::unique_ptr<rocksdb::Checkpoint> checkpoint(raw);
  // 0: flush the memtables first, so that the copy needs no WAL replay.
  return FromRocks(checkpoint->CreateCheckpoint(dir, /*log_size_for_flush=*/0));
}

absl::StatusOr<internal::v1::WriteDocumentResponse> Store::AppliedOutcome(
    absl::string_view request_id, absl::string_view doc_id) {
  ReaderLock open(db_->mu());
  ABSL_RETURN_IF_ERROR(db_->CheckOpen());
  std::string value;
  rocksdb::Status s = db_->db()->Get(rocksdb::ReadOptions(), db_->cf(Cf::kMeta),
                                     RequestKey(request_id), &value);
  if (s.ok()) {
    return DecodeApplied(value, doc_id, request_id);
  }
  if (!s.IsNotFound()) {
    return FromRocks(s);
  }
  s = db_->db()->Get(rocksdb::ReadOptions(), db_->cf(Cf::kMeta),
                     RefusedRequestKey(request_id), &value);
  if (s.IsNotFound()) {
    return absl::NotFoundError(
        absl::StrCat("no applied write has request id '", request_id, "'"));
  }
  ABSL_RETURN_IF_ERROR(FromRocks(s));
  if (value.size() < 4) {
    return absl::DataLossError(
        absl::StrCat("malformed refusal of request ", request_id));
  }
  return Refusal(absl::Status(
      static_cast<absl::StatusCode>(GetBigEndian32(value)), value.substr(4)));
}

absl::StatusOr<v1::Document> Store::GetDocument(absl::string_view doc_id,
                                                bool summary_only) {
  ReaderLock open(db_->mu());
  ABSL_RETURN_IF_ERROR(db_->CheckOpen());
  return storage::GetDocument(*db_, doc_id, summary_only);
}

absl::StatusOr<v1::Paragraph> Store::GetParagraph(
    absl::string_view doc_id, absl::string_view paragraph_id) {
  ReaderLock open(db_->mu());
  ABSL_RETURN_IF_ERROR(db_->CheckOpen());
  return storage::GetParagraph(*db_, doc_id, paragraph_id);
}

absl::StatusOr<v1::Document> Store::GetRevision(absl::string_view doc_id,
                                                int64_t revision) {
  ReaderLock open(db_->mu());
  ABSL_RETURN_IF_ERROR(db_->CheckOpen());
  return storage::GetRevision(*db_, doc_id, revision);
}

absl::StatusOr<internal::v1::SearchShardResponse> Store::Search(
    const internal::v1::SearchShardRequest& request) {
  ReaderLock open(db_->mu());
  ABSL_RETURN_IF_ERROR(db_->CheckOpen());
  if (request.limit() < 0 || request.limit() > kMaxSearchLimit) {
    return absl::InvalidArgumentError(absl::StrCat(
        "search limit ", request.limit(), " is outside 0..", kMaxSearchLimit));
  }
  ReaderLock table_lock(index_.table_mu());
  ScopedSnapshot snapshot(db_->db());
  index::SearchContext context = index_.Context(*db_, snapshot.get());
  internal::v1::SearchShardRequest normalized = request;
  if (!normalized.has_query()) {
    for (const std::string& term : request.terms()) {
      normalized.mutable_query()->mutable_boolean()->add_must()->set_term(term);
    }
  }
  if (normalized.stats().paragraphs() == 0) {
    // No global statistics: this shard's own, returned with the hits so
    // that later pages are scored with the same.
    internal::v1::GetCollectionStatsRequest stats_request;
    *stats_request.mutable_query() = normalized.query();
    stats_request.set_max_prefix_terms(normalized.max_prefix_terms());
    ABSL_ASSIGN_OR_RETURN(*normalized.mutable_stats(),
                          index::CountCollectionStats(&context, stats_request));
  }
  internal::v1::SearchShardResponse response;
  *response.mutable_stats() = normalized.stats();
  ABSL_ASSIGN_OR_RETURN(index::ShardSearchResult result,
                        index::SearchIndex(&context, normalized));

  const index::ParagraphTable& table = index_.table();
  response.set_total_matches(result.total_matches);
  response.set_total_is_lower_bound(result.total_is_lower_bound);
  response.set_sequence(table.next_id() - 1);
  for (v1::FacetCount& facet : result.facets) {
    *response.add_facets() = std::move(facet);
  }
  absl::flat_hash_map<uint32_t, v1::Document> documents;
  for (const auto& [score, id] : result.hits) {
    const index::ParagraphTable::Row& row = table.row(id);
    const std::string& doc_id = table.doc_id(id);
    auto doc = documents.find(row.doc);
    if (doc == documents.end()) {
      ABSL_ASSIGN_OR_RETURN(v1::Document summary,
                            ReadDocument(*db_, snapshot.get(), doc_id, true));
      doc = documents.emplace(row.doc, std::move(summary)).first;
    }
    internal::v1::ShardHit* hit = response.add_hits();
    ABSL_ASSIGN_OR_RETURN(
        *hit->mutable_paragraph(),
        ReadParagraph(*db_, context.read, doc_id, row.ordinal));
    if (request.names_only()) {
      hit->mutable_paragraph()->clear_text();
    }
    hit->set_score(score);
    hit->set_paragraph_id(id);
    hit->set_symbol(doc->second.symbol());
    hit->set_title(doc->second.title());
    hit->set_date(doc->second.date());
    hit->set_language(doc->second.language());
  }
  return response;
}

absl::StatusOr<internal::v1::CollectionStats> Store::GetCollectionStats(
    const internal::v1::GetCollectionStatsRequest& request) {
  ReaderLock open(db_->mu());
  ABSL_RETURN_IF_ERROR(db_->CheckOpen());
  ReaderLock table_lock(index_.table_mu());
  ScopedSnapshot snapshot(db_->db());
  index::SearchContext context = index_.Context(*db_, snapshot.get());
  return index::CountCollectionStats(&context, request);
}

absl::Status Store::Flush() {
  ReaderLock open(db_->mu());
  ABSL_RETURN_IF_ERROR(db_->CheckOpen());
  {
    MutexLock lock(index_.write_mu());
    ABSL_RETURN_IF_ERROR(index_.FlushPending(*db_));
  }
  rocksdb::FlushOptions options;
  options.wait = true;
  return FromRocks(db_->db()->Flush(options, db_->handles()));
}

absl::StatusOr<int64_t> Store::CompactIndex() {
  return index_.CompactIndex(*db_);
}

absl::StatusOr<internal::v1::ListRecordsResponse> Store::ListRecords(
    const internal::v1::ListRecordsRequest& request) {
  ReaderLock open(db_->mu());
  ABSL_RETURN_IF_ERROR(db_->CheckOpen());
  ABSL_RETURN_IF_ERROR(CheckFilter(request.kind(), request.filter()));
  if (request.limit() <= 0 || request.limit() > kMaxSearchLimit) {
    return absl::InvalidArgumentError(absl::StrCat(
        "list limit ", request.limit(), " is outside 1..", kMaxSearchLimit));
  }
  // One document's range when the filter names it, else the kind's.
  auto [begin, end] = KindRange(request.kind());
  if (!request.filter().document().empty()) {
    std::tie(begin, end) = DocumentRecordRange(
        request.kind(),
        absl::StripPrefix(request.filter().document(), "documents/"));
  }
  if (!request.after().empty()) {
    ABSL_ASSIGN_OR_RETURN(std::string after,
                          KeyAfter(request.kind(), request.after()));
    begin = std::max(begin, after);
  }
  internal::v1::ListRecordsResponse response;
  if (begin >= end) {
    return response;
  }
  rocksdb::ReadOptions read;
  rocksdb::Slice upper(end);
  read.iterate_upper_bound = &upper;
  std::unique_ptr<rocksdb::Iterator> it(
      db_->db()->NewIterator(read, db_->cf(Cf::kRecords)));
  for (it->Seek(begin);
       it->Valid() && response.records_size() < request.limit(); it->Next()) {
    internal::v1::Record record;
    if (!record.ParseFromArray(it->value().data(),
                               static_cast<int>(it->value().size()))) {
      return absl::DataLossError("malformed record");
    }
    if (Matches(record, request.filter())) {
      *response.add_records() = std::move(record);
    }
  }
  ABSL_RETURN_IF_ERROR(FromRocks(it->status()));
  return response;
}

absl::StatusOr<internal::v1::CreateBackupResponse> Store::CreateBackup(
    const std::string& backup_set) {
  ReaderLock open(db_->mu());
  ABSL_RETURN_IF_ERROR(db_->CheckOpen());
  return storage::CreateBackup(db_->db(), backup_set);
}

absl::StatusOr<internal::v1::RestoreBackupResponse> Store::RestoreBackup(
    const std::string& backup_set, uint32_t backup_id,
    const std::string& target) const {
  // Reads nothing of this store's database: no lock.
  return storage::RestoreBackup(config_.path, backup_set, backup_id, target);
}

Store::Health Store::ReadHealth() {
  ReaderLock open(db_->mu());
  return db_->ReadHealth();
}

}  // namespace rapporteur::storage
