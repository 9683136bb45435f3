#include "lib/extraction/vocabulary.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/extraction/report_text.h"
#include "lib/extraction/vocabulary_data.h"
#include "tests/testing/files.h"
#include "tests/testing/status_matchers.h"

namespace rapporteur::ingest {
namespace {

using ::rapporteur::testing::IsOk;
using ::rapporteur::testing::StatusIs;
using ::testing::AllOf;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::Pair;

// A mention as (id, the text it covers), to compare whole lists.
std::vector<std::pair<std::string, std::string>> Mentions(
    const Vocabulary& vocabulary, const std::string& text) {
  std::vector<std::pair<std::string, std::string>> found;
  for (const Mention& mention : vocabulary.FindMentions(text)) {
    found.emplace_back(mention.entry->id,
                       text.substr(mention.begin, mention.end - mention.begin));
  }
  return found;
}

std::vector<std::string> MentionIds(const Vocabulary& vocabulary,
                                    const std::string& text) {
  std::vector<std::string> ids;
  for (const Mention& mention : vocabulary.FindMentions(text)) {
    ids.push_back(mention.entry->id);
  }
  return ids;
}

// The text of the paragraph numbered `number` (the first one for 0, the
// opening paragraph of the Summary).
std::string Paragraph(const ReportText& report, int number) {
  for (const TextParagraph& paragraph : report.paragraphs) {
    if (paragraph.number == number) {
      return paragraph.text;
    }
  }
  ADD_FAILURE() << "no paragraph " << number;
  return "";
}

const ReportText& SampleReportText() {
  static const ReportText* const report =
      new ReportText(ParseReportText(testing::SampleReport()));
  return *report;
}

// ---- The built-in vocabularies.

TEST(VocabularyTest, BuiltinFilesParse) {
  const VocabularyData& data = BuiltinVocabularyData();
  EXPECT_THAT(Vocabulary::Parse(data.countries_tsv, data.un_bodies_tsv,
                                data.treaties_tsv, data.themes_tsv),
              IsOk());
}

TEST(VocabularyTest, BuiltinHasEveryIsoCountryAndEachNameResolves) {
  const Vocabulary& vocabulary = Vocabulary::Builtin();
  int countries = 0;
  for (absl::string_view line :
       absl::StrSplit(BuiltinVocabularyData().countries_tsv, '\n')) {
    if (line.empty() || line[0] == '#') {
      continue;
    }
    const std::vector<std::string> columns = absl::StrSplit(line, '\t');
    ASSERT_GE(columns.size(), 2u) << line;
    const std::string& code = columns[0];
    ++countries;
    EXPECT_EQ(code.size(), 3u) << line;
    const VocabularyEntry* entry = vocabulary.Find(code);
    ASSERT_NE(entry, nullptr) << code;
    EXPECT_EQ(entry->kind, EntityKind::kCountry) << code;
    EXPECT_EQ(vocabulary.CountryCode(columns[1]), code) << columns[1];
    for (const std::string& alias : entry->aliases) {
      EXPECT_EQ(vocabulary.CountryCode(alias), code) << alias;
    }
  }
  EXPECT_EQ(countries, 249);  // ISO 3166-1 has 249 entries
}

TEST(VocabularyTest, FindReturnsEntriesOfEveryVocabulary) {
  const Vocabulary& vocabulary = Vocabulary::Builtin();
  const VocabularyEntry* prk = vocabulary.Find("PRK");
  ASSERT_NE(prk, nullptr);
  EXPECT_EQ(prk->kind, EntityKind::kCountry);
  EXPECT_EQ(prk->name, "Democratic People's Republic of Korea");
  EXPECT_THAT(prk->aliases, AllOf(Contains("DPRK"), Contains("North Korea")));

  const VocabularyEntry* wfp = vocabulary.Find("WFP");
  ASSERT_NE(wfp, nullptr);
  EXPECT_EQ(wfp->kind, EntityKind::kUnBody);
  EXPECT_EQ(wfp->name, "World Food Programme");

  const VocabularyEntry* iccpr = vocabulary.Find("ICCPR");
  ASSERT_NE(iccpr, nullptr);
  EXPECT_EQ(iccpr->kind, EntityKind::kTreaty);
  EXPECT_EQ(iccpr->name,
            "International Covenant on Civil and Political Rights");

  for (const char* id : {"FAO",
                         "UNHCR",
                         "UNICEF",
                         "UNDP",
                         "UNFPA",
                         "WHO",
                         "ILO",
                         "OHCHR",
                         "HRC",
                         "GA",
                         "SC",
                         "ECOSOC",
                         "CHR",
                         "CRC-Committee",
                         "CEDAW-Committee",
                         "CAT-Committee",
                         "HRCttee",
                         "CESCR",
                         "UPR",
                         "WGEID",
                         "IOM",
                         "INCB"}) {
    const VocabularyEntry* entry = vocabulary.Find(id);
    ASSERT_NE(entry, nullptr) << id;
    EXPECT_EQ(entry->kind, EntityKind::kUnBody) << id;
  }
  for (const char* id :
       {"ICESCR", "CEDAW", "CRC", "CAT", "ICERD", "CRPD", "CMW", "CPED",
        "REFUGEES-1951", "REFUGEES-1967", "UNTOC", "UNTOC-TIP", "UNTOC-SOM",
        "OP-CAT", "OP-CRC-SC", "NARCOTICS-1961", "PSYCHOTROPIC-1971"}) {
    const VocabularyEntry* entry = vocabulary.Find(id);
    ASSERT_NE(entry, nullptr) << id;
    EXPECT_EQ(entry->kind, EntityKind::kTreaty) << id;
  }
  const VocabularyEntry* food = vocabulary.Find("food");
  ASSERT_NE(food, nullptr);
  EXPECT_EQ(food->name, "Food");

  EXPECT_EQ(vocabulary.Find("XXX"), nullptr);
  EXPECT_EQ(vocabulary.Find("wfp"), nullptr);  // ids are exact
  EXPECT_EQ(vocabulary.Find(""), nullptr);
}

// ---- CountryCode.

TEST(VocabularyTest, CountryCodeOfNamesAndAliases) {
  const Vocabulary& vocabulary = Vocabulary::Builtin();
  const std::map<std::string, std::string> expected = {
      {"Japan", "JPN"},
      {"the Republic of Korea", "KOR"},
      {"The Republic of Korea", "KOR"},
      {"Republic of Korea", "KOR"},
      {"South Korea", "KOR"},
      {"North Korea", "PRK"},
      {"DPRK", "PRK"},
      {"Democratic People\xE2\x80\x99s Republic of Korea", "PRK"},  // ’
      {"Democratic People's Republic of Korea", "PRK"},
      {"the Democratic People's Republic of Korea", "PRK"},
      {"democratic people's republic of korea", "PRK"},
      {"  Democratic People's\nRepublic  of Korea ", "PRK"},
      {"Russian Federation", "RUS"},
      {"United States of America", "USA"},
      {"United States", "USA"},
      {"the United States", "USA"},
      {"United Kingdom of Great Britain and Northern Ireland", "GBR"},
      {"United Kingdom", "GBR"},
      {"Bosnia and Herzegovina", "BIH"},
      {"Republic of Moldova", "MDA"},
      {"Moldova", "MDA"},
      {"Iran (Islamic Republic of)", "IRN"},
      {"Islamic Republic of Iran", "IRN"},
      {"Venezuela (Bolivarian Republic of)", "VEN"},
      {"Bolivia (Plurinational State of)", "BOL"},
      {"Syrian Arab Republic", "SYR"},
      {"Lao People's Democratic Republic", "LAO"},
      {"United Republic of Tanzania", "TZA"},
      {"Czech Republic", "CZE"},
      {"Libyan Arab Jamahiriya", "LBY"},
      {"C\xC3\xB4te d'Ivoire", "CIV"},             // Côte
      {"C\xC3\x94TE D\xE2\x80\x99IVOIRE", "CIV"},  // CÔTE D’IVOIRE
      {"Viet Nam", "VNM"},
      {"The Gambia", "GMB"},
      {"JAPAN", "JPN"},
      {"PRK", "PRK"},  // the code itself
  };
  for (const auto& [name, code] : expected) {
    EXPECT_EQ(vocabulary.CountryCode(name), code) << name;
  }
}

TEST(VocabularyTest, CountryCodeOfUnknownNamesIsEmpty) {
  const Vocabulary& vocabulary = Vocabulary::Builtin();
  // The bare "Korea" names no State (see countries.tsv).
  for (const char* name : {"Korea", "Atlantis", "", "the", "Republic",
                           "World Food Programme", "Japanese", "Japan Korea"}) {
    EXPECT_EQ(vocabulary.CountryCode(name), "") << name;
  }
}

// A/HRC/14/15 para. 111: every recommending State named in brackets, as
// written there, with its code (read from the document).
TEST(VocabularyTest, EveryRecommendingStateOfUprListResolves) {
  const ReportText report = ParseReportText(
      testing::ReadFileOrDie(testing::CorpusDir() + "/un/A_HRC_14_15.txt"));
  const std::string text = Paragraph(report, 111);
  const std::vector<std::pair<std::string, std::string>> states = {
      {"Algeria", "DZA"},
      {"Egypt", "EGY"},
      {"Bosnia and Herzegovina", "BIH"},
      {"Argentina", "ARG"},
      {"Spain", "ESP"},
      {"Nicaragua", "NIC"},
      {"Netherlands", "NLD"},
      {"Colombia", "COL"},
      {"Canada", "CAN"},
      {"Norway", "NOR"},
      {"Philippines", "PHL"},
      {"Qatar", "QAT"},
      {"Moldova", "MDA"},
      {"United Kingdom of Great Britain and Northern Ireland", "GBR"},
      {"United Kingdom", "GBR"},
      {"Czech Republic", "CZE"},
      {"Islamic Republic of Iran", "IRN"},
      {"Malaysia", "MYS"},
      {"Pakistan", "PAK"},
      {"Russian Federation", "RUS"},
      {"Mexico", "MEX"},
      {"Uzbekistan", "UZB"},
      {"Portugal", "PRT"},
      {"Bhutan", "BTN"},
      {"Azerbaijan", "AZE"},
      {"Italy", "ITA"},
      {"France", "FRA"},
      {"Kazakhstan", "KAZ"},
      {"Ghana", "GHA"},
      {"United States of America", "USA"},
      {"United States", "USA"},
      {"Kyrgyzstan", "KGZ"},
      {"Belarus", "BLR"},
      {"Ukraine", "UKR"},
      {"Australia", "AUS"},
      {"Chile", "CHL"},
      {"Turkey", "TUR"},
      {"Morocco", "MAR"},
      {"Albania", "ALB"},
      {"Slovakia", "SVK"},
      {"Poland", "POL"},
      {"Serbia", "SRB"},
      {"India", "IND"},
      {"Austria", "AUT"},
      {"Jordan", "JOR"},
  };
  const Vocabulary& vocabulary = Vocabulary::Builtin();
  const std::vector<std::string> mentioned = MentionIds(vocabulary, text);
  for (const auto& [name, code] : states) {
    // The list is checked against the paragraph (line wraps are joined).
    EXPECT_THAT(text, HasSubstr("(" + name)) << name;
    EXPECT_EQ(vocabulary.CountryCode(name), code) << name;
    EXPECT_THAT(mentioned, Contains(code)) << name;
  }
}

// ---- FindMentions on A/HRC/7/20.

TEST(VocabularyTest, MentionsInSummaryDistinguishBothKoreas) {
  // "... six-party talks involving China, the Democratic People’s Republic
  // of Korea, Japan, the Republic of Korea, the Russian Federation and the
  // United States of America."
  EXPECT_THAT(
      Mentions(Vocabulary::Builtin(), Paragraph(SampleReportText(), 0)),
      ElementsAre(
          Pair("PRK", "Democratic People\xE2\x80\x99s Republic of Korea"),
          Pair("CHN", "China"),
          Pair("PRK", "Democratic People\xE2\x80\x99s Republic of Korea"),
          Pair("JPN", "Japan"), Pair("KOR", "Republic of Korea"),
          Pair("RUS", "Russian Federation"),
          Pair("USA", "United States of America")));
}

TEST(VocabularyTest, MentionsOfTreatiesInParagraph3) {
  EXPECT_THAT(
      Mentions(Vocabulary::Builtin(), Paragraph(SampleReportText(), 3)),
      ElementsAre(
          Pair("PRK", "Democratic People\xE2\x80\x99s Republic of Korea"),
          Pair("ICCPR", "International Covenant on Civil and Political Rights"),
          Pair("ICESCR",
               "International Covenant on Economic, Social and Cultural "
               "Rights"),
          Pair("CEDAW",
               "Convention on the Elimination of All Forms of Discrimination "
               "against Women"),
          Pair("CRC", "Convention on the Rights of the Child"),
          // "(CRC/C/PRK/4)" right after is a document symbol, not a mention.
          Pair("CRC-Committee", "Committee on the Rights of the Child"),
          Pair("NARCOTICS-1961", "Single Convention on Narcotics Drugs"),
          Pair("PSYCHOTROPIC-1971", "Convention on Psychotropic Substances"),
          Pair("TRAFFIC-1988",
               "United Nations Convention against Illicit Traffic in "
               "Narcotic Drugs and Psychotropic Substances"),
          Pair("INCB", "International Narcotics Control Board")));
}

TEST(VocabularyTest, MentionsOfAgenciesInParagraph16) {
  EXPECT_THAT(
      Mentions(Vocabulary::Builtin(), Paragraph(SampleReportText(), 16)),
      ElementsAre(Pair("WFP", "World Food Programme"), Pair("WFP", "WFP"),
                  Pair("FAO",
                       "Food and Agriculture Organization of the United "
                       "Nations"),
                  Pair("FAO", "FAO")));
}

TEST(VocabularyTest, MentionsInParagraphs9And63) {
  // Para. 9 quotes a source that writes "the DPRK" twice.
  EXPECT_THAT(
      MentionIds(Vocabulary::Builtin(), Paragraph(SampleReportText(), 9)),
      ElementsAre("PRK", "PRK"));
  EXPECT_THAT(
      Mentions(Vocabulary::Builtin(), Paragraph(SampleReportText(), 63)),
      ElementsAre(
          Pair("JPN", "Japan"),
          Pair("PRK", "Democratic People\xE2\x80\x99s Republic of Korea"),
          Pair("JPN", "Japan"),
          Pair("PRK", "Democratic People\xE2\x80\x99s Republic of Korea"),
          Pair("WGEID",
               "Working Group on Enforced or Involuntary Disappearances"),
          Pair("SC", "Security Council"),
          Pair("PRK", "Democratic People\xE2\x80\x99s Republic of Korea")));
}

TEST(VocabularyTest, MentionOffsetsCoverTheName) {
  const std::string text =
      "Japan\xE2\x80\x99s law; the Democratic People\xE2\x80\x99s\n"
      "Republic of Korea and Iran (Islamic Republic of).";
  const std::vector<Mention> mentions =
      Vocabulary::Builtin().FindMentions(text);
  ASSERT_EQ(mentions.size(), 3u);
  EXPECT_EQ(mentions[0].begin, 0u);
  EXPECT_EQ(mentions[0].end, 5u);  // "Japan", not its possessive
  EXPECT_EQ(text.substr(mentions[1].begin, mentions[1].end - mentions[1].begin),
            "Democratic People\xE2\x80\x99s\nRepublic of Korea");
  EXPECT_EQ(mentions[1].entry->id, "PRK");
  EXPECT_EQ(text.substr(mentions[2].begin, mentions[2].end - mentions[2].begin),
            "Iran (Islamic Republic of)");
  EXPECT_EQ(mentions[2].entry->id, "IRN");
}

TEST(VocabularyTest, NoMentionInsideWordsOrSymbols) {
  const Vocabulary& vocabulary = Vocabulary::Builtin();
  EXPECT_THAT(Mentions(vocabulary,
                       "A woman from Nigeria met an Omani envoy and "
                       "Nigerian traders."),
              ElementsAre(Pair("NGA", "Nigeria")));
  EXPECT_THAT(MentionIds(vocabulary, "Niger and Nigeria"),
              ElementsAre("NER", "NGA"));
  EXPECT_THAT(MentionIds(vocabulary,
                         "Papua New Guinea, Guinea-Bissau, Equatorial Guinea "
                         "and Guinea"),
              ElementsAre("PNG", "GNB", "GNQ", "GIN"));
  EXPECT_THAT(MentionIds(vocabulary, "South Sudan and the Sudan"),
              ElementsAre("SSD", "SDN"));
  // Lower-case common words and acronyms written in lower case.
  EXPECT_THAT(MentionIds(vocabulary,
                         "those who ate turkey from china in a jordan "
                         "cat cafe"),
              IsEmpty());
  // The peninsula and its adjective name no State.
  EXPECT_THAT(MentionIds(vocabulary,
                         "the Korean peninsula, inter-Korean summits, "
                         "Korea and Koreans"),
              IsEmpty());
  // Acronyms inside document symbols.
  EXPECT_THAT(MentionIds(vocabulary,
                         "reports (CRC/C/PRK/4, A/HRC/7/20, "
                         "WFP/EB.2/2007/5-F/1)"),
              IsEmpty());
}

TEST(VocabularyTest, ParenthesizedAcronymFollowsTheNameItDefines) {
  const Vocabulary& vocabulary = Vocabulary::Builtin();
  // "CAT" alone is the Convention; defined after the committee's name it is
  // the committee.
  EXPECT_THAT(MentionIds(vocabulary, "CAT entered into force."),
              ElementsAre("CAT"));
  EXPECT_THAT(MentionIds(vocabulary,
                         "In 2011, the Committee against Torture (CAT) "
                         "invited the country to ratify CPED."),
              ElementsAre("CAT-Committee", "CAT-Committee", "CPED"));
}

TEST(VocabularyTest, LongestNameWins) {
  const Vocabulary& vocabulary = Vocabulary::Builtin();
  EXPECT_THAT(
      MentionIds(vocabulary,
                 "the Optional Protocol to the Convention on the Rights of "
                 "the Child on the sale of children, child prostitution and "
                 "child pornography, the Convention on the Rights of the "
                 "Child and OP-CAT"),
      ElementsAre("OP-CRC-SC", "CRC", "OP-CAT"));
  EXPECT_THAT(MentionIds(vocabulary,
                         "United States, United States of America, "
                         "United Kingdom of Great Britain and Northern "
                         "Ireland, Ireland"),
              ElementsAre("USA", "USA", "GBR", "IRL"));
}

// ---- ThemesOf.

TEST(VocabularyTest, ThemesOfSampleParagraphs) {
  const Vocabulary& vocabulary = Vocabulary::Builtin();
  const ReportText& report = SampleReportText();
  // "the continuing use of public executions ... torture ... detention"
  EXPECT_THAT(vocabulary.ThemesOf(Paragraph(report, 26)),
              AllOf(Contains("death-penalty"), Contains("torture-detention")));
  // "food aid ... World Food Programme ... a food shortfall (cereals)"
  EXPECT_THAT(vocabulary.ThemesOf(Paragraph(report, 16)), Contains("food"));
  // "the abductions of foreign nationals ... Japanese abducted"
  EXPECT_THAT(vocabulary.ThemesOf(Paragraph(report, 27)),
              Contains("abduction-disappearance"));
  // "at risk of imminent execution ... sentenced to death"
  EXPECT_THAT(vocabulary.ThemesOf(Paragraph(report, 49)),
              Contains("death-penalty"));
  // "disable the controversial nuclear plant": nuclear, not disability nor
  // death penalty.
  const std::vector<std::string> para4 =
      vocabulary.ThemesOf(Paragraph(report, 4));
  EXPECT_THAT(para4, Contains("nuclear-security"));
  EXPECT_THAT(para4, AllOf(Not(Contains("disability")),
                           Not(Contains("death-penalty"))));
}

TEST(VocabularyTest, ThemeKeywordsAreStemmedAndPhrasesConsecutive) {
  const Vocabulary& vocabulary = Vocabulary::Builtin();
  EXPECT_THAT(vocabulary.ThemesOf("Two summary executions were reported."),
              Contains("death-penalty"));
  // "executed" stems like "execution", which alone is no keyword.
  EXPECT_THAT(vocabulary.ThemesOf("The plan was executed on time."),
              Not(Contains("death-penalty")));
  EXPECT_THAT(vocabulary.ThemesOf("Guarantee freedom of expression."),
              Contains("freedom-of-expression"));
  EXPECT_THAT(vocabulary.ThemesOf("An expression of freedom."),
              Not(Contains("freedom-of-expression")));
  // A word between the terms of a phrase breaks it; stop words do not.
  EXPECT_THAT(vocabulary.ThemesOf("people who leave the country"),
              Contains("freedom-of-movement"));
  EXPECT_THAT(vocabulary.ThemesOf("people who leave the neighbouring country"),
              Not(Contains("freedom-of-movement")));
  EXPECT_THAT(vocabulary.ThemesOf(""), IsEmpty());
  EXPECT_THAT(vocabulary.ThemesOf("The weather was mild."), IsEmpty());
}

TEST(VocabularyTest, ThemesComeInFileOrder) {
  EXPECT_THAT(Vocabulary::Builtin().ThemesOf(
                  "Refugees suffered hunger; torture was reported."),
              ElementsAre("food", "refugees-asylum", "torture-detention"));
}

// ---- Parse errors and small vocabularies.

constexpr char kBodies[] = "WFP\tWorld Food Programme\tWFP\n";
constexpr char kTreaties[] = "ICCPR\tInternational Covenant\tICCPR\n";
constexpr char kThemes[] = "food\tFood\tfood|hunger\n";

TEST(VocabularyTest, ParsesASmallVocabulary) {
  absl::StatusOr<std::unique_ptr<Vocabulary>> vocabulary = Vocabulary::Parse(
      "# comment\n\nXAN\tXanadu\tXan|Upper Xanadu\r\nYYY\tYland\n", kBodies,
      kTreaties, kThemes);
  ASSERT_THAT(vocabulary, IsOk());
  EXPECT_EQ((*vocabulary)->CountryCode("Xan"), "XAN");
  EXPECT_EQ((*vocabulary)->CountryCode("the Yland"), "YYY");
  EXPECT_EQ((*vocabulary)->CountryCode("Japan"), "");
  EXPECT_THAT(MentionIds(**vocabulary, "Upper Xanadu and WFP, Yland"),
              ElementsAre("XAN", "WFP", "YYY"));
  EXPECT_THAT((*vocabulary)->ThemesOf("Hunger spread."), ElementsAre("food"));
}

TEST(VocabularyTest, MalformedRowsNameFileAndLine) {
  using ::absl::StatusCode;
  // Wrong column count.
  EXPECT_THAT(
      Vocabulary::Parse("# header\nAAA\tA\t\nBBB\n", kBodies, kTreaties,
                        kThemes),
      StatusIs(StatusCode::kInvalidArgument, HasSubstr("countries.tsv:3")));
  EXPECT_THAT(
      Vocabulary::Parse("AAA\tA\tB\tC\n", kBodies, kTreaties, kThemes),
      StatusIs(StatusCode::kInvalidArgument, HasSubstr("countries.tsv:1")));
  // Empty id.
  EXPECT_THAT(
      Vocabulary::Parse("AAA\tA\t\n\tB\t\n", kBodies, kTreaties, kThemes),
      StatusIs(StatusCode::kInvalidArgument,
               AllOf(HasSubstr("countries.tsv:2"), HasSubstr("empty id"))));
  // Duplicate id, within a file and across files.
  EXPECT_THAT(Vocabulary::Parse("AAA\tA\t\nBBB\tB\t\nAAA\tC\t\n", kBodies,
                                kTreaties, kThemes),
              StatusIs(StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("countries.tsv:3"),
                             HasSubstr("duplicate id \"AAA\""))));
  EXPECT_THAT(Vocabulary::Parse("AAA\tA\t\n", kBodies,
                                "ICCPR\tCovenant\t\nWFP\tWorld Food Treaty\t\n",
                                kThemes),
              StatusIs(StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("treaties.tsv:2"),
                             HasSubstr("duplicate id \"WFP\""))));
  // One name given to two entries.
  EXPECT_THAT(
      Vocabulary::Parse("AAA\tAland\t\nBBB\tBland\tAland\n", kBodies, kTreaties,
                        kThemes),
      StatusIs(StatusCode::kInvalidArgument, HasSubstr("countries.tsv:2")));
  // A theme without keywords, or with only stop words.
  EXPECT_THAT(
      Vocabulary::Parse("AAA\tA\t\n", kBodies, kTreaties,
                        "food\tFood\tfood\nnone\tNone\t\n"),
      StatusIs(StatusCode::kInvalidArgument, HasSubstr("themes.tsv:2")));
  EXPECT_THAT(
      Vocabulary::Parse("AAA\tA\t\n", kBodies, kTreaties,
                        "food\tFood\tthe|of\n"),
      StatusIs(StatusCode::kInvalidArgument, HasSubstr("themes.tsv:1")));
}

}  // namespace
}  // namespace rapporteur::ingest
