#ifndef RAPPORTEUR_TESTS_TESTING_DOCUMENTS_H_
#define RAPPORTEUR_TESTS_TESTING_DOCUMENTS_H_

#include <string>
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

}  // namespace rapporteur::testing

#endif  // RAPPORTEUR_TESTS_TESTING_DOCUMENTS_H_
