// Three real storage shards on loopback behind real ingest and query
// processes: documents land on the shard their id hashes to, searches merge
// every shard, and a shard killed mid-life costs its own documents only
// until it is back, with nothing acknowledged lost.
#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "lib/routing/shard.h"
#include "lib/rpc/grpc_status.h"
#include "lib/schema/resource_names.h"
#include "rapporteur/internal/v1/shard.grpc.pb.h"
#include "tests/integration/cluster.h"
#include "tests/testing/files.h"
#include "tests/testing/status_matchers.h"

namespace rapporteur {
namespace {

using ::rapporteur::testing::Cluster;
using ::rapporteur::testing::IsOk;
using ::rapporteur::testing::IsOkAndHolds;
using ::rapporteur::testing::StatusIs;
using ::rapporteur::testing::UntilAvailable;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr int kShards = 3;
constexpr int kDocuments = 1000;

// The numbered paragraphs of the sample report as raw text, wrapped lines
// kept, without their numbers. The last one is left out: it runs on into
// the notes at the end of the report.
std::vector<std::string> SampleParagraphs() {
  const std::string report = rapporteur::testing::SampleReport();
  std::vector<std::string> paragraphs;
  for (absl::string_view line : absl::StrSplit(report, '\n')) {
    const absl::string_view trimmed = absl::StripLeadingAsciiWhitespace(line);
    // Only the next number opens a paragraph, so "1." of a list inside a
    // paragraph does not.
    // The number stands alone on its line or opens the first line.
    const std::string number = absl::StrCat(paragraphs.size() + 1, ".");
    if (absl::StripTrailingAsciiWhitespace(trimmed) == number) {
      paragraphs.emplace_back();
    } else if (absl::StartsWith(trimmed, absl::StrCat(number, " "))) {
      paragraphs.emplace_back(trimmed.substr(number.size() + 1));
    } else if (!paragraphs.empty()) {
      absl::StrAppend(&paragraphs.back(), paragraphs.back().empty() ? "" : "\n",
                      line);
    }
  }
  if (!paragraphs.empty()) {
    paragraphs.pop_back();
  }
  return paragraphs;
}

// A word found in no report and in no other test document: "zqx" and three
// letters spelling `n` in base 18. No vowel, "s", "l" or "y", so the
// stemmer leaves it whole and two markers never fold together.
std::string Marker(int n) {
  static constexpr absl::string_view kLetters = "bcdfghjkmnpqrtvwxz";
  std::string marker = "zqx";
  for (int i = 0, rest = n; i < 3; ++i, rest /= kLetters.size()) {
    marker.push_back(kLetters[rest % kLetters.size()]);
  }
  return marker;
}

std::string Symbol(int n) { return absl::StrCat("TEST/SHARD/", n); }
std::string Id(int n) { return DocumentIdFromSymbol(Symbol(n)); }

// Document `n`: three consecutive paragraphs of the sample report,
// renumbered 1 to 3, the second opening with the document's marker.
v1::IngestDocumentRequest TestDocument(
    int n, const std::vector<std::string>& paragraphs) {
  v1::IngestDocumentRequest request;
  v1::DocumentSource* source = request.mutable_source();
  std::string content;
  for (int i = 0; i < 3; ++i) {
    absl::StrAppend(&content, i + 1, ". ", i == 1 ? "Marker " : "",
                    i == 1 ? Marker(n) : "", i == 1 ? ". " : "",
                    paragraphs[(n + i) % paragraphs.size()], "\n");
  }
  source->set_content(content);
  source->set_media_type("text/plain");
  source->set_symbol(Symbol(n));
  source->set_title(absl::StrCat("Shard test document ", n));
  source->set_date("2008-02-15");
  return request;
}

// Timings for the report; nothing asserts on them.
void Report(const char* what, absl::Time since) {
  std::printf("[ timing   ] %s: %.2f s\n", what,
              absl::ToDoubleSeconds(absl::Now() - since));
}

class ShardsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Cluster::Config config;
    config.storage_shards = kShards;
    ASSERT_THAT(cluster_.Start(config), IsOk());
    client_ = cluster_.NewClient();
    ASSERT_NE(client_, nullptr);
    for (int shard = 0; shard < kShards; ++shard) {
      shards_.push_back(internal::v1::StorageService::NewStub(
          grpc::CreateChannel(cluster_.storage_address(shard),
                              grpc::InsecureChannelCredentials())));
    }
    paragraphs_ = SampleParagraphs();
    // The sample report has 83 numbered paragraphs.
    ASSERT_EQ(paragraphs_.size(), 82u);
  }

  // Asks shard `shard` itself for document `id`, bypassing query.
  absl::StatusOr<v1::Document> GetFromShard(int shard, const std::string& id) {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
    v1::GetDocumentRequest request;
    request.set_name(DocumentName(id));
    request.set_summary_only(true);
    v1::Document document;
    grpc::Status status =
        shards_[shard]->GetDocument(&context, request, &document);
    if (!status.ok()) {
      return FromGrpcStatus(status);
    }
    return document;
  }

  // Paragraphs of shard `shard` holding analyzed term `term`, asked of
  // the shard itself.
  absl::StatusOr<int64_t> ShardMatches(int shard, const std::string& term) {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
    internal::v1::SearchShardRequest request;
    request.add_terms(term);
    request.set_limit(1);
    internal::v1::SearchShardResponse response;
    grpc::Status status =
        shards_[shard]->SearchShard(&context, request, &response);
    if (!status.ok()) {
      return FromGrpcStatus(status);
    }
    return response.total_matches();
  }

  // Expects a search for document n's marker to find its paragraph 2 and
  // nothing else, with every shard answering.
  void ExpectFoundByMarker(int n) {
    v1::SearchRequest request;
    request.set_query(Marker(n));
    request.set_require_all_shards(true);
    absl::StatusOr<v1::SearchResponse> found = client_->Search(request);
    ASSERT_TRUE(found.ok()) << Symbol(n) << ": " << found.status();
    ASSERT_EQ(found->hits_size(), 1) << Marker(n) << " of " << Symbol(n);
    EXPECT_EQ(found->total_size(), 1);
    EXPECT_EQ(found->hits(0).document(), DocumentName(Id(n)));
    EXPECT_EQ(found->hits(0).symbol(), Symbol(n));
    EXPECT_EQ(found->hits(0).paragraph_number(), 2);
    EXPECT_THAT(found->unavailable_shards(), IsEmpty());
  }

  // A symbol, not among the bulk-ingested ones, whose id maps to `shard`.
  static std::string SymbolOnShard(int shard) {
    for (int i = 0;; ++i) {
      const std::string symbol = absl::StrCat("TEST/SHARD/LATE/", i);
      if (static_cast<int>(storage::ShardFor(DocumentIdFromSymbol(symbol),
                                             kShards)) == shard) {
        return symbol;
      }
    }
  }

  v1::IngestDocumentRequest LateDocument(int shard) {
    v1::IngestDocumentRequest request = TestDocument(kDocuments, paragraphs_);
    request.mutable_source()->set_symbol(SymbolOnShard(shard));
    return request;
  }

  rapporteur::testing::TempDir dir_;
  Cluster cluster_{dir_.path() + "/cluster"};
  std::unique_ptr<Client> client_;
  std::vector<std::unique_ptr<internal::v1::StorageService::Stub>> shards_;
  std::vector<std::string> paragraphs_;
};

TEST_F(ShardsTest, DocumentsSpreadAndSurviveAShardKilledAndRestarted) {
  // Every document of the bulk ingest is acknowledged.
  absl::Time start = absl::Now();
  int supplied = 0;
  absl::StatusOr<BulkIngestResult> bulk =
      client_->BulkIngest([&]() -> std::optional<v1::IngestDocumentRequest> {
        if (supplied == kDocuments) {
          return std::nullopt;
        }
        return TestDocument(supplied++, paragraphs_);
      });
  Report("BulkIngest of 1000 documents over 3 shards", start);
  ASSERT_TRUE(bulk.ok()) << bulk.status();
  ASSERT_EQ(bulk->outcomes.size(), static_cast<size_t>(kDocuments));
  EXPECT_EQ(bulk->totals.documents_done, kDocuments);
  EXPECT_EQ(bulk->totals.documents_failed, 0);
  for (int n = 0; n < kDocuments; ++n) {
    const v1::BulkIngestResponse& outcome = bulk->outcomes[n];
    EXPECT_EQ(outcome.index(), n);
    ASSERT_EQ(outcome.status().code(), 0)
        << Symbol(n) << ": " << outcome.status().message();
    EXPECT_EQ(outcome.document().name(), DocumentName(Id(n)));
    EXPECT_EQ(outcome.document().revision(), 1);
  }

  // Each document is on the shard its id hashes to, and only there; each
  // shard got a share.
  start = absl::Now();
  std::vector<int> per_shard(kShards, 0);
  for (int n = 0; n < kDocuments; ++n) {
    const int owner = static_cast<int>(storage::ShardFor(Id(n), kShards));
    ++per_shard[owner];
    absl::StatusOr<v1::Document> held = GetFromShard(owner, Id(n));
    ASSERT_TRUE(held.ok()) << Symbol(n) << " on shard " << owner << ": "
                           << held.status();
    EXPECT_EQ(held->symbol(), Symbol(n));
    EXPECT_THAT(GetFromShard((owner + 1) % kShards, Id(n)),
                StatusIs(absl::StatusCode::kNotFound));
    EXPECT_THAT(GetFromShard((owner + 2) % kShards, Id(n)),
                StatusIs(absl::StatusCode::kNotFound));
  }
  Report("GetDocument of each document on all 3 shards directly", start);
  for (int shard = 0; shard < kShards; ++shard) {
    EXPECT_GT(per_shard[shard], 0) << "shard " << shard;
    std::printf("[ shards   ] shard %d holds %d documents\n", shard,
                per_shard[shard]);
  }

  // A marker search finds its document, whichever shard holds it.
  start = absl::Now();
  for (int n = 0; n < kDocuments; ++n) {
    ASSERT_NO_FATAL_FAILURE(ExpectFoundByMarker(n));
  }
  Report("marker search of each document", start);

  // A common word is counted over every shard.
  std::vector<int64_t> human(kShards);
  for (int shard = 0; shard < kShards; ++shard) {
    absl::StatusOr<int64_t> matches = ShardMatches(shard, "human");
    ASSERT_TRUE(matches.ok()) << matches.status();
    EXPECT_GT(*matches, 0) << "shard " << shard;
    human[shard] = *matches;
  }
  absl::StatusOr<v1::SearchResponse> all = client_->Search("human");
  ASSERT_TRUE(all.ok()) << all.status();
  EXPECT_EQ(all->total_size(), human[0] + human[1] + human[2]);
  EXPECT_THAT(all->unavailable_shards(), IsEmpty());

  // Shard 1 dies without warning.
  constexpr int kDead = 1;
  cluster_.storage(kDead).Signal(SIGKILL);
  EXPECT_EQ(cluster_.storage(kDead).Wait(), 128 + SIGKILL);

  // Searches answer from the two others and name the missing shard.
  v1::SearchRequest common;
  common.set_query("human");
  common.set_page_size(100);
  absl::StatusOr<v1::SearchResponse> partial = client_->Search(common);
  ASSERT_TRUE(partial.ok()) << partial.status();
  EXPECT_EQ(partial->total_size(), human[0] + human[2]);
  EXPECT_EQ(partial->hits_size(), 100);
  for (const v1::SearchHit& hit : partial->hits()) {
    absl::StatusOr<std::string> id = ParseDocumentName(hit.document());
    ASSERT_TRUE(id.ok()) << id.status();
    EXPECT_NE(static_cast<int>(storage::ShardFor(*id, kShards)), kDead)
        << hit.paragraph();
  }
  ASSERT_EQ(partial->unavailable_shards_size(), 1);
  EXPECT_THAT(partial->unavailable_shards(0),
              HasSubstr(absl::StrCat("shard ", kDead, " (",
                                     cluster_.storage_address(kDead), ")")));
  // Markers of documents on live shards are still found, those on the dead
  // one are not, and the search says why.
  std::vector<int> on_dead;
  for (int n = 0; n < kDocuments; ++n) {
    if (static_cast<int>(storage::ShardFor(Id(n), kShards)) == kDead) {
      on_dead.push_back(n);
    }
  }
  ASSERT_FALSE(on_dead.empty());
  for (int n : {0, 1, 2, 3, 4, 5, on_dead[0], on_dead.back()}) {
    absl::StatusOr<v1::SearchResponse> found = client_->Search(Marker(n));
    ASSERT_TRUE(found.ok()) << found.status();
    const bool dead = storage::ShardFor(Id(n), kShards) == kDead;
    EXPECT_EQ(found->hits_size(), dead ? 0 : 1) << Symbol(n);
    EXPECT_EQ(found->unavailable_shards_size(), 1) << Symbol(n);
  }

  common.set_require_all_shards(true);
  EXPECT_THAT(client_->Search(common),
              StatusIs(absl::StatusCode::kUnavailable,
                       HasSubstr(cluster_.storage_address(kDead))));

  // Ingest fails for the dead shard's documents only.
  const v1::IngestDocumentRequest late_dead = LateDocument(kDead);
  const v1::IngestDocumentRequest late_live = LateDocument(0);
  EXPECT_THAT(client_->IngestDocument(late_dead),
              StatusIs(absl::StatusCode::kUnavailable, HasSubstr("storage")));
  absl::StatusOr<v1::IngestDocumentResponse> live =
      client_->IngestDocument(late_live);
  ASSERT_TRUE(live.ok()) << live.status();
  EXPECT_EQ(live->document().revision(), 1);

  // Nothing else went down.
  EXPECT_FALSE(cluster_.ingest().Exited());
  EXPECT_FALSE(cluster_.query().Exited());
  EXPECT_FALSE(cluster_.storage(0).Exited());
  EXPECT_FALSE(cluster_.storage(2).Exited());

  // Back on its port and data directory, the shard serves again.
  start = absl::Now();
  ASSERT_THAT(cluster_.StartStorage(kDead, cluster_.storage_port(kDead)),
              IsOk());
  v1::SearchRequest probe;
  probe.set_query(Marker(on_dead[0]));
  probe.set_require_all_shards(true);
  absl::StatusOr<v1::SearchResponse> back =
      UntilAvailable([&] { return client_->Search(probe); });
  ASSERT_TRUE(back.ok()) << back.status();
  Report("restart of the killed shard until searches reach it", start);

  // Every acknowledged document is there, found by its marker, and the
  // ones of the killed shard also by name through query.
  start = absl::Now();
  for (int n = 0; n < kDocuments; ++n) {
    ASSERT_NO_FATAL_FAILURE(ExpectFoundByMarker(n));
  }
  for (int n : on_dead) {
    v1::GetDocumentRequest request;
    request.set_name(DocumentName(Id(n)));
    request.set_summary_only(true);
    absl::StatusOr<v1::Document> document = client_->GetDocument(request);
    ASSERT_TRUE(document.ok()) << Symbol(n) << ": " << document.status();
    EXPECT_EQ(document->revision(), 1);
  }
  Report("marker search of each document after the restart", start);
  absl::StatusOr<v1::SearchResponse> whole = client_->Search("human");
  ASSERT_TRUE(whole.ok()) << whole.status();
  EXPECT_THAT(whole->unavailable_shards(), IsEmpty());
  int64_t total = 0;
  for (int shard = 0; shard < kShards; ++shard) {
    absl::StatusOr<int64_t> matches = ShardMatches(shard, "human");
    ASSERT_TRUE(matches.ok()) << matches.status();
    total += *matches;
  }
  EXPECT_EQ(whole->total_size(), total);
  // The restarted shard matches what it matched before it was killed.
  EXPECT_THAT(ShardMatches(kDead, "human"), IsOkAndHolds(human[kDead]));

  // The refused ingest left nothing behind, and goes through now; the one
  // taken during the outage is there.
  v1::GetDocumentRequest refused;
  refused.set_name(
      DocumentName(DocumentIdFromSymbol(late_dead.source().symbol())));
  EXPECT_THAT(client_->GetDocument(refused),
              StatusIs(absl::StatusCode::kNotFound));
  absl::StatusOr<v1::IngestDocumentResponse> retried =
      client_->IngestDocument(late_dead);
  ASSERT_TRUE(retried.ok()) << retried.status();
  EXPECT_EQ(retried->document().revision(), 1);
  v1::GetDocumentRequest taken;
  taken.set_name(live->document().name());
  EXPECT_THAT(client_->GetDocument(taken), IsOk());
}

// A storage process stopped (SIGSTOP: it holds its connections and answers
// nothing) costs a search a share of its deadline, not the shards' 30 s
// timeout: a search with a 2 s deadline answers within it, from the other
// shards, naming the stopped one.
TEST_F(ShardsTest, AStoppedShardCostsASearchAShareOfItsDeadline) {
  constexpr int kReports = 30;
  for (int n = 0; n < kReports; ++n) {
    ASSERT_THAT(client_->IngestDocument(TestDocument(n, paragraphs_)).status(),
                IsOk());
  }
  std::vector<int64_t> human(kShards);
  for (int shard = 0; shard < kShards; ++shard) {
    absl::StatusOr<int64_t> matches = ShardMatches(shard, "human");
    ASSERT_TRUE(matches.ok()) << matches.status();
    ASSERT_GT(*matches, 0) << "shard " << shard;
    human[shard] = *matches;
  }

  // Query's connections to every shard are up, as in a service at work.
  v1::SearchRequest request;
  request.set_query("human");
  request.set_page_size(100);
  request.set_require_all_shards(true);
  absl::StatusOr<v1::SearchResponse> before = rapporteur::testing::SearchOnce(
      cluster_.query_address(), request, absl::Seconds(10));
  ASSERT_THAT(before.status(), IsOk());
  EXPECT_EQ(before->total_size(), human[0] + human[1] + human[2]);
  request.set_require_all_shards(false);

  constexpr int kStopped = 1;
  cluster_.storage(kStopped).Signal(SIGSTOP);
  // Resumed whatever happens, so that the cluster stops cleanly.
  struct Resume {
    Subprocess* process;
    ~Resume() { process->Signal(SIGCONT); }
  } resume{&cluster_.storage(kStopped)};

  for (int attempt = 0; attempt < 3; ++attempt) {
    const absl::Time start = absl::Now();
    absl::StatusOr<v1::SearchResponse> partial =
        rapporteur::testing::SearchOnce(cluster_.query_address(), request,
                                        absl::Seconds(2));
    Report("search with a 2 s deadline, one of 3 shards stopped", start);
    // Not DEADLINE_EXCEEDED: the search gave up on the shard in time.
    ASSERT_THAT(partial.status(), IsOk());
    EXPECT_EQ(partial->total_size(), human[0] + human[2]);
    ASSERT_EQ(partial->unavailable_shards_size(), 1)
        << absl::StrJoin(partial->unavailable_shards(), "; ");
    EXPECT_THAT(
        partial->unavailable_shards(0),
        HasSubstr(absl::StrCat("shard ", kStopped, " (",
                               cluster_.storage_address(kStopped), ")")));
    for (const v1::SearchHit& hit : partial->hits()) {
      absl::StatusOr<std::string> id = ParseDocumentName(hit.document());
      ASSERT_TRUE(id.ok()) << id.status();
      EXPECT_NE(static_cast<int>(storage::ShardFor(*id, kShards)), kStopped);
    }
  }
  // Asked for every shard, the search says it ran out of time.
  request.set_require_all_shards(true);
  EXPECT_THAT(rapporteur::testing::SearchOnce(cluster_.query_address(), request,
                                              absl::Seconds(2)),
              StatusIs(absl::StatusCode::kDeadlineExceeded));

  // Resumed, the shard answers again.
  cluster_.storage(kStopped).Signal(SIGCONT);
  request.set_require_all_shards(false);
  absl::StatusOr<v1::SearchResponse> whole = rapporteur::testing::SearchOnce(
      cluster_.query_address(), request, absl::Seconds(10));
  ASSERT_THAT(whole.status(), IsOk());
  EXPECT_THAT(whole->unavailable_shards(), IsEmpty());
  EXPECT_EQ(whole->total_size(), human[0] + human[1] + human[2]);
}

}  // namespace
}  // namespace rapporteur
