// Questions an analyst types, asked of A/HRC/7/20 through the embedded
// SDK: by default they are plain-language questions, and find the
// paragraphs that answer them although no paragraph holds every word;
// all_words asks for every word, as searches did before.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "rapporteur/client.h"
#include "tests/testing/files.h"

namespace rapporteur {
namespace {

using ::testing::Contains;
using ::testing::IsSupersetOf;

class PlainQuestionsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new rapporteur::testing::TempDir;
    Options options;
    options.data_dir = dir_->path();
    auto client = MakeClient(options);
    ASSERT_TRUE(client.ok()) << client.status();
    client_ = client->release();
    v1::IngestDocumentRequest request;
    request.mutable_source()->set_content(rapporteur::testing::SampleReport());
    request.mutable_source()->set_symbol("A/HRC/7/20");
    request.mutable_source()->set_date("2008-02-15");
    ASSERT_TRUE(client_->IngestDocument(request).ok());
  }
  static void TearDownTestSuite() {
    delete client_;
    delete dir_;
  }

  // Paragraph numbers of the first `depth` hits, best first.
  static std::vector<int> Top(const std::string& query, int depth,
                              bool all_words = false) {
    v1::SearchRequest request;
    request.set_query(query);
    request.set_page_size(depth);
    request.set_all_words(all_words);
    auto response = client_->Search(request);
    EXPECT_TRUE(response.ok()) << response.status();
    std::vector<int> numbers;
    if (response.ok()) {
      for (const v1::SearchHit& hit : response->hits()) {
        numbers.push_back(hit.paragraph_number());
      }
    }
    return numbers;
  }

  static rapporteur::testing::TempDir* dir_;
  static Client* client_;
};

rapporteur::testing::TempDir* PlainQuestionsTest::dir_ = nullptr;
Client* PlainQuestionsTest::client_ = nullptr;

// Paragraph 25: those who leave the country "are persecuted and punished
// if sent back to the country". The report names China only among the
// six-party talks, so no paragraph holds every word.
TEST_F(PlainQuestionsTest, PeopleSentBackFromChina) {
  const std::string question = "what happens to people sent back from China";
  EXPECT_THAT(Top(question, 3), Contains(25));
  EXPECT_TRUE(Top(question, 10, /*all_words=*/true).empty());
}

// Paragraphs 16 and 17: WFP food aid, 890,000 and 150,000 tons. None says
// "arrived".
TEST_F(PlainQuestionsTest, TonsOfFoodAidArrived) {
  const std::string question = "how many tons of food aid arrived";
  EXPECT_THAT(Top(question, 2), IsSupersetOf({16, 17}));
  EXPECT_TRUE(Top(question, 10, /*all_words=*/true).empty());
}

// Words all found together still come first, and the strict reading finds
// exactly the paragraphs holding them all.
TEST_F(PlainQuestionsTest, StrictAndKeepsItsMeaning) {
  const std::vector<int> strict = Top("food aid tons", 10, true);
  ASSERT_FALSE(strict.empty());
  const std::vector<int> plain = Top("food aid tons", 10);
  ASSERT_GE(plain.size(), strict.size());
  EXPECT_THAT(std::vector<int>(plain.begin(), plain.begin() + strict.size()),
              ::testing::UnorderedElementsAreArray(strict));
}

}  // namespace
}  // namespace rapporteur
