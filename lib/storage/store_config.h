#ifndef RAPPORTEUR_LIB_STORAGE_STORE_CONFIG_H_
#define RAPPORTEUR_LIB_STORAGE_STORE_CONFIG_H_

#include <cstddef>
#include <cstdint>
#include <string>

namespace rapporteur::storage {

struct StoreConfig {
  // Directory of the RocksDB database; created when missing.
  std::string path;
  // Sync the write-ahead log before a write returns. Off loses the last
  // writes on a machine crash (not on a process crash); only benchmarks
  // that measure the cost of durability turn it off.
  bool sync_writes = true;
  // Block cache for documents, paragraphs and postings.
  size_t block_cache_bytes = 64 << 20;
  // Paragraphs deleted or replaced between two background runs of
  // CompactIndex(), which drops their postings; 0 turns the background
  // merge off. (Flushes keep blocks full: only removals leave garbage.)
  uint64_t compact_after_removed_paragraphs = 20000;
  // Paragraphs whose postings are held in memory before they are written
  // as full blocks (each write stores their terms too, for recovery); 0
  // writes blocks with every document.
  size_t index_buffer_paragraphs = 10000;
};

}  // namespace rapporteur::storage

#endif  // RAPPORTEUR_LIB_STORAGE_STORE_CONFIG_H_
