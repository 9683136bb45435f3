#ifndef RAPPORTEUR_LIB_INGEST_INDEXED_WRITE_H_
#define RAPPORTEUR_LIB_INGEST_INDEXED_WRITE_H_

#include "rapporteur/internal/v1/shard.pb.h"
#include "rapporteur/v1/document.pb.h"

namespace rapporteur::ingest {

// The shard write of `doc` (a Document with `name` set): the document and,
// per paragraph, everything the shard's index needs, so that the shard
// never analyzes text: its terms and positions (TermsOf, in the document's
// language), its filter and facet attributes (schema::ParagraphAttributes)
// and its rank factor (schema::ParagraphBoost). `request_id` is left empty.
internal::v1::WriteDocumentRequest MakeIndexedWrite(v1::Document doc);

}  // namespace rapporteur::ingest

#endif  // RAPPORTEUR_LIB_INGEST_INDEXED_WRITE_H_
