// MakeMatch: optional clauses with a minimum that must match, coordination
// and a proximity bonus, pruned by MaxScore (doc_iterator.h).
//
// Invariants of Match:
//   - clauses_ are sorted by bound, lowest first; below_[k] is the sum of
//     the bounds of clauses_[0, k).
//   - clauses_[0, first_essential_) are non-essential: a paragraph that
//     matches none of the others either matches fewer than
//     minimum_should_match clauses or cannot score above threshold_. Only
//     the essential clauses produce candidates; the others are advanced to
//     a candidate when it still may make the cut.
//   - every clause's id is at most the next candidate's (clauses only move
//     forward, to a target no later than the candidate they are asked for).

#include <algorithm>
#include <limits>
#include <utility>

#include "lib/storage/index/doc_iterator.h"

namespace rapporteur::storage::index {
namespace {

// Floating-point sums of bounds may round below the exact sum of the
// scores they bound: a candidate is pruned only when its bound is below
// the threshold by more than this share.
constexpr double kBoundSlack = 1e-9;

void AdvanceTo(DocIterator& it, ParagraphId target) {
  if (it.id() < target) {
    it.Advance(target);
  }
}

// Smallest distance between a position of `a` and one of `b` (both
// sorted); max() when either is empty.
uint32_t MinDistance(const std::vector<uint32_t>& a,
                     const std::vector<uint32_t>& b) {
  uint32_t best = std::numeric_limits<uint32_t>::max();
  size_t i = 0;
  size_t j = 0;
  while (i < a.size() && j < b.size()) {
    const uint32_t distance = a[i] < b[j] ? b[j] - a[i] : a[i] - b[j];
    best = std::min(best, distance);
    if (a[i] < b[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return best;
}

class Match final : public DocIterator {
 public:
  Match(std::unique_ptr<DocIterator> required,
        std::vector<std::unique_ptr<DocIterator>> optional,
        MatchOptions options)
      : required_(std::move(required)), options_(options) {
    const size_t n = optional.size();
    clauses_.reserve(n);
    for (size_t i = 0; i < n; ++i) {
      Clause clause;
      clause.it = std::move(optional[i]);
      clause.term = clause.it->AsTerm();
      clause.query_order = i;
      // A term may earn the proximity bonus: kProximityWeight times at
      // most its score (it stands in at most two pairs, with half of the
      // lesser score of each at most its own).
      const bool bonus = options_.proximity_window > 0 && clause.term;
      clause.factor = bonus ? 1 + kProximityWeight : 1;
      clause.bound = clause.it->MaxScore() * clause.factor;
      clauses_.push_back(std::move(clause));
    }
    std::stable_sort(
        clauses_.begin(), clauses_.end(),
        [](const Clause& a, const Clause& b) { return a.bound < b.bound; });
    by_query_order_.resize(n);
    below_.assign(n + 1, 0);
    for (size_t k = 0; k < n; ++k) {
      by_query_order_[clauses_[k].query_order] = k;
      below_[k + 1] = below_[k] + clauses_[k].bound;
    }
    required_bound_ = required_ ? required_->MaxScore() : 0;
    minimum_ =
        std::clamp<int>(options_.minimum_should_match, 0, static_cast<int>(n));
    // Without a scoring required side, candidates come from the optional
    // clauses, of which at least one must then match.
    drive_by_required_ =
        required_ != nullptr && (required_bound_ > 0 || minimum_ == 0);
    if (!drive_by_required_) {
      minimum_ = std::max(minimum_, 1);
    }
    Split();
  }

  void Next() override {
    if (id_ == kNoParagraph) {
      return;
    }
    Find(id_ + 1);
  }
  void Advance(ParagraphId target) override {
    if (id_ == kNoParagraph) {
      return;
    }
    Find(target);
  }
  double Score() override { return score_; }
  double MaxScore() const override { return required_bound_ + below_.back(); }
  bool SetMinCompetitiveScore(double score) override {
    threshold_ = std::max(threshold_, score);
    pruning_ = true;
    Split();
    return true;
  }
  bool skipped() const override { return skipped_; }

 private:
  struct Clause {
    std::unique_ptr<DocIterator> it;
    TermIterator* term = nullptr;  // it, when a single term
    size_t query_order = 0;
    double factor = 1;  // of its score, for the bonus it may earn
    double bound = 0;   // its MaxScore times factor
    // At the current candidate:
    bool matched = false;
    double score = 0;
  };

  bool CannotReach(double bound) const {
    return pruning_ && bound * (1 + kBoundSlack) <= threshold_;
  }

  // Moves clauses to the non-essential side while a paragraph matching
  // only them cannot make the cut.
  void Split() {
    const size_t n = clauses_.size();
    size_t first = static_cast<size_t>(std::max(minimum_ - 1, 0));
    while (first < n && CannotReach(required_bound_ + below_[first + 1])) {
      ++first;
    }
    first_essential_ = first;
  }

  void Find(ParagraphId target) {
    if (drive_by_required_) {
      FindFromRequired(target);
    } else {
      FindFromOptional(target);
    }
  }

  void End() { id_ = kNoParagraph; }

  // Candidates are the ids of the essential clauses; `required` filters.
  void FindFromOptional(ParagraphId target) {
    const size_t n = clauses_.size();
    while (true) {
      if (first_essential_ >= n || target == kNoParagraph) {
        // No paragraph can make the cut any more.
        skipped_ = skipped_ || first_essential_ >= n;
        End();
        return;
      }
      ParagraphId candidate = kNoParagraph;
      for (size_t k = first_essential_; k < n; ++k) {
        AdvanceTo(*clauses_[k].it, target);
        candidate = std::min(candidate, clauses_[k].it->id());
      }
      if (candidate == kNoParagraph) {
        End();
        return;
      }
      if (required_ != nullptr) {
        AdvanceTo(*required_, candidate);
        if (required_->id() != candidate) {
          if (required_->id() == kNoParagraph) {
            End();
            return;
          }
          target = required_->id();
          continue;
        }
      }
      // The bounds of the blocks the matching clauses stand in first:
      // scoring reads each clause's frequency and the paragraph's length
      // (a cache miss in a large shard), which a candidate whose blocks
      // cannot reach the threshold never needs (block-max MaxScore).
      double block_bound = required_bound_ + below_[first_essential_];
      for (size_t k = first_essential_; k < n; ++k) {
        Clause& clause = clauses_[k];
        clause.matched = clause.it->id() == candidate;
        if (clause.matched) {
          block_bound += clause.term != nullptr
                             ? clause.term->BlockMaxScore() * clause.factor
                             : clause.bound;
        }
      }
      if (CannotReach(block_bound)) {
        skipped_ = true;
        target = candidate + 1;
        continue;
      }
      int count = 0;
      double bound = required_bound_;
      for (size_t k = first_essential_; k < n; ++k) {
        Clause& clause = clauses_[k];
        if (clause.matched) {
          clause.score = clause.it->Score();
          bound += clause.score * clause.factor;
          ++count;
        }
      }
      ParagraphId next = candidate + 1;
      if (Complete(candidate, count, bound, &next)) {
        id_ = candidate;
        score_ = ScoreOf(required_ ? required_->Score() : 0);
        return;
      }
      target = next;
    }
  }

  // Candidates are the ids of `required`; every optional clause is looked
  // up.
  void FindFromRequired(ParagraphId target) {
    while (true) {
      AdvanceTo(*required_, target);
      const ParagraphId candidate = required_->id();
      if (candidate == kNoParagraph) {
        End();
        return;
      }
      const double required_score = required_->Score();
      ParagraphId next = candidate + 1;
      if (LookUp(candidate, clauses_.size(), 0, required_score + below_.back(),
                 &next)) {
        id_ = candidate;
        score_ = ScoreOf(required_score);
        return;
      }
      target = next;
    }
  }

  // Looks the non-essential clauses up for `candidate`, which `count`
  // essential clauses match for a bound of `bound` so far. True when the
  // candidate matches enough clauses and may make the cut; else sets
  // *next past it.
  bool Complete(ParagraphId candidate, int count, double bound,
                ParagraphId* next) {
    return LookUp(candidate, first_essential_, count,
                  bound + below_[first_essential_], next);
  }

  // Advances clauses_[0, end) to `candidate`, highest bound first, giving
  // up as soon as the candidate cannot match `minimum_` clauses or
  // `bound` (which counts every clause of [0, end) at its bound) cannot
  // reach the threshold.
  bool LookUp(ParagraphId candidate, size_t end, int count, double bound,
              ParagraphId* next) {
    const int needed = minimum_;
    const bool all_needed = needed == static_cast<int>(clauses_.size());
    for (size_t k = end; k-- > 0;) {
      Clause& clause = clauses_[k];
      clause.matched = false;
      if (count + static_cast<int>(k) + 1 < needed) {
        return false;
      }
      if (CannotReach(bound)) {
        skipped_ = true;
        return false;
      }
      AdvanceTo(*clause.it, candidate);
      bound -= clause.bound;
      if (clause.it->id() == candidate) {
        clause.matched = true;
        clause.score = clause.it->Score();
        bound += clause.score * clause.factor;
        ++count;
      } else if (all_needed) {
        // Every clause must match: none can before this one's next id.
        *next = std::max(*next, clause.it->id());
        return false;
      }
    }
    if (count < needed) {
      return false;
    }
    if (CannotReach(bound)) {
      skipped_ = true;
      return false;
    }
    return true;
  }

  // The score of the current candidate, whose matching clauses are marked.
  double ScoreOf(double required_score) {
    double optional = 0;
    int count = 0;
    for (const Clause& clause : clauses_) {
      if (clause.matched) {
        optional += clause.score;
        ++count;
      }
    }
    if (options_.proximity_window > 0 && count > 1) {
      optional += ProximityBonus();
    }
    if (options_.coordination && !clauses_.empty()) {
      optional *=
          static_cast<double>(count) / static_cast<double>(clauses_.size());
    }
    return required_score + optional;
  }

  double ProximityBonus() {
    double bonus = 0;
    const Clause* previous = nullptr;
    std::vector<uint32_t> previous_positions;
    for (size_t order = 0; order < clauses_.size(); ++order) {
      const Clause& clause = clauses_[by_query_order_[order]];
      if (!clause.matched || clause.term == nullptr) {
        continue;
      }
      std::vector<uint32_t> positions = clause.term->Positions();
      if (previous != nullptr) {
        const uint32_t distance = MinDistance(previous_positions, positions);
        if (distance <= options_.proximity_window) {
          bonus += kProximityWeight * std::min(previous->score, clause.score) *
                   2.0 / (static_cast<double>(distance) + 1.0);
        }
      }
      previous = &clause;
      previous_positions = std::move(positions);
    }
    return bonus;
  }

  std::unique_ptr<DocIterator> required_;
  const MatchOptions options_;
  std::vector<Clause> clauses_;
  std::vector<size_t> by_query_order_;  // query order -> index in clauses_
  std::vector<double> below_;
  double required_bound_ = 0;
  int minimum_ = 1;
  bool drive_by_required_ = false;
  size_t first_essential_ = 0;
  bool pruning_ = false;
  double threshold_ = 0;
  bool skipped_ = false;
  double score_ = 0;
};

}  // namespace

std::unique_ptr<DocIterator> MakeMatch(
    std::unique_ptr<DocIterator> required,
    std::vector<std::unique_ptr<DocIterator>> optional, MatchOptions options) {
  return std::make_unique<Match>(std::move(required), std::move(optional),
                                 options);
}

}  // namespace rapporteur::storage::index
