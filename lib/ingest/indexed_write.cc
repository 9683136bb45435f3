#include "lib/ingest/indexed_write.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/strip.h"
#include "lib/ingest/paragraph_terms.h"
#include "lib/schema/fields.h"

namespace rapporteur::ingest {

internal::v1::WriteDocumentRequest MakeIndexedWrite(v1::Document doc) {
  internal::v1::WriteDocumentRequest write;
  // The id is the name's last part; a malformed name is the shard's to
  // refuse (WriteDocument validates it with ParseDocumentName).
  std::vector<std::vector<std::string>> attributes =
      schema::ParagraphAttributes(doc,
                                  absl::StripPrefix(doc.name(), "documents/"));
  for (int i = 0; i < doc.paragraphs_size(); ++i) {
    internal::v1::ParagraphTerms* terms = write.add_paragraph_terms();
    *terms = TermsOf(doc.paragraphs(i).text(), doc.language());
    const float boost = schema::ParagraphBoost(attributes[i]);
    for (std::string& attribute : attributes[i]) {
      terms->add_attributes(std::move(attribute));
    }
    terms->set_boost(boost);
  }
  *write.mutable_document() = std::move(doc);
  return write;
}

}  // namespace rapporteur::ingest
