// Pages per second of report extraction, per document of the sample corpus:
//  - Text/<file>: ParseReportText, then the finders that read its result
//    (FindReferences, LinkFootnotes, FindFigures), on each text
//    (A_HRC_7_20.txt and un/*.txt, both reading-order and -layout texts);
//  - Pdf/<file>: PdfToText on each un/*.pdf;
//  - Upr/pdf_to_text: PdfToText on all of upr/*.pdf (one iteration reads
//    the 42 reports), Upr/text_extraction: ParseReportText and every fact
//    finder (Annotator, recommendations with their responses included) on
//    their texts. bench/upr-extraction compares them with pdftotext.
// The "pages" counter is a rate: pages of the document times iterations,
// over the time taken. Each benchmark runs 3 times; read the median.
//
// The corpus folder is $RAPPORTEUR_CORPUS_DIR, else the one compiled in
// (RAPPORTEUR_CORPUS_DIR_DEFAULT). The units are the vocabulary compiled
// into the ingest library, as the ingest server uses them.

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "benchmark/benchmark.h"
#include "lib/extraction/annotator.h"
#include "lib/extraction/figures.h"
#include "lib/extraction/pdf_text.h"
#include "lib/extraction/references.h"
#include "lib/extraction/report_text.h"
#include "lib/extraction/vocabulary_data.h"

#ifndef RAPPORTEUR_CORPUS_DIR_DEFAULT
#define RAPPORTEUR_CORPUS_DIR_DEFAULT "../shared/corpus"
#endif

namespace rapporteur::ingest {
namespace {

// A text with no form feed (A/HRC/7/20 as stored has none) gets an estimate
// of its printed pages from its size: UN reports in the corpus hold 2,550 to
// 3,580 bytes of extracted text per page (un/*.txt: 68,205 bytes over 22
// pages, 35,728/14, 50,160/14, 38,613/13; mean 3,050), so 3,000 bytes make
// a page. For A/HRC/7/20 (67,898 bytes) that is 22.6 pages.
constexpr double kBytesPerPage = 3000;

constexpr int kRepetitions = 3;

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "extraction_bench: cannot read %s\n", path.c_str());
    std::exit(2);
  }
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

// Pages of text as PdfToText and pdftotext write it: one form feed after
// each page; text after the last form feed (none there) is one more page.
double Pages(const std::string& text) {
  size_t feeds = std::count(text.begin(), text.end(), '\f');
  if (feeds == 0) return static_cast<double>(text.size()) / kBytesPerPage;
  size_t last = text.rfind('\f');
  bool trailing =
      text.find_first_not_of(" \t\r\n", last + 1) != std::string::npos;
  return static_cast<double>(feeds + (trailing ? 1 : 0));
}

const UnitTable& Units() {
  static const UnitTable* units = [] {
    absl::StatusOr<UnitTable> table =
        ParseUnits(BuiltinVocabularyData().units_tsv);
    if (!table.ok()) {
      std::fprintf(stderr, "extraction_bench: units: %s\n",
                   std::string(table.status().message()).c_str());
      std::exit(2);
    }
    return new UnitTable(*std::move(table));
  }();
  return *units;
}

void BM_TextExtraction(benchmark::State& state, const std::string& text,
                       double pages) {
  const UnitTable& units = Units();
  for (auto _ : state) {
    ReportText report = ParseReportText(text);
    std::vector<TextReference> references = FindReferences(report);
    std::vector<FootnoteLinks> links = LinkFootnotes(report);
    std::vector<TextFigure> figures = FindFigures(report, units);
    benchmark::DoNotOptimize(report);
    benchmark::DoNotOptimize(references);
    benchmark::DoNotOptimize(links);
    benchmark::DoNotOptimize(figures);
  }
  state.counters["pages"] =
      benchmark::Counter(pages * static_cast<double>(state.iterations()),
                         benchmark::Counter::kIsRate);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(text.size()));
}

void BM_PdfExtraction(benchmark::State& state, const std::string& pdf,
                      double pages) {
  for (auto _ : state) {
    absl::StatusOr<std::string> text = PdfToText(pdf);
    if (!text.ok()) {
      state.SkipWithError(std::string(text.status().message()).c_str());
      break;
    }
    benchmark::DoNotOptimize(*text);
  }
  state.counters["pages"] =
      benchmark::Counter(pages * static_cast<double>(state.iterations()),
                         benchmark::Counter::kIsRate);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(pdf.size()));
}

void BM_UprPdfToText(benchmark::State& state,
                     const std::vector<std::string>& pdfs, double pages) {
  for (auto _ : state) {
    for (const std::string& pdf : pdfs) {
      absl::StatusOr<std::string> text = PdfToText(pdf);
      if (!text.ok()) {
        state.SkipWithError(std::string(text.status().message()).c_str());
        return;
      }
      benchmark::DoNotOptimize(*text);
    }
  }
  state.counters["pages"] =
      benchmark::Counter(pages * static_cast<double>(state.iterations()),
                         benchmark::Counter::kIsRate);
}

void BM_UprTextExtraction(benchmark::State& state,
                          const std::vector<std::string>& texts, double pages) {
  absl::StatusOr<const Annotator*> annotator = Annotator::Builtin();
  if (!annotator.ok()) {
    state.SkipWithError(std::string(annotator.status().message()).c_str());
    return;
  }
  for (auto _ : state) {
    for (const std::string& text : texts) {
      ReportText report = ParseReportText(text);
      Annotations annotations = (*annotator)->Annotate(report, {});
      benchmark::DoNotOptimize(report);
      benchmark::DoNotOptimize(annotations);
    }
  }
  state.counters["pages"] =
      benchmark::Counter(pages * static_cast<double>(state.iterations()),
                         benchmark::Counter::kIsRate);
}

// The files of `dir` whose names end with `suffix`, sorted by name.
std::vector<std::filesystem::path> FilesEndingWith(
    const std::filesystem::path& dir, const std::string& suffix) {
  std::vector<std::filesystem::path> files;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    std::string name = entry.path().filename().string();
    if (name.size() >= suffix.size() &&
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

void RegisterCorpus() {
  const char* env = std::getenv("RAPPORTEUR_CORPUS_DIR");
  std::filesystem::path corpus =
      env != nullptr && *env != '\0' ? env : RAPPORTEUR_CORPUS_DIR_DEFAULT;
  std::vector<std::filesystem::path> texts = {corpus / "A_HRC_7_20.txt"};
  for (auto& path : FilesEndingWith(corpus / "un", ".txt")) {
    texts.push_back(path);
  }
  for (const auto& path : texts) {
    // Copied into the benchmark: read once, outside the timed loop.
    std::string text = ReadFile(path);
    double pages = Pages(text);
    benchmark::RegisterBenchmark(("Text/" + path.filename().string()).c_str(),
                                 [text, pages](benchmark::State& state) {
                                   BM_TextExtraction(state, text, pages);
                                 })
        ->Unit(benchmark::kMillisecond)
        ->Repetitions(kRepetitions)
        ->ReportAggregatesOnly(true);
  }
  for (const auto& path : FilesEndingWith(corpus / "un", ".pdf")) {
    std::string pdf = ReadFile(path);
    // Pages as PdfToText counts them: one form feed per page.
    absl::StatusOr<std::string> text = PdfToText(pdf);
    if (!text.ok()) {
      std::fprintf(stderr, "extraction_bench: %s: %s\n", path.c_str(),
                   std::string(text.status().message()).c_str());
      std::exit(2);
    }
    double pages = Pages(*text);
    benchmark::RegisterBenchmark(("Pdf/" + path.filename().string()).c_str(),
                                 [pdf, pages](benchmark::State& state) {
                                   BM_PdfExtraction(state, pdf, pages);
                                 })
        ->Unit(benchmark::kMillisecond)
        ->Repetitions(kRepetitions)
        ->ReportAggregatesOnly(true);
  }
  std::vector<std::string> upr_pdfs, upr_texts;
  double upr_pages = 0;
  for (const auto& path : FilesEndingWith(corpus / "upr", ".pdf")) {
    upr_pdfs.push_back(ReadFile(path));
    absl::StatusOr<std::string> text = PdfToText(upr_pdfs.back());
    if (!text.ok()) {
      std::fprintf(stderr, "extraction_bench: %s: %s\n", path.c_str(),
                   std::string(text.status().message()).c_str());
      std::exit(2);
    }
    upr_pages += Pages(*text);
    upr_texts.push_back(*std::move(text));
  }
  if (!upr_pdfs.empty()) {
    benchmark::RegisterBenchmark(
        "Upr/pdf_to_text",
        [upr_pdfs, upr_pages](benchmark::State& state) {
          BM_UprPdfToText(state, upr_pdfs, upr_pages);
        })
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark(
        "Upr/text_extraction",
        [upr_texts, upr_pages](benchmark::State& state) {
          BM_UprTextExtraction(state, upr_texts, upr_pages);
        })
        ->Unit(benchmark::kMillisecond);
  }
}

}  // namespace
}  // namespace rapporteur::ingest

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  rapporteur::ingest::RegisterCorpus();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
