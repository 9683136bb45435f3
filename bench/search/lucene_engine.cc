// Lucene++ (the C++ port of Lucene 3.0): StandardAnalyzer on the text, the
// attributes as untokenized fields (KeywordAnalyzer, so that the
// QueryParser's country:PRK meets the indexed PRK), default TF-IDF
// similarity, AND as the default operator (OR for a query of any word, whose
// words are rendered alone, as the parser reads the query language's
// filters as fields of its own). Committed once per document of
// kParagraphsPerDocument paragraphs, as Rapporteur syncs one.

#include <filesystem>

// LuceneHeaders.h declares what every other Lucene++ header builds on, so it
// comes first; include sorting (which regroups blocks) must leave it there.
// clang-format off
#include "LuceneHeaders.h"
#include "KeywordAnalyzer.h"
#include "PerFieldAnalyzerWrapper.h"
// clang-format on
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "bench/search/engine.h"

namespace rapporteur::bench {
namespace {

// Lucene++ reports errors by exception; this adapter turns them into
// statuses at its boundary, so none crosses into the benchmark.
absl::Status FromLucene(const Lucene::LuceneException& error) {
  return absl::InternalError(absl::StrCat(
      "lucene++: ", Lucene::StringUtils::toUTF8(error.getError())));
}

class LuceneEngine final : public SearchEngine {
 public:
  explicit LuceneEngine(std::string dir) : dir_(std::move(dir)) {}
  ~LuceneEngine() override {
    try {
      if (searcher_) {
        searcher_->close();
      }
    } catch (const Lucene::LuceneException&) {
      // Closing a reader at exit: nothing left to save.
    }
  }

  std::string name() const override { return "Lucene++ (TF-IDF)"; }

  absl::Status Index(const std::vector<BenchParagraph>& paragraphs) override {
    using namespace Lucene;
    try {
      analyzer_ = MakeAnalyzer();
      IndexWriterPtr writer = newLucene<IndexWriter>(
          FSDirectory::open(StringUtils::toUnicode(dir_)), analyzer_, true,
          IndexWriter::MaxFieldLengthUNLIMITED);
      for (size_t i = 0; i < paragraphs.size(); ++i) {
        const BenchParagraph& paragraph = paragraphs[i];
        DocumentPtr document = newLucene<Document>();
        document->add(newLucene<Field>(L"id",
                                       StringUtils::toString(paragraph.id),
                                       Field::STORE_YES, Field::INDEX_NO));
        document->add(newLucene<Field>(L"text",
                                       StringUtils::toUnicode(paragraph.text),
                                       Field::STORE_NO, Field::INDEX_ANALYZED));
        document->add(newLucene<Field>(
            L"country", StringUtils::toUnicode(paragraph.country),
            Field::STORE_NO, Field::INDEX_NOT_ANALYZED_NO_NORMS));
        document->add(newLucene<Field>(
            L"year", StringUtils::toString(paragraph.year), Field::STORE_NO,
            Field::INDEX_NOT_ANALYZED_NO_NORMS));
        writer->addDocument(document);
        if (paragraph.id % kParagraphsPerDocument ==
                kParagraphsPerDocument - 1 ||
            i + 1 == paragraphs.size()) {
          writer->commit();
        }
      }
      writer->close();
      searcher_ = newLucene<IndexSearcher>(
          FSDirectory::open(StringUtils::toUnicode(dir_)), true);
      parser_ = newLucene<QueryParser>(LuceneVersion::LUCENE_CURRENT, L"text",
                                       analyzer_);
      parser_->setDefaultOperator(QueryParser::AND_OPERATOR);
      any_parser_ = newLucene<QueryParser>(LuceneVersion::LUCENE_CURRENT,
                                           L"text", analyzer_);
      any_parser_->setDefaultOperator(QueryParser::OR_OPERATOR);
    } catch (const LuceneException& error) {
      return FromLucene(error);
    }
    return absl::OkStatus();
  }

  absl::StatusOr<std::vector<uint32_t>> Query(const BenchQuery& query,
                                              int k) override {
    using namespace Lucene;
    if (!searcher_) {
      return absl::FailedPreconditionError("lucene++: nothing indexed");
    }
    try {
      QueryPtr parsed =
          query.any ? any_parser_->parse(StringUtils::toUnicode(
                          absl::StrJoin(query.words, " ")))
                    : parser_->parse(StringUtils::toUnicode(query.text));
      TopDocsPtr top = searcher_->search(parsed, k);
      std::vector<uint32_t> ids;
      for (const ScoreDocPtr& hit : top->scoreDocs) {
        ids.push_back(static_cast<uint32_t>(
            StringUtils::toInt(searcher_->doc(hit->doc)->get(L"id"))));
      }
      return ids;
    } catch (const LuceneException& error) {
      return FromLucene(error);
    }
  }

  uint64_t IndexBytes() const override { return FolderBytes(dir_); }

  // The text field is indexed, not stored: only the ids are kept.
  std::optional<uint64_t> IndexBytesWithoutText() const override {
    return FolderBytes(dir_);
  }

 private:
  static Lucene::AnalyzerPtr MakeAnalyzer() {
    using namespace Lucene;
    PerFieldAnalyzerWrapperPtr analyzer = newLucene<PerFieldAnalyzerWrapper>(
        newLucene<StandardAnalyzer>(LuceneVersion::LUCENE_CURRENT));
    analyzer->addAnalyzer(L"country", newLucene<KeywordAnalyzer>());
    analyzer->addAnalyzer(L"year", newLucene<KeywordAnalyzer>());
    return analyzer;
  }

  const std::string dir_;
  Lucene::AnalyzerPtr analyzer_;
  Lucene::IndexSearcherPtr searcher_;
  Lucene::QueryParserPtr parser_;
  Lucene::QueryParserPtr any_parser_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<SearchEngine>> MakeLuceneEngine(
    const std::string& dir) {
  std::error_code error;
  std::filesystem::remove_all(dir, error);
  std::filesystem::create_directories(dir, error);
  if (error) {
    return absl::InternalError(absl::StrCat("cannot create ", dir));
  }
  return std::make_unique<LuceneEngine>(dir);
}

}  // namespace rapporteur::bench
