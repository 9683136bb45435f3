#include "lib/extraction/figures.h"

#include <filesystem>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/extraction/report_text.h"
#include "tests/testing/files.h"

#ifndef RAPPORTEUR_SOURCE_DIR
#define RAPPORTEUR_SOURCE_DIR "/work/main"
#endif

namespace rapporteur::ingest {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

UnitTable Units() {
  absl::StatusOr<UnitTable> units = ParseUnits(testing::ReadFileOrDie(
      RAPPORTEUR_SOURCE_DIR "/data/vocabularies/units.tsv"));
  EXPECT_TRUE(units.ok()) << units.status();
  return units.ok() ? *units : UnitTable();
}

ReportText OneParagraph(const std::string& text) {
  ReportText report;
  report.paragraphs.push_back({7, "", text, {}, 1});
  return report;
}

const TextFigure* BySource(const std::vector<TextFigure>& figures,
                           int paragraph, const std::string& source) {
  for (const TextFigure& f : figures) {
    if (f.paragraph == paragraph && f.source_text == source) return &f;
  }
  return nullptr;
}

TEST(ParseUnitsTest, LongestPhraseFirstAndErrors) {
  absl::StatusOr<UnitTable> units = ParseUnits(
      "# comment\n\ntonne\ttons|metric tons\nUSD\tdollars\t$\n"
      "person\tpeople\t\tcount\n");
  ASSERT_TRUE(units.ok()) << units.status();
  ASSERT_THAT(units->after, SizeIs(4));
  EXPECT_EQ(units->after[0].phrase, "metric tons");
  EXPECT_TRUE(units->after[3].count || units->after[2].count);
  ASSERT_THAT(units->before, SizeIs(1));
  EXPECT_EQ(units->before[0].unit, "USD");
  EXPECT_EQ(ParseUnits("tonne\n").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseUnits("tonne\ttons\t\tweird\n").status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(FindFiguresTest, NotFigures) {
  UnitTable units = Units();
  EXPECT_THAT(
      FindFigures(OneParagraph("In 2007 people fled. See para. 30 persons, "
                               "resolution 62 per cent, on 15/12/2007, "
                               "the 100-day campaign, children under 5 in 19 "
                               "areas, 18 years, two soldiers."),
                  units),
      IsEmpty());
}

TEST(FindFiguresTest, SignsScalesPercentAndRanges) {
  UnitTable units = Units();
  std::vector<TextFigure> figures = FindFigures(
      OneParagraph("Aid reached 1,500 to 2,500 trafficked women, at 15% "
                   "of households, costing US$ 3.5 million in 2001-2002."),
      units);
  ASSERT_THAT(figures, SizeIs(4));
  EXPECT_EQ(figures[0].value, 1500);
  EXPECT_EQ(figures[1].value, 2500);
  EXPECT_EQ(figures[0].unit, "person");
  EXPECT_EQ(figures[0].source_text, "1,500 to 2,500 trafficked women");
  EXPECT_EQ(figures[2].value, 15);
  EXPECT_EQ(figures[2].unit, "percent");
  EXPECT_EQ(figures[2].source_text, "15%");
  EXPECT_EQ(figures[2].subject, "households");
  EXPECT_EQ(figures[3].value, 3500000);
  EXPECT_EQ(figures[3].unit, "USD");
  EXPECT_EQ(figures[3].source_text, "US$ 3.5 million");
  EXPECT_EQ(figures[3].period, "2001-2002");
}

struct Expected {
  int paragraph;
  const char* source_text;
  double value;
  const char* unit;
  const char* period;
  const char* subject_has;
};

// Read in A/HRC/7/20: every quantity with a unit in the paragraphs,
// including a range in words ("two to three and a half million Korean won",
// para. 57, two figures sharing their words).
constexpr Expected kSample[] = {
    {6, "23 million", 23e6, "person", "", "population"},
    {6, "$1,013", 1013, "USD", "1992", "national income"},
    {6, "$573", 573, "USD", "1998", "national income"},
    {6, "$914", 914, "USD", "2004", "national income"},
    {6, "1 per cent", 1, "percent", "2006", "growth rate"},
    {7, "$1.28 billion", 1.28e9, "USD", "2004", "exports"},
    {7, "$2.28 billion", 2.28e9, "USD", "2004", "imports"},
    {7, "$1.001 billion", 1.001e9, "USD", "2004", "trade deficit"},
    {7, "$12 billion", 12e9, "USD", "1996", "debt"},
    {9, "351 billion won", 351e9, "KPW", "2004", "expenditure budget"},
    {9, "15.6 per cent", 15.6, "percent", "2004", "military expenditure"},
    {9, "41.3 per cent", 41.3, "percent", "2004", "economy"},
    {9, "40.8 per cent", 40.8, "percent", "2004", "allocation"},
    {9, "2.3 per cent", 2.3, "percent", "2004", "administrative expenditure"},
    {10, "1 million armed personnel", 1e6, "person", "", "personnel"},
    {10, "7.7 million reserve component", 7.7e6, "person", "", "reserve"},
    {16, "890,000 metric tons", 890000, "tonne", "2005-2006",
     "food shortfall (cereals)"},
    {16, "1 million metric tons", 1e6, "tonne", "2007", "food shortfall"},
    {17, "1.9 million people", 1.9e6, "person", "2006", "people"},
    {17, "$102 million", 102e6, "USD", "2006", "cost"},
    {17, "150,000 tons", 150000, "tonne", "2006", "commodities"},
    {18, "a million people", 1e6, "person", "2007", "people"},
    {18, "$14 million", 14e6, "USD", "", "aid targets"},
    {19, "215,000 people", 215000, "person", "2007", "people"},
    {20, "37 per cent", 37, "percent", "2004", "young children"},
    {57, "two to three and a half million Korean won", 2e6, "KPW", "",
     "smugglers"},
    {57, "two to three and a half million Korean won", 3.5e6, "KPW", "",
     "smugglers"},
    {63, "17 persons", 17, "person", "", "persons"},
    {63, "12 persons", 12, "person", "", "persons"},
    {75, "10,000 nationals", 10000, "person", "", "nationals"},
};

TEST(FindFiguresTest, SampleReportExact) {
  ReportText text = ParseReportText(testing::SampleReport());
  std::vector<TextFigure> figures = FindFigures(text, Units());
  for (const Expected& e : kSample) {
    // The two ends of a range share their words: the value tells them apart.
    const TextFigure* f = nullptr;
    for (const TextFigure& candidate : figures) {
      if (candidate.paragraph == e.paragraph &&
          candidate.source_text == e.source_text &&
          candidate.value == e.value) {
        f = &candidate;
      }
    }
    ASSERT_NE(f, nullptr) << "para. " << e.paragraph << " " << e.source_text
                          << " = " << e.value;
    EXPECT_DOUBLE_EQ(f->value, e.value) << e.source_text;
    EXPECT_EQ(f->unit, e.unit) << e.source_text;
    EXPECT_EQ(f->period, e.period) << e.source_text;
    EXPECT_THAT(f->subject, HasSubstr(e.subject_has)) << e.source_text;
  }
  // Nothing else: no year, date, paragraph number or resolution number.
  EXPECT_THAT(figures, SizeIs(std::size(kSample)));
  for (const TextFigure& f : figures) {
    bool year_only =
        f.value >= 1800 && f.value <= 2100 &&
        f.source_text.find_first_not_of("0123456789") == std::string::npos;
    EXPECT_FALSE(year_only) << f.source_text;
  }
}

TEST(FindFiguresTest, WholeCorpus) {
  UnitTable units = Units();
  // Lower bounds read in each document: A/HRC/14/15 paras 27 (4,000
  // people), 65 (25,000 citizens), 76 (41 per cent), 90 (60 per cent), 99
  // (18,000 persons), 42 and 101 (cases); A/HRC/WG.6/7/SVN/3 para. 11 (60
  // and 100 per cent) and para. 17 (two ranges of women, 100 Slovenian
  // women); the 2014 compilation para. 53 (50 per cent); the 2019 one para.
  // 15 (0.7 per cent of gross national product).
  struct Bound {
    const char* stem;
    size_t at_least;
  };
  constexpr Bound kBounds[] = {{"A_HRC_14_15", 7},
                               {"A_HRC_WG.6_7_SVN_3", 7},
                               {"A_HRC_WG.6_20_SVN_2", 1},
                               {"A_HRC_WG.6_34_SVN_2", 1}};
  for (const Bound& bound : kBounds) {
    std::string path = testing::CorpusDir() + "/un/" + bound.stem + ".txt";
    ReportText text = ParseReportText(testing::ReadFileOrDie(path));
    std::vector<TextFigure> figures = FindFigures(text, units);
    EXPECT_GE(figures.size(), bound.at_least) << path;
    for (const TextFigure& f : figures) {
      EXPECT_FALSE(f.unit.empty()) << path;
      EXPECT_FALSE(f.source_text.empty()) << path;
      EXPECT_GT(f.value, 0) << path << " " << f.source_text;
    }
  }
  ReportText upr = ParseReportText(
      testing::ReadFileOrDie(testing::CorpusDir() + "/un/A_HRC_14_15.txt"));
  std::vector<TextFigure> figures = FindFigures(upr, units);
  const TextFigure* f = BySource(figures, 99, "18,000 persons");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->value, 18000);
  f = BySource(figures, 90, "60 per cent");
  ASSERT_NE(f, nullptr);
  EXPECT_THAT(f->subject, HasSubstr("women"));
  ReportText svn3 = ParseReportText(testing::ReadFileOrDie(
      testing::CorpusDir() + "/un/A_HRC_WG.6_7_SVN_3.txt"));
  figures = FindFigures(svn3, units);
  int women_bounds = 0;
  for (const TextFigure& g : figures) {
    if (g.source_text == "1,500 to 2,500 trafficked women") ++women_bounds;
  }
  EXPECT_EQ(women_bounds, 2);
  // Every other document of the corpus parses without a crash.
  for (const auto& entry :
       std::filesystem::directory_iterator(testing::CorpusDir() + "/un")) {
    if (entry.path().extension() != ".txt") continue;
    ReportText any =
        ParseReportText(testing::ReadFileOrDie(entry.path().string()));
    FindFigures(any, units);
  }
}

}  // namespace
}  // namespace rapporteur::ingest
