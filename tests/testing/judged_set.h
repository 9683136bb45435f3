#ifndef RAPPORTEUR_TESTS_TESTING_JUDGED_SET_H_
#define RAPPORTEUR_TESTS_TESTING_JUDGED_SET_H_

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"

// The judged set of tests/data/judged (its README says how it was made) and
// the measures of a ranking against it, shared by the relevance test and
// the search benchmark so that both score alike.
namespace rapporteur::testing {

// One question of questions.tsv.
struct JudgedQuestion {
  std::string id;    // "q001"
  std::string kind;  // "number", "entity", "synonym", "recommendation"...
  std::string text;  // as an analyst would type it
  // Paragraph name (documents/ID/paragraphs/N) → 2 when it answers the
  // question, 1 when it bears on it. Holds at least one 2.
  absl::flat_hash_map<std::string, int> grades;
};

// One document of documents.tsv.
struct JudgedDocument {
  std::string name;    // documents/ID, the name ingest gives it
  std::string file;    // relative to the corpus folder
  std::string symbol;  // to ingest it with; empty: its masthead's
};

struct JudgedSet {
  std::vector<JudgedDocument> documents;
  std::vector<JudgedQuestion> questions;
  double mrr_floor = 0;  // floor.tsv's mrr@10
};

// Reads questions.tsv, documents.tsv and floor.tsv of `dir`. NOT_FOUND for
// a missing file; INVALID_ARGUMENT naming the file and line of a malformed
// line, a grade other than 1 or 2, a paragraph of a document documents.tsv
// does not list, or a question with no paragraph of grade 2.
absl::StatusOr<JudgedSet> LoadJudgedSet(const std::string& dir);

// The measures at cutoff `k` of `ranked` (paragraph names, best first)
// for `question`: 1/rank of the first paragraph of grade 2 (0 when none is
// in the first k), and nDCG with gain 2^grade - 1 and discount
// 1/log2(rank + 1) over the ideal ranking of the question's judgments.
double ReciprocalRank(const JudgedQuestion& question,
                      const std::vector<std::string>& ranked, int k);
double Ndcg(const JudgedQuestion& question,
            const std::vector<std::string>& ranked, int k);

// Mean measures of one engine over the questions it was asked.
class RelevanceTally {
 public:
  // Adds a question's ranking; a question the engine rejected is added
  // with an empty ranking (and counted in rejected()).
  void Add(const JudgedQuestion& question,
           const std::vector<std::string>& ranked, int k);
  void AddRejected(const JudgedQuestion& question, int k);

  int questions() const { return questions_; }
  int rejected() const { return rejected_; }
  // Questions whose first hit answers them.
  int answered_first() const { return answered_first_; }
  // Questions with no hit at all in the first k.
  int no_hit() const { return no_hit_; }
  double mrr() const { return questions_ == 0 ? 0 : rr_sum_ / questions_; }
  double ndcg() const { return questions_ == 0 ? 0 : ndcg_sum_ / questions_; }

 private:
  int questions_ = 0;
  int rejected_ = 0;
  int answered_first_ = 0;
  int no_hit_ = 0;
  double rr_sum_ = 0;
  double ndcg_sum_ = 0;
};

}  // namespace rapporteur::testing

#endif  // RAPPORTEUR_TESTS_TESTING_JUDGED_SET_H_
