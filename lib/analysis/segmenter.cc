#include "lib/analysis/segmenter.h"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <memory>

namespace rapporteur::analysis {
namespace {

// The code point at text[*pos], advancing *pos; a negative value for an
// invalid sequence, which U8_NEXT steps over.
UChar32 NextCodePoint(absl::string_view text, size_t* pos) {
  const unsigned char c = static_cast<unsigned char>(text[*pos]);
  if (c < 0x80) {
    ++*pos;
    return c;
  }
  // U8_NEXT counts in int32_t; only the few bytes of one code point matter.
  const size_t limit = std::min<size_t>(text.size() - *pos, 4);
  int32_t i = 0;
  UChar32 cp = 0;
  U8_NEXT(reinterpret_cast<const uint8_t*>(text.data() + *pos), i,
          static_cast<int32_t>(limit), cp);
  *pos += static_cast<size_t>(i);
  return cp;
}

// Letters, marks and digits (Unicode categories L, M, N).
bool IsLetterMarkOrDigit(UChar32 cp) {
  if (cp < 0x80) {
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
           (cp >= '0' && cp <= '9');
  }
  return (U_GET_GC_MASK(cp) & (U_GC_L_MASK | U_GC_M_MASK | U_GC_N_MASK)) != 0;
}

bool IsApostrophe(UChar32 cp) { return cp == '\'' || cp == 0x2019; }

// Inside ICU's word segments, what else stays part of a word: invisible
// format characters (zero-width joiners in Persian and Indic words, soft
// hyphens) and the punctuation some languages write inside words (Catalan
// "l·l", Armenian, Hebrew geresh and gershayim).
bool IsWordJoiner(UChar32 cp) {
  switch (cp) {
    case 0x00B7:  // middle dot
    case 0x0387:  // Greek ano teleia
    case 0x055F:  // Armenian abbreviation mark
    case 0x05F3:  // Hebrew geresh
    case 0x05F4:  // Hebrew gershayim
    case 0x2027:  // hyphenation point
    case 0xFE13:  // presentation form for vertical colon
      return true;
    default:
      return cp >= 0x80 && U_GET_GC_MASK(cp) & U_GC_CF_MASK;
  }
}

// Decimal and thousands separators: "890,000", "15.6", Arabic "٣٫٥".
bool IsDigitSeparator(UChar32 cp) {
  return cp == '.' || cp == ',' || cp == 0x066B || cp == 0x066C;
}

bool IsDecimalDigit(UChar32 cp) {
  return (cp >= '0' && cp <= '9') || (cp >= 0x80 && u_isdigit(cp));
}

// Whether the "s" at text[pos] ends a possessive: followed by the end of
// `limit` or by something that is no letter, mark or digit.
bool EndsPossessive(absl::string_view text, size_t pos, size_t limit) {
  if (pos >= limit || (text[pos] != 's' && text[pos] != 'S')) {
    return false;
  }
  size_t after = pos + 1;
  return after >= limit || !IsLetterMarkOrDigit(NextCodePoint(text, &after));
}

// Cuts one of ICU's word segments, [begin, end), into words (see
// SegmentWords), appending them to *words.
void SplitSegment(absl::string_view text, size_t begin, size_t end,
                  std::vector<WordSpan>* words) {
  size_t word_begin = begin;
  size_t pos = begin;
  UChar32 previous = -1;
  while (pos < end) {
    size_t next = pos;
    const UChar32 cp = NextCodePoint(text, &next);
    if (IsLetterMarkOrDigit(cp) || IsWordJoiner(cp)) {
      previous = cp;
      pos = next;
      continue;
    }
    if (IsDigitSeparator(cp) && IsDecimalDigit(previous) && next < end) {
      size_t after = next;
      if (IsDecimalDigit(NextCodePoint(text, &after))) {
        previous = cp;
        pos = next;
        continue;
      }
    }
    if (pos > word_begin) {
      words->push_back(WordSpan{word_begin, pos});
    }
    if (IsApostrophe(cp) && pos > word_begin &&
        EndsPossessive(text, next, end)) {
      ++next;  // the "s"
    }
    previous = cp;
    word_begin = next;
    pos = next;
  }
  if (end > word_begin) {
    words->push_back(WordSpan{word_begin, end});
  }
}

// One word iterator and one UText per thread: createWordInstance loads
// rules and dictionaries and takes far longer than a paragraph's analysis.
struct ThreadIcu {
  ThreadIcu() {
    UErrorCode status = U_ZERO_ERROR;
    words.reset(
        icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status)) {
      words.reset();
    }
  }
  ~ThreadIcu() { utext_close(text); }
  ThreadIcu(const ThreadIcu&) = delete;
  ThreadIcu& operator=(const ThreadIcu&) = delete;

  std::unique_ptr<icu::BreakIterator> words;
  UText* text = nullptr;
};

}  // namespace

bool IsLatinText(absl::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    if (static_cast<unsigned char>(text[pos]) < 0x80) {
      ++pos;
      continue;
    }
    const UChar32 cp = NextCodePoint(text, &pos);
    const bool latin_letter =
        cp >= 0x00C0 && cp <= 0x024F && cp != 0x00D7 && cp != 0x00F7;
    // Dashes, quotation marks, bullets and the ellipsis; spaces and signs
    // of Latin-1, the minus and euro signs, and the private-use characters
    // of symbol fonts that PDF extraction leaves: no word rule joins them.
    const bool punctuation = (cp >= 0x2010 && cp <= 0x2026) || cp == 0x00A0 ||
                             cp == 0x00A7 || cp == 0x00A9 || cp == 0x00AB ||
                             cp == 0x00AE || cp == 0x00B0 || cp == 0x00B1 ||
                             cp == 0x00B6 || cp == 0x00BB || cp == 0x2212 ||
                             cp == 0x20AC || (cp >= 0xE000 && cp <= 0xF8FF);
    if (!latin_letter && !punctuation) {
      return false;
    }
  }
  return true;
}

std::vector<WordSpan> SegmentWordRuns(absl::string_view text) {
  std::vector<WordSpan> words;
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t begin = pos;
    UChar32 previous = NextCodePoint(text, &pos);
    if (!IsLetterMarkOrDigit(previous)) {
      continue;
    }
    size_t end = pos;
    while (end < text.size()) {
      size_t next = end;
      const UChar32 cp = NextCodePoint(text, &next);
      if (IsLetterMarkOrDigit(cp)) {
        previous = cp;
        end = next;
        continue;
      }
      if (IsDigitSeparator(cp) && IsDecimalDigit(previous) &&
          next < text.size()) {
        size_t after = next;
        if (IsDecimalDigit(NextCodePoint(text, &after))) {
          previous = cp;
          end = next;
          continue;
        }
      }
      break;
    }
    words.push_back(WordSpan{begin, end});
    pos = end;
    if (pos < text.size()) {
      size_t next = pos;
      if (IsApostrophe(NextCodePoint(text, &next)) &&
          EndsPossessive(text, next, text.size())) {
        pos = next + 1;
      }
    }
  }
  return words;
}

std::vector<WordSpan> SegmentWordsWithIcu(absl::string_view text) {
  thread_local ThreadIcu icu;
  if (icu.words == nullptr ||
      text.size() > static_cast<size_t>(std::numeric_limits<int32_t>::max())) {
    return SegmentWordRuns(text);
  }
  UErrorCode status = U_ZERO_ERROR;
  icu.text = utext_openUTF8(icu.text, text.data(),
                            static_cast<int64_t>(text.size()), &status);
  icu.words->setText(icu.text, status);
  if (U_FAILURE(status)) {
    return SegmentWordRuns(text);
  }
  std::vector<WordSpan> words;
  // Where the next segment may start: past the "s" of a possessive that
  // ICU put in segments of its own ("1990’s": "1990", "’", "s").
  size_t resume = 0;
  // With a UTF-8 UText, boundaries are byte offsets into `text`.
  int32_t start = icu.words->first();
  for (int32_t limit = icu.words->next(); limit != icu::BreakIterator::DONE;
       start = limit, limit = icu.words->next()) {
    if (icu.words->getRuleStatus() < UBRK_WORD_NONE_LIMIT) {
      continue;
    }
    const size_t begin = std::max(static_cast<size_t>(start), resume);
    const size_t end = static_cast<size_t>(limit);
    if (begin >= end) {
      continue;
    }
    SplitSegment(text, begin, end, &words);
    if (!words.empty() && words.back().end == end && end < text.size()) {
      size_t next = end;
      if (IsApostrophe(NextCodePoint(text, &next)) &&
          EndsPossessive(text, next, text.size())) {
        resume = next + 1;
      }
    }
  }
  return words;
}

std::vector<WordSpan> SegmentWords(absl::string_view text) {
  return IsLatinText(text) ? SegmentWordRuns(text) : SegmentWordsWithIcu(text);
}

}  // namespace rapporteur::analysis
