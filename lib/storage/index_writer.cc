#include "lib/storage/index_writer.h"

#include <rocksdb/options.h>
#include <rocksdb/sst_file_writer.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "absl/cleanup/cleanup.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "lib/base/log.h"
#include "lib/base/status_macros.h"
#include "lib/storage/counter_merge.h"
#include "lib/storage/keys.h"
#include "lib/storage/rocks_status.h"
#include "lib/storage/varint.h"

namespace rapporteur::storage {
namespace {

// Table files of flushes are named flush-{first unflushed id}.sst, in the
// store's directory, until RocksDB ingests them (and moves them away).
constexpr absl::string_view kFlushFilePrefix = "flush-";
constexpr absl::string_view kFlushFileSuffix = ".sst";

std::string FlushFileName(absl::string_view dir, index::ParagraphId next_id) {
  return absl::StrCat(dir, "/", kFlushFilePrefix, next_id, kFlushFileSuffix);
}

bool IsFlushFileName(absl::string_view name) {
  if (!absl::ConsumePrefix(&name, kFlushFilePrefix) ||
      !absl::ConsumeSuffix(&name, kFlushFileSuffix) || name.empty()) {
    return false;
  }
  for (char c : name) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) {
      return false;
    }
  }
  return true;
}

// Deletes the table files of flushes that did not complete in `dir`: a
// crash (or an I/O error) between writing a flush's file and RocksDB
// ingesting it leaves it there, empty or partial, and the next flush
// writes another name. Safe when no flush runs, which holds while the
// database is being opened: its postings are still pending (their
// `pending_terms` rows go only with the flush's final batch), so the next
// flush writes them again; and a file RocksDB ingested before the crash
// is its own link under RocksDB's name, which stays.
absl::Status RemoveInterruptedFlushes(const std::string& dir) {
  std::error_code error;
  std::vector<std::filesystem::path> leftovers;
  for (std::filesystem::directory_iterator it(dir, error), end;
       !error && it != end; it.increment(error)) {
    if (IsFlushFileName(it->path().filename().string())) {
      leftovers.push_back(it->path());
    }
  }
  if (error) {
    return absl::InternalError(
        absl::StrCat("cannot list ", dir, ": ", error.message()));
  }
  for (const std::filesystem::path& path : leftovers) {
    const uintmax_t size = std::filesystem::file_size(path, error);
    if (!std::filesystem::remove(path, error) && error) {
      return absl::InternalError(
          absl::StrCat("cannot remove ", path.string(), ": ", error.message()));
    }
    LogInfo("removed the table file of an interrupted index flush",
            {{"file", path.string()},
             {"bytes",
              absl::StrCat(size == static_cast<uintmax_t>(-1) ? 0 : size)}});
  }
  return absl::OkStatus();
}

// The document's terms with the number of its paragraphs holding each,
// kept to take its document frequencies back when it is replaced.
// Written in term order (the decoder takes any): neighbours then share
// prefixes, which the table files' compression finds, where the hash
// map's order left it nothing to find.
std::string EncodeDocTerms(const FrequencyDeltas& terms) {
  std::vector<const std::pair<const std::string, int64_t>*> sorted;
  sorted.reserve(terms.size());
  for (const auto& entry : terms) {
    sorted.push_back(&entry);
  }
  std::sort(sorted.begin(), sorted.end(),
            [](const auto* a, const auto* b) { return a->first < b->first; });
  std::string out;
  for (const auto* entry : sorted) {
    PutVarint(&out, entry->first.size());
    out += entry->first;
    PutVarint(&out, static_cast<uint64_t>(entry->second));
  }
  return out;
}

absl::Status DecodeDocTerms(absl::string_view in, FrequencyDeltas* deltas) {
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

}  // namespace

IndexWriter::IndexWriter(const StoreConfig& config) : config_(config) {}

IndexWriter::~IndexWriter() { StopCompactor(); }

void IndexWriter::StartCompactor(RocksDb* db) {
  if (config_.compact_after_removed_paragraphs == 0) {
    return;
  }
  MutexLock lock(&thread_mu_);
  compactor_ = std::thread([this, db] { CompactInBackground(db); });
}

void IndexWriter::StopCompactor() {
  MutexLock lock(&thread_mu_);
  {
    MutexLock compact(&compact_mu_);
    stopping_ = true;
    compact_wanted_.notify_all();
  }
  if (compactor_.joinable()) {
    compactor_.join();
  }
}

void IndexWriter::NoteRemoved(size_t removed) {
  if (config_.compact_after_removed_paragraphs == 0 || removed == 0) {
    return;
  }
  MutexLock lock(&compact_mu_);
  removed_since_compaction_ += removed;
  if (removed_since_compaction_ >= config_.compact_after_removed_paragraphs) {
    compact_wanted_.notify_all();
  }
}

void IndexWriter::CompactInBackground(RocksDb* db) {
  while (true) {
    {
      MutexLock lock(&compact_mu_);
      compact_mu_.Await(
          compact_wanted_, [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(compact_mu_) {
            return stopping_ || removed_since_compaction_ >=
                                    config_.compact_after_removed_paragraphs;
          });
      if (stopping_) {
        return;
      }
      removed_since_compaction_ = 0;
    }
    absl::StatusOr<int64_t> rewritten = CompactIndex(*db);
    if (!rewritten.ok()) {
      LogError("index compaction failed",
               {{"error", std::string(rewritten.status().message())}});
    } else {
      LogInfo("index compacted", {{"terms", absl::StrCat(*rewritten)}});
    }
  }
}

index::ParagraphId IndexWriter::next_id() const {
  ReaderLock read(&table_mu_);
  return table_.next_id();
}

absl::Status IndexWriter::RemoveDocument(const RocksDb& db,
                                         absl::string_view doc_id,
                                         rocksdb::WriteBatch* batch,
                                         FrequencyDeltas* deltas) {
  // Its postings stay in their blocks until CompactIndex(); searches skip
  // its paragraph ids, which are no longer live.
  FrequencyDeltas removed;
  std::string terms;
  rocksdb::Status s = db.db()->Get(rocksdb::ReadOptions(), db.cf(Cf::kMeta),
                                   DocTermsKey(doc_id), &terms);
  if (!s.IsNotFound()) {
    ABSL_RETURN_IF_ERROR(FromRocks(s));
    ABSL_RETURN_IF_ERROR(DecodeDocTerms(terms, &removed));
  }
  ABSL_RETURN_IF_ERROR(
      FromRocks(batch->Delete(db.cf(Cf::kMeta), DocTermsKey(doc_id))));
  ReaderLock read(&table_mu_);
  if (auto range = table_.DocumentRange(doc_id)) {
    for (index::ParagraphId id = range->first;
         id < range->first + range->second; ++id) {
      ABSL_RETURN_IF_ERROR(FromRocks(
          batch->Delete(db.cf(Cf::kParagraphIds), ParagraphIdKey(id))));
    }
    if (range->first < pending_.first_id()) {
      // Its postings are in blocks, counted in the stored frequencies.
      for (const auto& [term, delta] : removed) {
        ABSL_RETURN_IF_ERROR(FromRocks(
            batch->Merge(db.cf(Cf::kTerms), term, EncodeCounter(delta))));
      }
    } else {
      // Still pending: stored frequencies never counted it.
      ABSL_RETURN_IF_ERROR(FromRocks(batch->DeleteRange(
          db.cf(Cf::kPendingTerms), ParagraphIdKey(range->first),
          ParagraphIdKey(range->first + range->second))));
    }
  }
  for (const auto& [term, delta] : removed) {
    (*deltas)[term] += delta;
  }
  return absl::OkStatus();
}

absl::StatusOr<IndexedParagraphs> IndexWriter::AddDocument(
    const RocksDb& db, absl::string_view doc_id,
    const internal::v1::WriteDocumentRequest& request,
    rocksdb::WriteBatch* batch, FrequencyDeltas* deltas) {
  // Each paragraph's id and entry, and its terms, kept until the pending
  // postings are flushed as blocks.
  IndexedParagraphs added;
  added.first_id = next_id();
  added.entries.resize(request.document().paragraphs_size());
  FrequencyDeltas doc_terms;
  for (int i = 0; i < request.document().paragraphs_size(); ++i) {
    const internal::v1::ParagraphTerms& terms = request.paragraph_terms(i);
    const index::ParagraphId id =
        added.first_id + static_cast<index::ParagraphId>(i);
    added.tokens += terms.length();
    index::ParagraphEntry& entry = added.entries[i];
    entry.doc_id = std::string(doc_id);
    entry.ordinal = static_cast<uint32_t>(i);
    entry.length = terms.length();
    // Filters, facets and rank factors as ingest computed them.
    entry.attributes.assign(terms.attributes().begin(),
                            terms.attributes().end());
    entry.boost = terms.boost() > 0 ? terms.boost() : 1.0f;
    ABSL_RETURN_IF_ERROR(
        FromRocks(batch->Put(db.cf(Cf::kParagraphIds), ParagraphIdKey(id),
                             index::EncodeParagraphEntry(entry))));
    ABSL_RETURN_IF_ERROR(
        FromRocks(batch->Put(db.cf(Cf::kPendingTerms), ParagraphIdKey(id),
                             terms.SerializeAsString())));
    absl::flat_hash_set<absl::string_view> seen;
    for (const auto& term : terms.terms()) {
      if (seen.insert(term.term()).second) {
        ++doc_terms[term.term()];
      }
    }
  }
  for (const auto& [term, count] : doc_terms) {
    (*deltas)[term] += count;
  }
  // Stored frequencies count this document when its postings are flushed.
  ABSL_RETURN_IF_ERROR(FromRocks(batch->Put(
      db.cf(Cf::kMeta), DocTermsKey(doc_id), EncodeDocTerms(doc_terms))));
  std::string next_id_value;
  PutBigEndian32(
      &next_id_value,
      added.first_id + static_cast<index::ParagraphId>(added.entries.size()));
  ABSL_RETURN_IF_ERROR(
      FromRocks(batch->Put(db.cf(Cf::kMeta), kNextIdKey, next_id_value)));
  return added;
}

void IndexWriter::Publish(absl::string_view doc_id,
                          const IndexedParagraphs* added,
                          const internal::v1::WriteDocumentRequest* request,
                          const FrequencyDeltas& deltas) {
  WriterLock publish(&table_mu_);
  NoteRemoved(table_.RemoveDocument(doc_id).size());
  if (added != nullptr) {
    for (size_t i = 0; i < added->entries.size(); ++i) {
      const index::ParagraphId id =
          added->first_id + static_cast<index::ParagraphId>(i);
      table_.Add(id, added->entries[i]);
      pending_.Add(id, request->paragraph_terms(static_cast<int>(i)));
    }
  }
  for (const auto& [term, delta] : deltas) {
    table_.AddFrequency(term, delta);
  }
}

void IndexWriter::FlushIfFull(RocksDb& db) {
  bool full = false;
  {
    ReaderLock read(&table_mu_);
    full = pending_.paragraphs() >= config_.index_buffer_paragraphs;
  }
  if (!full) {
    return;
  }
  absl::Status flushed = FlushPending(db);
  if (!flushed.ok()) {
    LogError("flushing pending postings failed",
             {{"error", std::string(flushed.message())}});
  }
}

absl::Status IndexWriter::FlushPending(RocksDb& db) {
  index::ParagraphId next_id = 0;
  rocksdb::WriteBatch batch;
  {
    // Only this thread (holding write_mu_) changes the buffer: reading it
    // shared lets searches go on meanwhile.
    ReaderLock read(&table_mu_);
    next_id = table_.next_id();
    if (pending_.paragraphs() == 0 && pending_.first_id() == next_id) {
      return absl::OkStatus();
    }
    // Blocks go into a table file written here and handed to RocksDB
    // (IngestExternalFile), in key order: no memtable, no log, one
    // sequential write. The frequencies, the end of the pending rows and
    // the new watermark follow in one batch; if the process dies between
    // the two, the blocks of ids at or above the old watermark are ignored
    // by searches (TermIterator) and rewritten, same keys, by the next
    // flush.
    std::vector<const std::pair<const std::string, index::PendingList>*> sorted;
    sorted.reserve(pending_.lists().size());
    for (const auto& entry : pending_.lists()) {
      sorted.push_back(&entry);
    }
    std::sort(sorted.begin(), sorted.end(),
              [](const auto* a, const auto* b) { return a->first < b->first; });

    const std::string file = FlushFileName(config_.path, next_id);
    rocksdb::SstFileWriter writer(rocksdb::EnvOptions(), db.options(),
                                  db.cf(Cf::kPostings));
    // A flush that fails before RocksDB took the file leaves no file
    // behind (a crash may: see RemoveInterruptedFlushes()).
    absl::Cleanup remove_file = [&file] {
      std::error_code ignored;
      std::filesystem::remove(file, ignored);
    };
    ABSL_RETURN_IF_ERROR(FromRocks(writer.Open(file)));
    // Reused from term to term: a flush allocates per term at most.
    index::PostingColumns live;
    std::vector<uint32_t> lengths;
    size_t entries = 0;  // of the table file
    for (const auto* entry : sorted) {
      const std::string& term = entry->first;
      const index::PendingList& list = entry->second;
      // Postings of paragraphs already deleted are left out.
      live.Clear();
      lengths.clear();
      for (size_t i = 0; i < list.ids.size(); ++i) {
        const index::ParagraphId id = list.ids[i];
        if (!table_.IsLive(id)) {
          continue;
        }
        live.AppendFrom(list, i);
        lengths.push_back(table_.norm(id).length);
      }
      if (live.size() == 0) {
        continue;
      }
      for (const auto& [first, block] : index::EncodeBlocks(live, lengths)) {
        ABSL_RETURN_IF_ERROR(
            FromRocks(writer.Put(BlockKey(term, first), block)));
        ++entries;
      }
      ABSL_RETURN_IF_ERROR(FromRocks(
          batch.Merge(db.cf(Cf::kTerms), term,
                      EncodeCounter(static_cast<int64_t>(live.size())))));
    }
    if (entries > 0) {
      ABSL_RETURN_IF_ERROR(FromRocks(writer.Finish()));
      rocksdb::IngestExternalFileOptions ingest;
      ingest.move_files = true;
      ABSL_RETURN_IF_ERROR(FromRocks(
          db.db()->IngestExternalFile(db.cf(Cf::kPostings), {file}, ingest)));
      std::move(remove_file).Cancel();
    } else {
      writer.Finish().PermitUncheckedError();  // nothing to write: no file
    }
    ABSL_RETURN_IF_ERROR(FromRocks(batch.DeleteRange(
        db.cf(Cf::kPendingTerms), ParagraphIdKey(pending_.first_id()),
        ParagraphIdKey(next_id))));
  }
  std::string flushed;
  PutBigEndian32(&flushed, next_id);
  ABSL_RETURN_IF_ERROR(
      FromRocks(batch.Put(db.cf(Cf::kMeta), kFlushedIdKey, flushed)));
  // Synced: once the pending rows are gone, the blocks must stay.
  ABSL_RETURN_IF_ERROR(FromRocks(db.db()->Write(db.write_options(), &batch)));
  WriterLock publish(&table_mu_);
  pending_.Clear(next_id);
  return absl::OkStatus();
}

absl::Status IndexWriter::Load(const RocksDb& db) {
  // Open, the database holds its directory's lock: no other process
  // flushes there, and this one flushes only after Load().
  ABSL_RETURN_IF_ERROR(RemoveInterruptedFlushes(config_.path));
  WriterLock lock(&table_mu_);
  rocksdb::DB* const rocks = db.db();
  rocksdb::ReadOptions read;
  std::unique_ptr<rocksdb::Iterator> it(
      rocks->NewIterator(read, db.cf(Cf::kParagraphIds)));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    if (it->key().size() != 4) {
      return absl::DataLossError("malformed paragraph id key");
    }
    ABSL_ASSIGN_OR_RETURN(index::ParagraphEntry entry,
                          index::DecodeParagraphEntry(absl::string_view(
                              it->value().data(), it->value().size())));
    table_.Add(GetBigEndian32(absl::string_view(it->key().data(), 4)), entry);
  }
  ABSL_RETURN_IF_ERROR(FromRocks(it->status()));
  it.reset(rocks->NewIterator(read, db.cf(Cf::kTerms)));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    if (it->value().size() != 8) {
      return absl::DataLossError("malformed term frequency");
    }
    table_.AddFrequency(absl::string_view(it->key().data(), it->key().size()),
                        DecodeCounter(absl::string_view(it->value().data(),
                                                        it->value().size())));
  }
  ABSL_RETURN_IF_ERROR(FromRocks(it->status()));
  // Ids of deleted paragraphs at the end are never given again: their
  // postings may still be in blocks.
  std::string next_id;
  rocksdb::Status s = rocks->Get(read, db.cf(Cf::kMeta), kNextIdKey, &next_id);
  if (s.ok() && next_id.size() == 4) {
    table_.SetNextId(GetBigEndian32(next_id));
  } else if (!s.IsNotFound()) {
    return s.ok() ? absl::DataLossError("malformed next paragraph id")
                  : FromRocks(s);
  }
  // The postings of paragraphs written since the last flush, rebuilt from
  // their terms.
  std::string flushed;
  s = rocks->Get(read, db.cf(Cf::kMeta), kFlushedIdKey, &flushed);
  if (s.ok() && flushed.size() == 4) {
    pending_.Clear(GetBigEndian32(flushed));
  } else if (!s.IsNotFound()) {
    return s.ok() ? absl::DataLossError("malformed flushed paragraph id")
                  : FromRocks(s);
  }
  it.reset(rocks->NewIterator(read, db.cf(Cf::kPendingTerms)));
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

absl::StatusOr<int64_t> IndexWriter::CompactIndex(RocksDb& db) {
  int64_t rewritten = 0;
  std::string next_term;  // compaction resumes at this key
  while (true) {
    // One term per turn of the locks, so writes and Close() wait for one
    // term at most.
    ReaderLock open(db.mu());
    ABSL_RETURN_IF_ERROR(db.CheckOpen());
    MutexLock lock(&write_mu_);
    // Only this thread (holding write_mu_) changes the table: reading it
    // shared lets searches go on meanwhile.
    ReaderLock read(&table_mu_);
    std::unique_ptr<rocksdb::Iterator> it(
        db.db()->NewIterator(rocksdb::ReadOptions(), db.cf(Cf::kPostings)));
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
          GetBigEndian32(absl::string_view(key.data() + prefix.size(), 4)),
          value));
      ABSL_RETURN_IF_ERROR(block.DecodeIds());
      for (size_t i = 0; i < block.ids().size(); ++i) {
        ++postings;
        if (!table_.IsLive(block.ids()[i])) {
          continue;
        }
        ABSL_ASSIGN_OR_RETURN(std::vector<uint32_t> positions,
                              block.Positions(i));
        live.push_back(index::Posting{block.ids()[i], std::move(positions)});
      }
    }
    ABSL_RETURN_IF_ERROR(FromRocks(it->status()));
    // A few extra blocks cost a query a few steps; rewriting every term
    // that gained a partial block at each flush would cost more.
    constexpr size_t kToleratedExtraBlocks = 8;
    const size_t full_blocks =
        (live.size() + index::kBlockSize - 1) / index::kBlockSize;
    if (live.size() * 10 >= postings * 9 &&
        keys.size() <= full_blocks + kToleratedExtraBlocks) {
      continue;  // compact enough
    }
    rocksdb::WriteBatch batch;
    for (const std::string& key : keys) {
      ABSL_RETURN_IF_ERROR(FromRocks(batch.Delete(db.cf(Cf::kPostings), key)));
    }
    std::vector<uint32_t> lengths;
    for (const index::Posting& posting : live) {
      lengths.push_back(table_.row(posting.id).length);
    }
    for (const auto& [first, block] : index::EncodeBlocks(live, lengths)) {
      ABSL_RETURN_IF_ERROR(FromRocks(
          batch.Put(db.cf(Cf::kPostings), BlockKey(term, first), block)));
    }
    // Not synced: the blocks say again what is already durable.
    ABSL_RETURN_IF_ERROR(
        FromRocks(db.db()->Write(rocksdb::WriteOptions(), &batch)));
    ++rewritten;
  }
}

index::SearchContext IndexWriter::Context(
    const RocksDb& db, const rocksdb::Snapshot* snapshot) const {
  index::SearchContext context;
  context.db = db.db();
  context.postings = db.cf(Cf::kPostings);
  context.terms = db.cf(Cf::kTerms);
  context.read.snapshot = snapshot;
  context.table = &table_;
  context.pending = &pending_;
  return context;
}

}  // namespace rapporteur::storage
