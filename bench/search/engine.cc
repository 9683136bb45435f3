#include "bench/search/engine.h"

#include <filesystem>

namespace rapporteur::bench {

uint64_t FolderBytes(const std::string& dir) {
  std::error_code error;
  uint64_t bytes = 0;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, error);
       !error && it != std::filesystem::recursive_directory_iterator();
       it.increment(error)) {
    if (it->is_regular_file(error)) {
      bytes += it->file_size(error);
    }
  }
  return bytes;
}

}  // namespace rapporteur::bench
