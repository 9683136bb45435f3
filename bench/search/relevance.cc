#include "bench/search/relevance.h"

#include <filesystem>
#include <map>
#include <memory>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "bench/search/engine.h"
#include "rapporteur/client.h"
#include "tests/testing/judged_corpus.h"
#include "tests/testing/judged_set.h"

namespace rapporteur::bench {
namespace {

using testing::JudgedQuestion;
using testing::RelevanceTally;

constexpr int kCutoff = 10;

// One row of the table: an engine, how it was asked, what it scored.
struct Measured {
  Measured(std::string engine, std::string asked_as)
      : engine(std::move(engine)), asked_as(std::move(asked_as)) {}

  std::string engine;
  std::string asked_as;
  RelevanceTally total;
  std::map<std::string, RelevanceTally> by_kind;

  void Add(const JudgedQuestion& question,
           const absl::StatusOr<std::vector<std::string>>& ranked) {
    if (ranked.ok()) {
      total.Add(question, *ranked, kCutoff);
      by_kind[question.kind].Add(question, *ranked, kCutoff);
    } else {
      total.AddRejected(question, kCutoff);
      by_kind[question.kind].AddRejected(question, kCutoff);
    }
  }
};

// How each peer is asked: its own OR over the question's plain words.
std::string AskedAs(const std::string& key) {
  if (key == "fts5") return "`\"w1\" OR \"w2\" …`, bm25()";
  if (key == "xapian") return "QueryParser OP_OR, BM25Weight";
  if (key == "lucene") return "QueryParser OR_OPERATOR, TF-IDF";
  return "OR of the words";
}

// Names of Rapporteur's first hits for the question as typed, with
// `default_operator` set as a caller choosing it would.
absl::StatusOr<std::vector<std::string>> SearchWith(
    Client& client, const std::string& question,
    v1::DefaultOperator default_operator) {
  v1::SearchRequest request;
  request.set_query(question);
  request.set_page_size(kCutoff);
  request.set_default_operator(default_operator);
  return testing::SearchNames(client, request);
}

std::string Format(const std::vector<Measured>& rows,
                   const testing::JudgedSet& set, size_t paragraphs) {
  std::string out = absl::StrFormat(
      "## Relevance: the judged set (%d questions over %d documents, %d "
      "paragraphs)\n\n"
      "| engine | questions asked as | MRR@10 | nDCG@10 | answer first | "
      "no hit | rejected |\n|---|---|---|---|---|---|---|\n",
      set.questions.size(), set.documents.size(), paragraphs);
  for (const Measured& row : rows) {
    absl::StrAppendFormat(&out, "| %s | %s | %.3f | %.3f | %d | %d | %d |\n",
                          row.engine, row.asked_as, row.total.mrr(),
                          row.total.ndcg(), row.total.answered_first(),
                          row.total.no_hit(), row.total.rejected());
  }
  if (rows.empty()) {
    return out;
  }
  absl::StrAppend(&out, "\nMRR@10 by kind of question:\n\n| engine |");
  for (const auto& [kind, tally] : rows[0].by_kind) {
    absl::StrAppend(&out, " ", kind, " (", tally.questions(), ") |");
  }
  absl::StrAppend(&out, "\n|---|");
  for (size_t i = 0; i < rows[0].by_kind.size(); ++i) {
    absl::StrAppend(&out, "---|");
  }
  absl::StrAppend(&out, "\n");
  for (const Measured& row : rows) {
    absl::StrAppend(&out, "| ", row.engine, ", ", row.asked_as, " |");
    for (const auto& [kind, tally] : row.by_kind) {
      absl::StrAppendFormat(&out, " %.3f |", tally.mrr());
    }
    absl::StrAppend(&out, "\n");
  }
  return out;
}

}  // namespace

std::vector<std::string> PlainWords(const std::string& question) {
  std::vector<std::string> words;
  std::string word;
  for (const char c : question) {
    if (absl::ascii_isalnum(c) || static_cast<unsigned char>(c) >= 0x80) {
      word.push_back(c);
      continue;
    }
    if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) {
    words.push_back(std::move(word));
  }
  for (std::string& w : words) {
    if (w == "AND" || w == "OR" || w == "NOT") {
      absl::AsciiStrToLower(&w);
    }
  }
  return words;
}

absl::StatusOr<std::string> MeasureRelevance(const RelevanceConfig& config) {
  absl::StatusOr<testing::JudgedSet> set =
      testing::LoadJudgedSet(config.judged_dir);
  if (!set.ok()) {
    return set.status();
  }
  const std::string data_dir = absl::StrCat(config.work_dir, "/rapporteur");
  std::error_code error;
  std::filesystem::remove_all(data_dir, error);
  std::filesystem::create_directories(data_dir, error);
  Options options;
  options.data_dir = data_dir;
  absl::StatusOr<std::unique_ptr<Client>> client = MakeClient(options);
  if (!client.ok()) {
    return client.status();
  }
  absl::StatusOr<std::vector<testing::JudgedParagraph>> paragraphs =
      testing::IngestJudgedDocuments(**client, set->documents,
                                     config.corpus_dir);
  if (!paragraphs.ok()) {
    return paragraphs.status();
  }

  std::vector<Measured> rows;
  // What a caller gets who sets nothing but the query; then the same with
  // OR chosen, as a caller may, to show what the mode alone changes.
  Measured by_default("Rapporteur embedded (SDK)",
                      "the question as typed, default request");
  Measured with_or("Rapporteur embedded (SDK)",
                   "the question as typed, default_operator OR");
  for (const JudgedQuestion& question : set->questions) {
    by_default.Add(question,
                   testing::DefaultSearch(**client, question.text, kCutoff));
    with_or.Add(question,
                SearchWith(**client, question.text, v1::DEFAULT_OPERATOR_OR));
  }
  rows.push_back(std::move(by_default));
  rows.push_back(std::move(with_or));
  client->reset();  // closes the data directory

  // The peers index Rapporteur's paragraphs; a hit's id is the index of
  // its paragraph in that list, which gives back its name. The filters of
  // the timing benchmark are not used: every paragraph gets the same.
  std::vector<BenchParagraph> corpus;
  for (size_t i = 0; i < paragraphs->size(); ++i) {
    corpus.push_back({.id = static_cast<uint32_t>(i),
                      .text = (*paragraphs)[i].text,
                      .country = "XXX",
                      .year = 2000});
  }
  for (const std::string& key : config.peers) {
    absl::StatusOr<std::unique_ptr<SearchEngine>> engine =
        MakeEngine(key, absl::StrCat(config.work_dir, "/", key));
    if (!engine.ok()) {
      return engine.status();
    }
    if (absl::Status indexed = (*engine)->Index(corpus); !indexed.ok()) {
      return indexed;
    }
    Measured row((*engine)->name(), AskedAs(key));
    for (const JudgedQuestion& question : set->questions) {
      BenchQuery query;
      query.category = question.kind;
      query.words = PlainWords(question.text);
      query.text = absl::StrJoin(query.words, " ");
      query.any = true;
      absl::StatusOr<std::vector<uint32_t>> ids =
          (*engine)->Query(query, kCutoff);
      if (!ids.ok()) {
        row.Add(question, ids.status());
        continue;
      }
      std::vector<std::string> names;
      for (uint32_t id : *ids) {
        names.push_back((*paragraphs)[id].name);
      }
      row.Add(question, names);
    }
    rows.push_back(std::move(row));
  }
  return Format(rows, *set, paragraphs->size());
}

}  // namespace rapporteur::bench
