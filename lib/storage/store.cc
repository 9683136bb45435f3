#include "lib/storage/store.h"

#include <google/protobuf/util/time_util.h>
#include <rocksdb/options.h>
#include <rocksdb/sst_file_writer.h>
#include <rocksdb/statistics.h>
#include <rocksdb/table.h>
#include <rocksdb/utilities/backup_engine.h>
#include <rocksdb/utilities/options_util.h>
#include <rocksdb/write_batch.h>

#include <algorithm>
#include <filesystem>
#include <tuple>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "lib/base/log.h"
#include "lib/schema/resource_names.h"
#include "lib/base/status_macros.h"
#include "lib/storage/keys.h"
#include "lib/storage/counter_merge.h"
#include "lib/storage/index/searcher.h"
#include "lib/storage/varint.h"
#include "lib/storage/records.h"
#include "lib/storage/rocks_status.h"
#include "lib/storage/store_format.h"

namespace rapporteur::storage {
namespace {

// Names of the column families, indexed by Cf.
constexpr const char* kCfNames[] = {
    "default", "documents", "paragraphs", "postings",
    "meta",    "history",   "records",    "paragraph_ids", "terms",
    "pending_terms"};

constexpr size_t kMaxTermBytes = 256;
constexpr size_t kMaxRequestIdBytes = 128;
// Largest ParagraphTerms.boost: rank factors are small documented constants.
constexpr float kMaxBoost = 100.0f;
constexpr int32_t kMaxSearchLimit = 10000;

// All RocksDB tuning, in one place.
rocksdb::Options MakeRocksOptions(const StoreConfig& config) {
  rocksdb::Options options;
  options.create_if_missing = true;
  // Document frequencies are added to, never read back on write.
  options.merge_operator = CounterAddOperator();
  options.create_missing_column_families = true;
  options.IncreaseParallelism(2);
  options.OptimizeLevelStyleCompaction();
  // Tickers for the block cache hit ratio of the metrics; the cost is a few
  // atomic increments per read.
  options.statistics = rocksdb::CreateDBStatistics();
  // LZ4 where data is young and rewritten often, Zstandard where it
  // settles: posting blocks and paragraph text compress well.
  options.compression = rocksdb::kLZ4Compression;
  options.bottommost_compression = rocksdb::kZSTD;
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = rocksdb::NewLRUCache(config.block_cache_bytes);
  options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  return options;
}

// The document's terms with the number of its paragraphs holding each,
// kept to take its document frequencies back when it is replaced.
std::string EncodeDocTerms(const absl::flat_hash_map<std::string, int64_t>& terms) {
  std::string out;
  for (const auto& [term, count] : terms) {
    PutVarint(&out, term.size());
    out += term;
    PutVarint(&out, static_cast<uint64_t>(count));
  }
  return out;
}

absl::Status DecodeDocTerms(absl::string_view in,
                            absl::flat_hash_map<std::string, int64_t>* deltas) {
  while (!in.empty()) {
    uint64_t size = 0;
    uint64_t count = 0;
    if (!GetVarint(&in, &size) || size > in.size()) {
      return absl::DataLossError("malformed document terms");
    }
    std::string term(in.substr(0, size));
    in.remove_prefix(size);
    if (!GetVarint(&in, &count)) {
      return absl::DataLossError("malformed document terms");
    }
    (*deltas)[term] -= static_cast<int64_t>(count);
  }
  return absl::OkStatus();
}

absl::Status ValidateWrite(const internal::v1::WriteDocumentRequest& request,
                           std::string* doc_id) {
  const v1::Document& doc = request.document();
  ABSL_ASSIGN_OR_RETURN(*doc_id, ParseDocumentName(doc.name()));
  if (doc.paragraphs_size() == 0) {
    return absl::InvalidArgumentError(
        absl::StrCat(doc.name(), ": a document needs at least one paragraph"));
  }
  if (request.request_id().size() > kMaxRequestIdBytes ||
      request.request_id().find('\0') != std::string::npos) {
    return absl::InvalidArgumentError(absl::StrCat(
        "request_id must be at most ", kMaxRequestIdBytes,
        " bytes without NUL"));
  }
  if (request.paragraph_terms_size() != doc.paragraphs_size()) {
    return absl::InvalidArgumentError(absl::StrCat(
        doc.name(), ": paragraph_terms has ", request.paragraph_terms_size(),
        " entries for ", doc.paragraphs_size(), " paragraphs"));
  }
  for (int i = 0; i < request.paragraph_terms_size(); ++i) {
    for (const auto& term : request.paragraph_terms(i).terms()) {
      if (term.term().empty() || term.term().size() > kMaxTermBytes ||
          term.term().find('\0') != std::string::npos) {
        return absl::InvalidArgumentError(absl::StrCat(
            doc.name(), ": paragraph ", i,
            " has a term that is empty, longer than ", kMaxTermBytes,
            " bytes or holds a NUL byte"));
      }
      if (term.positions_size() == 0) {
        return absl::InvalidArgumentError(absl::StrCat(
            doc.name(), ": paragraph ", i, " term '", term.term(),
            "' has no positions"));
      }
    }
    const internal::v1::ParagraphTerms& terms = request.paragraph_terms(i);
    for (const std::string& attribute : terms.attributes()) {
      // AttributeKey(field, value): a field name before the first NUL.
      const size_t separator = attribute.find('\0');
      if (separator == 0 || separator == std::string::npos) {
        return absl::InvalidArgumentError(absl::StrCat(
            doc.name(), ": paragraph ", i, " has an attribute without a field"
            " (AttributeKey(field, value) is \"field\\0value\")"));
      }
    }
    if (!(terms.boost() >= 0.0f && terms.boost() <= kMaxBoost)) {
      return absl::InvalidArgumentError(absl::StrCat(
          doc.name(), ": paragraph ", i, " has boost ", terms.boost(),
          "; a boost is between 0 (none: 1) and ", kMaxBoost));
    }
  }
  return absl::OkStatus();
}

// The record of an applied write, kept under its request id.
std::string EncodeApplied(absl::string_view doc_id,
                          const internal::v1::WriteDocumentResponse& response) {
  std::string value(doc_id);
  value.push_back('\0');
  PutBigEndian64(&value, static_cast<uint64_t>(response.revision()));
  PutBigEndian64(&value, static_cast<uint64_t>(response.replaced_revision()));
  return value;
}

// The answer to a write repeating request `request_id` of document
// `doc_id`, from the record EncodeApplied() made.
absl::StatusOr<internal::v1::WriteDocumentResponse> DecodeApplied(
    absl::string_view value, absl::string_view doc_id,
    absl::string_view request_id) {
  const size_t nul = value.find('\0');
  if (nul == absl::string_view::npos || value.size() != nul + 17) {
    return absl::DataLossError(
        absl::StrCat("malformed record of request ", request_id));
  }
  if (value.substr(0, nul) != doc_id) {
    return absl::FailedPreconditionError(absl::StrCat(
        "request_id '", request_id, "' was already used to write ",
        DocumentName(value.substr(0, nul))));
  }
  internal::v1::WriteDocumentResponse response;
  response.set_revision(static_cast<int64_t>(GetBigEndian64(value.substr(nul + 1))));
  response.set_replaced_revision(
      static_cast<int64_t>(GetBigEndian64(value.substr(nul + 9))));
  return response;
}

std::string ParagraphIdOf(const v1::Paragraph& paragraph) {
  return paragraph.number() > 0 ? absl::StrCat(paragraph.number())
                                : absl::StrCat("u", paragraph.ordinal());
}

}  // namespace

absl::StatusOr<std::unique_ptr<Store>> Store::Open(const StoreConfig& config) {
  if (config.path.empty()) {
    return absl::InvalidArgumentError("storage path is empty");
  }
  rocksdb::Options options = MakeRocksOptions(config);
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const char* name : kCfNames) {
    descriptors.emplace_back(name, rocksdb::ColumnFamilyOptions(options));
  }
  rocksdb::DB* raw_db = nullptr;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::Status s = rocksdb::DB::Open(rocksdb::DBOptions(options),
                                        config.path, descriptors, &handles,
                                        &raw_db);
  if (!s.ok()) {
    return absl::Status(FromRocks(s).code(),
                        absl::StrCat("cannot open storage at ", config.path,
                                     ": ", s.ToString()));
  }
  std::unique_ptr<Store> store(
      new Store(config, std::unique_ptr<rocksdb::DB>(raw_db), std::move(handles)));
  store->options_ = options;
  ABSL_RETURN_IF_ERROR(CheckStoreFormat(store->db_.get(), store->cf(Cf::kMeta)));
  ABSL_RETURN_IF_ERROR(store->LoadIndex());
  if (config.compact_after_removed_paragraphs > 0) {
    Store* raw = store.get();
    store->compactor_ = std::thread([raw] { raw->CompactInBackground(); });
  }
  return store;
}

Store::Store(StoreConfig config, std::unique_ptr<rocksdb::DB> db,
             std::vector<rocksdb::ColumnFamilyHandle*> handles)
    : config_(std::move(config)), db_(std::move(db)), handles_(std::move(handles)) {
  write_options_.sync = config_.sync_writes;
}

Store::~Store() { Close().IgnoreError(); }

void Store::NoteRemoved(size_t removed) {
  if (config_.compact_after_removed_paragraphs == 0 || removed == 0) {
    return;
  }
  MutexLock lock(&compact_mu_);
  removed_since_compaction_ += removed;
  if (removed_since_compaction_ >= config_.compact_after_removed_paragraphs) {
    compact_wanted_.notify_all();
  }
}

void Store::CompactInBackground() {
  while (true) {
    {
      MutexLock lock(&compact_mu_);
      compact_mu_.Await(compact_wanted_, [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(compact_mu_) {
        return stopping_ ||
               removed_since_compaction_ >=
                   config_.compact_after_removed_paragraphs;
      });
      if (stopping_) {
        return;
      }
      removed_since_compaction_ = 0;
    }
    absl::StatusOr<int64_t> rewritten = CompactIndex();
    if (!rewritten.ok()) {
      LogError("index compaction failed",
                 {{"error", std::string(rewritten.status().message())}});
    } else {
      LogInfo("index compacted", {{"terms", absl::StrCat(*rewritten)}});
    }
  }
}

absl::Status Store::Close() {
  {
    MutexLock lock(&compact_mu_);
    stopping_ = true;
    compact_wanted_.notify_all();
  }
  if (compactor_.joinable()) {
    compactor_.join();
  }
  MutexLock lock(&write_mu_);
  if (closed_.load()) {
    return absl::OkStatus();
  }
  // Blocks now save rebuilding the pending postings at the next open.
  absl::Status flushed = FlushPending();
  if (!flushed.ok()) {
    LogError("flushing pending postings failed",
             {{"error", std::string(flushed.message())}});
  }
  closed_.store(true);
  absl::Status status;
  for (rocksdb::ColumnFamilyHandle* handle : handles_) {
    rocksdb::Status s = db_->DestroyColumnFamilyHandle(handle);
    if (status.ok()) {
      status = FromRocks(s);
    }
  }
  handles_.clear();
  rocksdb::Status s = db_->Close();
  if (status.ok()) {
    status = FromRocks(s);
  }
  db_.reset();
  return status;
}

absl::Status Store::CheckOpen() const {
  if (closed_.load()) {
    return absl::FailedPreconditionError("storage is closed");
  }
  return absl::OkStatus();
}

absl::StatusOr<v1::Document> Store::ReadDocument(
    const rocksdb::Snapshot* snapshot, absl::string_view doc_id,
    bool summary_only) {
  rocksdb::ReadOptions read;
  read.snapshot = snapshot;
  std::string value;
  rocksdb::Status s = db_->Get(read, cf(Cf::kDocuments), AsSlice(doc_id), &value);
  if (s.IsNotFound()) {
    return absl::NotFoundError(
        absl::StrCat("document ", DocumentName(doc_id), " not found"));
  }
  ABSL_RETURN_IF_ERROR(FromRocks(s));
  v1::Document doc;
  if (!doc.ParseFromString(value)) {
    return absl::DataLossError(absl::StrCat("malformed document ", doc_id));
  }
  if (summary_only) {
    return doc;
  }
  const std::string prefix = DocPrefix(doc_id);
  const std::string end = PrefixEnd(prefix);
  rocksdb::Slice upper(end);
  read.iterate_upper_bound = &upper;
  std::unique_ptr<rocksdb::Iterator> it(
      db_->NewIterator(read, cf(Cf::kParagraphs)));
  for (it->Seek(prefix); it->Valid(); it->Next()) {
    if (!doc.add_paragraphs()->ParseFromArray(
            it->value().data(), static_cast<int>(it->value().size()))) {
      return absl::DataLossError(absl::StrCat("malformed paragraph of ", doc_id));
    }
  }
  ABSL_RETURN_IF_ERROR(FromRocks(it->status()));
  return doc;
}

absl::StatusOr<v1::Document> Store::GetDocument(absl::string_view doc_id,
                                                bool summary_only) {
  ABSL_RETURN_IF_ERROR(CheckOpen());
  // One snapshot: the document row and its paragraphs of the same write.
  const rocksdb::Snapshot* snapshot = db_->GetSnapshot();
  absl::StatusOr<v1::Document> doc =
      ReadDocument(snapshot, doc_id, summary_only);
  db_->ReleaseSnapshot(snapshot);
  return doc;
}

namespace {

// Releases a snapshot when the search ends.
struct SnapshotHolder {
  rocksdb::DB* db;
  const rocksdb::Snapshot* snapshot;
  ~SnapshotHolder() { db->ReleaseSnapshot(snapshot); }
};

}  // namespace

absl::StatusOr<v1::Paragraph> Store::GetParagraph(
    absl::string_view doc_id, absl::string_view paragraph_id) {
  ABSL_RETURN_IF_ERROR(CheckOpen());
  const absl::Status not_found = absl::NotFoundError(absl::StrCat(
      "paragraph ", ParagraphName(doc_id, paragraph_id), " not found"));
  // Two reads of one snapshot: the number's ordinal, then the row.
  SnapshotHolder holder{db_.get(), db_->GetSnapshot()};
  rocksdb::ReadOptions read;
  read.snapshot = holder.snapshot;
  uint32_t ordinal = 0;
  if (absl::ConsumePrefix(&paragraph_id, "u")) {
    if (!absl::SimpleAtoi(paragraph_id, &ordinal)) {
      return not_found;
    }
  } else {
    uint32_t number = 0;
    if (!absl::SimpleAtoi(paragraph_id, &number)) {
      return not_found;
    }
    std::string value;
    rocksdb::Status s = db_->Get(read, cf(Cf::kMeta),
                                 ParagraphNumberKey(doc_id, number), &value);
    if (s.IsNotFound()) {
      return not_found;
    }
    ABSL_RETURN_IF_ERROR(FromRocks(s));
    if (value.size() != 4) {
      return absl::DataLossError(absl::StrCat("malformed paragraph number of ", doc_id));
    }
    ordinal = GetBigEndian32(value);
  }
  std::string row;
  rocksdb::Status s =
      db_->Get(read, cf(Cf::kParagraphs), ParagraphKey(doc_id, ordinal), &row);
  if (s.IsNotFound()) {
    return not_found;
  }
  ABSL_RETURN_IF_ERROR(FromRocks(s));
  v1::Paragraph paragraph;
  if (!paragraph.ParseFromString(row)) {
    return absl::DataLossError(absl::StrCat("malformed paragraph of ", doc_id));
  }
  return paragraph;
}

absl::StatusOr<v1::Document> Store::GetRevision(absl::string_view doc_id,
                                                int64_t revision) {
  ABSL_RETURN_IF_ERROR(CheckOpen());
  std::string value;
  rocksdb::Status s =
      db_->Get(rocksdb::ReadOptions(), cf(Cf::kHistory),
               HistoryKey(doc_id, static_cast<uint64_t>(revision)), &value);
  if (s.IsNotFound()) {
    absl::StatusOr<v1::Document> current = GetDocument(doc_id);
    if (current.ok() && current->revision() == revision) {
      return current;
    }
    return absl::NotFoundError(absl::StrCat("revision ", revision, " of ",
                                            DocumentName(doc_id), " not found"));
  }
  ABSL_RETURN_IF_ERROR(FromRocks(s));
  v1::Document doc;
  if (!doc.ParseFromString(value)) {
    return absl::DataLossError(absl::StrCat("malformed revision of ", doc_id));
  }
  return doc;
}

absl::Status Store::RemoveCurrent(
    const v1::Document& current, rocksdb::WriteBatch* batch,
    absl::flat_hash_map<std::string, int64_t>* frequency_deltas) {
  ABSL_ASSIGN_OR_RETURN(std::string doc_id, ParseDocumentName(current.name()));
  rocksdb::ReadOptions read;
  // The revision moves to the history whole, so it is never lost.
  ABSL_RETURN_IF_ERROR(FromRocks(
      batch->Put(cf(Cf::kHistory),
                 HistoryKey(doc_id, static_cast<uint64_t>(current.revision())),
                 current.SerializeAsString())));
  const std::string prefix = DocPrefix(doc_id);
  ABSL_RETURN_IF_ERROR(FromRocks(
      batch->DeleteRange(cf(Cf::kParagraphs), prefix, PrefixEnd(prefix))));
  ABSL_RETURN_IF_ERROR(FromRocks(batch->Delete(cf(Cf::kDocuments), AsSlice(doc_id))));
  const std::string numbers = ParagraphNumberPrefix(doc_id);
  ABSL_RETURN_IF_ERROR(FromRocks(
      batch->DeleteRange(cf(Cf::kMeta), numbers, PrefixEnd(numbers))));

  // Its postings stay in their blocks until CompactIndex(); searches skip
  // its paragraph ids, which are no longer live.
  absl::flat_hash_map<std::string, int64_t> removed;
  std::string terms;
  rocksdb::Status s = db_->Get(read, cf(Cf::kMeta), DocTermsKey(doc_id), &terms);
  if (!s.IsNotFound()) {
    ABSL_RETURN_IF_ERROR(FromRocks(s));
    ABSL_RETURN_IF_ERROR(DecodeDocTerms(terms, &removed));
  }
  ABSL_RETURN_IF_ERROR(FromRocks(batch->Delete(cf(Cf::kMeta), DocTermsKey(doc_id))));
  if (auto range = table_.DocumentRange(doc_id)) {
    for (index::ParagraphId id = range->first; id < range->first + range->second;
         ++id) {
      ABSL_RETURN_IF_ERROR(FromRocks(
          batch->Delete(cf(Cf::kParagraphIds), ParagraphIdKey(id))));
    }
    if (range->first < pending_.first_id()) {
      // Its postings are in blocks, counted in the stored frequencies.
      for (const auto& [term, delta] : removed) {
        ABSL_RETURN_IF_ERROR(FromRocks(
            batch->Merge(cf(Cf::kTerms), term, EncodeCounter(delta))));
      }
    } else {
      // Still pending: stored frequencies never counted it.
      ABSL_RETURN_IF_ERROR(FromRocks(batch->DeleteRange(
          cf(Cf::kPendingTerms), ParagraphIdKey(range->first),
          ParagraphIdKey(range->first + range->second))));
    }
  }
  for (const auto& [term, delta] : removed) {
    (*frequency_deltas)[term] += delta;
  }
  for (internal::v1::RecordKind kind : kRecordKinds) {
    const auto [begin, end] = DocumentRecordRange(kind, doc_id);
    ABSL_RETURN_IF_ERROR(
        FromRocks(batch->DeleteRange(cf(Cf::kRecords), begin, end)));
  }
  return absl::OkStatus();
}

absl::StatusOr<internal::v1::WriteDocumentResponse> Store::WriteDocument(
    const internal::v1::WriteDocumentRequest& request) {
  ABSL_RETURN_IF_ERROR(CheckOpen());
  std::string doc_id;
  ABSL_RETURN_IF_ERROR(ValidateWrite(request, &doc_id));
  MutexLock lock(&write_mu_);
  ABSL_RETURN_IF_ERROR(CheckOpen());
  rocksdb::WriteBatch batch;
  rocksdb::ReadOptions read;
  // A repeated request (a client's retry) is answered, not applied again.
  if (!request.request_id().empty()) {
    std::string applied;
    rocksdb::Status s = db_->Get(read, cf(Cf::kMeta),
                                 RequestKey(request.request_id()), &applied);
    if (s.ok()) {
      return DecodeApplied(applied, doc_id, request.request_id());
    }
    if (!s.IsNotFound()) {
      return FromRocks(s);
    }
  }

  // The replaced revision, whole, for the history and to take back its
  // document frequencies.
  absl::flat_hash_map<std::string, int64_t> frequency_deltas;
  int64_t replaced_revision = 0;
  absl::StatusOr<v1::Document> current = ReadDocument(nullptr, doc_id, false);
  if (current.ok()) {
    replaced_revision = current->revision();
    ABSL_RETURN_IF_ERROR(RemoveCurrent(*current, &batch, &frequency_deltas));
  } else if (!absl::IsNotFound(current.status())) {
    return current.status();
  }

  std::string last_revision;
  uint64_t revision = static_cast<uint64_t>(replaced_revision);
  rocksdb::Status s =
      db_->Get(read, cf(Cf::kMeta), RevisionKey(doc_id), &last_revision);
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
  *summary.mutable_create_time() =
      google::protobuf::util::TimeUtil::GetCurrentTime();

  // Paragraph rows and ids, and each paragraph's terms, kept until the
  // pending postings are flushed as blocks.
  const index::ParagraphId first_id = table_.next_id();
  std::vector<index::ParagraphEntry> entries(request.document().paragraphs_size());
  absl::flat_hash_map<std::string, int64_t> doc_terms;
  absl::flat_hash_set<int32_t> numbers;
  uint64_t tokens = 0;
  for (int i = 0; i < request.document().paragraphs_size(); ++i) {
    v1::Paragraph paragraph = request.document().paragraphs(i);
    paragraph.set_ordinal(i);
    paragraph.set_name(ParagraphName(doc_id, ParagraphIdOf(paragraph)));
    ABSL_RETURN_IF_ERROR(FromRocks(
        batch.Put(cf(Cf::kParagraphs), ParagraphKey(doc_id, i),
                  paragraph.SerializeAsString())));
    if (paragraph.number() > 0 && numbers.insert(paragraph.number()).second) {
      // The first paragraph of a number answers for it, as in citations.
      std::string ordinal;
      PutBigEndian32(&ordinal, static_cast<uint32_t>(i));
      ABSL_RETURN_IF_ERROR(FromRocks(batch.Put(
          cf(Cf::kMeta),
          ParagraphNumberKey(doc_id, static_cast<uint32_t>(paragraph.number())),
          ordinal)));
    }
    const internal::v1::ParagraphTerms& terms = request.paragraph_terms(i);
    const index::ParagraphId id = first_id + static_cast<index::ParagraphId>(i);
    tokens += terms.length();
    index::ParagraphEntry& entry = entries[i];
    entry.doc_id = doc_id;
    entry.ordinal = static_cast<uint32_t>(i);
    entry.length = terms.length();
    // Filters, facets and rank factors as ingest computed them.
    entry.attributes.assign(terms.attributes().begin(), terms.attributes().end());
    entry.boost = terms.boost() > 0 ? terms.boost() : 1.0f;
    ABSL_RETURN_IF_ERROR(FromRocks(batch.Put(
        cf(Cf::kParagraphIds), ParagraphIdKey(id), index::EncodeParagraphEntry(entry))));
    ABSL_RETURN_IF_ERROR(FromRocks(batch.Put(
        cf(Cf::kPendingTerms), ParagraphIdKey(id), terms.SerializeAsString())));
    absl::flat_hash_set<absl::string_view> seen;
    for (const auto& term : terms.terms()) {
      if (seen.insert(term.term()).second) {
        ++doc_terms[term.term()];
      }
    }
  }
  summary.set_token_count(static_cast<int64_t>(tokens));
  for (const auto& [term, count] : doc_terms) {
    frequency_deltas[term] += count;
  }
  // Stored frequencies count this document when its postings are flushed.
  ABSL_RETURN_IF_ERROR(FromRocks(
      batch.Put(cf(Cf::kMeta), DocTermsKey(doc_id), EncodeDocTerms(doc_terms))));
  std::string next_id;
  PutBigEndian32(&next_id, first_id + static_cast<index::ParagraphId>(entries.size()));
  ABSL_RETURN_IF_ERROR(FromRocks(batch.Put(cf(Cf::kMeta), kNextIdKey, next_id)));
  ABSL_RETURN_IF_ERROR(FromRocks(
      batch.Put(cf(Cf::kDocuments), AsSlice(doc_id), summary.SerializeAsString())));
  for (const auto& [key, value] : RecordRows(doc_id, summary)) {
    ABSL_RETURN_IF_ERROR(FromRocks(batch.Put(cf(Cf::kRecords), key, value)));
  }
  std::string revision_value;
  PutBigEndian64(&revision_value, revision);
  ABSL_RETURN_IF_ERROR(
      FromRocks(batch.Put(cf(Cf::kMeta), RevisionKey(doc_id), revision_value)));

  internal::v1::WriteDocumentResponse response;
  response.set_revision(static_cast<int64_t>(revision));
  response.set_replaced_revision(replaced_revision);
  if (!request.request_id().empty()) {
    ABSL_RETURN_IF_ERROR(FromRocks(
        batch.Put(cf(Cf::kMeta), RequestKey(request.request_id()),
                  EncodeApplied(doc_id, response))));
  }

  // One batch, synced: readers and a crash see all of it or none of it.
  ABSL_RETURN_IF_ERROR(FromRocks(db_->Write(write_options_, &batch)));
  {
    // Then searches see it: the table moves only after the write is durable.
    std::unique_lock publish(table_mu_);
    NoteRemoved(table_.RemoveDocument(doc_id).size());
    for (size_t i = 0; i < entries.size(); ++i) {
      table_.Add(first_id + static_cast<index::ParagraphId>(i), entries[i]);
      pending_.Add(first_id + static_cast<index::ParagraphId>(i),
                   request.paragraph_terms(static_cast<int>(i)));
    }
    for (const auto& [term, delta] : frequency_deltas) {
      table_.AddFrequency(term, delta);
    }
  }
  if (pending_.paragraphs() >= config_.index_buffer_paragraphs) {
    // The document is durable already: a failed flush leaves the postings
    // pending, to be flushed by a later write or at open.
    absl::Status flushed = FlushPending();
    if (!flushed.ok()) {
      LogError("flushing pending postings failed",
               {{"error", std::string(flushed.message())}});
    }
  }
  LogInfo("document written", {{"document", request.document().name()},
                               {"revision", absl::StrCat(revision)}});
  return response;
}

absl::Status Store::DeleteDocument(absl::string_view doc_id) {
  ABSL_RETURN_IF_ERROR(CheckOpen());
  MutexLock lock(&write_mu_);
  ABSL_RETURN_IF_ERROR(CheckOpen());
  ABSL_ASSIGN_OR_RETURN(v1::Document current,
                        ReadDocument(nullptr, doc_id, false));
  rocksdb::WriteBatch batch;
  absl::flat_hash_map<std::string, int64_t> frequency_deltas;
  ABSL_RETURN_IF_ERROR(RemoveCurrent(current, &batch, &frequency_deltas));
  ABSL_RETURN_IF_ERROR(FromRocks(db_->Write(write_options_, &batch)));
  std::unique_lock publish(table_mu_);
  NoteRemoved(table_.RemoveDocument(doc_id).size());
  for (const auto& [term, delta] : frequency_deltas) {
    table_.AddFrequency(term, delta);
  }
  return absl::OkStatus();
}

absl::StatusOr<int64_t> Store::CompactIndex() {
  ABSL_RETURN_IF_ERROR(CheckOpen());
  int64_t rewritten = 0;
  std::string next_term;  // compaction resumes at this key
  while (true) {
    MutexLock lock(&write_mu_);
    ABSL_RETURN_IF_ERROR(CheckOpen());
    // One term per turn of the lock, so writes wait for one term at most.
    std::unique_ptr<rocksdb::Iterator> it(
        db_->NewIterator(rocksdb::ReadOptions(), cf(Cf::kPostings)));
    it->Seek(next_term);
    if (!it->Valid()) {
      ABSL_RETURN_IF_ERROR(FromRocks(it->status()));
      return rewritten;
    }
    const absl::string_view first_key(it->key().data(), it->key().size());
    const size_t nul = first_key.find('\0');
    if (nul == absl::string_view::npos) {
      return absl::DataLossError("malformed posting block key");
    }
    const std::string term(first_key.substr(0, nul));
    const std::string prefix = TermPrefix(term);
    next_term = PrefixEnd(prefix);

    std::vector<std::string> keys;
    std::vector<index::Posting> live;
    size_t postings = 0;
    index::BlockReader block;
    for (; it->Valid() && it->key().starts_with(prefix); it->Next()) {
      const rocksdb::Slice key = it->key();
      if (key.size() != prefix.size() + 4) {
        return absl::DataLossError("malformed posting block key");
      }
      keys.push_back(key.ToString());
      const std::string value = it->value().ToString();
      ABSL_RETURN_IF_ERROR(block.Reset(
          GetBigEndian32(absl::string_view(key.data() + prefix.size(), 4)), value));
      ABSL_RETURN_IF_ERROR(block.DecodeIds());
      for (size_t i = 0; i < block.ids().size(); ++i) {
        ++postings;
        if (!table_.IsLive(block.ids()[i])) {
          continue;
        }
        ABSL_ASSIGN_OR_RETURN(std::vector<uint32_t> positions, block.Positions(i));
        live.push_back(index::Posting{block.ids()[i], std::move(positions)});
      }
    }
    ABSL_RETURN_IF_ERROR(FromRocks(it->status()));
    // A few extra blocks cost a query a few steps; rewriting every term
    // that gained a partial block at each flush would cost more.
    constexpr size_t kToleratedExtraBlocks = 8;
    const size_t full_blocks = (live.size() + index::kBlockSize - 1) / index::kBlockSize;
    if (live.size() * 10 >= postings * 9 &&
        keys.size() <= full_blocks + kToleratedExtraBlocks) {
      continue;  // compact enough
    }
    rocksdb::WriteBatch batch;
    for (const std::string& key : keys) {
      ABSL_RETURN_IF_ERROR(FromRocks(batch.Delete(cf(Cf::kPostings), key)));
    }
    std::vector<uint32_t> lengths;
    for (const index::Posting& posting : live) {
      lengths.push_back(table_.row(posting.id).length);
    }
    for (const auto& [first, block] : index::EncodeBlocks(live, lengths)) {
      ABSL_RETURN_IF_ERROR(
          FromRocks(batch.Put(cf(Cf::kPostings), BlockKey(term, first), block)));
    }
    // Not synced: the blocks say again what is already durable.
    ABSL_RETURN_IF_ERROR(FromRocks(db_->Write(rocksdb::WriteOptions(), &batch)));
    ++rewritten;
  }
}

absl::Status Store::Flush() {
  ABSL_RETURN_IF_ERROR(CheckOpen());
  {
    MutexLock lock(&write_mu_);
    ABSL_RETURN_IF_ERROR(FlushPending());
  }
  rocksdb::FlushOptions options;
  options.wait = true;
  return FromRocks(db_->Flush(options, handles_));
}

absl::Status Store::FlushPending() {
  const index::ParagraphId next_id = table_.next_id();
  if (pending_.paragraphs() == 0 && pending_.first_id() == next_id) {
    return absl::OkStatus();
  }
  // Blocks go into a table file written here and handed to RocksDB
  // (IngestExternalFile), in key order: no memtable, no log, one
  // sequential write. The frequencies, the end of the pending rows and the
  // new watermark follow in one batch; if the process dies between the
  // two, the blocks of ids at or above the old watermark are ignored by
  // searches (TermIterator) and rewritten, same keys, by the next flush.
  std::vector<const std::pair<const std::string, index::PendingList>*> sorted;
  sorted.reserve(pending_.lists().size());
  for (const auto& entry : pending_.lists()) {
    sorted.push_back(&entry);
  }
  std::sort(sorted.begin(), sorted.end(),
            [](const auto* a, const auto* b) { return a->first < b->first; });

  const std::string file = absl::StrCat(config_.path, "/flush-", next_id, ".sst");
  rocksdb::SstFileWriter writer(rocksdb::EnvOptions(), options_, cf(Cf::kPostings));
  ABSL_RETURN_IF_ERROR(FromRocks(writer.Open(file)));
  rocksdb::WriteBatch batch;
  std::vector<index::Posting> live;
  std::vector<uint32_t> lengths;
  size_t entries = 0;  // of the table file
  for (const auto* entry : sorted) {
    const std::string& term = entry->first;
    const index::PendingList& list = entry->second;
    // Postings of paragraphs already deleted are left out.
    live.clear();
    lengths.clear();
    for (size_t i = 0; i < list.ids.size(); ++i) {
      const index::ParagraphId id = list.ids[i];
      if (!table_.IsLive(id)) {
        continue;
      }
      live.push_back(index::Posting{
          id, std::vector<uint32_t>(list.positions.begin() + list.begin[i],
                                    list.positions.begin() + list.begin[i + 1])});
      lengths.push_back(table_.row(id).length);
    }
    if (live.empty()) {
      continue;
    }
    for (const auto& [first, block] : index::EncodeBlocks(live, lengths)) {
      ABSL_RETURN_IF_ERROR(FromRocks(writer.Put(BlockKey(term, first), block)));
      ++entries;
    }
    ABSL_RETURN_IF_ERROR(FromRocks(batch.Merge(
        cf(Cf::kTerms), term, EncodeCounter(static_cast<int64_t>(live.size())))));
  }
  if (entries > 0) {
    ABSL_RETURN_IF_ERROR(FromRocks(writer.Finish()));
    rocksdb::IngestExternalFileOptions ingest;
    ingest.move_files = true;
    ABSL_RETURN_IF_ERROR(
        FromRocks(db_->IngestExternalFile(cf(Cf::kPostings), {file}, ingest)));
  } else {
    writer.Finish().PermitUncheckedError();  // nothing to write: no file
    std::filesystem::remove(file);
  }
  ABSL_RETURN_IF_ERROR(FromRocks(
      batch.DeleteRange(cf(Cf::kPendingTerms), ParagraphIdKey(pending_.first_id()),
                        ParagraphIdKey(next_id))));
  std::string flushed;
  PutBigEndian32(&flushed, next_id);
  ABSL_RETURN_IF_ERROR(FromRocks(batch.Put(cf(Cf::kMeta), kFlushedIdKey, flushed)));
  // Synced: once the pending rows are gone, the blocks must stay.
  ABSL_RETURN_IF_ERROR(FromRocks(db_->Write(write_options_, &batch)));
  std::unique_lock publish(table_mu_);
  pending_.Clear(next_id);
  return absl::OkStatus();
}

absl::Status Store::LoadIndex() {
  std::unique_lock lock(table_mu_);
  rocksdb::ReadOptions read;
  std::unique_ptr<rocksdb::Iterator> it(
      db_->NewIterator(read, cf(Cf::kParagraphIds)));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    if (it->key().size() != 4) {
      return absl::DataLossError("malformed paragraph id key");
    }
    ABSL_ASSIGN_OR_RETURN(
        index::ParagraphEntry entry,
        index::DecodeParagraphEntry(absl::string_view(it->value().data(),
                                                      it->value().size())));
    table_.Add(GetBigEndian32(absl::string_view(it->key().data(), 4)), entry);
  }
  ABSL_RETURN_IF_ERROR(FromRocks(it->status()));
  it.reset(db_->NewIterator(read, cf(Cf::kTerms)));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    if (it->value().size() != 8) {
      return absl::DataLossError("malformed term frequency");
    }
    table_.AddFrequency(
        absl::string_view(it->key().data(), it->key().size()),
        DecodeCounter(absl::string_view(it->value().data(), it->value().size())));
  }
  ABSL_RETURN_IF_ERROR(FromRocks(it->status()));
  // Ids of deleted paragraphs at the end are never given again: their
  // postings may still be in blocks.
  std::string next_id;
  rocksdb::Status s = db_->Get(read, cf(Cf::kMeta), kNextIdKey, &next_id);
  if (s.ok() && next_id.size() == 4) {
    table_.SetNextId(GetBigEndian32(next_id));
  } else if (!s.IsNotFound()) {
    return s.ok() ? absl::DataLossError("malformed next paragraph id")
                  : FromRocks(s);
  }
  // The postings of paragraphs written since the last flush, rebuilt from
  // their terms.
  std::string flushed;
  s = db_->Get(read, cf(Cf::kMeta), kFlushedIdKey, &flushed);
  if (s.ok() && flushed.size() == 4) {
    pending_.Clear(GetBigEndian32(flushed));
  } else if (!s.IsNotFound()) {
    return s.ok() ? absl::DataLossError("malformed flushed paragraph id")
                  : FromRocks(s);
  }
  it.reset(db_->NewIterator(read, cf(Cf::kPendingTerms)));
  for (it->Seek(ParagraphIdKey(pending_.first_id())); it->Valid(); it->Next()) {
    internal::v1::ParagraphTerms terms;
    if (it->key().size() != 4 ||
        !terms.ParseFromArray(it->value().data(),
                              static_cast<int>(it->value().size()))) {
      return absl::DataLossError("malformed pending terms");
    }
    const index::ParagraphId id =
        GetBigEndian32(absl::string_view(it->key().data(), 4));
    if (!table_.IsLive(id)) {
      continue;  // its document was replaced or deleted before a flush
    }
    pending_.Add(id, terms);
    absl::flat_hash_set<absl::string_view> seen;
    for (const auto& term : terms.terms()) {
      if (seen.insert(term.term()).second) {
        table_.AddFrequency(term.term(), 1);
      }
    }
  }
  return FromRocks(it->status());
}


absl::StatusOr<internal::v1::SearchShardResponse> Store::Search(
    const internal::v1::SearchShardRequest& request) {
  ABSL_RETURN_IF_ERROR(CheckOpen());
  if (request.limit() < 0 || request.limit() > kMaxSearchLimit) {
    return absl::InvalidArgumentError(absl::StrCat(
        "search limit ", request.limit(), " is outside 0..", kMaxSearchLimit));
  }
  std::shared_lock lock(table_mu_);
  SnapshotHolder holder{db_.get(), db_->GetSnapshot()};
  index::SearchContext context = IndexContext(holder.snapshot);
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

  response.set_total_matches(result.total_matches);
  response.set_total_is_lower_bound(result.total_is_lower_bound);
  response.set_sequence(table_.next_id() - 1);
  for (v1::FacetCount& facet : result.facets) {
    *response.add_facets() = std::move(facet);
  }
  absl::flat_hash_map<uint32_t, v1::Document> documents;
  for (const auto& [score, id] : result.hits) {
    const index::ParagraphTable::Row& row = table_.row(id);
    const std::string& doc_id = table_.doc_id(id);
    auto doc = documents.find(row.doc);
    if (doc == documents.end()) {
      ABSL_ASSIGN_OR_RETURN(v1::Document summary,
                            ReadDocument(holder.snapshot, doc_id, true));
      doc = documents.emplace(row.doc, std::move(summary)).first;
    }
    std::string value;
    ABSL_RETURN_IF_ERROR(FromRocks(db_->Get(
        context.read, cf(Cf::kParagraphs), ParagraphKey(doc_id, row.ordinal),
        &value)));
    internal::v1::ShardHit* hit = response.add_hits();
    if (!hit->mutable_paragraph()->ParseFromString(value)) {
      return absl::DataLossError(absl::StrCat("malformed paragraph of ", doc_id));
    }
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

index::SearchContext Store::IndexContext(const rocksdb::Snapshot* snapshot) const {
  index::SearchContext context;
  context.db = db_.get();
  context.postings = cf(Cf::kPostings);
  context.terms = cf(Cf::kTerms);
  context.read.snapshot = snapshot;
  context.table = &table_;
  context.pending = &pending_;
  return context;
}

absl::StatusOr<internal::v1::CollectionStats> Store::GetCollectionStats(
    const internal::v1::GetCollectionStatsRequest& request) {
  ABSL_RETURN_IF_ERROR(CheckOpen());
  std::shared_lock lock(table_mu_);
  SnapshotHolder holder{db_.get(), db_->GetSnapshot()};
  index::SearchContext context = IndexContext(holder.snapshot);
  return index::CountCollectionStats(&context, request);
}

absl::StatusOr<internal::v1::CreateBackupResponse> Store::CreateBackup(
    const internal::v1::CreateBackupRequest& request) {
  ABSL_RETURN_IF_ERROR(CheckOpen());
  if (request.backup_dir().empty()) {
    return absl::InvalidArgumentError("backup_dir is empty");
  }
  rocksdb::BackupEngine* raw_engine = nullptr;
  ABSL_RETURN_IF_ERROR(FromRocks(rocksdb::BackupEngine::Open(
      rocksdb::BackupEngineOptions(request.backup_dir()), rocksdb::Env::Default(),
      &raw_engine)));
  std::unique_ptr<rocksdb::BackupEngine> engine(raw_engine);
  rocksdb::CreateBackupOptions options;
  // A flush first: the backup then needs no WAL replay to hold every
  // acknowledged write.
  options.flush_before_backup = true;
  rocksdb::BackupID id = 0;
  ABSL_RETURN_IF_ERROR(
      FromRocks(engine->CreateNewBackup(options, db_.get(), &id)));
  rocksdb::BackupInfo info;
  ABSL_RETURN_IF_ERROR(FromRocks(engine->GetBackupInfo(id, &info)));
  internal::v1::CreateBackupResponse response;
  response.set_backup_id(id);
  response.set_size_bytes(info.size);
  response.set_file_count(info.number_files);
  return response;
}

absl::StatusOr<internal::v1::RestoreBackupResponse> Store::RestoreBackup(
    const internal::v1::RestoreBackupRequest& request) const {
  if (request.backup_dir().empty() || request.target_dir().empty()) {
    return absl::InvalidArgumentError("backup_dir and target_dir are needed");
  }
  std::error_code error;
  const std::filesystem::path target(request.target_dir());
  if (std::filesystem::equivalent(target, config_.path, error)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "target_dir ", request.target_dir(), " is this shard's own directory"));
  }
  if (std::filesystem::exists(target, error) &&
      !std::filesystem::is_empty(target, error)) {
    return absl::FailedPreconditionError(absl::StrCat(
        "target_dir ", request.target_dir(), " exists and is not empty"));
  }
  // RocksDB creates the last directory only.
  std::filesystem::create_directories(target, error);
  if (error) {
    return absl::FailedPreconditionError(absl::StrCat(
        "cannot create target_dir ", request.target_dir(), ": ",
        error.message()));
  }
  rocksdb::BackupEngineReadOnly* raw_engine = nullptr;
  ABSL_RETURN_IF_ERROR(FromRocks(rocksdb::BackupEngineReadOnly::Open(
      rocksdb::BackupEngineOptions(request.backup_dir()), rocksdb::Env::Default(),
      &raw_engine)));
  std::unique_ptr<rocksdb::BackupEngineReadOnly> engine(raw_engine);
  rocksdb::BackupInfo info;
  ABSL_RETURN_IF_ERROR(FromRocks(
      request.backup_id() == 0
          ? engine->GetLatestBackupInfo(&info)
          : engine->GetBackupInfo(request.backup_id(), &info)));
  ABSL_RETURN_IF_ERROR(FromRocks(engine->RestoreDBFromBackup(
      rocksdb::RestoreOptions(), info.backup_id, request.target_dir(),
      request.target_dir())));
  internal::v1::RestoreBackupResponse response;
  response.set_backup_id(info.backup_id);
  return response;
}

Store::Health Store::ReadHealth() {
  Health health;
  if (closed_.load()) {
    return health;
  }
  uint64_t value = 0;
  if (db_->GetAggregatedIntProperty("rocksdb.total-sst-files-size", &value)) {
    health.sst_bytes = static_cast<double>(value);
  }
  if (db_->GetAggregatedIntProperty("rocksdb.estimate-pending-compaction-bytes",
                                    &value)) {
    health.pending_compaction_bytes = static_cast<double>(value);
  }
  const std::shared_ptr<rocksdb::Statistics>& statistics =
      db_->GetOptions().statistics;
  if (statistics != nullptr) {
    const double hits = static_cast<double>(
        statistics->getTickerCount(rocksdb::BLOCK_CACHE_HIT));
    const double misses = static_cast<double>(
        statistics->getTickerCount(rocksdb::BLOCK_CACHE_MISS));
    health.block_cache_hit_ratio = hits + misses > 0 ? hits / (hits + misses) : 0;
  }
  return health;
}

absl::StatusOr<internal::v1::ListRecordsResponse> Store::ListRecords(
    const internal::v1::ListRecordsRequest& request) {
  ABSL_RETURN_IF_ERROR(CheckOpen());
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
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(read, cf(Cf::kRecords)));
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

}  // namespace rapporteur::storage
