#ifndef RAPPORTEUR_SDK_INCLUDE_RAPPORTEUR_BULK_H_
#define RAPPORTEUR_SDK_INCLUDE_RAPPORTEUR_BULK_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "rapporteur/v1/ingest.pb.h"

namespace rapporteur {

// Where a BulkIngest stands.
struct BulkIngestProgress {
  int64_t documents_sent = 0;    // handed to the service (or engine)
  int64_t documents_done = 0;    // answered, stored or failed
  int64_t documents_failed = 0;  // answered with an error
  int64_t bytes_sent = 0;        // bytes of content handed over
};

// What a BulkIngest did: one outcome per document, in the order supplied.
struct BulkIngestResult {
  // `index` is the document's position in the supply, from 0.
  std::vector<v1::BulkIngestResponse> outcomes;
  BulkIngestProgress totals;
};

// Supplies the documents of a BulkIngest one at a time, so that a large
// collection never sits in memory whole; std::nullopt ends the supply.
using DocumentSupplier =
    std::function<std::optional<v1::IngestDocumentRequest>()>;

// Called after each document's outcome, on the calling thread. Returning
// false cancels the rest of the ingest: BulkIngest then returns CANCELLED.
using ProgressCallback = std::function<bool(
    const BulkIngestProgress& progress, const v1::BulkIngestResponse& last)>;

}  // namespace rapporteur

#endif  // RAPPORTEUR_SDK_INCLUDE_RAPPORTEUR_BULK_H_
