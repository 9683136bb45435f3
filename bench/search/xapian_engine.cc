// Xapian: TermGenerator with the English stemmer (positions kept, for
// phrases), the attributes as boolean terms (XC<country>, XY<year>) applied
// with OP_FILTER (unscored) to what the QueryParser makes of the words and
// phrases (OP_AND, or OP_OR for a query of any word), BM25Weight. Committed
// once per document of kParagraphsPerDocument paragraphs, as Rapporteur syncs
// one.

#include <xapian.h>

#include <filesystem>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "bench/search/engine.h"

namespace rapporteur::bench {
namespace {

// Xapian reports errors by exception; this adapter turns them into statuses
// at its boundary, so none crosses into the benchmark.
absl::Status FromXapian(const Xapian::Error& error) {
  return absl::InternalError(
      absl::StrCat("xapian: ", error.get_type(), ": ", error.get_msg()));
}

class XapianEngine final : public SearchEngine {
 public:
  explicit XapianEngine(std::string dir) : dir_(std::move(dir)) {}

  std::string name() const override { return "Xapian (BM25Weight)"; }

  absl::Status Index(const std::vector<BenchParagraph>& paragraphs) override {
    try {
      Xapian::WritableDatabase db(dir_, Xapian::DB_CREATE_OR_OVERWRITE);
      Xapian::TermGenerator generator;
      generator.set_stemmer(Xapian::Stem("english"));
      for (size_t i = 0; i < paragraphs.size(); ++i) {
        const BenchParagraph& paragraph = paragraphs[i];
        Xapian::Document document;
        generator.set_document(document);
        generator.index_text(paragraph.text);
        document.add_boolean_term("XC" + paragraph.country);
        document.add_boolean_term(absl::StrCat("XY", paragraph.year));
        // Xapian's document ids start at 1.
        db.replace_document(paragraph.id + 1, document);
        if (paragraph.id % kParagraphsPerDocument ==
                kParagraphsPerDocument - 1 ||
            i + 1 == paragraphs.size()) {
          db.commit();
        }
      }
      db.close();
      db_ = Xapian::Database(dir_);
    } catch (const Xapian::Error& error) {
      return FromXapian(error);
    }
    return absl::OkStatus();
  }

  absl::StatusOr<std::vector<uint32_t>> Query(const BenchQuery& query,
                                              int k) override {
    try {
      Xapian::QueryParser parser;
      parser.set_stemmer(Xapian::Stem("english"));
      parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
      parser.set_default_op(query.any ? Xapian::Query::OP_OR
                                      : Xapian::Query::OP_AND);
      parser.set_database(db_);
      std::vector<std::string> parts = query.words;
      for (const std::vector<std::string>& phrase : query.phrases) {
        parts.push_back(absl::StrCat("\"", absl::StrJoin(phrase, " "), "\""));
      }
      Xapian::Query parsed = parser.parse_query(absl::StrJoin(parts, " "));
      std::vector<Xapian::Query> filters;
      if (!query.country.empty()) {
        filters.emplace_back("XC" + query.country);
      }
      if (query.year != 0) {
        filters.emplace_back(absl::StrCat("XY", query.year));
      }
      if (!filters.empty()) {
        parsed = Xapian::Query(Xapian::Query::OP_FILTER, parsed,
                               Xapian::Query(Xapian::Query::OP_AND,
                                             filters.begin(), filters.end()));
      }
      Xapian::Enquire enquire(db_);
      enquire.set_query(parsed);
      enquire.set_weighting_scheme(Xapian::BM25Weight());
      Xapian::MSet matches = enquire.get_mset(0, k);
      std::vector<uint32_t> ids;
      for (Xapian::MSetIterator it = matches.begin(); it != matches.end();
           ++it) {
        ids.push_back(*it - 1);
      }
      return ids;
    } catch (const Xapian::Error& error) {
      return FromXapian(error);
    }
  }

  uint64_t IndexBytes() const override { return FolderBytes(dir_); }

 private:
  const std::string dir_;
  Xapian::Database db_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<SearchEngine>> MakeXapianEngine(
    const std::string& dir) {
  std::error_code error;
  std::filesystem::remove_all(dir, error);
  std::filesystem::create_directories(dir, error);
  if (error) {
    return absl::InternalError(absl::StrCat("cannot create ", dir));
  }
  return std::make_unique<XapianEngine>(dir);
}

}  // namespace rapporteur::bench
