#include "lib/query/record_lister.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "lib/ingest/ingester.h"
#include "lib/storage/local_shard.h"
#include "lib/storage/store.h"
#include "tests/testing/files.h"
#include "tests/testing/status_matchers.h"

namespace rapporteur::query {
namespace {

using ::rapporteur::testing::StatusIs;
using ::testing::HasSubstr;

// Two reports on two shards, so that listings merge across shards.
class RecordListerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new rapporteur::testing::TempDir;
    for (int i = 0; i < 2; ++i) {
      auto store =
          storage::Store::Open({.path = absl::StrCat(dir_->path(), "/", i)});
      ASSERT_TRUE(store.ok()) << store.status();
      stores_[i] = store->release();
      shards_[i] = new storage::LocalShard(stores_[i]);
    }
    ingest::Ingester ingester({shards_[0], shards_[1]});
    struct Source {
      const char* file;
      const char* symbol;
      const char* date;
      const char* country;
    };
    for (const Source& s :
         {Source{"/A_HRC_7_20.txt", "A/HRC/7/20", "2008-02-15", "PRK"},
          Source{"/un/A_HRC_14_15.txt", "A/HRC/14/15", "2010-03-15", "SVN"}}) {
      v1::IngestDocumentRequest request;
      request.mutable_source()->set_content(rapporteur::testing::ReadFileOrDie(
          rapporteur::testing::CorpusDir() + s.file));
      request.mutable_source()->set_symbol(s.symbol);
      request.mutable_source()->set_date(s.date);
      request.mutable_source()->add_countries(s.country);
      ASSERT_TRUE(ingester.Ingest(request).ok());
    }
  }
  static void TearDownTestSuite() {
    for (int i = 0; i < 2; ++i) {
      delete shards_[i];
      delete stores_[i];
    }
    delete dir_;
  }

  // Every record of `kind` passing `filter`, page by page.
  static std::vector<std::string> ListAll(internal::v1::RecordKind kind,
                                          const v1::RecordFilter& filter,
                                          int page_size) {
    std::vector<std::string> names;
    std::string token;
    for (int pages = 0; pages < 1000; ++pages) {
      auto page =
          ListRecords({shards_[0], shards_[1]}, kind, filter, page_size, token);
      EXPECT_TRUE(page.ok()) << page.status();
      if (!page.ok()) {
        break;
      }
      for (const internal::v1::Record& record : page->records) {
        names.push_back(record.has_recommendation()
                            ? record.recommendation().name()
                            : record.visit().name());
      }
      token = page->next_page_token;
      if (token.empty()) {
        break;
      }
    }
    return names;
  }

  static rapporteur::testing::TempDir* dir_;
  static storage::Store* stores_[2];
  static storage::LocalShard* shards_[2];
};

rapporteur::testing::TempDir* RecordListerTest::dir_ = nullptr;
storage::Store* RecordListerTest::stores_[2] = {nullptr, nullptr};
storage::LocalShard* RecordListerTest::shards_[2] = {nullptr, nullptr};

TEST_F(RecordListerTest, PagesCoverEveryRecordOnceInNameOrder) {
  // 97 in A/HRC/14/15 (para. 111), 31 in A/HRC/7/20.
  const std::vector<std::string> all =
      ListAll(internal::v1::RECORD_KIND_RECOMMENDATION, {}, 1000);
  ASSERT_EQ(all.size(), 128u);
  EXPECT_EQ(all.front(), "documents/a-hrc-14-15/recommendations/1");
  EXPECT_EQ(all[9], "documents/a-hrc-14-15/recommendations/10");  // numeric
  EXPECT_EQ(all.back(), "documents/a-hrc-7-20/recommendations/31");
  for (int page_size : {1, 7, 50}) {
    EXPECT_EQ(ListAll(internal::v1::RECORD_KIND_RECOMMENDATION, {}, page_size),
              all)
        << "page size " << page_size;
  }
}

TEST_F(RecordListerTest, Filters) {
  v1::RecordFilter filter;
  filter.set_addressee("KOR");
  EXPECT_EQ(
      ListAll(internal::v1::RECORD_KIND_RECOMMENDATION, filter, 10).size(), 5u);
  filter.Clear();
  filter.set_recommended_by("NOR");
  for (const std::string& name :
       ListAll(internal::v1::RECORD_KIND_RECOMMENDATION, filter, 10)) {
    EXPECT_THAT(name, ::testing::StartsWith("documents/a-hrc-14-15/"));
  }
  filter.Clear();
  filter.set_document("documents/a-hrc-7-20");
  filter.set_start_year(2008);
  EXPECT_EQ(ListAll(internal::v1::RECORD_KIND_VISIT, filter, 10),
            std::vector<std::string>({"documents/a-hrc-7-20/visits/2",
                                      "documents/a-hrc-7-20/visits/3"}));
  filter.set_end_year(2007);  // start after end
  EXPECT_THAT(ListRecords({shards_[0]}, internal::v1::RECORD_KIND_VISIT, filter,
                          10, ""),
              StatusIs(absl::StatusCode::kInvalidArgument));
  // A country no one has is refused, not an empty list; any case is a code.
  v1::RecordFilter countries;
  countries.set_country("ZZZZ");
  EXPECT_THAT(ListRecords({shards_[0]}, internal::v1::RECORD_KIND_VISIT,
                          countries, 10, ""),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("filter.country 'ZZZZ'")));
  countries.set_country("mng");
  EXPECT_TRUE(ListRecords({shards_[0]}, internal::v1::RECORD_KIND_VISIT,
                          countries, 10, "")
                  .ok());
  countries.Clear();
  countries.set_recommended_by("XYZ");
  EXPECT_THAT(
      ListRecords({shards_[0]}, internal::v1::RECORD_KIND_RECOMMENDATION,
                  countries, 10, ""),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("filter.recommended_by")));
  // Slovenia was to examine the 97 of A/HRC/14/15 (para. 111: "will be
  // examined by Slovenia"); A/HRC/7/20 is no Universal Periodic Review.
  filter.Clear();
  filter.set_response(v1::RECOMMENDATION_RESPONSE_TO_BE_EXAMINED);
  const std::vector<std::string> examined =
      ListAll(internal::v1::RECORD_KIND_RECOMMENDATION, filter, 10);
  EXPECT_EQ(examined.size(), 97u);
  for (const std::string& name : examined) {
    EXPECT_THAT(name, ::testing::StartsWith("documents/a-hrc-14-15/"));
  }
  filter.set_response(v1::RECOMMENDATION_RESPONSE_SUPPORTED);
  EXPECT_TRUE(
      ListAll(internal::v1::RECORD_KIND_RECOMMENDATION, filter, 10).empty());
  EXPECT_THAT(ListRecords({shards_[0]}, internal::v1::RECORD_KIND_VISIT, filter,
                          10, ""),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("apply to recommendations")));
  filter.Clear();
  filter.set_theme("food");
  EXPECT_THAT(ListRecords({shards_[0]}, internal::v1::RECORD_KIND_VISIT, filter,
                          10, ""),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("applies to recommendations")));
}

TEST_F(RecordListerTest, TokenIsBoundToItsListing) {
  auto page = ListRecords({shards_[0], shards_[1]},
                          internal::v1::RECORD_KIND_RECOMMENDATION, {}, 5, "");
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_FALSE(page->next_page_token.empty());
  v1::RecordFilter other;
  other.set_addressee("SVN");
  EXPECT_THAT(
      ListRecords({shards_[0], shards_[1]},
                  internal::v1::RECORD_KIND_RECOMMENDATION, other, 5,
                  page->next_page_token),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("page_token")));
}

TEST_F(RecordListerTest, ReingestReplacesRecords) {
  // Replacing a document keeps its records exact, not doubled.
  const size_t before =
      ListAll(internal::v1::RECORD_KIND_VISIT, {}, 100).size();
  ingest::Ingester ingester({shards_[0], shards_[1]});
  v1::IngestDocumentRequest request;
  request.mutable_source()->set_content(rapporteur::testing::SampleReport());
  request.mutable_source()->set_symbol("A/HRC/7/20");
  request.mutable_source()->set_date("2008-02-15");
  request.mutable_source()->add_countries("PRK");
  ASSERT_TRUE(ingester.Ingest(request).ok());
  EXPECT_EQ(ListAll(internal::v1::RECORD_KIND_VISIT, {}, 100).size(), before);
}

}  // namespace
}  // namespace rapporteur::query
