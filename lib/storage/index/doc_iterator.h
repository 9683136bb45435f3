#ifndef RAPPORTEUR_LIB_STORAGE_INDEX_DOC_ITERATOR_H_
#define RAPPORTEUR_LIB_STORAGE_INDEX_DOC_ITERATOR_H_

#include <rocksdb/db.h>

#include <memory>
#include <roaring/roaring.hh>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "lib/storage/bm25.h"
#include "lib/storage/index/paragraph_table.h"
#include "lib/storage/index/pending_postings.h"
#include "lib/storage/index/posting_block.h"

namespace rapporteur::storage::index {

// What every iterator of one search shares: the snapshot it reads, the
// paragraph table, the statistics it scores with, and the first error met
// (an iterator that fails records it and ends).
struct SearchContext {
  rocksdb::DB* db = nullptr;
  rocksdb::ColumnFamilyHandle* postings = nullptr;
  rocksdb::ColumnFamilyHandle* terms = nullptr;  // for prefix expansion
  rocksdb::ReadOptions read;
  const ParagraphTable* table = nullptr;
  // Postings of the paragraphs not yet flushed into blocks.
  const PendingPostings* pending = nullptr;
  double average_length = 1.0;
  Bm25Params bm25;
  absl::Status error;

  void Fail(absl::Status status) {
    if (error.ok()) {
      error = std::move(status);
    }
  }
};

// Paragraph ids matching part of a query, in ascending order, with scores:
// Lucene's DocIdSetIterator and Scorer in one. id() is 0 before the first
// Next() and kNoParagraph once exhausted.
class DocIterator {
 public:
  virtual ~DocIterator() = default;

  ParagraphId id() const { return id_; }
  // Moves to the next matching id.
  virtual void Next() = 0;
  // Moves to the first matching id at or after `target` (> id()).
  virtual void Advance(ParagraphId target) = 0;
  // Score of the current id.
  virtual double Score() = 0;
  // No id scores more than this: MaxScore pruning leaves out clauses whose
  // bounds together cannot reach the top hits.
  virtual double MaxScore() const = 0;
  // From now on only ids scoring above `score` are wanted: the iterator
  // may skip the others (top-k search, once k hits are held). Returns
  // whether it may; by default it does not.
  virtual bool SetMinCompetitiveScore(double score) {
    (void)score;
    return false;
  }
  // Whether matching ids were skipped for SetMinCompetitiveScore, so that
  // counting the ids seen undercounts the matches.
  virtual bool skipped() const { return false; }
  // This iterator as the postings of one term (whose positions a
  // proximity bonus reads); null for any other iterator.
  virtual class TermIterator* AsTerm() { return nullptr; }

 protected:
  ParagraphId id_ = 0;
};

// The postings of one term: the blocks on disk (read from RocksDB, a
// skipped block costing only its header), then the pending postings in
// memory, walked in chunks of kBlockSize as if they were blocks.
class TermIterator final : public DocIterator {
 public:
  // `idf` is the term's BM25 inverse document frequency. REQUIRES:
  // context->average_length and bm25 are set.
  TermIterator(SearchContext* context, std::string term, double idf);

  void Next() override;
  void Advance(ParagraphId target) override;
  double Score() override;
  // BM25 saturates at idf * (k1 + 1) however often the term occurs.
  double MaxScore() const override;
  TermIterator* AsTerm() override { return this; }

  // Frequency and positions of the term in the current paragraph.
  uint32_t Frequency();
  std::vector<uint32_t> Positions();

  // Best score any paragraph of the current block can get, and the block's
  // last id: a conjunction skips blocks whose bounds sum below the k-th
  // best score (block-max WAND).
  double BlockMaxScore();
  ParagraphId BlockLast() const {
    // A block on disk may reach into the pending ids (after a crash in
    // the middle of a flush); those are read from memory.
    return in_memory_ ? memory_header_.last
                      : std::min(block_.header().last, pending_first_ - 1);
  }
  // Paragraphs holding the term, for ordering conjunctions.
  uint64_t cost() const { return cost_; }
  void set_cost(uint64_t cost) { cost_ = cost; }

 private:
  const BlockHeader& header() const {
    return in_memory_ ? memory_header_ : block_.header();
  }
  // Loads the block the RocksDB iterator is on; past the blocks on disk,
  // goes on to the pending postings.
  void EnterBlock();
  // Moves to pending posting `start`, as the first of a chunk, or ends.
  void EnterMemory(size_t start);
  // Advance() among the pending postings.
  void AdvanceInMemory(ParagraphId target);
  bool EnsureDecoded();
  // Moves to the first id >= target in the current block.
  // REQUIRES: target <= the block's last id.
  void SeekInBlock(ParagraphId target);
  // Advance() among the blocks on disk; may go on into memory.
  void AdvanceOnDisk(ParagraphId target);
  void End() { id_ = kNoParagraph; }
  double TermScore(uint32_t frequency, uint32_t length) const;

  SearchContext* const context_;
  const std::string prefix_;  // "{term}\0"
  const std::string upper_;
  rocksdb::Slice upper_slice_;
  const double idf_;
  // The term's BM25 contribution to a paragraph of `length` tokens holding
  // it tf times, idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * length /
  // average length)), computed as weight * tf / (tf + base + per_token *
  // length): what is the same for every posting is out of the loop.
  const double weight_;
  const double base_;
  const double per_token_;
  std::unique_ptr<rocksdb::Iterator> it_;
  BlockReader block_;
  std::string block_bytes_;  // the block's value, owned (the iterator moves)
  size_t index_ = 0;         // of id_ in the block, once decoded
  bool decoded_ = false;
  uint64_t cost_ = 0;
  // Pending postings of the term (null if none), and where the blocks on
  // disk end: ids from there on are read from memory.
  const PendingList* pending_ = nullptr;
  ParagraphId pending_first_ = kNoParagraph;
  bool in_memory_ = false;
  size_t pos_ = 0;        // index of id_ in pending_
  size_t chunk_end_ = 0;  // end of the current chunk in pending_
  BlockHeader memory_header_;
};

// Paragraphs matching every child; scores add.
std::unique_ptr<DocIterator> MakeConjunction(
    std::vector<std::unique_ptr<DocIterator>> children);
// Paragraphs matching any child; scores of the matching children add.
std::unique_ptr<DocIterator> MakeDisjunction(
    std::vector<std::unique_ptr<DocIterator>> children);
// Paragraphs of `required`, scored by it plus each matching `optional`.
std::unique_ptr<DocIterator> MakeRequiredOptional(
    std::unique_ptr<DocIterator> required,
    std::vector<std::unique_ptr<DocIterator>> optional);
// How the optional clauses of a match count and score (BooleanQuery's
// minimum_should_match, coordination, proximity_window).
struct MatchOptions {
  // Optional clauses that must match; 0 lets a paragraph of `required`
  // match none (without `required`, at least 1 is needed anyway).
  int minimum_should_match = 1;
  // Multiply the optional clauses' score by the share of them matching.
  bool coordination = false;
  // Optional single terms closer than this (in positions) earn a bonus;
  // 0: no bonus.
  uint32_t proximity_window = 0;
};
// Weight of the proximity bonus: each pair of matched optional terms next
// to each other in query order and at distance d <= the window adds
// kProximityWeight * min(score a, score b) * 2 / (d + 1). Below 1, so that
// words standing close break ties between paragraphs with the same words
// rather than outrank one with more of them.
inline constexpr double kProximityWeight = 0.3;
// Paragraphs of `required` (null: of any optional clause) that match at
// least options.minimum_should_match of `optional`; scored by `required`
// plus the matching optional clauses, scaled and raised as `options`
// says. Skips, once given a minimum competitive score, the paragraphs
// whose clauses' MaxScore bounds cannot reach it (MaxScore, Turtle and
// Flood 1995): the optional clauses of lowest bounds stop producing
// candidates and are only looked up for candidates of the others.
std::unique_ptr<DocIterator> MakeMatch(
    std::unique_ptr<DocIterator> required,
    std::vector<std::unique_ptr<DocIterator>> optional, MatchOptions options);
// Paragraphs of `required` not matched by `excluded`.
std::unique_ptr<DocIterator> MakeExclusion(
    std::unique_ptr<DocIterator> required,
    std::unique_ptr<DocIterator> excluded);
// Paragraphs holding the terms at the given offsets from the first.
std::unique_ptr<DocIterator> MakePhrase(
    std::vector<std::unique_ptr<TermIterator>> terms,
    std::vector<uint32_t> offsets);
// The ids of a bitmap, scoring 0: filters and match-all.
std::unique_ptr<DocIterator> MakeBitmapIterator(Bitmap bitmap);

}  // namespace rapporteur::storage::index

#endif  // RAPPORTEUR_LIB_STORAGE_INDEX_DOC_ITERATOR_H_
