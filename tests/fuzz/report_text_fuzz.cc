// libFuzzer target for report extraction: arbitrary bytes (valid UTF-8 or
// not) go through ParseReportText and the finders that read a ReportText
// (FindReferences, LinkFootnotes, FindFigures, FindRecommendations with the
// Universal Periodic Review lists, responses, recommending States and prose
// recommendations), and, as one page with made-up word boxes, through the
// reading-order repairs of PDF text (note numbers, scattered words). Besides
// crashes, leaks and sanitizer reports, it checks promises of their contracts
// that are cheap to verify and traps (__builtin_trap) on a broken one, so that
// libFuzzer saves the input.
//
// The unit vocabulary is read once at startup from $RAPPORTEUR_UNITS_TSV, or
// else from data/vocabularies/units.tsv of the source tree the target was
// built from (RAPPORTEUR_SOURCE_DIR, compiled in); the recommendation cues
// likewise from data/vocabularies/recommendation_cues.tsv. Countries are a
// few names, official ones with brackets among them, so that recommending
// States resolve. Built and run by scripts/fuzz.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "lib/extraction/extraction_context.h"
#include "lib/extraction/figures.h"
#include "lib/extraction/note_numbers.h"
#include "lib/extraction/page_words.h"
#include "lib/extraction/recommendations.h"
#include "lib/extraction/records.h"
#include "lib/extraction/references.h"
#include "lib/extraction/report_text.h"
#include "lib/extraction/scattered_words.h"
#include "lib/extraction/upr_lists.h"

namespace rapporteur::ingest {
namespace {

// Set once by LLVMFuzzerInitialize, before any input runs.
const UnitTable* units = nullptr;
const RecommendationCues* cues = nullptr;

std::string CountryCode(absl::string_view name) {
  if (name == "Mexico") return "MEX";
  if (name == "France") return "FRA";
  if (name == "Congo") return "COG";
  if (name == "Bolivia (Plurinational State of)") return "BOL";
  if (name == "Venezuela (Bolivarian Republic of)") return "VEN";
  if (name == "Benin") return "BEN";
  return "";
}

std::string ReadVocabulary(const char* env, const char* file) {
  const char* path = std::getenv(env);
  std::string name =
      path != nullptr && *path != '\0'
          ? std::string(path)
          : std::string(RAPPORTEUR_SOURCE_DIR "/data/vocabularies/") + file;
  std::ifstream in(name, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "report_text_fuzz: cannot read %s\n", name.c_str());
    std::exit(2);
  }
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

std::string UnitsPath() {
  const char* path = std::getenv("RAPPORTEUR_UNITS_TSV");
  if (path != nullptr && *path != '\0') return path;
  return RAPPORTEUR_SOURCE_DIR "/data/vocabularies/units.tsv";
}

// A broken invariant is a finding: trap so that libFuzzer keeps the input.
// The message says which one, as the stack of an inlined trap may not.
void Check(bool ok, const char* invariant) {
  if (ok) return;
  std::fprintf(stderr, "report_text_fuzz: invariant broken: %s\n", invariant);
  __builtin_trap();
}

void CheckReportText(const ReportText& report) {
  int last_number = 0, last_line = 0;
  for (const TextParagraph& p : report.paragraphs) {
    Check(p.number >= 0, "paragraph number is not negative");
    // Numbers rise: a lower or repeated number is kept as text.
    if (p.number > 0) {
      Check(p.number > last_number, "paragraph numbers ascend");
      last_number = p.number;
    }
    Check(p.line >= 1, "paragraph line is 1-based");
    Check(p.line >= last_line, "paragraphs are in document order");
    last_line = p.line;
    Check(p.text.find('\n') == std::string::npos,
          "paragraph text has no newline");
    Check(p.number != 0 || !p.text.empty(), "unnumbered paragraph has text");
  }
  int last_note = 0;
  for (const TextFootnote& f : report.footnotes) {
    Check(f.number > last_note, "footnotes are by number, each once");
    last_note = f.number;
    Check(f.text.find('\n') == std::string::npos,
          "footnote text has no newline");
  }
  last_line = 0;
  for (const TextSection& s : report.sections) {
    Check(s.level >= 1, "section level is at least 1");
    Check(s.line >= last_line, "sections are in document order");
    last_line = s.line;
    Check(std::string_view(s.path).ends_with(s.heading),
          "section path ends with its heading");
  }
  last_line = 0;
  for (const TextWarning& w : report.warnings) {
    Check(w.line >= last_line, "warnings are by line");
    last_line = w.line;
  }
}

void CheckReferences(const ReportText& report,
                     const std::vector<TextReference>& references) {
  std::set<int> paragraphs, notes;
  for (const TextParagraph& p : report.paragraphs) paragraphs.insert(p.number);
  for (const TextFootnote& f : report.footnotes) notes.insert(f.number);
  std::set<std::pair<std::string, int>> seen;
  for (const TextReference& r : references) {
    Check(!r.symbol.empty(), "reference symbol is not empty");
    Check(seen.insert({r.symbol, static_cast<int>(r.kind)}).second,
          "one reference per symbol");
    Check(!r.paragraphs.empty() || !r.footnotes.empty(),
          "a reference is cited somewhere");
    std::set<int> once;
    for (int n : r.paragraphs) {
      Check(paragraphs.count(n) == 1, "citing paragraph exists");
      Check(once.insert(n).second, "citing paragraph listed once");
    }
    once.clear();
    for (int n : r.footnotes) {
      Check(notes.count(n) == 1, "citing footnote exists");
      Check(once.insert(n).second, "citing footnote listed once");
    }
  }
}

void CheckLinks(const ReportText& report,
                const std::vector<FootnoteLinks>& links) {
  Check(links.size() == report.footnotes.size(), "one link per footnote");
  for (size_t i = 0; i < links.size() && i < report.footnotes.size(); ++i) {
    Check(links[i].number == report.footnotes[i].number,
          "links follow the footnotes");
    Check(links[i].same_as >= 0 && links[i].same_as < links[i].number,
          "a note repeats only an earlier note");
    std::set<std::string> once;
    for (const std::string& symbol : links[i].cites) {
      Check(once.insert(symbol).second, "a note's citations are deduplicated");
    }
  }
}

void CheckFigures(const ReportText& report,
                  const std::vector<TextFigure>& figures) {
  for (const TextFigure& f : figures) {
    Check(!f.source_text.empty(), "figure has source text");
    Check(!f.unit.empty(), "figure has a unit");
    bool found = false;
    for (const TextParagraph& p : report.paragraphs) {
      if (p.number == f.paragraph &&
          p.text.find(f.source_text) != std::string::npos) {
        found = true;
        break;
      }
    }
    Check(found, "figure source_text occurs in its paragraph");
  }
}

void CheckRecommendations(const ReportText& report,
                          const std::vector<TextRecommendation>& recs) {
  int last_paragraph = -1, last_item = 0;
  for (const TextRecommendation& r : recs) {
    Check(r.item >= 1, "item numbers start at 1");
    Check(!r.text.empty(), "a recommendation has text");
    // Unnumbered paragraphs all have number 0 and may each hold a list of
    // their own, so only a numbered paragraph's items must ascend.
    if (r.paragraph > 0 && r.paragraph == last_paragraph) {
      Check(r.item > last_item, "items of a list ascend");
    }
    last_paragraph = r.paragraph;
    last_item = r.item;
    for (const std::string& code : r.recommended_by) {
      Check(!CountryCode(code).empty() || code.size() == 3,
            "recommending States are ISO codes");
    }
  }
  for (const TextParagraph& p : report.paragraphs) {
    for (const UprList& list : FindUprLists(p.text, p.number)) {
      Check(!list.items.empty(), "a list has an item");
      size_t last_end = list.lead_begin;
      int number = 0;
      for (const UprItem& item : list.items) {
        Check(item.number == ++number, "item numbers run 1, 2, 3");
        Check(item.marker >= last_end || number == 1, "items do not overlap");
        Check(item.marker < item.begin && item.begin <= item.end &&
                  item.end <= p.text.size(),
              "an item lies inside its paragraph");
        last_end = item.end;
      }
    }
    std::string cleaned = WithoutQuotedNotes(p.text);
    Check(cleaned.size() <= p.text.size(), "removing notes never adds text");
  }
}

// The words of `text`, sorted: what a reading-order repair must keep.
std::vector<std::string> SortedWords(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text) {
    if (absl::ascii_isspace(static_cast<unsigned char>(c))) {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else {
      word.push_back(c);
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  std::sort(words.begin(), words.end());
  return words;
}

// The input as a page, its lines as printed lines of word boxes: a line
// whose first byte is odd is printed after the next one (reading order and
// print disagree), a word made of digits is a superscript when its length
// is odd. The repairs only move words within the page.
void CheckReadingOrderRepairs(std::string_view text) {
  std::vector<PageWord> words;
  double y = 100;
  size_t start = 0;
  for (int line = 0; start <= text.size() && line < 200; ++line) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view printed = text.substr(start, end - start);
    const double line_y =
        !printed.empty() && (printed[0] & 1) ? y + 12 : y - (line ? 12 : 0);
    double x = 70;
    size_t w = 0;
    while (w < printed.size()) {
      size_t e = printed.find(' ', w);
      if (e == std::string_view::npos) e = printed.size();
      if (e > w) {
        const std::string_view word = printed.substr(w, e - w);
        const bool digits = std::all_of(word.begin(), word.end(), [](char c) {
          return c >= '0' && c <= '9';
        });
        const bool superscript = digits && word.size() % 2 == 1;
        words.push_back({std::string(word), x,
                         superscript ? line_y - 2 : line_y, 6.0 * word.size(),
                         superscript ? 6.0 : 10.0, superscript ? 6.5 : 10.0});
        x += 6.0 * word.size() + 4;
      }
      w = e + 1;
    }
    y += 24;
    start = end + 1;
  }
  const std::vector<std::string> before = SortedWords(text);
  const absl::string_view page(text.data(), text.size());
  if (MayHaveScatteredWords(page)) {
    const std::string rejoined =
        RejoinScatteredWords(page, PrintedLines(words));
    Check(SortedWords(rejoined) == before, "rejoining keeps the page's words");
  }
  const std::string restored =
      RestoreDisplacedNoteNumbers(page, FindPlacedNoteNumbers(words));
  Check(SortedWords(restored) == before, "note numbers move, words stay");
  (void)MayHaveDisplacedNoteNumbers(page);
}

}  // namespace
}  // namespace rapporteur::ingest

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  using rapporteur::ingest::ParseUnits;
  using rapporteur::ingest::UnitTable;
  std::string path = rapporteur::ingest::UnitsPath();
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "report_text_fuzz: cannot read units from %s\n",
                 path.c_str());
    std::exit(2);
  }
  std::stringstream content;
  content << in.rdbuf();
  absl::StatusOr<UnitTable> table = ParseUnits(content.str());
  if (!table.ok()) {
    std::fprintf(stderr, "report_text_fuzz: %s: %s\n", path.c_str(),
                 std::string(table.status().message()).c_str());
    std::exit(2);
  }
  // Lives for the whole process; a static keeps LeakSanitizer quiet.
  static const UnitTable kUnits = *std::move(table);
  rapporteur::ingest::units = &kUnits;
  absl::StatusOr<rapporteur::ingest::RecommendationCues> cues =
      rapporteur::ingest::ParseRecommendationCues(
          rapporteur::ingest::ReadVocabulary("RAPPORTEUR_CUES_TSV",
                                             "recommendation_cues.tsv"));
  if (!cues.ok()) {
    std::fprintf(stderr, "report_text_fuzz: cues: %s\n",
                 std::string(cues.status().message()).c_str());
    std::exit(2);
  }
  static const rapporteur::ingest::RecommendationCues kCues = *std::move(cues);
  rapporteur::ingest::cues = &kCues;
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace rapporteur::ingest;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  ReportText report = ParseReportText(text);
  CheckReportText(report);
  CheckReferences(report, FindReferences(report));
  CheckLinks(report, LinkFootnotes(report));
  CheckFigures(report, FindFigures(report, *units));
  ExtractionContext context;
  context.country_code = CountryCode;
  std::vector<TextWarning> warnings;
  CheckRecommendations(report,
                       FindRecommendations(report, context, *cues, &warnings));
  CheckReadingOrderRepairs(text);
  return 0;
}
