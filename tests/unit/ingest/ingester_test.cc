#include "lib/ingest/ingester.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "lib/base/error_details.h"
#include "lib/storage/local_shard.h"
#include "lib/storage/store.h"
#include "tests/testing/files.h"
#include "tests/testing/status_matchers.h"

namespace rapporteur::ingest {
namespace {

using ::rapporteur::testing::StatusIs;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

// A shard that is down: every call fails as a remote one would.
class DownShard : public storage::Shard {
 public:
  std::string Describe() const override { return "down"; }
  absl::Status CheckHealth() override { return absl::UnavailableError("down"); }
  absl::StatusOr<internal::v1::WriteDocumentResponse> WriteDocument(
      const internal::v1::WriteDocumentRequest&) override {
    ++writes;
    return absl::UnavailableError("storage shard down");
  }
  absl::StatusOr<v1::Document> GetDocument(
      const v1::GetDocumentRequest&) override {
    return absl::UnavailableError("down");
  }
  absl::StatusOr<v1::Paragraph> GetParagraph(
      const v1::GetParagraphRequest&) override {
    return absl::UnavailableError("down");
  }
  absl::Status DeleteDocument(
      const internal::v1::DeleteDocumentRequest&) override {
    return absl::UnavailableError("down");
  }
  absl::StatusOr<internal::v1::SearchShardResponse> SearchShard(
      const internal::v1::SearchShardRequest&) override {
    return absl::UnavailableError("down");
  }
  absl::StatusOr<internal::v1::ListRecordsResponse> ListRecords(
      const internal::v1::ListRecordsRequest&) override {
    return absl::UnavailableError("down");
  }
  absl::StatusOr<internal::v1::CollectionStats> GetCollectionStats(
      const internal::v1::GetCollectionStatsRequest&) override {
    return absl::UnavailableError("down");
  }
  int writes = 0;
};

// A shard that keeps the last write it was sent, and is down otherwise.
class RecordingShard final : public DownShard {
 public:
  std::string Describe() const override { return "recording"; }
  absl::StatusOr<internal::v1::WriteDocumentResponse> WriteDocument(
      const internal::v1::WriteDocumentRequest& request) override {
    written = request;
    return internal::v1::WriteDocumentResponse();
  }
  internal::v1::WriteDocumentRequest written;
};

// The terms the ingester sent for its first paragraph.
std::vector<std::string> FirstParagraphTerms(const RecordingShard& shard) {
  std::vector<std::string> terms;
  if (shard.written.paragraph_terms_size() > 0) {
    for (const auto& term : shard.written.paragraph_terms(0).terms()) {
      terms.push_back(term.term());
    }
  }
  return terms;
}

v1::IngestDocumentRequest SampleRequest() {
  v1::IngestDocumentRequest request;
  v1::DocumentSource* source = request.mutable_source();
  source->set_content(rapporteur::testing::SampleReport());
  source->set_symbol("A/HRC/7/20");
  source->set_title("Report of the Special Rapporteur");
  source->set_date("2008-02-15");
  source->add_countries("PRK");
  return request;
}

class IngesterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = storage::Store::Open({.path = dir_.path() + "/db"});
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = std::move(*store);
    shard_ = std::make_unique<storage::LocalShard>(store_.get());
  }

  rapporteur::testing::TempDir dir_;
  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<storage::LocalShard> shard_;
};

TEST_F(IngesterTest, StoresTheSampleReportWhole) {
  Ingester ingester({shard_.get()});
  auto response = ingester.Ingest(SampleRequest());
  ASSERT_TRUE(response.ok()) << response.status();
  const v1::Document& extracted = response->document();
  EXPECT_EQ(extracted.name(), "documents/a-hrc-7-20");
  EXPECT_EQ(extracted.revision(), 1);
  EXPECT_EQ(extracted.content_sha256().size(), 64u);

  auto stored = store_->GetDocument("a-hrc-7-20");
  ASSERT_TRUE(stored.ok()) << stored.status();
  EXPECT_EQ(stored->symbol(), "A/HRC/7/20");
  EXPECT_EQ(stored->date(), "2008-02-15");
  EXPECT_EQ(stored->countries(0), "PRK");
  // The 83 numbered paragraphs, once each, in order.
  std::vector<int> numbers;
  for (const v1::Paragraph& paragraph : stored->paragraphs()) {
    if (paragraph.number() > 0) {
      numbers.push_back(paragraph.number());
    }
  }
  ASSERT_EQ(numbers.size(), 83u);
  for (int i = 0; i < 83; ++i) {
    EXPECT_EQ(numbers[i], i + 1);
  }
  auto paragraph26 = store_->GetParagraph("a-hrc-7-20", "26");
  ASSERT_TRUE(paragraph26.ok());
  EXPECT_EQ(paragraph26->citation(), "A/HRC/7/20, para. 26");
  EXPECT_THAT(paragraph26->text(), HasSubstr("public executions"));
  // Note 21 has no text in this extraction: reported, not invented.
  bool warned_note_21 = false;
  for (const v1::Warning& warning : extracted.warnings()) {
    warned_note_21 |=
        warning.message().find("21") != std::string::npos && warning.line() > 0;
  }
  EXPECT_TRUE(warned_note_21);
}

TEST_F(IngesterTest, ReingestReplacesAndBumpsRevision) {
  Ingester ingester({shard_.get()});
  ASSERT_TRUE(ingester.Ingest(SampleRequest()).ok());
  auto again = ingester.Ingest(SampleRequest());
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->document().revision(), 2);
  EXPECT_TRUE(store_->GetRevision("a-hrc-7-20", 1).ok());
}

TEST_F(IngesterTest, DocumentWithoutSymbolIsNamedByContent) {
  Ingester ingester({shard_.get()});
  v1::IngestDocumentRequest request;
  request.mutable_source()->set_content("1. A case record of one paragraph.\n");
  auto response = ingester.Ingest(request);
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_THAT(response->document().name(), StartsWith("documents/doc-"));
}

TEST_F(IngesterTest, BadSourceNeverReachesStorage) {
  DownShard down;
  Ingester ingester({&down});
  v1::IngestDocumentRequest request;
  EXPECT_THAT(
      ingester.Ingest(request),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("source")));
  request.mutable_source()->set_content("\xc3\x28");
  EXPECT_THAT(ingester.Ingest(request),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("UTF-8")));
  EXPECT_EQ(down.writes, 0);
}

// The field at fault travels as a google.rpc.BadRequest, the reason as an
// ErrorInfo: clients need not parse the message.
TEST_F(IngesterTest, BadSourceNamesTheFieldInDetails) {
  DownShard down;
  Ingester ingester({&down});
  v1::IngestDocumentRequest request = SampleRequest();
  request.mutable_source()->set_date("2008-02-30");
  const absl::Status bad_date = ingester.Ingest(request).status();
  const auto bad_request = GetDetail<google::rpc::BadRequest>(bad_date);
  ASSERT_TRUE(bad_request.has_value()) << bad_date;
  ASSERT_EQ(bad_request->field_violations_size(), 1);
  EXPECT_EQ(bad_request->field_violations(0).field(), "source.date");
  EXPECT_THAT(bad_request->field_violations(0).description(),
              HasSubstr("2008-02-30"));
  const auto info = GetDetail<google::rpc::ErrorInfo>(bad_date);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->reason(), "INVALID_FIELD");
  EXPECT_EQ(info->domain(), "rapporteur.dev");

  request.mutable_source()->set_date("");
  request.mutable_source()->set_content("\xc3\x28");
  const absl::Status bad_utf8 = ingester.Ingest(request).status();
  ASSERT_TRUE(GetDetail<google::rpc::BadRequest>(bad_utf8).has_value());
  EXPECT_EQ(
      GetDetail<google::rpc::BadRequest>(bad_utf8)->field_violations(0).field(),
      "source.content");
  EXPECT_EQ(GetDetail<google::rpc::ErrorInfo>(bad_utf8)->reason(),
            "INVALID_UTF8");
}

// AIP-157: the summary by default, small whatever the document's size; the
// whole document on request.
TEST_F(IngesterTest, ResponseIsTheSummaryUnlessFullIsAsked) {
  Ingester ingester({shard_.get()});
  auto basic = ingester.Ingest(SampleRequest());
  ASSERT_TRUE(basic.ok()) << basic.status();
  EXPECT_EQ(basic->document().name(), "documents/a-hrc-7-20");
  EXPECT_EQ(basic->document().revision(), 1);
  EXPECT_GE(basic->document().paragraph_count(), 83);
  EXPECT_EQ(basic->document().paragraphs_size(), 0);
  EXPECT_EQ(basic->document().sections_size(), 0);
  EXPECT_EQ(basic->document().footnotes_size(), 0);
  EXPECT_EQ(basic->document().recommendations_size(), 0);

  v1::IngestDocumentRequest full_request = SampleRequest();
  full_request.set_view(v1::DOCUMENT_VIEW_FULL);
  auto full = ingester.Ingest(full_request);
  ASSERT_TRUE(full.ok()) << full.status();
  EXPECT_EQ(full->document().revision(), 2);
  EXPECT_EQ(full->document().paragraphs_size(),
            basic->document().paragraph_count());
  EXPECT_GT(full->document().sections_size(), 0);
  // The summary is a small fraction of the whole.
  EXPECT_LT(basic->document().ByteSizeLong() * 10,
            full->document().ByteSizeLong());
}

TEST_F(IngesterTest, StorageDownIsUnavailable) {
  DownShard down;
  Ingester ingester({&down});
  EXPECT_THAT(ingester.Ingest(SampleRequest()),
              StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_EQ(down.writes, 1);
}

TEST_F(IngesterTest, MastheadFillsMetadataNotGiven) {
  Ingester ingester({shard_.get()});
  v1::DocumentSource source;
  source.set_content(rapporteur::testing::ReadFileOrDie(
      rapporteur::testing::CorpusDir() + "/un/A_HRC_14_15.txt"));
  auto doc = ingester.Analyze(source);
  ASSERT_TRUE(doc.ok()) << doc.status();
  EXPECT_EQ(doc->symbol(), "A/HRC/14/15");
  EXPECT_EQ(doc->date(), "2010-03-15");
  EXPECT_EQ(doc->name(), "documents/a-hrc-14-15");
  // Given metadata wins.
  source.set_symbol("A/HRC/14/15/Corr.1");
  doc = ingester.Analyze(source);
  ASSERT_TRUE(doc.ok()) << doc.status();
  EXPECT_EQ(doc->symbol(), "A/HRC/14/15/Corr.1");
  EXPECT_EQ(doc->date(), "2010-03-15");
}

TEST_F(IngesterTest, PdfAndTextGiveTheSameDocument) {
  Ingester ingester({shard_.get()});
  v1::DocumentSource text;
  text.set_content(rapporteur::testing::ReadFileOrDie(
      rapporteur::testing::CorpusDir() + "/un/A_HRC_14_15.txt"));
  v1::DocumentSource pdf;
  pdf.set_content(rapporteur::testing::ReadFileOrDie(
      rapporteur::testing::CorpusDir() + "/un/A_HRC_14_15.pdf"));
  auto from_text = ingester.Analyze(text);
  auto from_pdf = ingester.Analyze(pdf);  // untyped: sniffed as a PDF
  ASSERT_TRUE(from_text.ok()) << from_text.status();
  ASSERT_TRUE(from_pdf.ok()) << from_pdf.status();
  EXPECT_EQ(from_pdf->media_type(), "application/pdf");
  ASSERT_EQ(from_pdf->paragraphs_size(), from_text->paragraphs_size());
  for (int i = 0; i < from_text->paragraphs_size(); ++i) {
    if (from_text->paragraphs(i).number() == 111) {
      // The PDF's word boxes put back the word reading order sets apart
      // in the .txt: "the continuous public manifestations" of item 63.
      EXPECT_THAT(from_pdf->paragraphs(i).text(),
                  HasSubstr("the continuous public manifestations"));
      EXPECT_THAT(from_text->paragraphs(i).text(),
                  HasSubstr("(Kazakhstan); public 64."));
      continue;
    }
    EXPECT_EQ(from_pdf->paragraphs(i).text(), from_text->paragraphs(i).text());
  }
  EXPECT_EQ(from_pdf->recommendations_size(),
            from_text->recommendations_size());
}

TEST_F(IngesterTest, ParagraphsAreAnalyzedInTheDocumentsLanguage) {
  v1::IngestDocumentRequest request;
  request.mutable_source()->set_content(
      "1. Les libertés fondamentales de la personne.\n");
  request.mutable_source()->set_language("fr");
  RecordingShard french;
  ASSERT_TRUE(Ingester({&french}).Ingest(request).ok());
  // French stop words dropped, French stems: "libertés" is "libert".
  EXPECT_THAT(FirstParagraphTerms(french),
              ElementsAre("libert", "fondamental", "person"));
  // Without a language the document is English: "les" and "de" are words.
  request.mutable_source()->clear_language();
  RecordingShard english;
  ASSERT_TRUE(Ingester({&english}).Ingest(request).ok());
  EXPECT_THAT(FirstParagraphTerms(english), Contains("les"));
  EXPECT_THAT(FirstParagraphTerms(english), Contains("de"));
}

TEST_F(IngesterTest, AnalyzeStoresNothing) {
  Ingester ingester({shard_.get()});
  auto doc = ingester.Analyze(SampleRequest().source());
  ASSERT_TRUE(doc.ok()) << doc.status();
  EXPECT_GE(doc->paragraphs_size(), 83);
  EXPECT_THAT(store_->GetDocument("a-hrc-7-20"),
              StatusIs(absl::StatusCode::kNotFound));
}

}  // namespace
}  // namespace rapporteur::ingest
