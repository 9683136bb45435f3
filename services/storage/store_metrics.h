#ifndef RAPPORTEUR_SERVICES_STORAGE_STORE_METRICS_H_
#define RAPPORTEUR_SERVICES_STORAGE_STORE_METRICS_H_

#include <prometheus/collectable.h>
#include <prometheus/metric_family.h>

#include <vector>

#include "lib/storage/store.h"

namespace rapporteur::storage {

// A shard's RocksDB figures, read from the store at each scrape:
//   rapporteur_storage_sst_bytes                    gauge
//   rapporteur_storage_pending_compaction_bytes     gauge
//   rapporteur_storage_block_cache_hits_total       counter
//   rapporteur_storage_block_cache_misses_total     counter
// (the hit ratio over a window is a rate() of one over the sum of both).
// Added to the process's exposition for its lifetime, so the store must
// outlive it; once destroyed, no scrape reads the store.
class StoreMetrics final : public prometheus::Collectable {
 public:
  explicit StoreMetrics(Store* store);
  ~StoreMetrics() override;
  StoreMetrics(const StoreMetrics&) = delete;
  StoreMetrics& operator=(const StoreMetrics&) = delete;

  std::vector<prometheus::MetricFamily> Collect() const override;

 private:
  Store* const store_;
};

}  // namespace rapporteur::storage

#endif  // RAPPORTEUR_SERVICES_STORAGE_STORE_METRICS_H_
