#ifndef RAPPORTEUR_LIB_INGEST_INGESTER_H_
#define RAPPORTEUR_LIB_INGEST_INGESTER_H_

#include <vector>

#include "absl/status/statusor.h"
#include "lib/extraction/source_check.h"
#include "lib/routing/shard.h"
#include "rapporteur/v1/document.pb.h"
#include "rapporteur/v1/ingest.pb.h"

namespace rapporteur::ingest {

struct IngesterConfig {
  SourceLimits limits;
};

// Turns document sources into stored documents: checks the source, extracts
// its structure, analyzes each paragraph into index terms and writes the
// whole document to the shard owning its id, in one atomic write.
//
// Thread-safe. Does not own the shards.
class Ingester {
 public:
  Ingester(std::vector<storage::Shard*> shards, IngesterConfig config = {});

  // The extraction alone, with nothing stored. INVALID_ARGUMENT (naming the
  // field and place) for a bad source or a text with no paragraph.
  absl::StatusOr<v1::Document> Analyze(const v1::DocumentSource& source) const;

  // Analyzes and stores the document. Returns it as stored, with its
  // revision, in the view the request asks for (BASIC by default: no
  // paragraphs). Errors of the shard come back unchanged: a
  // shard that is down gives UNAVAILABLE, and nothing is written.
  absl::StatusOr<v1::IngestDocumentResponse> Ingest(
      const v1::IngestDocumentRequest& request) const;

 private:
  const std::vector<storage::Shard*> shards_;
  const IngesterConfig config_;
};

}  // namespace rapporteur::ingest

#endif  // RAPPORTEUR_LIB_INGEST_INGESTER_H_
