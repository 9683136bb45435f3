#include "lib/storage/index/doc_iterator.h"

#include <algorithm>
#include <utility>

#include "lib/storage/keys.h"
#include "lib/storage/rocks_status.h"

namespace rapporteur::storage::index {

// ---------------------------------------------------------------- TermIterator

TermIterator::TermIterator(SearchContext* context, std::string term, double idf)
    : context_(context),
      prefix_(TermPrefix(term)),
      upper_(PrefixEnd(prefix_)),
      upper_slice_(upper_),
      idf_(idf),
      weight_(idf * (context->bm25.k1 + 1.0)),
      base_(context->bm25.k1 * (1.0 - context->bm25.b)),
      per_token_(
          context->bm25.k1 * context->bm25.b /
          (context->average_length > 0 ? context->average_length : 1.0)) {
  rocksdb::ReadOptions read = context_->read;
  read.iterate_upper_bound = &upper_slice_;
  it_.reset(context_->db->NewIterator(read, context_->postings));
  if (context_->pending != nullptr) {
    pending_ = context_->pending->Find(term);
    pending_first_ = context_->pending->first_id();
  }
}

void TermIterator::EnterMemory(size_t start) {
  if (pending_ == nullptr || start >= pending_->ids.size()) {
    End();
    return;
  }
  in_memory_ = true;
  pos_ = start;
  chunk_end_ = std::min(pending_->ids.size(), start + kBlockSize);
  memory_header_.count = static_cast<uint32_t>(chunk_end_ - start);
  memory_header_.first = pending_->ids[start];
  memory_header_.last = pending_->ids[chunk_end_ - 1];
  memory_header_.max_frequency = 0;
  memory_header_.min_length = 0xffffffffu;
  for (size_t i = start; i < chunk_end_; ++i) {
    memory_header_.max_frequency =
        std::max(memory_header_.max_frequency, pending_->frequency(i));
    memory_header_.min_length =
        std::min(memory_header_.min_length,
                 context_->table->norm(pending_->ids[i]).length);
  }
  id_ = pending_->ids[pos_];
}

void TermIterator::AdvanceInMemory(ParagraphId target) {
  if (id_ >= target) {
    return;
  }
  const auto& ids = pending_->ids;
  if (target <= memory_header_.last) {
    pos_ = static_cast<size_t>(
        std::lower_bound(ids.begin() + pos_, ids.begin() + chunk_end_, target) -
        ids.begin());
    id_ = ids[pos_];
    return;
  }
  EnterMemory(static_cast<size_t>(
      std::lower_bound(ids.begin() + chunk_end_, ids.end(), target) -
      ids.begin()));
}

void TermIterator::EnterBlock() {
  if (!it_->Valid()) {
    if (!it_->status().ok()) {
      context_->Fail(FromRocks(it_->status()));
      End();
      return;
    }
    EnterMemory(0);
    return;
  }
  const rocksdb::Slice key = it_->key();
  if (key.size() != prefix_.size() + 4) {
    context_->Fail(absl::DataLossError("malformed posting block key"));
    End();
    return;
  }
  if (GetBigEndian32(absl::string_view(key.data() + prefix_.size(), 4)) >=
      pending_first_) {
    // Blocks just flushed from the pending postings this search reads.
    EnterMemory(0);
    return;
  }
  block_bytes_.assign(it_->value().data(), it_->value().size());
  absl::Status status = block_.Reset(
      GetBigEndian32(absl::string_view(key.data() + prefix_.size(), 4)),
      block_bytes_);
  if (!status.ok()) {
    context_->Fail(std::move(status));
    End();
    return;
  }
  decoded_ = false;
  index_ = 0;
  id_ = block_.header().first;
}

bool TermIterator::EnsureDecoded() {
  if (decoded_ || in_memory_) {
    return true;
  }
  absl::Status status = block_.DecodeIds();
  if (!status.ok()) {
    context_->Fail(std::move(status));
    End();
    return false;
  }
  decoded_ = true;
  return true;
}

void TermIterator::Next() {
  if (id_ == kNoParagraph) {
    return;
  }
  if (id_ == 0) {
    it_->Seek(prefix_);
    EnterBlock();
    return;
  }
  if (in_memory_) {
    if (++pos_ == chunk_end_) {
      EnterMemory(pos_);
    } else {
      id_ = pending_->ids[pos_];
    }
    return;
  }
  if (id_ == block_.header().last) {
    it_->Next();
    EnterBlock();
    return;
  }
  if (!EnsureDecoded()) {
    return;
  }
  id_ = block_.ids()[++index_];
  if (id_ >= pending_first_) {
    EnterMemory(0);
  }
}

void TermIterator::Advance(ParagraphId target) {
  if (id_ == kNoParagraph || id_ >= target) {
    return;
  }
  if (target == kNoParagraph) {
    End();
    return;
  }
  if (!in_memory_) {
    AdvanceOnDisk(target);
  }
  if (in_memory_ && id_ != kNoParagraph) {
    AdvanceInMemory(target);
  }
}

void TermIterator::AdvanceOnDisk(ParagraphId target) {
  if (id_ != 0 && target <= block_.header().last) {
    SeekInBlock(target);
    return;
  }
  if (id_ != 0) {
    // Conjunctions mostly move to the next block: a step beats a seek.
    it_->Next();
    EnterBlock();
    if (in_memory_ || id_ == kNoParagraph || id_ >= target) {
      return;
    }
    if (target <= block_.header().last) {
      SeekInBlock(target);
      return;
    }
  }
  // The block holding `target` is the last one starting at or before it.
  std::string key = prefix_;
  PutBigEndian32(&key, target);
  it_->SeekForPrev(key);
  if (!it_->Valid() || !it_->key().starts_with(prefix_)) {
    if (!it_->status().ok()) {
      context_->Fail(FromRocks(it_->status()));
      End();
      return;
    }
    it_->Seek(prefix_);  // every block starts after target
  }
  EnterBlock();
  while (!in_memory_ && id_ != kNoParagraph && block_.header().last < target) {
    it_->Next();
    EnterBlock();
  }
  if (!in_memory_ && id_ != kNoParagraph && id_ < target) {
    SeekInBlock(target);
  }
}

void TermIterator::SeekInBlock(ParagraphId target) {
  if (!EnsureDecoded()) {
    return;
  }
  const auto& ids = block_.ids();
  index_ = static_cast<size_t>(
      std::lower_bound(ids.begin() + index_, ids.end(), target) - ids.begin());
  id_ = ids[index_];  // exists: target <= last
  if (id_ >= pending_first_) {
    EnterMemory(0);
    if (id_ != kNoParagraph) {
      AdvanceInMemory(target);
    }
  }
}

double TermIterator::TermScore(uint32_t frequency, uint32_t length) const {
  // Called for every posting scored: one division.
  const double tf = static_cast<double>(frequency);
  return weight_ * tf / (tf + base_ + per_token_ * static_cast<double>(length));
}

uint32_t TermIterator::Frequency() {
  if (in_memory_) {
    return pending_->frequency(pos_);
  }
  if (!EnsureDecoded()) {
    return 0;
  }
  return block_.frequencies()[index_];
}

double TermIterator::Score() {
  const uint32_t frequency = Frequency();
  if (id_ == kNoParagraph) {
    return 0;
  }
  const ParagraphTable::Norm norm = context_->table->norm(id_);
  return TermScore(frequency, norm.length) * norm.boost;
}

std::vector<uint32_t> TermIterator::Positions() {
  if (in_memory_) {
    return std::vector<uint32_t>(
        pending_->positions.begin() + pending_->begin[pos_],
        pending_->positions.begin() + pending_->begin[pos_ + 1]);
  }
  if (!EnsureDecoded()) {
    return {};
  }
  absl::StatusOr<std::vector<uint32_t>> positions = block_.Positions(index_);
  if (!positions.ok()) {
    context_->Fail(positions.status());
    return {};
  }
  return *std::move(positions);
}

double TermIterator::MaxScore() const {
  return idf_ * (context_->bm25.k1 + 1.0) * context_->table->max_boost();
}

double TermIterator::BlockMaxScore() {
  return TermScore(header().max_frequency,
                   std::max<uint32_t>(header().min_length, 1)) *
         context_->table->max_boost();
}

namespace {

double SumOfMaxScores(const std::vector<std::unique_ptr<DocIterator>>& its) {
  double bound = 0;
  for (const auto& it : its) {
    bound += it->MaxScore();
  }
  return bound;
}

// ----------------------------------------------------------------- Conjunction

class Conjunction final : public DocIterator {
 public:
  explicit Conjunction(std::vector<std::unique_ptr<DocIterator>> children)
      : children_(std::move(children)) {}

  void Next() override {
    if (id_ == kNoParagraph) {
      return;
    }
    children_[0]->Next();
    Align();
  }
  void Advance(ParagraphId target) override {
    if (id_ == kNoParagraph) {
      return;
    }
    children_[0]->Advance(target);
    Align();
  }
  double Score() override {
    double score = 0;
    for (auto& child : children_) {
      score += child->Score();
    }
    return score;
  }
  double MaxScore() const override { return SumOfMaxScores(children_); }

 private:
  // Leapfrog from the lead (children_[0], the cheapest) until every child
  // is on the same id.
  void Align() {
    ParagraphId candidate = children_[0]->id();
    bool aligned = false;
    while (candidate != kNoParagraph && !aligned) {
      aligned = true;
      for (size_t i = 1; i < children_.size(); ++i) {
        DocIterator& child = *children_[i];
        if (child.id() < candidate) {
          child.Advance(candidate);
        }
        if (child.id() != candidate) {
          children_[0]->Advance(child.id());
          candidate = children_[0]->id();
          aligned = false;
          break;
        }
      }
    }
    id_ = candidate;
  }

  std::vector<std::unique_ptr<DocIterator>> children_;
};

// ----------------------------------------------------------------- Disjunction

class Disjunction final : public DocIterator {
 public:
  explicit Disjunction(std::vector<std::unique_ptr<DocIterator>> children)
      : children_(std::move(children)) {}

  void Next() override {
    if (id_ == kNoParagraph) {
      return;
    }
    for (auto& child : children_) {
      if (child->id() == id_) {
        child->Next();
      }
    }
    Settle();
  }
  void Advance(ParagraphId target) override {
    if (id_ == kNoParagraph) {
      return;
    }
    for (auto& child : children_) {
      if (child->id() < target) {
        child->Advance(target);
      }
    }
    Settle();
  }
  double Score() override {
    double score = 0;
    for (auto& child : children_) {
      if (child->id() == id_) {
        score += child->Score();
      }
    }
    return score;
  }
  double MaxScore() const override { return SumOfMaxScores(children_); }

 private:
  void Settle() {
    ParagraphId lowest = kNoParagraph;
    for (auto& child : children_) {
      if (child->id() == 0) {
        child->Next();
      }
      lowest = std::min(lowest, child->id());
    }
    id_ = lowest;
  }

  std::vector<std::unique_ptr<DocIterator>> children_;
};

// ---------------------------------------------------------- RequiredOptional

class RequiredOptional final : public DocIterator {
 public:
  RequiredOptional(std::unique_ptr<DocIterator> required,
                   std::vector<std::unique_ptr<DocIterator>> optional)
      : required_(std::move(required)), optional_(std::move(optional)) {}

  void Next() override {
    required_->Next();
    id_ = required_->id();
  }
  void Advance(ParagraphId target) override {
    required_->Advance(target);
    id_ = required_->id();
  }
  double Score() override {
    double score = required_->Score();
    for (auto& child : optional_) {
      if (child->id() < id_) {
        child->Advance(id_);
      }
      if (child->id() == id_) {
        score += child->Score();
      }
    }
    return score;
  }
  double MaxScore() const override {
    return required_->MaxScore() + SumOfMaxScores(optional_);
  }

 private:
  std::unique_ptr<DocIterator> required_;
  std::vector<std::unique_ptr<DocIterator>> optional_;
};

// ------------------------------------------------------------------ Exclusion

class Exclusion final : public DocIterator {
 public:
  Exclusion(std::unique_ptr<DocIterator> required,
            std::unique_ptr<DocIterator> excluded)
      : required_(std::move(required)), excluded_(std::move(excluded)) {}

  void Next() override {
    required_->Next();
    Skip();
  }
  void Advance(ParagraphId target) override {
    required_->Advance(target);
    Skip();
  }
  double Score() override { return required_->Score(); }
  double MaxScore() const override { return required_->MaxScore(); }
  // Excluding ids changes no score: the required side may prune.
  bool SetMinCompetitiveScore(double score) override {
    return required_->SetMinCompetitiveScore(score);
  }
  bool skipped() const override { return required_->skipped(); }

 private:
  void Skip() {
    while (required_->id() != kNoParagraph) {
      if (excluded_->id() < required_->id()) {
        excluded_->Advance(required_->id());
      }
      if (excluded_->id() != required_->id()) {
        break;
      }
      required_->Next();
    }
    id_ = required_->id();
  }

  std::unique_ptr<DocIterator> required_;
  std::unique_ptr<DocIterator> excluded_;
};

// --------------------------------------------------------------------- Phrase

class Phrase final : public DocIterator {
 public:
  Phrase(std::vector<std::unique_ptr<TermIterator>> terms,
         std::vector<uint32_t> offsets)
      : terms_(std::move(terms)), offsets_(std::move(offsets)) {}

  void Next() override { Step(id_ + 1); }
  void Advance(ParagraphId target) override { Step(target); }
  double Score() override {
    double score = 0;
    for (auto& term : terms_) {
      score += term->Score();
    }
    return score;
  }
  double MaxScore() const override {
    double bound = 0;
    for (const auto& term : terms_) {
      bound += term->MaxScore();
    }
    return bound;
  }

 private:
  // The first id at or after `target` holding every term, in order.
  void Step(ParagraphId target) {
    while (true) {
      ParagraphId candidate = target;
      bool aligned = false;
      while (!aligned) {
        aligned = true;
        for (auto& term : terms_) {
          if (term->id() < candidate) {
            term->Advance(candidate);
          }
          if (term->id() == kNoParagraph) {
            id_ = kNoParagraph;
            return;
          }
          if (term->id() > candidate) {
            candidate = term->id();
            aligned = false;
          }
        }
      }
      if (PositionsMatch()) {
        id_ = candidate;
        return;
      }
      target = candidate + 1;
    }
  }

  bool PositionsMatch() {
    std::vector<std::vector<uint32_t>> positions;
    positions.reserve(terms_.size());
    for (auto& term : terms_) {
      positions.push_back(term->Positions());
    }
    for (uint32_t start : positions[0]) {
      bool all = true;
      for (size_t i = 1; i < terms_.size() && all; ++i) {
        const uint32_t want = start - offsets_[0] + offsets_[i];
        all =
            std::binary_search(positions[i].begin(), positions[i].end(), want);
      }
      if (all) {
        return true;
      }
    }
    return false;
  }

  std::vector<std::unique_ptr<TermIterator>> terms_;
  std::vector<uint32_t> offsets_;
};

// --------------------------------------------------------------------- Bitmap

class BitmapIterator final : public DocIterator {
 public:
  explicit BitmapIterator(Bitmap bitmap) : bitmap_(std::move(bitmap)) {
    roaring_init_iterator(&bitmap_.roaring, &it_);
  }

  void Next() override {
    if (id_ == kNoParagraph) {
      return;
    }
    if (id_ != 0) {
      roaring_advance_uint32_iterator(&it_);
    }
    id_ = it_.has_value ? it_.current_value : kNoParagraph;
  }
  void Advance(ParagraphId target) override {
    if (id_ == kNoParagraph) {
      return;
    }
    roaring_move_uint32_iterator_equalorlarger(&it_, target);
    id_ = it_.has_value ? it_.current_value : kNoParagraph;
  }
  double Score() override { return 0; }
  double MaxScore() const override { return 0; }

 private:
  Bitmap bitmap_;
  roaring_uint32_iterator_t it_;
};

}  // namespace

std::unique_ptr<DocIterator> MakeConjunction(
    std::vector<std::unique_ptr<DocIterator>> children) {
  if (children.size() == 1) {
    return std::move(children[0]);
  }
  return std::make_unique<Conjunction>(std::move(children));
}

std::unique_ptr<DocIterator> MakeDisjunction(
    std::vector<std::unique_ptr<DocIterator>> children) {
  if (children.size() == 1) {
    return std::move(children[0]);
  }
  return std::make_unique<Disjunction>(std::move(children));
}

std::unique_ptr<DocIterator> MakeRequiredOptional(
    std::unique_ptr<DocIterator> required,
    std::vector<std::unique_ptr<DocIterator>> optional) {
  if (optional.empty()) {
    return required;
  }
  return std::make_unique<RequiredOptional>(std::move(required),
                                            std::move(optional));
}

std::unique_ptr<DocIterator> MakeExclusion(
    std::unique_ptr<DocIterator> required,
    std::unique_ptr<DocIterator> excluded) {
  return std::make_unique<Exclusion>(std::move(required), std::move(excluded));
}

std::unique_ptr<DocIterator> MakePhrase(
    std::vector<std::unique_ptr<TermIterator>> terms,
    std::vector<uint32_t> offsets) {
  return std::make_unique<Phrase>(std::move(terms), std::move(offsets));
}

std::unique_ptr<DocIterator> MakeBitmapIterator(Bitmap bitmap) {
  return std::make_unique<BitmapIterator>(std::move(bitmap));
}

}  // namespace rapporteur::storage::index
