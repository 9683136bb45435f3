#include "lib/analysis/normalize.h"

#include <gtest/gtest.h>

#include <string>

namespace rapporteur::analysis {
namespace {

TEST(FoldCaseTest, LowersAscii) {
  EXPECT_EQ(FoldCase("Torture"), "torture");
  EXPECT_EQ(FoldCase("A/HRC/7/20"), "a/hrc/7/20");
  EXPECT_EQ(FoldCase(""), "");
}

TEST(FoldCaseTest, AppliesNfkcCasefold) {
  EXPECT_EQ(FoldCase("ﬁnal"), "final");                   // ligature
  EXPECT_EQ(FoldCase("Ｌａｔｉｎ"), "latin");             // full width
  EXPECT_EQ(FoldCase("ПРАВА"), "права");                  // Cyrillic
  EXPECT_EQ(FoldCase("Straße"), "strasse");               // full case folding
  EXPECT_EQ(FoldCase("DÉTENTION"), "détention");          // composed accents
  EXPECT_EQ(FoldCase("De\xcc\x81tention"), "détention");  // NFKC composes
}

TEST(FoldCaseTest, RemovesIgnorableCodePoints) {
  EXPECT_EQ(FoldCase("tor\xc2\xadture"), "torture");  // soft hyphen
  EXPECT_EQ(FoldCase("a\xe2\x80\x8d"
                     "b"),
            "ab");                      // zero-width joiner
  EXPECT_EQ(FoldCase("\xc2\xad"), "");  // nothing left
}

TEST(FoldCaseTest, InvalidUtf8BecomesReplacementCharacter) {
  EXPECT_EQ(FoldCase("a\xff"), "a\xef\xbf\xbd");
  EXPECT_EQ(FoldCase("\xd0\x9f\xd0"), "п\xef\xbf\xbd");  // cut short
  EXPECT_EQ(FoldCase("\xed\xa0\x80"), "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
  EXPECT_EQ(FoldCase("Ж\x80"), "ж\xef\xbf\xbd");  // a stray continuation
}

TEST(NormalizeAddresseeTest, UpperCasesThreeLetterCodes) {
  EXPECT_EQ(NormalizeAddressee("prk"), "PRK");
  EXPECT_EQ(NormalizeAddressee("Prk"), "PRK");
  EXPECT_EQ(NormalizeAddressee("  PRK \n"), "PRK");
}

TEST(NormalizeAddresseeTest, FoldsNamedBodies) {
  EXPECT_EQ(NormalizeAddressee("International Community"),
            "international community");
  EXPECT_EQ(NormalizeAddressee("Human Rights Council"), "human rights council");
}

TEST(NormalizeAddresseeTest, CollapsesSpaces) {
  // Ingest reads addressees from wrapped text; queries type them by hand.
  EXPECT_EQ(NormalizeAddressee(" International\n  community\t"),
            "international community");
  EXPECT_EQ(NormalizeAddressee("Human\r\nRights  Council"),
            "human rights council");
}

TEST(NormalizeAddresseeTest, OnlyThreeAsciiLettersAreACode) {
  EXPECT_EQ(NormalizeAddressee("UN"), "un");
  EXPECT_EQ(NormalizeAddressee("OHCHR"), "ohchr");
  EXPECT_EQ(NormalizeAddressee("G20"), "g20");
  EXPECT_EQ(NormalizeAddressee("A B"), "a b");
  EXPECT_EQ(NormalizeAddressee("ÉTA"), "éta");  // not ASCII: a name
}

TEST(NormalizeAddresseeTest, NonAsciiNamesAreCaseFolded) {
  EXPECT_EQ(NormalizeAddressee("Совет  ООН"), "совет оон");
}

TEST(NormalizeAddresseeTest, IngestAndQuerySpellingsMeet) {
  EXPECT_EQ(NormalizeAddressee("the  Government"),
            NormalizeAddressee("THE GOVERNMENT"));
  EXPECT_EQ(NormalizeAddressee(""), "");
}

}  // namespace
}  // namespace rapporteur::analysis
