#ifndef RAPPORTEUR_LIB_STORAGE_BM25_H_
#define RAPPORTEUR_LIB_STORAGE_BM25_H_

#include <cmath>
#include <cstdint>

namespace rapporteur::storage {

// Okapi BM25 with the usual parameters (Robertson and Zaragoza, "The
// Probabilistic Relevance Framework: BM25 and Beyond", 2009).
struct Bm25Params {
  double k1 = 1.2;  // term-frequency saturation
  double b = 0.75;  // strength of the length normalization
};

// Inverse document frequency of a term found in `df` of `n` paragraphs.
// The "+1" form (as in Lucene) is never negative, even for a term in most
// paragraphs.
inline double Bm25Idf(uint64_t n, uint64_t df) {
  return std::log(1.0 +
                  (static_cast<double>(n) - static_cast<double>(df) + 0.5) /
                      (static_cast<double>(df) + 0.5));
}

}  // namespace rapporteur::storage

#endif  // RAPPORTEUR_LIB_STORAGE_BM25_H_
