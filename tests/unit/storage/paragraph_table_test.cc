#include "lib/storage/index/paragraph_table.h"

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"

namespace rapporteur::storage::index {
namespace {

ParagraphEntry Entry(uint32_t length, float boost) {
  ParagraphEntry entry;
  entry.doc_id = "d";
  entry.length = length;
  entry.boost = boost;
  return entry;
}

TEST(ParagraphTableTest, NormsAreTheRowsLengthsAndBoosts) {
  ParagraphTable table;
  table.Add(1, Entry(12, 1.0f));
  table.Add(2, Entry(12, 1.25f));
  table.Add(3, Entry(7, 1.0f));
  table.Add(5, Entry(12, 1.0f));  // id 4 is a gap
  for (ParagraphId id : {1u, 2u, 3u, 5u}) {
    EXPECT_EQ(table.norm(id).length, table.row(id).length) << id;
    EXPECT_EQ(table.norm(id).boost, table.row(id).boost) << id;
  }
  EXPECT_EQ(table.norm(4).length, 0u);
  EXPECT_EQ(table.norm(4).boost, 1.0f);
}

TEST(ParagraphTableTest, NormsPastTheTableOfPairsComeFromTheRows) {
  // More distinct (length, boost) pairs than 2-byte codes: the later ones
  // are read from their rows, and every norm stays exact.
  ParagraphTable table;
  constexpr ParagraphId kParagraphs = 70000;
  for (ParagraphId id = 1; id <= kParagraphs; ++id) {
    table.Add(id, Entry(id, id % 2 == 0 ? 1.25f : 1.0f));
  }
  for (ParagraphId id = 1; id <= kParagraphs; ++id) {
    ASSERT_EQ(table.norm(id).length, id) << id;
    ASSERT_EQ(table.norm(id).boost, id % 2 == 0 ? 1.25f : 1.0f) << id;
  }
}

}  // namespace
}  // namespace rapporteur::storage::index
