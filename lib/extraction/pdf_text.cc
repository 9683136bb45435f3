#include "lib/extraction/pdf_text.h"

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <climits>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "lib/extraction/note_numbers.h"
#include "lib/extraction/page_words.h"
#include "lib/extraction/scattered_words.h"

namespace rapporteur::ingest {
namespace {

constexpr absl::string_view kPdfHeader = "%PDF-";
constexpr absl::string_view kPdfTrailer = "%%EOF";
// Readers accept junk this long before the header and after the trailer.
constexpr size_t kJunkAllowance = 1024;
constexpr size_t kMaxQuotedDiagnostic = 160;

// Where the poppler diagnostics of the current thread's PdfToText call go;
// null outside a call. poppler reports through one process-wide callback, but
// on the thread doing the parsing, so a thread_local keeps calls apart.
thread_local std::string* diagnostic_sink = nullptr;

// Keeps the first diagnostic of the call (later ones tend to be consequences
// of it) and never writes to stderr.
void CaptureDiagnostic(const std::string& message, void* /*closure*/) {
  if (diagnostic_sink == nullptr || !diagnostic_sink->empty()) {
    return;
  }
  absl::string_view text = message;
  if (text.size() > kMaxQuotedDiagnostic) {
    text = text.substr(0, kMaxQuotedDiagnostic);
  }
  // The text comes from the file: keep only printable ASCII in the error.
  for (char c : text) {
    diagnostic_sink->push_back(c >= 0x20 && c < 0x7f ? c : '?');
  }
}

void InstallDiagnosticHandlerOnce() {
  static const bool installed = [] {
    poppler::set_debug_error_function(CaptureDiagnostic, nullptr);
    return true;
  }();
  (void)installed;
}

// Sets diagnostic_sink for the lifetime of the object.
class ScopedDiagnostics {
 public:
  ScopedDiagnostics() { diagnostic_sink = &first_; }
  ~ScopedDiagnostics() { diagnostic_sink = nullptr; }
  ScopedDiagnostics(const ScopedDiagnostics&) = delete;
  ScopedDiagnostics& operator=(const ScopedDiagnostics&) = delete;

  // " (poppler: "...")" or "" when poppler said nothing.
  std::string Suffix() const {
    return first_.empty() ? "" : absl::StrCat(" (poppler: \"", first_, "\")");
  }

 private:
  std::string first_;
};

absl::Status Unreadable(absl::string_view why) {
  return absl::InvalidArgumentError(
      absl::StrCat("source.content is not a readable PDF: ", why));
}

void AppendUtf8(char32_t c, std::string& out) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

constexpr char32_t kReplacement = 0xFFFD;

// Decodes the code point at text[*pos] and advances *pos; a malformed,
// overlong or surrogate sequence yields U+FFFD and consumes one byte.
char32_t DecodeUtf8(absl::string_view text, size_t* pos) {
  const auto byte = [&](size_t i) {
    return static_cast<unsigned char>(text[i]);
  };
  const unsigned char lead = byte(*pos);
  if (lead < 0x80) {
    ++*pos;
    return lead;
  }
  int length = 0;
  char32_t c = 0;
  char32_t min = 0;
  if ((lead & 0xE0) == 0xC0) {
    length = 2, c = lead & 0x1F, min = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, c = lead & 0x0F, min = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, c = lead & 0x07, min = 0x10000;
  } else {
    ++*pos;
    return kReplacement;
  }
  if (*pos + length > text.size()) {
    ++*pos;
    return kReplacement;
  }
  for (int i = 1; i < length; ++i) {
    const unsigned char next = byte(*pos + i);
    if ((next & 0xC0) != 0x80) {
      ++*pos;
      return kReplacement;
    }
    c = (c << 6) | (next & 0x3F);
  }
  if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
    ++*pos;
    return kReplacement;
  }
  *pos += length;
  return c;
}

// Letters of the Latin ligatures U+FB00..U+FB06, in order.
constexpr absl::string_view kLigatures[] = {"ff",  "fi", "fl", "ffi",
                                            "ffl", "st", "st"};

// Applies the clean-ups PdfToText documents to one page's text and appends
// the result to `out`. A form feed inside a page would be read as a page
// break, so it becomes a line break.
void AppendCleanPage(absl::string_view page, std::string& out) {
  size_t pos = 0;
  while (pos < page.size()) {
    const char32_t c = DecodeUtf8(page, &pos);
    if (c >= 0xFB00 && c <= 0xFB06) {
      out.append(kLigatures[c - 0xFB00].data(), kLigatures[c - 0xFB00].size());
    } else if (c == 0x00A0 || c == 0x2007 || c == 0x202F) {
      out.push_back(' ');
    } else if (c == 0x00AD) {
      // A soft hyphen marks where a word may break: printed at a line end it
      // is the break, invisible elsewhere.
      if (pos < page.size() && page[pos] == '\n') {
        out.push_back('-');
      }
    } else if (c == '\f') {
      out.push_back('\n');
    } else if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F) {
      // Dropped: control characters carry no text.
    } else {
      AppendUtf8(c, out);
    }
  }
}

bool HasVisibleText(absl::string_view text) {
  for (char c : text) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
      return true;
    }
  }
  return false;
}

// The page's words with their boxes and font sizes.
std::vector<PageWord> PageWords(poppler::page& page) {
  std::vector<PageWord> words;
  for (const poppler::text_box& box :
       page.text_list(poppler::page::text_list_include_font)) {
    const poppler::byte_array utf8 = box.text().to_utf8();
    const poppler::rectf r = box.bbox();
    words.push_back({std::string(utf8.data(), utf8.size()), r.x(), r.y(),
                     r.width(), r.height(), box.get_font_size()});
  }
  return words;
}

}  // namespace

bool LooksLikePdf(absl::string_view bytes) {
  return bytes.substr(0, kJunkAllowance + kPdfHeader.size() - 1)
             .find(kPdfHeader) != absl::string_view::npos;
}

absl::StatusOr<std::string> PdfToText(absl::string_view pdf_bytes) {
  if (!LooksLikePdf(pdf_bytes)) {
    return Unreadable("no \"%PDF-\" header in its first 1024 bytes");
  }
  // poppler reconstructs a damaged file as best it can, and a file cut short
  // (an interrupted download) would then give some pages, or none, without an
  // error: insist on the end-of-file marker so that a report is never
  // silently ingested in part.
  const size_t tail_start = pdf_bytes.size() > kJunkAllowance + 16
                                ? pdf_bytes.size() - kJunkAllowance - 16
                                : 0;
  if (pdf_bytes.substr(tail_start).find(kPdfTrailer) ==
      absl::string_view::npos) {
    return Unreadable("no \"%%EOF\" marker at its end (truncated?)");
  }
  if (pdf_bytes.size() > static_cast<size_t>(INT_MAX)) {
    return Unreadable("larger than 2 GiB");
  }

  InstallDiagnosticHandlerOnce();
  ScopedDiagnostics diagnostics;
  // load_from_raw_data reads pdf_bytes in place, without a copy: the bytes
  // outlive `document`.
  std::unique_ptr<poppler::document> document(
      poppler::document::load_from_raw_data(
          pdf_bytes.data(), static_cast<int>(pdf_bytes.size())));
  if (document == nullptr) {
    return Unreadable(
        absl::StrCat("it cannot be parsed", diagnostics.Suffix()));
  }
  if (document->is_locked()) {
    return Unreadable("it is encrypted and needs a password");
  }
  const int page_count = document->pages();
  if (page_count <= 0) {
    return Unreadable(absl::StrCat("it has no pages", diagnostics.Suffix()));
  }

  std::string text;
  bool any_text = false;
  for (int i = 0; i < page_count; ++i) {
    std::unique_ptr<poppler::page> page(document->create_page(i));
    if (page != nullptr) {
      // non_raw_non_physical_layout is pdftotext's default "reading order"
      // mode: raw_order_layout keeps the order of the content stream (running
      // heads and footnotes out of place), physical_layout pads columns with
      // spaces like `pdftotext -layout`.
      const poppler::byte_array utf8 =
          page->text(poppler::rectf(),
                     poppler::page::non_raw_non_physical_layout)
              .to_utf8();
      absl::string_view page_text(utf8.data(), utf8.size());
      // poppler ends the page with its own form feed: one per page is added
      // below whatever the page holds.
      while (!page_text.empty() && page_text.back() == '\f') {
        page_text.remove_suffix(1);
      }
      // Word boxes cost more than the text itself: read them only for a
      // page whose text shows a note number out of place.
      std::string restored;
      const bool displaced_numbers = MayHaveDisplacedNoteNumbers(page_text);
      const bool scattered_words = MayHaveScatteredWords(page_text);
      if (displaced_numbers || scattered_words) {
        const std::vector<PageWord> words = PageWords(*page);
        restored = std::string(page_text);
        if (scattered_words) {
          restored = RejoinScatteredWords(restored, PrintedLines(words));
        }
        if (displaced_numbers) {
          restored = RestoreDisplacedNoteNumbers(restored,
                                                 FindPlacedNoteNumbers(words));
        }
        page_text = restored;
      }
      any_text = any_text || HasVisibleText(page_text);
      AppendCleanPage(page_text, text);
    }
    // A page poppler cannot build still counts, as an empty one, so that
    // page numbers stay right.
    text.push_back('\f');
  }
  if (!any_text) {
    return Unreadable(absl::StrCat("it has no text layer (a scanned image?)",
                                   diagnostics.Suffix()));
  }
  return text;
}

}  // namespace rapporteur::ingest
