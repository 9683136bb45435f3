#include "lib/query/query_engine.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include <algorithm>
#include <deque>
#include <future>
#include <limits>
#include <map>
#include <optional>
#include <tuple>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "lib/analysis/analyzer.h"
#include "lib/analysis/language.h"
#include "lib/base/call_scope.h"
#include "lib/base/error_details.h"
#include "lib/base/quote.h"
#include "lib/base/status_macros.h"
#include "lib/query/citation.h"
#include "lib/query/highlights.h"
#include "lib/query/lineage.h"
#include "lib/query/page_token.h"
#include "lib/query/plain_query.h"
#include "lib/query/query_compiler.h"
#include "lib/query/record_lister.h"
#include "lib/query/snippet.h"
#include "lib/routing/consistency_token.h"
#include "lib/schema/fields.h"
#include "lib/schema/resource_names.h"

namespace rapporteur::query {
namespace {

// `message` serialized with its maps in key order (the statistics' terms),
// so that one search gives one page token, byte for byte.
std::string DeterministicBytes(const google::protobuf::Message& message) {
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    message.SerializeToCodedStream(&coded);
  }
  return bytes;
}

constexpr size_t kMaxQueryBytes = 4096;

// Of the time a search has, the part its first round of shard calls (the
// statistics, a cheap call) may take: a hung shard costs this much and is
// left out of the second round, which gets the rest.
constexpr double kStatsRoundShare = 1.0 / 3;

// When the shard calls of a round must have answered: `share` of the time
// left before the caller's `deadline`, less what the work after the calls
// (merging, snippets) needs. InfiniteFuture without a deadline (each call
// then has its shard's own timeout).
absl::Time RoundDeadline(absl::Time deadline, double share) {
  if (deadline == absl::InfiniteFuture()) {
    return deadline;
  }
  const absl::Time now = absl::Now();
  const absl::Duration left = std::max(deadline - now, absl::ZeroDuration());
  const absl::Duration reserve = std::min(left / 10, absl::Milliseconds(100));
  return now + (left - reserve) * share;
}

// Calls `call(i)` for every shard i with ask[i], all at once, and returns
// their results (unset for a shard not asked). The calls carry this
// thread's request id and `deadline`, by which a remote shard ends a call
// it has not answered (DEADLINE_EXCEEDED): a hung shard holds this up to
// the deadline, no longer. The last call runs on this thread, as a thread
// costs more than a small search.
template <typename Result, typename Call>
std::vector<std::optional<Result>> FanOut(const std::vector<bool>& ask,
                                          absl::Time deadline, Call call) {
  ScopedDeadline scoped(deadline);
  size_t last = ask.size();
  for (size_t i = 0; i < ask.size(); ++i) {
    if (ask[i]) {
      last = i;
    }
  }
  std::vector<std::future<Result>> pending(ask.size());
  for (size_t i = 0; i < ask.size(); ++i) {
    if (ask[i] && i != last) {
      pending[i] = std::async(std::launch::async,
                              CarryCallScope([&call, i] { return call(i); }));
    }
  }
  std::vector<std::optional<Result>> results(ask.size());
  // While the others run, not after them: waiting for a slow one first
  // would leave this call no time.
  if (last < ask.size()) {
    results[last].emplace(call(last));
  }
  for (size_t i = 0; i < ask.size(); ++i) {
    if (pending[i].valid()) {
      results[i].emplace(pending[i].get());
    }
  }
  return results;
}

// "documents/x" of the paragraph "documents/x/paragraphs/n".
absl::string_view DocumentOf(const v1::Paragraph& paragraph) {
  absl::string_view name = paragraph.name();
  return name.substr(0, name.find("/paragraphs/"));
}

// Adds to `highlight` the terms each prefix expanded to, which the
// statistics of the search name.
void AddPrefixExpansions(const std::vector<std::string>& prefixes,
                         const internal::v1::CollectionStats& stats,
                         absl::flat_hash_set<std::string>* highlight) {
  for (const std::string& prefix : prefixes) {
    for (const auto& [term, df] : stats.document_frequency()) {
      if (absl::StartsWith(term, prefix)) {
        highlight->insert(term);
      }
    }
  }
}

// The buckets of one facet summed over shards: highest count first, ties by
// value, at most kMaxFacetBuckets.
v1::FacetCount MergeFacet(
    const std::string& field,
    const absl::flat_hash_map<std::string, int64_t>& counts) {
  constexpr size_t kMaxFacetBuckets = 50;
  std::vector<std::pair<int64_t, std::string>> buckets;
  for (const auto& [value, count] : counts) {
    buckets.emplace_back(-count, value);
  }
  std::sort(buckets.begin(), buckets.end());
  v1::FacetCount facet;
  facet.set_field(field);
  const schema::Field* declared = schema::FindField(field);
  for (size_t i = 0; i < buckets.size() && i < kMaxFacetBuckets; ++i) {
    v1::FacetCount::Bucket* bucket = facet.add_buckets();
    bucket->set_value(declared == nullptr ? buckets[i].second
                                          : schema::FacetDisplayValue(
                                                *declared, buckets[i].second));
    bucket->set_count(-buckets[i].first);
  }
  return facet;
}

v1::SearchHit ToSearchHit(const internal::v1::ShardHit& shard_hit,
                          const absl::flat_hash_set<std::string>& terms) {
  const v1::Paragraph& paragraph = shard_hit.paragraph();
  v1::SearchHit hit;
  hit.set_paragraph(paragraph.name());
  hit.set_document(std::string(DocumentOf(paragraph)));
  hit.set_symbol(shard_hit.symbol());
  hit.set_title(shard_hit.title());
  hit.set_date(shard_hit.date());
  hit.set_paragraph_number(paragraph.number());
  hit.set_section(paragraph.section());
  hit.set_citation(paragraph.citation());
  hit.set_score(shard_hit.score());
  SnippetOptions options;
  if (!shard_hit.language().empty()) {
    options.language = shard_hit.language();
  }
  hit.set_snippet(MakeSnippet(paragraph.text(), terms, options));
  AddHighlights(&hit);
  return hit;
}

// Puts in paragraph->notes the notes it calls, and the notes those repeat
// ("Ibid.", "note 3 above"), each once, in call order.
void ResolveNotes(const v1::Document& document, v1::Paragraph* paragraph) {
  absl::flat_hash_map<int, const v1::Footnote*> by_number;
  for (const v1::Footnote& note : document.footnotes()) {
    by_number[note.number()] = &note;
  }
  absl::flat_hash_set<int> added;
  for (int number : paragraph->footnotes()) {
    // A chain of repeats is short; the bound guards against a cycle.
    for (int hops = 0; hops < 8 && number != 0 && added.insert(number).second;
         ++hops) {
      auto found = by_number.find(number);
      if (found == by_number.end()) {
        break;
      }
      *paragraph->add_notes() = *found->second;
      number = found->second->same_as();
    }
  }
}

}  // namespace

QueryEngine::QueryEngine(std::vector<storage::Shard*> shards,
                         QueryEngineConfig config)
    : shards_(std::move(shards)), config_(config) {}

storage::Shard* QueryEngine::ShardOf(const std::string& doc_id) const {
  return shards_[storage::ShardFor(doc_id, shards_.size())];
}

absl::StatusOr<QueryEngine::PreparedSearch> QueryEngine::Prepare(
    const v1::SearchRequest& request) const {
  if (shards_.empty()) {
    return absl::FailedPreconditionError("no storage shard is configured");
  }
  if (request.query().size() > kMaxQueryBytes) {
    return InvalidFieldError(
        "query", absl::StrCat("query is ", request.query().size(),
                              " bytes; the limit is ", kMaxQueryBytes));
  }
  if (!analysis::IsValidUtf8(request.query())) {
    return InvalidFieldError("query", "query is not valid UTF-8",
                             "INVALID_UTF8");
  }
  for (size_t i = 0; i < request.query().size(); ++i) {
    const auto c = static_cast<unsigned char>(request.query()[i]);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
      return InvalidFieldError(
          "query",
          absl::StrCat("query holds a control character (0x",
                       absl::Hex(c, absl::kZeroPad2), ") at byte ", i));
    }
  }
  if (!analysis::IsLanguageTag(request.language())) {
    return InvalidFieldError(
        "language",
        absl::StrCat("language ", QuoteValue(request.language()),
                     " is not a language tag such as en, fr or pt-BR"));
  }
  if (request.page_size() < 0) {
    return InvalidFieldError("page_size", "page_size must not be negative");
  }
  for (const std::string& facet : request.facets()) {
    const schema::Field* field = schema::FindField(facet);
    if (field == nullptr || !field->facet) {
      return InvalidFieldError(
          "facets",
          absl::StrCat("unknown facet ", QuoteValue(facet), ": facets are ",
                       absl::StrJoin(schema::FacetNames(), ", ")));
    }
  }
  PreparedSearch prepared;
  ABSL_ASSIGN_OR_RETURN(
      prepared.min_log_sequences,
      ParseConsistencyToken(request.consistency_token(), shards_.size()));
  ABSL_ASSIGN_OR_RETURN(
      prepared.query, CompileSearchQuery(request.query(),
                                         MatchModeOf(request.default_operator(),
                                                     request.all_words()),
                                         QueryLimits(), request.language()));
  HighlightTerms highlight = CollectHighlightTerms(prepared.query);
  prepared.highlight.insert(highlight.terms.begin(), highlight.terms.end());
  prepared.prefixes = std::move(highlight.prefixes);
  // A token is bound to what decides the hits: query, mode, facets.
  prepared.context = absl::StrCat(
      request.query(), "\n", request.default_operator(),
      request.all_words() ? "\nall words" : "", "\n", request.language(), "\n",
      absl::StrJoin(request.facets(), ","));
  ABSL_ASSIGN_OR_RETURN(
      std::string cursor,
      DecodeCursorToken(request.page_token(), prepared.context));
  if (!cursor.empty()) {
    if (!prepared.cursor.ParseFromString(cursor) ||
        prepared.cursor.sequences_size() != static_cast<int>(shards_.size())) {
      return InvalidFieldError(
          "page_token", "page_token is not a token returned for this search",
          "INVALID_PAGE_TOKEN");
    }
    prepared.resumed = true;
  } else if (shards_.size() > 1) {
    // Scores must not depend on which shard holds a paragraph: ask every
    // shard for its counts first and score with their sums.
    ABSL_ASSIGN_OR_RETURN(
        *prepared.cursor.mutable_stats(),
        GlobalStats(prepared, request.require_all_shards(),
                    RoundDeadline(CurrentDeadline(), kStatsRoundShare),
                    &prepared.late));
  }
  return prepared;
}

absl::StatusOr<internal::v1::CollectionStats> QueryEngine::GlobalStats(
    const PreparedSearch& prepared, bool require_all_shards,
    absl::Time deadline, std::vector<absl::Status>* late) const {
  std::vector<internal::v1::GetCollectionStatsRequest> stats_requests(
      shards_.size());
  for (size_t i = 0; i < shards_.size(); ++i) {
    *stats_requests[i].mutable_query() = prepared.query;
    stats_requests[i].set_min_log_sequence(prepared.min_log_sequences[i]);
  }
  std::vector<std::optional<absl::StatusOr<internal::v1::CollectionStats>>>
      answers = FanOut<absl::StatusOr<internal::v1::CollectionStats>>(
          std::vector<bool>(shards_.size(), true), deadline, [&](size_t i) {
            return shards_[i]->GetCollectionStats(stats_requests[i]);
          });
  if (late != nullptr) {
    late->assign(shards_.size(), absl::OkStatus());
  }
  internal::v1::CollectionStats total;
  absl::Status failed;
  size_t answered = 0;
  for (size_t i = 0; i < answers.size(); ++i) {
    const absl::StatusOr<internal::v1::CollectionStats>& stats = *answers[i];
    if (!stats.ok()) {
      if (failed.ok()) {
        failed = stats.status();
      }
      if (late != nullptr && absl::IsDeadlineExceeded(stats.status())) {
        (*late)[i] = stats.status();
      }
      continue;
    }
    ++answered;
    total.set_paragraphs(total.paragraphs() + stats->paragraphs());
    total.set_tokens(total.tokens() + stats->tokens());
    for (const auto& [term, df] : stats->document_frequency()) {
      (*total.mutable_document_frequency())[term] += df;
    }
  }
  // A shard down leaves its counts out: the search reports it missing.
  if (!failed.ok() && (require_all_shards || answered == 0)) {
    return failed;
  }
  return total;
}

internal::v1::SearchShardRequest QueryEngine::ShardRequest(
    const PreparedSearch& prepared, size_t shard, int32_t limit,
    const v1::SearchRequest& request) const {
  internal::v1::SearchShardRequest shard_request;
  *shard_request.mutable_query() = prepared.query;
  shard_request.set_limit(limit);
  if (prepared.cursor.stats().paragraphs() > 0) {
    *shard_request.mutable_stats() = prepared.cursor.stats();
  }
  *shard_request.mutable_facets() = request.facets();
  shard_request.set_min_log_sequence(prepared.min_log_sequences[shard]);
  if (prepared.resumed) {
    const internal::v1::SearchCursor& cursor = prepared.cursor;
    shard_request.set_max_sequence(cursor.sequences(static_cast<int>(shard)));
    if (static_cast<int>(shard) < cursor.log_sequences_size()) {
      shard_request.set_min_log_sequence(
          std::max(shard_request.min_log_sequence(),
                   cursor.log_sequences(static_cast<int>(shard))));
    }
    // Hits rank by score, then shard, then id: translate the last hit
    // returned into this shard's terms.
    internal::v1::SearchAfter* after = shard_request.mutable_after();
    after->set_score(cursor.score());
    if (shard < cursor.shard()) {
      after->set_paragraph_id(std::numeric_limits<uint64_t>::max());
    } else if (shard == cursor.shard()) {
      after->set_paragraph_id(cursor.paragraph_id());
    } else {
      after->set_paragraph_id(0);
    }
  }
  return shard_request;
}

absl::StatusOr<v1::SearchResponse> QueryEngine::Search(
    const v1::SearchRequest& request) const {
  ABSL_ASSIGN_OR_RETURN(PreparedSearch prepared, Prepare(request));
  const int page_size =
      request.page_size() == 0
          ? config_.default_page_size
          : std::min(request.page_size(), config_.max_page_size);

  // Every shard returns its best page_size hits after the cursor: enough
  // for the merged page whatever the spread of hits across shards.
  std::vector<internal::v1::SearchShardRequest> shard_requests;
  for (size_t i = 0; i < shards_.size(); ++i) {
    shard_requests.push_back(ShardRequest(prepared, i, page_size, request));
  }
  // A shard that missed the statistics round's deadline is not asked
  // again: it would likely take the rest of the time too.
  std::vector<bool> ask(shards_.size(), true);
  for (size_t i = 0; i < prepared.late.size(); ++i) {
    ask[i] = prepared.late[i].ok();
  }
  std::vector<std::optional<absl::StatusOr<internal::v1::SearchShardResponse>>>
      answers = FanOut<absl::StatusOr<internal::v1::SearchShardResponse>>(
          ask, RoundDeadline(CurrentDeadline(), 1),
          [&](size_t i) { return shards_[i]->SearchShard(shard_requests[i]); });
  struct Ranked {
    internal::v1::ShardHit hit;
    uint32_t shard;
  };
  std::vector<Ranked> merged;
  int64_t total = 0;
  bool total_is_lower_bound = false;
  bool more = false;
  absl::Status failed;
  std::vector<std::string> unavailable;
  absl::flat_hash_map<std::string, absl::flat_hash_map<std::string, int64_t>>
      facets;
  internal::v1::SearchCursor next = prepared.cursor;
  next.mutable_sequences()->Resize(static_cast<int>(shards_.size()), 0);
  next.mutable_log_sequences()->Resize(static_cast<int>(shards_.size()), 0);
  for (size_t i = 0; i < answers.size(); ++i) {
    absl::StatusOr<internal::v1::SearchShardResponse> response =
        answers[i].has_value() ? *std::move(answers[i]) : prepared.late[i];
    if (!response.ok()) {
      if (failed.ok()) {
        failed = response.status();
      }
      unavailable.push_back(absl::StrCat("shard ", i, " (",
                                         shards_[i]->Describe(),
                                         "): ", response.status().message()));
      continue;
    }
    total += response->total_matches();
    total_is_lower_bound |= response->total_is_lower_bound();
    more |= response->hits_size() == page_size;
    if (!prepared.resumed) {
      next.set_sequences(static_cast<int>(i), response->sequence());
      next.set_log_sequences(static_cast<int>(i),
                             response->applied_log_sequence());
      if (shards_.size() == 1) {
        // One shard scored with its own statistics: pin them.
        *next.mutable_stats() = response->stats();
      }
    }
    for (const v1::FacetCount& facet : response->facets()) {
      for (const auto& bucket : facet.buckets()) {
        facets[facet.field()][bucket.value()] += bucket.count();
      }
    }
    for (internal::v1::ShardHit& hit : *response->mutable_hits()) {
      merged.push_back(Ranked{std::move(hit), static_cast<uint32_t>(i)});
    }
  }
  // A shard that fails fails the search when the caller asks for all, or
  // when no shard answered; else the others' hits come back, marked.
  if (!failed.ok() &&
      (request.require_all_shards() || unavailable.size() == shards_.size())) {
    return failed;
  }
  std::sort(merged.begin(), merged.end(), [](const Ranked& a, const Ranked& b) {
    return std::make_tuple(-a.hit.score(), a.shard, a.hit.paragraph_id()) <
           std::make_tuple(-b.hit.score(), b.shard, b.hit.paragraph_id());
  });

  v1::SearchResponse response;
  response.set_total_size(total);
  response.set_total_size_is_lower_bound(total_is_lower_bound);
  *response.mutable_unavailable_shards() = {unavailable.begin(),
                                            unavailable.end()};
  for (const std::string& field : request.facets()) {
    *response.add_facets() = MergeFacet(field, facets[field]);
  }
  absl::flat_hash_set<std::string> highlight = prepared.highlight;
  AddPrefixExpansions(prepared.prefixes, next.stats(), &highlight);
  const size_t end = std::min(merged.size(), static_cast<size_t>(page_size));
  for (size_t i = 0; i < end; ++i) {
    *response.add_hits() = ToSearchHit(merged[i].hit, highlight);
  }
  if (end > 0 && (merged.size() > end || more)) {
    const Ranked& last = merged[end - 1];
    next.set_score(last.hit.score());
    next.set_shard(last.shard);
    next.set_paragraph_id(last.hit.paragraph_id());
    next.set_returned(prepared.cursor.returned() + static_cast<int64_t>(end));
    response.set_next_page_token(
        EncodeCursorToken(DeterministicBytes(next), prepared.context));
  }
  return response;
}

absl::Status QueryEngine::StreamSearch(
    const v1::StreamSearchRequest& request,
    const std::function<bool(v1::SearchHit)>& emit) const {
  v1::SearchRequest search;
  search.set_query(request.query());
  search.set_default_operator(request.default_operator());
  search.set_all_words(request.all_words());
  search.set_language(request.language());
  ABSL_ASSIGN_OR_RETURN(PreparedSearch prepared, Prepare(search));
  if (prepared.cursor.stats().paragraphs() == 0) {
    // Every chunk of every shard scores with the same statistics.
    ABSL_ASSIGN_OR_RETURN(*prepared.cursor.mutable_stats(),
                          GlobalStats(prepared, /*require_all_shards=*/true,
                                      CurrentDeadline(), nullptr));
  }
  AddPrefixExpansions(prepared.prefixes, prepared.cursor.stats(),
                      &prepared.highlight);
  // Each shard is read in chunks after its own last hit; the heads of the
  // chunks are merged in rank order. Memory stays at a chunk per shard.
  constexpr int32_t kChunk = 1000;
  struct Stream {
    std::deque<internal::v1::ShardHit> buffer;
    bool exhausted = false;
    bool started = false;
    double score = 0;
    uint64_t paragraph_id = 0;
    uint64_t sequence = 0;
  };
  std::vector<Stream> streams(shards_.size());
  auto refill = [&](size_t i) -> absl::Status {
    // A stream whose reader left (or whose deadline passed) reads no more.
    ABSL_RETURN_IF_ERROR(CheckCallerWaits("the stream's next shard read"));
    Stream& stream = streams[i];
    internal::v1::SearchShardRequest shard_request;
    *shard_request.mutable_query() = prepared.query;
    *shard_request.mutable_stats() = prepared.cursor.stats();
    shard_request.set_limit(kChunk);
    shard_request.set_max_sequence(stream.sequence);
    if (stream.started) {
      shard_request.mutable_after()->set_score(stream.score);
      shard_request.mutable_after()->set_paragraph_id(stream.paragraph_id);
    }
    ABSL_ASSIGN_OR_RETURN(internal::v1::SearchShardResponse response,
                          shards_[i]->SearchShard(shard_request));
    if (!stream.started) {
      stream.sequence = response.sequence();
      stream.started = true;
    }
    stream.exhausted = response.hits_size() < kChunk;
    for (internal::v1::ShardHit& hit : *response.mutable_hits()) {
      stream.score = hit.score();
      stream.paragraph_id = hit.paragraph_id();
      stream.buffer.push_back(std::move(hit));
    }
    return absl::OkStatus();
  };
  while (true) {
    size_t best = shards_.size();
    for (size_t i = 0; i < shards_.size(); ++i) {
      if (streams[i].buffer.empty() && !streams[i].exhausted) {
        ABSL_RETURN_IF_ERROR(refill(i));
      }
      if (streams[i].buffer.empty()) {
        continue;
      }
      if (best == shards_.size() || streams[i].buffer.front().score() >
                                        streams[best].buffer.front().score()) {
        best = i;
      }
    }
    if (best == shards_.size()) {
      return absl::OkStatus();
    }
    internal::v1::ShardHit hit = std::move(streams[best].buffer.front());
    streams[best].buffer.pop_front();
    if (!emit(ToSearchHit(hit, prepared.highlight))) {
      return absl::CancelledError("the client stopped reading the stream");
    }
  }
}

absl::StatusOr<v1::Document> QueryEngine::GetDocument(
    const v1::GetDocumentRequest& request) const {
  ABSL_ASSIGN_OR_RETURN(std::string id, ParseDocumentName(request.name()));
  if (shards_.empty()) {
    return absl::FailedPreconditionError("no storage shard is configured");
  }
  return ShardOf(id)->GetDocument(request);
}

absl::StatusOr<v1::Paragraph> QueryEngine::GetParagraph(
    const v1::GetParagraphRequest& request) const {
  if (request.name().empty() == request.citation().empty()) {
    return InvalidFieldError(
        request.name().empty() ? "name" : "citation",
        "give the paragraph's name or its citation, one of the two");
  }
  v1::GetParagraphRequest by_name = request;
  if (!request.citation().empty()) {
    ABSL_ASSIGN_OR_RETURN(*by_name.mutable_name(),
                          ParagraphNameOfCitation(request.citation()));
    by_name.clear_citation();
  }
  ABSL_ASSIGN_OR_RETURN(ParagraphRef ref, ParseParagraphName(by_name.name()));
  if (shards_.empty()) {
    return absl::FailedPreconditionError("no storage shard is configured");
  }
  storage::Shard* shard = ShardOf(ref.document_id);
  ABSL_ASSIGN_OR_RETURN(v1::Paragraph paragraph, shard->GetParagraph(by_name));
  if (paragraph.footnotes_size() == 0) {
    return paragraph;
  }
  v1::GetDocumentRequest get;
  get.set_name(DocumentName(ref.document_id));
  get.set_summary_only(true);
  ABSL_ASSIGN_OR_RETURN(v1::Document document, shard->GetDocument(get));
  ResolveNotes(document, &paragraph);
  return paragraph;
}

namespace {

// One page of records of `kind` as a List response: `take` moves each
// record's message into the response.
template <typename Response, typename Request, typename Take>
absl::StatusOr<Response> ListAs(const std::vector<storage::Shard*>& shards,
                                internal::v1::RecordKind kind,
                                const Request& request, Take take) {
  ABSL_ASSIGN_OR_RETURN(RecordPage page,
                        ListRecords(shards, kind, request.filter(),
                                    request.page_size(), request.page_token()));
  Response response;
  for (internal::v1::Record& record : page.records) {
    take(record, &response);
  }
  response.set_next_page_token(page.next_page_token);
  return response;
}

}  // namespace

namespace {

// Every recommendation to `addressee` in documents before `before_year`,
// from all shards, as lineage candidates.
absl::StatusOr<std::vector<LineageCandidate>> EarlierRecommendations(
    const std::vector<storage::Shard*>& shards, const std::string& addressee,
    int before_year) {
  std::vector<LineageCandidate> candidates;
  if (before_year <= 1) {
    return candidates;
  }
  v1::RecordFilter filter;
  filter.set_addressee(addressee);
  filter.set_end_year(before_year - 1);
  std::string token;
  do {
    constexpr int kPage = 1000;
    ABSL_ASSIGN_OR_RETURN(
        RecordPage page,
        ListRecords(shards, internal::v1::RECORD_KIND_RECOMMENDATION, filter,
                    kPage, token));
    for (internal::v1::Record& record : page.records) {
      candidates.push_back({std::move(*record.mutable_recommendation()),
                            record.document_year()});
    }
    token = page.next_page_token;
  } while (!token.empty());
  return candidates;
}

}  // namespace

absl::StatusOr<v1::ListRecommendationsResponse>
QueryEngine::ListRecommendations(
    const v1::ListRecommendationsRequest& request) const {
  if (!request.filter().recurring()) {
    return ListAs<v1::ListRecommendationsResponse>(
        shards_, internal::v1::RECORD_KIND_RECOMMENDATION, request,
        [](internal::v1::Record& record,
           v1::ListRecommendationsResponse* response) {
          *response->add_recommendations() =
              std::move(*record.mutable_recommendation());
        });
  }
  return ListRecurringRecommendations(request);
}

absl::StatusOr<v1::ListRecommendationsResponse>
QueryEngine::ListRecurringRecommendations(
    const v1::ListRecommendationsRequest& request) const {
  constexpr internal::v1::RecordKind kKind =
      internal::v1::RECORD_KIND_RECOMMENDATION;
  ABSL_ASSIGN_OR_RETURN(const int page_size,
                        RecordPageSize(request.page_size()));
  // Whether a recommendation recurs is known only here, after the shards'
  // paging: read their pages until this one is full and one more recurring
  // recommendation is seen. The pages read start with one record more than
  // this page (all may recur) and grow, as recurring ones may be sparse, up
  // to ListRecords' maximum.
  ABSL_ASSIGN_OR_RETURN(int read, RecordPageSize(page_size + 1));
  std::string token = request.page_token();
  v1::ListRecommendationsResponse response;
  // Candidates are read once per addressee and year.
  std::map<std::pair<std::string, int>, std::vector<LineageCandidate>> earlier;
  while (true) {
    ABSL_ASSIGN_OR_RETURN(
        RecordPage page,
        ListRecords(shards_, kKind, request.filter(), read, token));
    for (internal::v1::Record& record : page.records) {
      v1::Recommendation* r = record.mutable_recommendation();
      auto key = std::make_pair(r->addressee(), record.document_year());
      auto it = earlier.find(key);
      if (it == earlier.end()) {
        ABSL_ASSIGN_OR_RETURN(std::vector<LineageCandidate> candidates,
                              EarlierRecommendations(shards_, r->addressee(),
                                                     record.document_year()));
        it = earlier.emplace(key, std::move(candidates)).first;
      }
      std::vector<v1::RecommendationLink> links =
          LinkLineage(*r, record.document_year(), it->second);
      if (links.empty()) {
        continue;
      }
      if (response.recommendations_size() == page_size) {
        // Another recurring one follows the page: only then is there a
        // next page. It resumes right after the page's last one, so the
        // records read since are read again by the next call.
        const v1::Recommendation& last =
            response.recommendations(page_size - 1);
        response.set_next_page_token(
            RecordPageTokenAfter(kKind, request.filter(), last.name()));
        return response;
      }
      for (v1::RecommendationLink& link : links) {
        *r->add_lineage() = std::move(link);
      }
      *response.add_recommendations() = std::move(*r);
    }
    if (page.next_page_token.empty()) {
      return response;  // the records are exhausted: the last page
    }
    token = std::move(page.next_page_token);
    ABSL_ASSIGN_OR_RETURN(read, RecordPageSize(2 * read));
  }
}

absl::StatusOr<v1::ListCommunicationsResponse> QueryEngine::ListCommunications(
    const v1::ListCommunicationsRequest& request) const {
  return ListAs<v1::ListCommunicationsResponse>(
      shards_, internal::v1::RECORD_KIND_COMMUNICATION, request,
      [](internal::v1::Record& record,
         v1::ListCommunicationsResponse* response) {
        *response->add_communications() =
            std::move(*record.mutable_communication());
      });
}

absl::StatusOr<v1::ListVisitsResponse> QueryEngine::ListVisits(
    const v1::ListVisitsRequest& request) const {
  return ListAs<v1::ListVisitsResponse>(
      shards_, internal::v1::RECORD_KIND_VISIT, request,
      [](internal::v1::Record& record, v1::ListVisitsResponse* response) {
        *response->add_visits() = std::move(*record.mutable_visit());
      });
}

absl::StatusOr<v1::ListFiguresResponse> QueryEngine::ListFigures(
    const v1::ListFiguresRequest& request) const {
  return ListAs<v1::ListFiguresResponse>(
      shards_, internal::v1::RECORD_KIND_FIGURE, request,
      [](internal::v1::Record& record, v1::ListFiguresResponse* response) {
        *response->add_figures() = std::move(*record.mutable_figure());
      });
}

}  // namespace rapporteur::query
