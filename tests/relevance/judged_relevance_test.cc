// Rapporteur's default search against the judged set (tests/data/judged):
// the five corpus documents ingested through the embedded SDK, each
// question searched with the request a caller writes (query and page size
// only), MRR@10 held to the floor of floor.tsv, set just under today's
// measure. A change that ranks answers lower fails; one that ranks them
// higher raises the floor by hand. bench/run-search-bench --relevance
// prints the same measures beside SQLite FTS5, Xapian and Lucene++.
#include <cstdio>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "gtest/gtest.h"
#include "rapporteur/client.h"
#include "tests/testing/files.h"
#include "tests/testing/judged_corpus.h"
#include "tests/testing/judged_set.h"

#ifndef RAPPORTEUR_SOURCE_DIR
#define RAPPORTEUR_SOURCE_DIR "/work/main"
#endif

namespace rapporteur::testing {
namespace {

constexpr int kCutoff = 10;

class JudgedRelevanceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<JudgedSet> set =
        LoadJudgedSet(RAPPORTEUR_SOURCE_DIR "/tests/data/judged");
    ASSERT_TRUE(set.ok()) << set.status();
    set_ = *std::move(set);
    Options options;
    options.data_dir = dir_.path();
    absl::StatusOr<std::unique_ptr<Client>> client = MakeClient(options);
    ASSERT_TRUE(client.ok()) << client.status();
    client_ = *std::move(client);
    absl::StatusOr<std::vector<JudgedParagraph>> paragraphs =
        IngestJudgedDocuments(*client_, set_.documents, CorpusDir());
    ASSERT_TRUE(paragraphs.ok()) << paragraphs.status();
    paragraphs_ = *std::move(paragraphs);
  }

  TempDir dir_;
  JudgedSet set_;
  std::unique_ptr<Client> client_;
  std::vector<JudgedParagraph> paragraphs_;
};

// A judgment naming a paragraph ingest no longer makes (a changed split or
// numbering) would silently count as a miss: the set must be redone.
TEST_F(JudgedRelevanceTest, EveryJudgedParagraphIsStored) {
  absl::flat_hash_set<std::string> stored;
  for (const JudgedParagraph& paragraph : paragraphs_) {
    stored.insert(paragraph.name);
  }
  for (const JudgedQuestion& question : set_.questions) {
    for (const auto& [name, grade] : question.grades) {
      EXPECT_TRUE(stored.contains(name)) << question.id << " judges " << name;
    }
  }
}

TEST_F(JudgedRelevanceTest, DefaultSearchRanksAnswersAboveTheFloor) {
  RelevanceTally tally;
  for (const JudgedQuestion& question : set_.questions) {
    absl::StatusOr<std::vector<std::string>> ranked =
        DefaultSearch(*client_, question.text, kCutoff);
    if (ranked.ok()) {
      tally.Add(question, *ranked, kCutoff);
    } else {
      tally.AddRejected(question, kCutoff);
    }
  }
  std::printf(
      "judged set: %d questions, MRR@10 %.3f, nDCG@10 %.3f, answered first "
      "%d, no hit %d, rejected %d; floor %.3f\n",
      tally.questions(), tally.mrr(), tally.ndcg(), tally.answered_first(),
      tally.no_hit(), tally.rejected(), set_.mrr_floor);
  RecordProperty("mrr_at_10", std::to_string(tally.mrr()));
  RecordProperty("ndcg_at_10", std::to_string(tally.ndcg()));
  EXPECT_EQ(tally.questions(), static_cast<int>(set_.questions.size()));
  EXPECT_GE(tally.mrr(), set_.mrr_floor)
      << "MRR@10 fell under the floor of tests/data/judged/floor.tsv";
}

}  // namespace
}  // namespace rapporteur::testing
