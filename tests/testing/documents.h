#ifndef RAPPORTEUR_TESTS_TESTING_DOCUMENTS_H_
#define RAPPORTEUR_TESTS_TESTING_DOCUMENTS_H_

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "rapporteur/v1/storage.pb.h"
#include "services/common/resource_names.h"
#include "services/ingest/paragraph_terms.h"

namespace rapporteur::testing {

// A write of document `id` whose numbered paragraphs 1..n have `texts`,
// analyzed as ingest does.
inline v1::WriteDocumentRequest MakeWrite(const std::string& id,
                                          const std::vector<std::string>& texts) {
  v1::WriteDocumentRequest write;
  v1::Document* doc = write.mutable_document();
  doc->set_name(DocumentName(id));
  doc->set_symbol(absl::StrCat("TEST/", id));
  doc->set_title(absl::StrCat("Document ", id));
  int number = 0;
  for (const std::string& text : texts) {
    v1::Paragraph* paragraph = doc->add_paragraphs();
    paragraph->set_number(++number);
    paragraph->set_text(text);
    paragraph->set_citation(absl::StrCat(doc->symbol(), ", para. ", number));
    *write.add_paragraph_terms() = ingest::TermsOf(text);
  }
  return write;
}

}  // namespace rapporteur::testing

#endif  // RAPPORTEUR_TESTS_TESTING_DOCUMENTS_H_
