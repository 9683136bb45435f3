#ifndef RAPPORTEUR_TESTS_TESTING_JUDGED_CORPUS_H_
#define RAPPORTEUR_TESTS_TESTING_JUDGED_CORPUS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "rapporteur/client.h"
#include "tests/testing/judged_set.h"

// The documents of the judged set stored through the SDK, and Rapporteur's
// answer to a question, as the relevance test and the search benchmark
// both need them.
namespace rapporteur::testing {

// A paragraph as Rapporteur stored it: the peers of the benchmark index
// the same texts under the same names.
struct JudgedParagraph {
  std::string name;  // documents/ID/paragraphs/N
  std::string text;
};

// Ingests every document of `documents` from `corpus_dir` through
// `client` and returns their paragraphs in document order. The error of
// an unreadable file (NOT_FOUND) or a failed ingest; FAILED_PRECONDITION
// when ingest names a document otherwise than documents.tsv does, as the
// judgments would then name no paragraph.
absl::StatusOr<std::vector<JudgedParagraph>> IngestJudgedDocuments(
    Client& client, const std::vector<JudgedDocument>& documents,
    const std::string& corpus_dir);

// Names of the hits of `request`, best first.
absl::StatusOr<std::vector<std::string>> SearchNames(
    Client& client, const v1::SearchRequest& request);

// Names of the first `k` hits of `question` searched as a caller who sets
// nothing but the query and the page size does: Rapporteur's default mode.
// The search's error when the query language rejects the question.
absl::StatusOr<std::vector<std::string>> DefaultSearch(
    Client& client, const std::string& question, int k);

}  // namespace rapporteur::testing

#endif  // RAPPORTEUR_TESTS_TESTING_JUDGED_CORPUS_H_
