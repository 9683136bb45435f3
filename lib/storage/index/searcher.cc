#include "lib/storage/index/searcher.h"

#include <algorithm>
#include <memory>
#include <queue>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "lib/base/quote.h"
#include "lib/base/status_macros.h"
#include "lib/schema/resource_names.h"
#include "lib/storage/keys.h"
#include "lib/storage/rocks_status.h"

namespace rapporteur::storage::index {
namespace {

constexpr int kMaxDepth = 32;

// Terms starting with `prefix`, in order; INVALID_ARGUMENT past `limit`.
absl::StatusOr<std::vector<std::string>> ExpandPrefix(SearchContext* context,
                                                      absl::string_view prefix,
                                                      int limit) {
  if (prefix.empty()) {
    return absl::InvalidArgumentError("prefix query with an empty prefix");
  }
  // Terms of flushed paragraphs are keys of the terms column family; terms
  // only pending paragraphs hold are in memory.
  absl::flat_hash_set<std::string> found;
  auto add = [&](absl::string_view term) -> absl::Status {
    if (context->table->Frequency(term) == 0 || found.contains(term)) {
      return absl::OkStatus();
    }
    if (static_cast<int>(found.size()) == limit) {
      return absl::InvalidArgumentError(
          absl::StrCat("prefix ", QuoteValue(absl::StrCat(prefix, "*")),
                       " matches more than ", limit, " terms: make it longer"));
    }
    found.insert(std::string(term));
    return absl::OkStatus();
  };
  std::unique_ptr<rocksdb::Iterator> it(
      context->db->NewIterator(context->read, context->terms));
  for (it->Seek(AsSlice(prefix));
       it->Valid() && it->key().starts_with(AsSlice(prefix)); it->Next()) {
    ABSL_RETURN_IF_ERROR(
        add(absl::string_view(it->key().data(), it->key().size())));
  }
  ABSL_RETURN_IF_ERROR(FromRocks(it->status()));
  if (context->pending != nullptr) {
    for (const auto& [term, list] : context->pending->lists()) {
      if (absl::StartsWith(term, prefix)) {
        ABSL_RETURN_IF_ERROR(add(term));
      }
    }
  }
  std::vector<std::string> terms(found.begin(), found.end());
  std::sort(terms.begin(), terms.end());
  return terms;
}

int PrefixLimit(int requested) {
  if (requested <= 0) {
    return kDefaultMaxPrefixTerms;
  }
  return std::min(requested, kMaxPrefixTermsCeiling);
}

// Builds iterators for query nodes, scoring with the given statistics.
class Builder {
 public:
  Builder(SearchContext* context, const internal::v1::CollectionStats& stats,
          int prefix_limit)
      : context_(context), stats_(stats), prefix_limit_(prefix_limit) {}

  absl::StatusOr<std::unique_ptr<TermIterator>> Term(const std::string& term) {
    if (term.empty()) {
      return absl::InvalidArgumentError("query holds an empty term");
    }
    const uint64_t df = Frequency(term);
    auto it = std::make_unique<TermIterator>(context_, term,
                                             Bm25Idf(stats_.paragraphs(), df));
    it->set_cost(context_->table->Frequency(term));
    return it;
  }

  absl::StatusOr<std::unique_ptr<DocIterator>> Build(
      const internal::v1::QueryNode& node, int depth) {
    if (depth > kMaxDepth) {
      return absl::InvalidArgumentError(
          absl::StrCat("query nests deeper than ", kMaxDepth));
    }
    switch (node.node_case()) {
      case internal::v1::QueryNode::kTerm: {
        ABSL_ASSIGN_OR_RETURN(std::unique_ptr<TermIterator> term,
                              Term(node.term()));
        return std::unique_ptr<DocIterator>(std::move(term));
      }
      case internal::v1::QueryNode::kPhrase:
        return Phrase(node.phrase());
      case internal::v1::QueryNode::kPrefix: {
        ABSL_ASSIGN_OR_RETURN(
            std::vector<std::string> terms,
            ExpandPrefix(context_, node.prefix(), prefix_limit_));
        std::vector<std::unique_ptr<DocIterator>> children;
        for (const std::string& term : terms) {
          ABSL_ASSIGN_OR_RETURN(std::unique_ptr<TermIterator> it, Term(term));
          children.push_back(std::move(it));
        }
        if (children.empty()) {
          return MakeBitmapIterator(Bitmap());
        }
        return MakeDisjunction(std::move(children));
      }
      case internal::v1::QueryNode::kBoolean:
        return Boolean(node.boolean(), depth);
      case internal::v1::QueryNode::kField: {
        ABSL_ASSIGN_OR_RETURN(Bitmap bitmap, FieldBitmap(node.field()));
        return MakeBitmapIterator(std::move(bitmap));
      }
      case internal::v1::QueryNode::kAll:
        return MakeBitmapIterator(context_->table->live());
      case internal::v1::QueryNode::NODE_NOT_SET:
        break;
    }
    return absl::InvalidArgumentError("query node without a kind");
  }

  // The shard knows no field (lib/schema declares them): a field is the
  // prefix of the attribute keys ingest sent, and a query without values is
  // a range over a field's integer values.
  absl::StatusOr<Bitmap> FieldBitmap(const internal::v1::FieldQuery& field) {
    if (field.field().empty() ||
        field.field().find('\0') != std::string::npos) {
      return absl::InvalidArgumentError(absl::StrCat(
          "field name '", field.field(), "' is empty or holds NUL"));
    }
    Bitmap bitmap;
    const ParagraphTable& table = *context_->table;
    if (field.values().empty()) {
      for (const auto& [value, ids] : table.Values(field.field())) {
        int year = 0;
        if (!absl::SimpleAtoi(value, &year)) {
          continue;
        }
        if ((field.min_year() == 0 || year >= field.min_year()) &&
            (field.max_year() == 0 || year <= field.max_year())) {
          bitmap |= *ids;
        }
      }
      return bitmap;
    }
    for (const std::string& value : field.values()) {
      if (const Bitmap* ids =
              table.Attribute(AttributeKey(field.field(), value))) {
        bitmap |= *ids;
      }
    }
    return bitmap;
  }

 private:
  uint64_t Frequency(const std::string& term) const {
    auto it = stats_.document_frequency().find(term);
    return it != stats_.document_frequency().end()
               ? it->second
               : context_->table->Frequency(term);
  }

  absl::StatusOr<std::unique_ptr<DocIterator>> Phrase(
      const internal::v1::PhraseQuery& phrase) {
    if (phrase.terms().empty() ||
        phrase.offsets_size() != phrase.terms_size()) {
      return absl::InvalidArgumentError(
          "phrase needs terms and one offset per term");
    }
    std::vector<std::unique_ptr<TermIterator>> terms;
    for (const std::string& term : phrase.terms()) {
      ABSL_ASSIGN_OR_RETURN(std::unique_ptr<TermIterator> it, Term(term));
      terms.push_back(std::move(it));
    }
    if (terms.size() == 1) {
      return std::unique_ptr<DocIterator>(std::move(terms[0]));
    }
    return MakePhrase(std::move(terms),
                      {phrase.offsets().begin(), phrase.offsets().end()});
  }

  absl::StatusOr<std::unique_ptr<DocIterator>> Boolean(
      const internal::v1::BooleanQuery& query, int depth) {
    std::vector<std::unique_ptr<DocIterator>> must;
    std::vector<std::unique_ptr<DocIterator>> should;
    std::vector<std::unique_ptr<DocIterator>> must_not;
    for (const auto& child : query.must()) {
      ABSL_ASSIGN_OR_RETURN(auto it, Build(child, depth + 1));
      must.push_back(std::move(it));
    }
    for (const auto& child : query.should()) {
      ABSL_ASSIGN_OR_RETURN(auto it, Build(child, depth + 1));
      should.push_back(std::move(it));
    }
    for (const auto& child : query.must_not()) {
      ABSL_ASSIGN_OR_RETURN(auto it, Build(child, depth + 1));
      must_not.push_back(std::move(it));
    }
    std::unique_ptr<DocIterator> positive;
    const bool counted = query.minimum_should_match() > 0 ||
                         query.coordination() || query.proximity_window() > 0;
    if (!should.empty() && (must.empty() || counted)) {
      // Any OR and any counted match: MaxScore may prune it.
      MatchOptions options;
      options.minimum_should_match = query.minimum_should_match();
      options.coordination = query.coordination();
      options.proximity_window = query.proximity_window();
      positive =
          MakeMatch(must.empty() ? nullptr : MakeConjunction(std::move(must)),
                    std::move(should), options);
    } else if (!must.empty()) {
      positive = MakeRequiredOptional(MakeConjunction(std::move(must)),
                                      std::move(should));
    } else if (!must_not.empty()) {
      positive = MakeBitmapIterator(context_->table->live());
    } else {
      return absl::InvalidArgumentError("boolean query without clauses");
    }
    if (!must_not.empty()) {
      positive = MakeExclusion(std::move(positive),
                               MakeDisjunction(std::move(must_not)));
    }
    return positive;
  }

  SearchContext* const context_;
  const internal::v1::CollectionStats& stats_;
  const int prefix_limit_;
};

// Orders hits best first: higher score, then lower id.
struct Better {
  bool operator()(const std::pair<double, ParagraphId>& a,
                  const std::pair<double, ParagraphId>& b) const {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  }
};

// Keeps the best `limit` hits; the heap's top is the worst kept.
class TopHits {
 public:
  explicit TopHits(size_t limit) : limit_(limit) {}

  bool full() const { return limit_ == 0 || heap_.size() == limit_; }
  // Score a new hit must beat (ids only grow, so a tie loses).
  double threshold() const { return heap_.empty() ? 0 : heap_.top().first; }

  void Offer(double score, ParagraphId id) {
    if (limit_ == 0) {
      return;
    }
    if (heap_.size() < limit_) {
      heap_.emplace(score, id);
    } else if (Better()({score, id}, heap_.top())) {
      heap_.pop();
      heap_.emplace(score, id);
    }
  }

  std::vector<std::pair<double, ParagraphId>> Take() {
    std::vector<std::pair<double, ParagraphId>> hits;
    while (!heap_.empty()) {
      hits.push_back(heap_.top());
      heap_.pop();
    }
    std::reverse(hits.begin(), hits.end());
    return hits;
  }

 private:
  const size_t limit_;
  std::priority_queue<std::pair<double, ParagraphId>,
                      std::vector<std::pair<double, ParagraphId>>, Better>
      heap_;
};

// What hits may be collected: visible, live, after the cursor.
struct Admission {
  ParagraphId max_id = 0;
  bool has_after = false;
  double after_score = 0;
  uint64_t after_id = 0;

  bool AfterCursor(double score, ParagraphId id) const {
    return !has_after || score < after_score ||
           (score == after_score && id > after_id);
  }
};

// Terms and filters only: the query block-max WAND can run.
bool CollectConjunction(const internal::v1::QueryNode& node,
                        std::vector<const std::string*>* terms,
                        std::vector<const internal::v1::FieldQuery*>* fields) {
  switch (node.node_case()) {
    case internal::v1::QueryNode::kTerm:
      terms->push_back(&node.term());
      return true;
    case internal::v1::QueryNode::kField:
      fields->push_back(&node.field());
      return true;
    case internal::v1::QueryNode::kBoolean:
      if (!node.boolean().should().empty() ||
          !node.boolean().must_not().empty()) {
        return false;
      }
      for (const auto& child : node.boolean().must()) {
        if (!CollectConjunction(child, terms, fields)) {
          return false;
        }
      }
      return true;
    default:
      return false;
  }
}

// Block-max WAND over a conjunction of terms: at each candidate, if the
// sum of the blocks' best scores cannot beat the k-th hit, jump past the
// first of those blocks to end.
void RunBlockMax(std::vector<std::unique_ptr<TermIterator>>& terms,
                 const Bitmap* filter, const ParagraphTable& table,
                 const Admission& admission, TopHits* top,
                 ShardSearchResult* result) {
  std::sort(terms.begin(), terms.end(),
            [](const auto& a, const auto& b) { return a->cost() < b->cost(); });
  TermIterator& lead = *terms[0];
  lead.Next();
  while (lead.id() != kNoParagraph && lead.id() <= admission.max_id) {
    ParagraphId candidate = lead.id();
    bool aligned = true;
    for (size_t i = 1; i < terms.size(); ++i) {
      terms[i]->Advance(candidate);
      if (terms[i]->id() != candidate) {
        lead.Advance(terms[i]->id());
        aligned = false;
        break;
      }
    }
    if (!aligned) {
      continue;
    }
    if (top->full()) {
      double bound = 0;
      ParagraphId block_end = kNoParagraph;
      for (auto& term : terms) {
        bound += term->BlockMaxScore();
        block_end = std::min(block_end, term->BlockLast());
      }
      if (bound <= top->threshold()) {
        // Every term's current block holds the candidate, so the smallest
        // of their last ids is where a better hit may start again.
        result->total_is_lower_bound = true;
        lead.Advance(block_end + 1);
        continue;
      }
    }
    if (table.IsLive(candidate) &&
        (filter == nullptr || filter->contains(candidate))) {
      double score = 0;
      for (auto& term : terms) {
        score += term->Score();
      }
      ++result->total_matches;
      if (admission.AfterCursor(score, candidate)) {
        top->Offer(score, candidate);
      }
    }
    lead.Next();
  }
}

}  // namespace

absl::StatusOr<ShardSearchResult> SearchIndex(
    SearchContext* context, const internal::v1::SearchShardRequest& request) {
  const ParagraphTable& table = *context->table;
  const internal::v1::QueryNode& query = request.query();
  if (query.node_case() == internal::v1::QueryNode::NODE_NOT_SET) {
    return absl::InvalidArgumentError("search needs a query");
  }
  const internal::v1::CollectionStats& stats = request.stats();
  context->average_length = stats.paragraphs() == 0
                                ? 1.0
                                : static_cast<double>(stats.tokens()) /
                                      static_cast<double>(stats.paragraphs());

  Admission admission;
  admission.max_id = table.next_id() - 1;
  if (request.max_sequence() > 0 && request.max_sequence() < admission.max_id) {
    admission.max_id = static_cast<ParagraphId>(request.max_sequence());
  }
  admission.has_after = request.has_after();
  admission.after_score = request.after().score();
  admission.after_id = request.after().paragraph_id();

  Builder builder(context, stats, PrefixLimit(request.max_prefix_terms()));
  TopHits top(static_cast<size_t>(std::max(0, request.limit())));
  ShardSearchResult result;

  std::vector<const std::string*> conjunction_terms;
  std::vector<const internal::v1::FieldQuery*> conjunction_fields;
  if (request.facets().empty() &&
      CollectConjunction(query, &conjunction_terms, &conjunction_fields) &&
      !conjunction_terms.empty()) {
    std::vector<std::unique_ptr<TermIterator>> terms;
    for (const std::string* term : conjunction_terms) {
      ABSL_ASSIGN_OR_RETURN(std::unique_ptr<TermIterator> it,
                            builder.Term(*term));
      terms.push_back(std::move(it));
    }
    std::unique_ptr<Bitmap> filter;
    for (const internal::v1::FieldQuery* field : conjunction_fields) {
      ABSL_ASSIGN_OR_RETURN(Bitmap bitmap, builder.FieldBitmap(*field));
      if (filter == nullptr) {
        filter = std::make_unique<Bitmap>(std::move(bitmap));
      } else {
        *filter &= bitmap;
      }
    }
    RunBlockMax(terms, filter.get(), table, admission, &top, &result);
    if (terms.size() == 1 && filter == nullptr && request.max_sequence() == 0) {
      // A single term's live matches are its document frequency.
      result.total_matches =
          static_cast<int64_t>(table.Frequency(*conjunction_terms[0]));
      result.total_is_lower_bound = false;
    }
  } else {
    ABSL_ASSIGN_OR_RETURN(std::unique_ptr<DocIterator> root,
                          builder.Build(query, 0));
    Bitmap matched;
    const bool want_facets = !request.facets().empty();
    // Facets count every match; without them, the iterators may skip
    // paragraphs that cannot beat the k-th best hit.
    const bool prune = !want_facets && request.limit() > 0;
    double min_competitive = 0;
    for (root->Next();
         root->id() != kNoParagraph && root->id() <= admission.max_id;
         root->Next()) {
      const ParagraphId id = root->id();
      if (!table.IsLive(id)) {
        continue;
      }
      ++result.total_matches;
      if (want_facets) {
        matched.add(id);
      }
      const double score = root->Score();
      if (admission.AfterCursor(score, id)) {
        top.Offer(score, id);
        if (prune && top.full() && top.threshold() > min_competitive) {
          min_competitive = top.threshold();
          root->SetMinCompetitiveScore(min_competitive);
        }
      }
    }
    result.total_is_lower_bound = root->skipped();
    // Every value with a match, in value order: a value first on no shard
    // may still lead the sum, so ranking and the cut are the query
    // service's (MergeFacet).
    for (const std::string& field : request.facets()) {
      v1::FacetCount* facet = &result.facets.emplace_back();
      facet->set_field(field);
      std::vector<std::pair<std::string, int64_t>> buckets;
      for (const auto& [value, ids] : table.Values(field)) {
        const int64_t count =
            static_cast<int64_t>(matched.and_cardinality(*ids));
        if (count > 0) {
          buckets.emplace_back(value, count);
        }
      }
      std::sort(buckets.begin(), buckets.end());
      for (const auto& [value, count] : buckets) {
        v1::FacetCount::Bucket* bucket = facet->add_buckets();
        bucket->set_value(value);
        bucket->set_count(count);
      }
    }
  }
  ABSL_RETURN_IF_ERROR(context->error);
  result.hits = top.Take();
  return result;
}

absl::StatusOr<internal::v1::CollectionStats> CountCollectionStats(
    SearchContext* context,
    const internal::v1::GetCollectionStatsRequest& request) {
  const ParagraphTable& table = *context->table;
  internal::v1::CollectionStats stats;
  stats.set_paragraphs(table.live_paragraphs());
  stats.set_tokens(table.live_tokens());
  const int prefix_limit = PrefixLimit(request.max_prefix_terms());
  auto& frequencies = *stats.mutable_document_frequency();
  std::vector<const internal::v1::QueryNode*> pending = {&request.query()};
  while (!pending.empty()) {
    const internal::v1::QueryNode* node = pending.back();
    pending.pop_back();
    switch (node->node_case()) {
      case internal::v1::QueryNode::kTerm:
        frequencies[node->term()] = table.Frequency(node->term());
        break;
      case internal::v1::QueryNode::kPhrase:
        for (const std::string& term : node->phrase().terms()) {
          frequencies[term] = table.Frequency(term);
        }
        break;
      case internal::v1::QueryNode::kPrefix: {
        ABSL_ASSIGN_OR_RETURN(
            std::vector<std::string> terms,
            ExpandPrefix(context, node->prefix(), prefix_limit));
        for (const std::string& term : terms) {
          frequencies[term] = table.Frequency(term);
        }
        break;
      }
      case internal::v1::QueryNode::kBoolean:
        for (const auto& child : node->boolean().must())
          pending.push_back(&child);
        for (const auto& child : node->boolean().should())
          pending.push_back(&child);
        for (const auto& child : node->boolean().must_not())
          pending.push_back(&child);
        break;
      default:
        break;
    }
  }
  return stats;
}

}  // namespace rapporteur::storage::index
