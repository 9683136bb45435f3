#ifndef RAPPORTEUR_TESTS_TESTING_DOCUMENTS_H_
#define RAPPORTEUR_TESTS_TESTING_DOCUMENTS_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "lib/ingest/indexed_write.h"
#include "lib/schema/resource_names.h"
#include "rapporteur/internal/v1/shard.pb.h"

namespace rapporteur::testing {

// Document `id` whose numbered paragraphs 1..n have `texts`.
inline v1::Document MakeDocument(const std::string& id,
                                 const std::vector<std::string>& texts) {
  v1::Document doc;
  doc.set_name(DocumentName(id));
  doc.set_symbol(absl::StrCat("TEST/", id));
  doc.set_title(absl::StrCat("Document ", id));
  int number = 0;
  for (const std::string& text : texts) {
    v1::Paragraph* paragraph = doc.add_paragraphs();
    paragraph->set_number(++number);
    paragraph->set_text(text);
    paragraph->set_citation(absl::StrCat(doc.symbol(), ", para. ", number));
  }
  return doc;
}

// The shard write of MakeDocument(id, texts), analyzed as ingest does.
inline internal::v1::WriteDocumentRequest MakeWrite(
    const std::string& id, const std::vector<std::string>& texts) {
  return ingest::MakeIndexedWrite(MakeDocument(id, texts));
}

// A paragraph whose terms are given exactly (term -> positions), for
// tests of scores and positions that analysis must not blur.
struct RawParagraph {
  std::vector<std::pair<std::string, std::vector<uint32_t>>> terms;
  uint32_t length = 0;
};

inline internal::v1::WriteDocumentRequest RawWrite(
    const std::string& id, const std::vector<RawParagraph>& paragraphs) {
  internal::v1::WriteDocumentRequest write;
  v1::Document* doc = write.mutable_document();
  doc->set_name(absl::StrCat("documents/", id));
  doc->set_symbol(absl::StrCat("RAW/", id));
  int number = 0;
  for (const RawParagraph& raw : paragraphs) {
    v1::Paragraph* paragraph = doc->add_paragraphs();
    paragraph->set_number(++number);
    paragraph->set_text(absl::StrCat("paragraph ", number));
    internal::v1::ParagraphTerms* terms = write.add_paragraph_terms();
    terms->set_length(raw.length);
    for (const auto& [term, positions] : raw.terms) {
      internal::v1::ParagraphTerms::Term* t = terms->add_terms();
      t->set_term(term);
      for (uint32_t p : positions) t->add_positions(p);
    }
  }
  return write;
}

}  // namespace rapporteur::testing

#endif  // RAPPORTEUR_TESTS_TESTING_DOCUMENTS_H_
