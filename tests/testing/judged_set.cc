#include "tests/testing/judged_set.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <functional>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace rapporteur::testing {
namespace {

// Calls `on_line(number, fields)` for every line of the TSV file `path`
// that is neither blank nor a '#' comment; stops at its first error.
absl::Status ForEachLine(
    const std::string& path,
    const std::function<absl::Status(int, const std::vector<std::string>&)>&
        on_line) {
  std::ifstream in(path);
  if (!in) {
    return absl::NotFoundError(absl::StrCat("cannot read ", path));
  }
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#') {
      continue;
    }
    std::vector<std::string> fields = absl::StrSplit(line, '\t');
    if (absl::Status status = on_line(number, fields); !status.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ":", number, ": ", status.message()));
    }
  }
  return absl::OkStatus();
}

// "documents/ID" of a paragraph name "documents/ID/paragraphs/N"; empty
// when `name` is not one.
std::string DocumentOf(const std::string& name) {
  const size_t at = name.find("/paragraphs/");
  if (!absl::StartsWith(name, "documents/") || at == std::string::npos ||
      at + sizeof("/paragraphs/") - 1 == name.size()) {
    return "";
  }
  return name.substr(0, at);
}

double Gain(int grade) { return std::pow(2.0, grade) - 1; }
double Discount(int rank) { return 1 / std::log2(rank + 1.0); }  // from 1

}  // namespace

absl::StatusOr<JudgedSet> LoadJudgedSet(const std::string& dir) {
  JudgedSet set;
  absl::flat_hash_set<std::string> names;
  absl::Status status = ForEachLine(
      absl::StrCat(dir, "/documents.tsv"),
      [&](int, const std::vector<std::string>& fields) {
        if (fields.size() != 3 ||
            DocumentOf(fields[0] + "/paragraphs/1") != fields[0]) {
          return absl::InvalidArgumentError(
              "expected documents/ID<TAB>file<TAB>symbol or -");
        }
        set.documents.push_back({.name = fields[0],
                                 .file = fields[1],
                                 .symbol = fields[2] == "-" ? "" : fields[2]});
        names.insert(fields[0]);
        return absl::OkStatus();
      });
  if (!status.ok()) {
    return status;
  }
  absl::flat_hash_set<std::string> ids;
  status = ForEachLine(
      absl::StrCat(dir, "/questions.tsv"),
      [&](int, const std::vector<std::string>& fields) {
        if (fields.size() != 4) {
          return absl::InvalidArgumentError(
              "expected id<TAB>kind<TAB>question<TAB>judgments");
        }
        JudgedQuestion question;
        question.id = fields[0];
        question.kind = fields[1];
        question.text = fields[2];
        if (!ids.insert(question.id).second) {
          return absl::InvalidArgumentError(
              absl::StrCat("question ", question.id, " again"));
        }
        bool answered = false;
        for (absl::string_view judgment :
             absl::StrSplit(fields[3], ' ', absl::SkipEmpty())) {
          const size_t equals = judgment.rfind('=');
          int grade = 0;
          if (equals == absl::string_view::npos ||
              !absl::SimpleAtoi(judgment.substr(equals + 1), &grade) ||
              (grade != 1 && grade != 2)) {
            return absl::InvalidArgumentError(absl::StrCat(
                "judgment '", judgment, "' is not NAME=1 or NAME=2"));
          }
          std::string name(judgment.substr(0, equals));
          if (!names.contains(DocumentOf(name))) {
            return absl::InvalidArgumentError(absl::StrCat(
                "'", name, "' is no paragraph of a document of documents.tsv"));
          }
          if (!question.grades.emplace(name, grade).second) {
            return absl::InvalidArgumentError(
                absl::StrCat("'", name, "' judged twice"));
          }
          answered |= grade == 2;
        }
        if (!answered) {
          return absl::InvalidArgumentError(
              absl::StrCat(question.id, " has no paragraph of grade 2"));
        }
        set.questions.push_back(std::move(question));
        return absl::OkStatus();
      });
  if (!status.ok()) {
    return status;
  }
  bool has_floor = false;
  status = ForEachLine(
      absl::StrCat(dir, "/floor.tsv"),
      [&](int, const std::vector<std::string>& fields) {
        if (fields.size() != 2 || fields[0] != "mrr@10" ||
            !absl::SimpleAtod(fields[1], &set.mrr_floor)) {
          return absl::InvalidArgumentError("expected mrr@10<TAB>number");
        }
        has_floor = true;
        return absl::OkStatus();
      });
  if (!status.ok()) {
    return status;
  }
  if (!has_floor) {
    return absl::InvalidArgumentError(
        absl::StrCat(dir, "/floor.tsv holds no mrr@10 line"));
  }
  return set;
}

double ReciprocalRank(const JudgedQuestion& question,
                      const std::vector<std::string>& ranked, int k) {
  const int n = std::min<int>(k, ranked.size());
  for (int i = 0; i < n; ++i) {
    auto it = question.grades.find(ranked[i]);
    if (it != question.grades.end() && it->second == 2) {
      return 1.0 / (i + 1);
    }
  }
  return 0;
}

double Ndcg(const JudgedQuestion& question,
            const std::vector<std::string>& ranked, int k) {
  double dcg = 0;
  const int n = std::min<int>(k, ranked.size());
  for (int i = 0; i < n; ++i) {
    auto it = question.grades.find(ranked[i]);
    if (it != question.grades.end()) {
      dcg += Gain(it->second) * Discount(i + 1);
    }
  }
  std::vector<int> ideal;
  for (const auto& [name, grade] : question.grades) {
    ideal.push_back(grade);
  }
  std::sort(ideal.rbegin(), ideal.rend());
  double ideal_dcg = 0;
  for (int i = 0; i < std::min<int>(k, ideal.size()); ++i) {
    ideal_dcg += Gain(ideal[i]) * Discount(i + 1);
  }
  return ideal_dcg == 0 ? 0 : dcg / ideal_dcg;
}

void RelevanceTally::Add(const JudgedQuestion& question,
                         const std::vector<std::string>& ranked, int k) {
  ++questions_;
  const double rr = ReciprocalRank(question, ranked, k);
  rr_sum_ += rr;
  ndcg_sum_ += Ndcg(question, ranked, k);
  answered_first_ += rr == 1.0 ? 1 : 0;
  no_hit_ += ranked.empty() ? 1 : 0;
}

void RelevanceTally::AddRejected(const JudgedQuestion& question, int k) {
  ++rejected_;
  Add(question, {}, k);
}

}  // namespace rapporteur::testing
