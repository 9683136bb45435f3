#include "bench/search/engine.h"

#include <filesystem>

#include "absl/strings/str_cat.h"

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

absl::StatusOr<std::unique_ptr<SearchEngine>> MakeEngine(
    const std::string& key, const std::string& dir, bool rapporteur_all_words) {
  if (key == "fts5") return MakeFts5Engine(dir, false);
  if (key == "fts5-full") return MakeFts5Engine(dir, true);
  if (key == "xapian") return MakeXapianEngine(dir);
  if (key == "lucene") return MakeLuceneEngine(dir);
  if (key == "rapporteur") {
    return MakeRapporteurEngine(dir, rapporteur_all_words);
  }
  return absl::InvalidArgumentError(absl::StrCat("unknown engine '", key, "'"));
}

}  // namespace rapporteur::bench
