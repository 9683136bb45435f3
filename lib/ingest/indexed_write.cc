#include "lib/ingest/indexed_write.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "lib/ingest/paragraph_terms.h"
#include "lib/schema/fields.h"
#include "lib/schema/resource_names.h"

namespace rapporteur::ingest {

internal::v1::WriteDocumentRequest MakeIndexedWrite(v1::Document doc) {
  internal::v1::WriteDocumentRequest write;
  // A malformed name is the shard's to refuse (WriteDocument validates it);
  // the attributes then carry the name as it is.
  absl::StatusOr<std::string> doc_id = ParseDocumentName(doc.name());
  std::vector<std::vector<std::string>> attributes =
      schema::ParagraphAttributes(doc, doc_id.ok() ? *doc_id : doc.name());
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
