#include "lib/extraction/references.h"

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/extraction/report_text.h"
#include "tests/testing/files.h"

namespace rapporteur::ingest {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::IsSupersetOf;

const TextReference* Find(const std::vector<TextReference>& references,
                          const std::string& symbol) {
  for (const TextReference& r : references) {
    if (r.symbol == symbol) return &r;
  }
  return nullptr;
}

std::vector<std::string> Symbols(const std::vector<TextReference>& refs) {
  std::vector<std::string> symbols;
  for (const TextReference& r : refs) symbols.push_back(r.symbol);
  return symbols;
}

ReportText Corpus(const std::string& stem) {
  return ParseReportText(
      testing::ReadFileOrDie(testing::CorpusDir() + "/un/" + stem + ".txt"));
}

TEST(FindSymbolsTest, SeriesAndSuffixes) {
  EXPECT_THAT(FindSymbols("see A/HRC/4/15, paras. 18-28 and A/62/264."),
              ElementsAre("A/HRC/4/15", "A/62/264"));
  EXPECT_THAT(
      FindSymbols("(A/HRC/WG.6/7/SVN/1); E/CN.4/2005/34 and "
                  "CCPR/C/PRK/2000/2 and WFP/EB.2/2007/5-F/1, para. 47"),
      ElementsAre("A/HRC/WG.6/7/SVN/1", "E/CN.4/2005/34", "CCPR/C/PRK/2000/2",
                  "WFP/EB.2/2007/5-F/1"));
  EXPECT_THAT(FindSymbols("CERD/C/SVN/CO/6-7/Add.1. A/HRC/5/2/Corr.1 "
                          "E/CN.4/2003/3/Rev.1"),
              ElementsAre("CERD/C/SVN/CO/6-7/Add.1", "A/HRC/5/2/Corr.1",
                          "E/CN.4/2003/3/Rev.1"));
  EXPECT_THAT(FindSymbols("the Council (S/RES/1718 (2006)) decided"),
              ElementsAre("S/RES/1718 (2006)"));
}

TEST(FindSymbolsTest, GluedTextEndsTheSymbol) {
  EXPECT_THAT(FindSymbols("CAT/C/SVN/CO/3para. 10."),
              ElementsAre("CAT/C/SVN/CO/3"));
}

TEST(FindSymbolsTest, DeduplicatesInOrder) {
  EXPECT_THAT(FindSymbols("CRC/C/PRK/4 then A/62/264 then CRC/C/PRK/4."),
              ElementsAre("CRC/C/PRK/4", "A/62/264"));
}

TEST(FindSymbolsTest, NotSymbols) {
  EXPECT_THAT(FindSymbols("on 15/12/2007 and/or abused/neglected N/A "
                          "www.erina.or/jp/en/Publications/databook/index.htm "
                          "http://www.ohchr.org/EN/HRBodies/SP/Pages/"
                          "Themes.aspx Treaties/CEDAW/Shared%20Documents/SVN/"
                          "INT_CEDAW_FUL_SVN_1 art. 1/Reservation A/B"),
              IsEmpty());
}

TEST(FindReferencesTest, ResolutionsAndDecisions) {
  ReportText text;
  text.paragraphs.push_back(
      {1,
       "",
       "pursuant to Human Rights Council resolutions 5/1 and 16/21, "
       "decision 17/119 and resolutions 5/1, 6/2 and 7/3. Dispute "
       "resolution, and resolution 5 and the resolution (62/167).",
       {},
       1});
  std::vector<TextReference> refs = FindReferences(text);
  EXPECT_THAT(Symbols(refs),
              ElementsAre("5/1", "16/21", "17/119", "6/2", "7/3", "62/167"));
  EXPECT_EQ(refs[2].kind, ReferenceKind::kDecision);
  EXPECT_EQ(refs[5].kind, ReferenceKind::kResolution);
}

// ---- A/HRC/7/20, by reading: every citation of the report.

TEST(FindReferencesTest, SampleReportExact) {
  ReportText text = ParseReportText(testing::SampleReport());
  std::vector<TextReference> refs = FindReferences(text);
  // Reading order: para 1 (2004/13, decision 1/102, 5/1), para 3
  // (CRC/C/PRK/4), para 5 (62/167), note 12 (via para 21), notes 17 and 20,
  // para 63 (Security Council resolution 1718 (2006)).
  EXPECT_THAT(Symbols(refs),
              ElementsAre("2004/13", "1/102", "5/1", "CRC/C/PRK/4", "62/167",
                          "WFP/EB.2/2007/5-F/1", "A/HRC/4/15", "A/62/264",
                          "1718 (2006)"));
  const TextReference* r = Find(refs, "2004/13");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->kind, ReferenceKind::kResolution);
  EXPECT_THAT(r->paragraphs, ElementsAre(1));
  r = Find(refs, "1/102");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->kind, ReferenceKind::kDecision);
  r = Find(refs, "CRC/C/PRK/4");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->kind, ReferenceKind::kDocument);
  EXPECT_THAT(r->paragraphs, ElementsAre(3, 39, 40));
  EXPECT_THAT(r->footnotes, IsEmpty());
  r = Find(refs, "62/167");
  ASSERT_NE(r, nullptr);
  EXPECT_THAT(r->paragraphs, ElementsAre(5, 64));
  r = Find(refs, "WFP/EB.2/2007/5-F/1");
  ASSERT_NE(r, nullptr);
  EXPECT_THAT(r->paragraphs, IsEmpty());
  EXPECT_THAT(r->footnotes, ElementsAre(12));
  r = Find(refs, "A/HRC/4/15");
  ASSERT_NE(r, nullptr);
  EXPECT_THAT(r->footnotes, ElementsAre(17, 20));
  r = Find(refs, "A/62/264");
  ASSERT_NE(r, nullptr);
  EXPECT_THAT(r->footnotes, ElementsAre(17, 20));
  r = Find(refs, "1718 (2006)");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->kind, ReferenceKind::kResolution);
  EXPECT_THAT(r->paragraphs, ElementsAre(63));
}

TEST(LinkFootnotesTest, SampleReportRepeats) {
  ReportText text = ParseReportText(testing::SampleReport());
  std::vector<FootnoteLinks> links = LinkFootnotes(text);
  ASSERT_EQ(links.size(), 20u);
  std::vector<int> same_as(21, 0);
  for (const FootnoteLinks& link : links) {
    ASSERT_GE(link.number, 1);
    ASSERT_LE(link.number, 20);
    same_as[link.number] = link.same_as;
  }
  // Read in the notes: 5 and 8 "(note 3 above)", 13 "Ibid." after 12,
  // 14 and 15 "(see note 9 above)", 19 "See note 17 above."; no others.
  EXPECT_THAT(same_as, ElementsAre(0, 0, 0, 0, 0, 3, 0, 0, 3, 0, 0, 0, 0, 12, 9,
                                   9, 0, 0, 0, 17, 0));
  EXPECT_THAT(links[11].cites, ElementsAre("WFP/EB.2/2007/5-F/1"));
  EXPECT_THAT(links[16].cites, ElementsAre("A/HRC/4/15", "A/62/264"));
  EXPECT_THAT(links[19].cites, ElementsAre("A/HRC/4/15", "A/62/264"));
  EXPECT_THAT(links[12].cites, IsEmpty());  // "Ibid." names nothing itself
  EXPECT_THAT(links[1].cites, IsEmpty());   // a URL is not a symbol
}

TEST(LinkFootnotesTest, IbidChainsPointToTheCitingNote) {
  ReportText text;
  text.footnotes = {
      {9, "CERD/C/SVN/CO/6-7, para. 16.", 1}, {10, "Ibid., para. 79.", 2},
      {11, "Ibid., para. 70(e).", 3},         {12, "See ibid.", 4},
      {13, "See note 11 above, p. 3.", 5},    {14, "Ibid. (note 20 above)", 6}};
  std::vector<FootnoteLinks> links = LinkFootnotes(text);
  ASSERT_EQ(links.size(), 6u);
  EXPECT_EQ(links[0].same_as, 0);
  EXPECT_EQ(links[1].same_as, 9);
  EXPECT_EQ(links[2].same_as, 9);
  EXPECT_EQ(links[3].same_as, 9);
  EXPECT_EQ(links[4].same_as, 9);
  EXPECT_EQ(links[5].same_as, 9);
  EXPECT_THAT(links[0].cites, ElementsAre("CERD/C/SVN/CO/6-7"));
}

// ---- The other UN documents of the corpus: lower bounds checked by
// reading them.

TEST(FindReferencesTest, UprWorkingGroupReport) {
  ReportText text = Corpus("A_HRC_14_15");
  std::vector<TextReference> refs = FindReferences(text);
  // Para. 3 lists the three documents of the review; para. 1 and 3 cite
  // Council resolution 5/1.
  EXPECT_THAT(Symbols(refs),
              IsSupersetOf({"A/HRC/WG.6/7/SVN/1", "A/HRC/WG.6/7/SVN/2",
                            "A/HRC/WG.6/7/SVN/3", "5/1"}));
  const TextReference* r = Find(refs, "A/HRC/WG.6/7/SVN/2");
  ASSERT_NE(r, nullptr);
  EXPECT_THAT(r->paragraphs, ElementsAre(3));
  r = Find(refs, "5/1");
  ASSERT_NE(r, nullptr);
  EXPECT_THAT(r->paragraphs, IsSupersetOf({1, 3}));
}

TEST(FindReferencesTest, CompilationsCiteConcludingObservations) {
  ReportText text2014 = Corpus("A_HRC_WG.6_20_SVN_2");
  std::vector<TextReference> refs = FindReferences(text2014);
  EXPECT_THAT(
      Symbols(refs),
      IsSupersetOf({"CRC/C/SVN/CO/3-4", "CAT/C/SVN/CO/3", "CERD/C/SVN/CO/6-7",
                    "CERD/C/SVN/CO/6-7/Add.1", "CAT/C/SVN/CO/3/Add.1",
                    "CEDAW/C/SVN/CO/4/Add.1", "A/HRC/18/33/Add.2",
                    "A/HRC/23/28", "CCPR/CO/84/SVN", "A/HRC/WG.6/7/SVN/2",
                    "5/1", "16/21", "17/119"}));
  const TextReference* r = Find(refs, "A/HRC/23/28");
  ASSERT_NE(r, nullptr);
  EXPECT_THAT(r->footnotes, ElementsAre(19));
  std::vector<FootnoteLinks> links = LinkFootnotes(text2014);
  // Notes 11-13 are "Ibid." after note 10; 21 after 20.
  int repeats = 0;
  for (const FootnoteLinks& link : links) {
    if (link.number >= 11 && link.number <= 13) {
      EXPECT_EQ(link.same_as, 10);
    }
    if (link.number == 21) {
      EXPECT_EQ(link.same_as, 20);
    }
    if (link.same_as != 0) {
      ++repeats;
    }
  }
  EXPECT_GE(repeats, 30);

  ReportText text2019 = Corpus("A_HRC_WG.6_34_SVN_2");
  refs = FindReferences(text2019);
  EXPECT_THAT(
      Symbols(refs),
      IsSupersetOf({"CERD/C/SVN/CO/8-11", "E/C.12/SVN/CO/2", "CCPR/C/SVN/CO/3",
                    "CCPR/C/SVN/CO/3/Add.1", "A/HRC/40/64/Add.1", "A/HRC/28/15",
                    "A/HRC/30/43/Add.1", "CRPD/C/SVN/CO/1",
                    "CEDAW/C/SVN/CO/5-6", "A/70/358"}));
  r = Find(refs, "A/70/358");
  ASSERT_NE(r, nullptr);
  EXPECT_THAT(r->footnotes, ElementsAre(28));
}

TEST(FindReferencesTest, WholeCorpusNoFalseSymbols) {
  for (const auto& entry :
       std::filesystem::directory_iterator(testing::CorpusDir() + "/un")) {
    std::string path = entry.path().string();
    if (entry.path().extension() != ".txt" ||
        path.find(".layout.") != std::string::npos) {
      continue;
    }
    ReportText text = ParseReportText(testing::ReadFileOrDie(path));
    std::vector<TextReference> refs = FindReferences(text);
    EXPECT_GE(refs.size(), 1u) << path;  // each cites resolution 5/1
    for (const TextReference& r : refs) {
      EXPECT_EQ(r.symbol.find("http"), std::string::npos) << path;
      EXPECT_EQ(r.symbol.find('%'), std::string::npos) << path;
      EXPECT_EQ(r.symbol.find('_'), std::string::npos) << path;
      EXPECT_NE(r.symbol, "N/A") << path;
      EXPECT_FALSE(r.paragraphs.empty() && r.footnotes.empty()) << path;
    }
    std::vector<FootnoteLinks> links = LinkFootnotes(text);
    EXPECT_EQ(links.size(), text.footnotes.size()) << path;
    for (const FootnoteLinks& link : links) {
      EXPECT_LT(link.same_as, link.number) << path;
    }
  }
}

}  // namespace
}  // namespace rapporteur::ingest
