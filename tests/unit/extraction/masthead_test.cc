#include "lib/extraction/masthead.h"

#include <gtest/gtest.h>

#include "tests/testing/files.h"

namespace rapporteur::ingest {
namespace {

TEST(MastheadTest, ParsesLongDates) {
  EXPECT_EQ(ParseLongDate("15 March 2010"), "2010-03-15");
  EXPECT_EQ(ParseLongDate(" 1 december 2019 "), "2019-12-01");
  EXPECT_EQ(ParseLongDate("March 2010"), "");
  EXPECT_EQ(ParseLongDate("32 March 2010"), "");
  EXPECT_EQ(ParseLongDate("15 Marchember 2010"), "");
}

TEST(MastheadTest, ReadsTheCorpusMastheads) {
  // Read in each document's first page.
  struct Expected {
    const char* file;
    const char* symbol;
    const char* date;
  };
  for (const Expected& e : {
           Expected{"A_HRC_14_15", "A/HRC/14/15", "2010-03-15"},
           Expected{"A_HRC_WG.6_20_SVN_2", "A/HRC/WG.6/20/SVN/2", "2014-08-18"},
           Expected{"A_HRC_WG.6_34_SVN_2", "A/HRC/WG.6/34/SVN/2", "2019-08-30"},
           Expected{"A_HRC_WG.6_7_SVN_3", "A/HRC/WG.6/7/SVN/3", "2009-11-12"},
       }) {
    for (const char* suffix : {".txt", ".layout.txt"}) {
      const std::string path =
          rapporteur::testing::CorpusDir() + "/un/" + e.file + suffix;
      Masthead masthead =
          ReadMasthead(rapporteur::testing::ReadFileOrDie(path));
      EXPECT_EQ(masthead.symbol, e.symbol) << path;
      EXPECT_EQ(masthead.date, e.date) << path;
    }
  }
}

TEST(MastheadTest, NoMastheadNoFacts) {
  // The sample report's text starts at its summary: nothing to read.
  Masthead masthead = ReadMasthead(rapporteur::testing::SampleReport());
  EXPECT_EQ(masthead.symbol, "");
  EXPECT_EQ(masthead.date, "");
}

}  // namespace
}  // namespace rapporteur::ingest
