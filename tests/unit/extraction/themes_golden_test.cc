// Themes of paragraphs and recommendations against tests/data/themes/*.tsv,
// written by reading the reports against data/vocabularies/themes.tsv
// (tests/data/README.md). Themes are a judgement: the extraction matches
// keywords, a reader weighs what a text is about. So the check is a measure
// (precision, recall and F1 over every theme given, and the lines where
// reader and extraction agree exactly) with a floor set just under what the
// extraction reaches today: a change that loses agreement fails, one that
// gains it raises the floor by hand.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "lib/ingest/ingester.h"
#include "tests/testing/files.h"

#ifndef RAPPORTEUR_SOURCE_DIR
#define RAPPORTEUR_SOURCE_DIR "/work/main"
#endif

namespace rapporteur::ingest {
namespace {

using Themes = std::set<std::string>;
// "paragraph 12" or "recommendation 44.3" → themes.
using ThemeLines = std::map<std::string, Themes>;

struct ThemesGolden {
  const char* stem;    // tests/data/themes/<stem>.tsv
  const char* source;  // under the corpus directory
  const char* symbol;
  const char* date;
  const char* country;
  double min_f1;  // the floor, just under today's measure
};

constexpr ThemesGolden kGoldens[] = {
    {"A_HRC_7_20", "A_HRC_7_20.txt", "A/HRC/7/20", "2008-02-15", "PRK", 0.75},
    {"czechrepublic2008", "upr/czechrepublic2008.pdf", "A/HRC/8/33",
     "2008-05-23", "CZE", 0.80},
};

ThemeLines ReadGolden(const std::string& stem) {
  ThemeLines lines;
  const std::string tsv = rapporteur::testing::ReadFileOrDie(
      absl::StrCat(RAPPORTEUR_SOURCE_DIR "/tests/data/themes/", stem, ".tsv"));
  for (absl::string_view line : absl::StrSplit(tsv, '\n')) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> fields = absl::StrSplit(line, '\t');
    EXPECT_GE(fields.size(), 3u) << line;
    if (fields.size() < 3) continue;
    Themes themes;
    if (fields[2] != "-") {
      for (absl::string_view t : absl::StrSplit(fields[2], ',')) {
        themes.emplace(t);
      }
    }
    lines[absl::StrCat(fields[0], " ", fields[1])] = std::move(themes);
  }
  return lines;
}

ThemeLines Extract(const ThemesGolden& golden) {
  v1::DocumentSource source;
  source.set_content(rapporteur::testing::ReadFileOrDie(
      absl::StrCat(rapporteur::testing::CorpusDir(), "/", golden.source)));
  source.set_symbol(golden.symbol);
  source.set_date(golden.date);
  source.add_countries(golden.country);
  auto document = Ingester({}).Analyze(source);
  EXPECT_TRUE(document.ok()) << document.status();
  ThemeLines lines;
  if (!document.ok()) return lines;
  for (const v1::Paragraph& p : document->paragraphs()) {
    if (p.number() == 0) continue;
    lines[absl::StrCat("paragraph ", p.number())] =
        Themes(p.themes().begin(), p.themes().end());
  }
  for (const v1::Recommendation& r : document->recommendations()) {
    lines[absl::StrCat("recommendation ", r.paragraph(), ".", r.item())] =
        Themes(r.themes().begin(), r.themes().end());
  }
  return lines;
}

class ThemesGoldenTest : public ::testing::TestWithParam<ThemesGolden> {};

TEST_P(ThemesGoldenTest, AgreesWithTheReader) {
  const ThemeLines golden = ReadGolden(GetParam().stem);
  const ThemeLines extracted = Extract(GetParam());
  ASSERT_FALSE(golden.empty());
  int agreed = 0, given = 0, found = 0, exact = 0;
  std::vector<std::string> differences;
  for (const auto& [key, themes] : golden) {
    const auto it = extracted.find(key);
    ASSERT_NE(it, extracted.end()) << key << " is not extracted";
    for (const std::string& t : it->second) agreed += themes.count(t);
    given += static_cast<int>(themes.size());
    found += static_cast<int>(it->second.size());
    if (it->second == themes) {
      ++exact;
    } else {
      differences.push_back(
          absl::StrCat(key, ": read ", absl::StrJoin(themes, ","),
                       " | extracted ", absl::StrJoin(it->second, ",")));
    }
  }
  const double precision = found == 0 ? 0 : 1.0 * agreed / found;
  const double recall = given == 0 ? 0 : 1.0 * agreed / given;
  const double f1 = 2.0 * agreed / (given + found);
  std::printf("%s: precision %.3f recall %.3f F1 %.3f, %d of %zu lines exact\n",
              GetParam().stem, precision, recall, f1, exact, golden.size());
  for (const std::string& d : differences) std::printf("  %s\n", d.c_str());
  EXPECT_GE(f1, GetParam().min_f1);
}

INSTANTIATE_TEST_SUITE_P(
    Goldens, ThemesGoldenTest, ::testing::ValuesIn(kGoldens),
    [](const ::testing::TestParamInfo<ThemesGolden>& info) {
      return std::string(info.param.stem);
    });

}  // namespace
}  // namespace rapporteur::ingest
