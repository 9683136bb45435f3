#include "services/storage/store_metrics.h"

#include "lib/metrics/metrics.h"

namespace rapporteur::storage {

StoreMetrics::StoreMetrics(Store* store) : store_(store) {
  AddCollectable(this);
}

StoreMetrics::~StoreMetrics() { RemoveCollectable(this); }

std::vector<prometheus::MetricFamily> StoreMetrics::Collect() const {
  const Store::Health health = store_->ReadHealth();
  return {
      GaugeFamily("rapporteur_storage_sst_bytes",
                  "Bytes of RocksDB table files.", health.sst_bytes),
      GaugeFamily("rapporteur_storage_pending_compaction_bytes",
                  "RocksDB's estimate of bytes waiting for compaction.",
                  health.pending_compaction_bytes),
      CounterFamily("rapporteur_storage_block_cache_hits_total",
                    "Block cache lookups that found the block.",
                    health.block_cache_hits),
      CounterFamily("rapporteur_storage_block_cache_misses_total",
                    "Block cache lookups that read the block from a file.",
                    health.block_cache_misses),
  };
}

}  // namespace rapporteur::storage
