// The extraction of A/HRC/7/20 against tests/data/A_HRC_7_20.golden.json,
// which was written by reading the report (see tests/data/README.md).
#include <gmock/gmock.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "lib/ingest/ingester.h"
#include "tests/testing/files.h"

#ifndef RAPPORTEUR_SOURCE_DIR
#define RAPPORTEUR_SOURCE_DIR "/work/main"
#endif

namespace rapporteur::ingest {
namespace {

class GoldenTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const std::string json = rapporteur::testing::ReadFileOrDie(
        RAPPORTEUR_SOURCE_DIR "/tests/data/A_HRC_7_20.golden.json");
    golden_ = new v1::Document;
    ASSERT_TRUE(
        google::protobuf::util::JsonStringToMessage(json, golden_).ok());
    v1::DocumentSource source;
    source.set_content(rapporteur::testing::SampleReport());
    source.set_symbol("A/HRC/7/20");
    source.set_date("2008-02-15");
    source.add_countries("PRK");
    auto extracted = Ingester({}).Analyze(source);
    ASSERT_TRUE(extracted.ok()) << extracted.status();
    extracted_ = new v1::Document(*std::move(extracted));
  }
  static void TearDownTestSuite() {
    delete golden_;
    delete extracted_;
  }

  // One line per item, so a difference shows as the lines that differ.
  template <typename Item, typename Format>
  static std::vector<std::string> Lines(
      const google::protobuf::RepeatedPtrField<Item>& items, Format format) {
    std::vector<std::string> lines;
    for (const Item& item : items) {
      lines.push_back(format(item));
    }
    return lines;
  }

  static v1::Document* golden_;
  static v1::Document* extracted_;
};

v1::Document* GoldenTest::golden_ = nullptr;
v1::Document* GoldenTest::extracted_ = nullptr;

TEST_F(GoldenTest, Metadata) {
  EXPECT_EQ(extracted_->symbol(), golden_->symbol());
  EXPECT_EQ(extracted_->date(), golden_->date());
  EXPECT_THAT(extracted_->countries(),
              ::testing::ElementsAreArray(golden_->countries()));
}

TEST_F(GoldenTest, Sections) {
  auto format = [](const v1::Section& s) {
    return absl::StrCat(s.level(), " | ", s.path());
  };
  EXPECT_EQ(Lines(extracted_->sections(), format),
            Lines(golden_->sections(), format));
}

TEST_F(GoldenTest, ParagraphsWithSectionsAndCallouts) {
  auto format = [](const v1::Paragraph& p) {
    return absl::StrCat(p.number(), " | ", p.section(), " | ",
                        absl::StrJoin(p.footnotes(), ","));
  };
  EXPECT_EQ(Lines(extracted_->paragraphs(), format),
            Lines(golden_->paragraphs(), format));
}

TEST_F(GoldenTest, EntitiesOfEveryParagraph) {
  auto format = [](const v1::Paragraph& p) {
    return absl::StrCat(p.number(), " | ", absl::StrJoin(p.entities(), ","));
  };
  EXPECT_EQ(Lines(extracted_->paragraphs(), format),
            Lines(golden_->paragraphs(), format));
}

TEST_F(GoldenTest, Entities) {
  auto format = [](const v1::Entity& e) {
    return absl::StrCat(e.id(), " | ", v1::EntityKind_Name(e.kind()), " | ",
                        e.name(), " | ", absl::StrJoin(e.paragraphs(), ","));
  };
  EXPECT_EQ(Lines(extracted_->entities(), format),
            Lines(golden_->entities(), format));
}

TEST_F(GoldenTest, Footnotes) {
  auto format = [](const v1::Footnote& f) {
    return absl::StrCat(f.number(), " | ", f.text(), " | cites ",
                        absl::StrJoin(f.cites(), ","), " | same as ",
                        f.same_as());
  };
  EXPECT_EQ(Lines(extracted_->footnotes(), format),
            Lines(golden_->footnotes(), format));
}

TEST_F(GoldenTest, References) {
  auto format = [](const v1::Reference& r) {
    return absl::StrCat(r.symbol(), " | ", v1::ReferenceKind_Name(r.kind()),
                        " | paras ", absl::StrJoin(r.paragraphs(), ","),
                        " | notes ", absl::StrJoin(r.footnotes(), ","));
  };
  EXPECT_EQ(Lines(extracted_->references(), format),
            Lines(golden_->references(), format));
}

TEST_F(GoldenTest, Recommendations) {
  auto format = [](const v1::Recommendation& r) {
    return absl::StrCat(r.paragraph(), ".", r.item(), " | ", r.addressee(),
                        " | ", absl::StrJoin(r.recommended_by(), ","), " | ",
                        r.text());
  };
  EXPECT_EQ(Lines(extracted_->recommendations(), format),
            Lines(golden_->recommendations(), format));
}

TEST_F(GoldenTest, Communications) {
  auto format = [](const v1::Communication& c) {
    return absl::StrCat(c.paragraph(), " | ", c.sent(), " | ", c.recipient(),
                        " | ", v1::Reply_Name(c.reply()));
  };
  EXPECT_EQ(Lines(extracted_->communications(), format),
            Lines(golden_->communications(), format));
}

TEST_F(GoldenTest, Visits) {
  auto format = [](const v1::Visit& v) {
    return absl::StrCat(v.paragraph(), " | ", v.country(), " | ", v.start(),
                        " | ", v.end());
  };
  EXPECT_EQ(Lines(extracted_->visits(), format),
            Lines(golden_->visits(), format));
}

TEST_F(GoldenTest, Figures) {
  auto format = [](const v1::Figure& f) {
    return absl::StrCat(f.paragraph(), " | ", f.value(), " ", f.unit(), " | ",
                        f.period(), " | ", f.source_text());
  };
  EXPECT_EQ(Lines(extracted_->figures(), format),
            Lines(golden_->figures(), format));
}

}  // namespace
}  // namespace rapporteur::ingest
