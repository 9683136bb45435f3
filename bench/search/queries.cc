#include "bench/search/queries.h"

#include <cctype>
#include <fstream>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace rapporteur::bench {

absl::StatusOr<BenchQuery> ParseQuery(const std::string& category,
                                      const std::string& text) {
  BenchQuery query;
  query.category = category;
  query.text = text;
  size_t i = 0;
  while (i < text.size()) {
    if (std::isspace(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    if (text[i] == '"') {
      size_t close = text.find('"', i + 1);
      if (close == std::string::npos) {
        return absl::InvalidArgumentError(
            absl::StrCat("query '", text, "': unclosed quote at byte ", i));
      }
      std::vector<std::string> words = absl::StrSplit(
          text.substr(i + 1, close - i - 1), ' ', absl::SkipEmpty());
      if (words.size() < 2) {
        return absl::InvalidArgumentError(absl::StrCat(
            "query '", text, "': a phrase needs two words or more"));
      }
      query.phrases.push_back(std::move(words));
      i = close + 1;
      continue;
    }
    size_t end = i;
    while (end < text.size() &&
           !std::isspace(static_cast<unsigned char>(text[end]))) {
      ++end;
    }
    std::string token = text.substr(i, end - i);
    i = end;
    size_t colon = token.find(':');
    if (colon == std::string::npos) {
      query.words.push_back(token);
      continue;
    }
    std::string field = token.substr(0, colon);
    std::string value = token.substr(colon + 1);
    if (field == "year") {
      if (!absl::SimpleAtoi(value, &query.year) || query.year < 1000 ||
          query.year > 9999) {
        return absl::InvalidArgumentError(
            absl::StrCat("query '", text, "': bad year '", value, "'"));
      }
    } else if (field == "country") {
      if (value.size() != 3) {
        return absl::InvalidArgumentError(
            absl::StrCat("query '", text, "': country '", value,
                         "' is not an ISO 3166-1 alpha-3 code"));
      }
      query.country = absl::AsciiStrToUpper(value);
    } else {
      return absl::InvalidArgumentError(
          absl::StrCat("query '", text, "': unknown field '", field,
                       "' (year and country are known)"));
    }
  }
  if (query.words.empty() && query.phrases.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("query '", text, "' has no word"));
  }
  return query;
}

absl::StatusOr<std::vector<BenchQuery>> LoadQueries(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    return absl::NotFoundError(absl::StrCat("cannot read queries ", path));
  }
  std::vector<BenchQuery> queries;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#') {
      continue;
    }
    size_t tab = line.find('\t');
    if (tab == std::string::npos) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ":", number, ": expected 'category<TAB>query'"));
    }
    absl::StatusOr<BenchQuery> query =
        ParseQuery(line.substr(0, tab), line.substr(tab + 1));
    if (!query.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ":", number, ": ", query.status().message()));
    }
    queries.push_back(*std::move(query));
  }
  return queries;
}

}  // namespace rapporteur::bench
