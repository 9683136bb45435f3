// Properties of ParseReportText over every report of the corpus: nothing is
// lost or duplicated (each word of the input is in exactly one place of the
// result), paragraph numbers run 1..N, no page furniture is left inside a
// paragraph, every callout is resolved or warned. Also: pathological inputs
// finish.

#include <cctype>
#include <filesystem>
#include <map>
#include <ostream>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/extraction/report_text.h"
#include "tests/testing/files.h"
#include "tests/unit/extraction/word_accounting.h"

namespace rapporteur::ingest {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using words::Describe;
using words::Difference;
using words::InputWords;
using words::IsAlnum;
using words::ResultWords;
using words::WordCounts;

// ---- The corpus, with what reading each document tells.

struct Document {
  std::string file;    // under the corpus directory
  std::string symbol;  // its own symbol
  std::string job;     // its GE job number, "" if none
  int paragraphs = 0;  // numbered paragraphs 1..N
  // Paragraph numbers known to be missed in this extraction (the reason is
  // with the document).
  std::set<int> missed_paragraphs;
  // Words known to be lost (< 0) or duplicated (> 0), with why; any other
  // difference fails.
  WordCounts word_exceptions;
};

const std::vector<Document>& Corpus() {
  static const auto* corpus = new std::vector<Document>{
      {"A_HRC_7_20.txt", "A/HRC/7/20", "", 83, {}, {}},
      {"un/A_HRC_14_15.txt", "A/HRC/14/15", "GE.10-12049", 113, {}, {}},
      {"un/A_HRC_14_15.layout.txt", "A/HRC/14/15", "GE.10-12049", 113, {}, {}},
      {"un/A_HRC_WG.6_20_SVN_2.txt",
       "A/HRC/WG.6/20/SVN/2",
       "GE.14-14064",
       53,
       {},
       {}},
      // Paragraph 5 follows a table whose last cell ("Ombudsman") ends no
      // sentence, so its "5." reads as text of paragraph 4 (words kept).
      {"un/A_HRC_WG.6_20_SVN_2.layout.txt",
       "A/HRC/WG.6/20/SVN/2",
       "GE.14-14064",
       53,
       {5},
       {}},
      {"un/A_HRC_WG.6_34_SVN_2.txt",
       "A/HRC/WG.6/34/SVN/2",
       "GE.19-14870",
       78,
       {},
       {}},
      {"un/A_HRC_WG.6_34_SVN_2.layout.txt",
       "A/HRC/WG.6/34/SVN/2",
       "GE.19-14870",
       78,
       {},
       {}},
      {"un/A_HRC_WG.6_7_SVN_3.txt",
       "A/HRC/WG.6/7/SVN/3",
       "GE.09-17008",
       49,
       {},
       {}},
      {"un/A_HRC_WG.6_7_SVN_3.layout.txt",
       "A/HRC/WG.6/7/SVN/3",
       "GE.09-17008",
       49,
       {},
       {}},
  };
  return *corpus;
}

void PrintTo(const Document& document, std::ostream* out) {
  *out << document.file;
}

class CorpusPropertiesTest : public ::testing::TestWithParam<Document> {
 protected:
  void SetUp() override {
    std::string path = testing::CorpusDir() + "/" + GetParam().file;
    ASSERT_TRUE(std::filesystem::exists(path))
        << path << "; set RAPPORTEUR_CORPUS_DIR";
    text_ = testing::ReadFileOrDie(path);
    report_ = ParseReportText(text_);
  }
  std::string text_;
  ReportText report_;
};

TEST_P(CorpusPropertiesTest, NothingLostNothingDuplicated) {
  WordCounts diff =
      Difference(InputWords(text_, report_), ResultWords(report_));
  WordCounts unexpected;
  for (const auto& [word, d] : diff) {
    auto known = GetParam().word_exceptions.find(word);
    if (known == GetParam().word_exceptions.end() || known->second != d) {
      unexpected[word] = d;
    }
  }
  EXPECT_TRUE(unexpected.empty()) << "words lost or duplicated:\n"
                                  << Describe(unexpected);
  // A known exception that no longer happens is to be removed from the list.
  for (const auto& [word, d] : GetParam().word_exceptions) {
    auto it = diff.find(word);
    EXPECT_TRUE(it != diff.end() && it->second == d)
        << "known exception \"" << word << "\" no longer happens";
  }
}

TEST_P(CorpusPropertiesTest, ParagraphNumbersRunOneToN) {
  std::vector<int> numbers, expected;
  for (const TextParagraph& p : report_.paragraphs) {
    if (p.number != 0) numbers.push_back(p.number);
  }
  for (int n = 1; n <= GetParam().paragraphs; ++n) {
    if (GetParam().missed_paragraphs.count(n) == 0) expected.push_back(n);
  }
  EXPECT_EQ(numbers, expected);
}

TEST_P(CorpusPropertiesTest, NoFurnitureInParagraphs) {
  for (const TextParagraph& p : report_.paragraphs) {
    SCOPED_TRACE("paragraph " + std::to_string(p.number) + " at line " +
                 std::to_string(p.line));
    EXPECT_THAT(p.text, Not(HasSubstr(GetParam().symbol)));
    if (!GetParam().job.empty()) {
      EXPECT_THAT(p.text, Not(HasSubstr(GetParam().job)));
    }
    EXPECT_THAT(p.text, Not(HasSubstr("\f")));
    // "Page 3" as a running foot; "page" inside a sentence is lower-case.
    for (size_t at = p.text.find("Page "); at != std::string::npos;
         at = p.text.find("Page ", at + 1)) {
      EXPECT_FALSE(at + 5 < p.text.size() && IsAlnum(p.text[at + 5]) &&
                   std::isdigit(static_cast<unsigned char>(p.text[at + 5])))
          << p.text.substr(at, 20);
    }
  }
  // The symbol and job number are furniture, each seen at least once.
  int symbols = 0, jobs = 0;
  for (const TextFurniture& f : report_.furniture) {
    symbols += f.text == GetParam().symbol;
    jobs += f.text.starts_with(GetParam().job);
  }
  if (GetParam().file != "A_HRC_7_20.txt") {  // an extract without mastheads
    EXPECT_GE(symbols, 1);
    EXPECT_GE(jobs, 1);
  }
}

TEST_P(CorpusPropertiesTest, CalloutsResolvedOrWarned) {
  std::set<int> notes;
  for (const TextFootnote& f : report_.footnotes) {
    EXPECT_TRUE(notes.insert(f.number).second)
        << "footnote " << f.number << " twice";
  }
  std::vector<int> callouts;
  for (const TextSection& s : report_.sections) {
    callouts.insert(callouts.end(), s.footnotes.begin(), s.footnotes.end());
  }
  for (const TextParagraph& p : report_.paragraphs) {
    callouts.insert(callouts.end(), p.footnotes.begin(), p.footnotes.end());
  }
  for (int n : callouts) {
    if (notes.count(n) != 0) continue;
    std::string name = "footnote " + std::to_string(n) + ":";
    bool warned = false;
    for (const TextWarning& w : report_.warnings) {
      warned = warned || w.message.starts_with(name);
    }
    EXPECT_TRUE(warned) << "callout " << n << " neither resolved nor warned";
  }
}

std::string DocumentName(const ::testing::TestParamInfo<Document>& info) {
  std::string name;
  for (char c : info.param.file) name.push_back(IsAlnum(c) ? c : '_');
  return name;
}

INSTANTIATE_TEST_SUITE_P(Corpus, CorpusPropertiesTest,
                         ::testing::ValuesIn(Corpus()), DocumentName);

// ---- Furniture kinds and their counts.

TEST(FurnitureCountsTest, CountsPerKind) {
  ReportText report = ParseReportText(
      "A/HRC/1/2\n"
      "GE.20-12345\n"
      "1. Text of the first paragraph.\n"
      "2\n"
      "\fA/HRC/1/2\n"
      "Page 3\n"
      "2. Text of the second paragraph.\n");
  std::map<TextFurniture::Kind, int> counts = FurnitureCounts(report);
  using Kind = TextFurniture::Kind;
  EXPECT_EQ(counts, (std::map<Kind, int>{{Kind::kMasthead, 1},
                                         {Kind::kJobNumber, 1},
                                         {Kind::kPageNumber, 2},
                                         {Kind::kFormFeed, 1},
                                         {Kind::kRunningHead, 1}}));
  ASSERT_EQ(report.furniture.size(), 6u);
  EXPECT_EQ(report.furniture[3].kind, Kind::kFormFeed);  // before its line
  EXPECT_EQ(report.furniture[3].line, 5);
  EXPECT_EQ(report.furniture[4].text, "A/HRC/1/2");
  EXPECT_EQ(FurnitureKindName(Kind::kRunningHead), "running head");
}

// ---- Pathological inputs: each must finish (ParseReportText is linear) in
// bounded memory. No timing is asserted.

TEST(PathologicalInputTest, OneVeryLongLine) {
  std::string line;
  while (line.size() < 1'500'000) line += "word1 2. 3, inter-";
  ReportText report = ParseReportText(line);
  EXPECT_FALSE(report.paragraphs.empty());
}

TEST(PathologicalInputTest, ManyBlankLines) {
  ReportText report = ParseReportText(std::string(100'000, '\n'));
  EXPECT_TRUE(report.paragraphs.empty());
}

TEST(PathologicalInputTest, ManyParagraphNumbers) {
  std::string text;
  for (int i = 0; i < 100'000; ++i) text += "1.\n";
  ReportText report = ParseReportText(text);
  ASSERT_FALSE(report.paragraphs.empty());
  EXPECT_EQ(report.paragraphs[0].number, 1);
}

TEST(PathologicalInputTest, ManyHyphenatedFragmentsAndNumbers) {
  std::string text;
  for (int i = 0; i < 100'000; ++i) text += "ab-\n";  // one 200k-letter word
  for (int i = 0; i < 100'000; ++i) text += "7\n";
  for (int i = 0; i < 50'000; ++i) text += "Notes\n1 x\n";
  ReportText report = ParseReportText(text);
  EXPECT_FALSE(report.paragraphs.empty());
}

}  // namespace
}  // namespace rapporteur::ingest
