#ifndef RAPPORTEUR_LIB_EXTRACTION_REPORT_TEXT_H_
#define RAPPORTEUR_LIB_EXTRACTION_REPORT_TEXT_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace rapporteur::ingest {

// A heading of the report, e.g. "I. SITUATION OF HUMAN RIGHTS" (level 1) or
// "B. Access to food and other necessities: the disparity factor?" (level 2).
// A heading wrapped over lines, or followed by a line that only completes it
// (a parenthesized date such as "(15-21 December 2007)", a lower-case
// continuation), is one heading: the lines are joined with a space.
struct TextSection {
  std::string heading;  // whole heading text, whitespace-normalized
  // 1 = roman numeral or unnumbered top heading (Summary, Introduction,
  // Annex...), 2 = capital letter, 3 = digit ("1. Equality and ..."); an
  // unnumbered sub-heading sits one level below the heading it follows.
  int level = 0;
  std::string path;  // headings from the root joined with " › "
  int line = 0;      // 1-based source line
  // Footnote callouts removed from the heading ("... and bodies1, 2").
  std::vector<int> footnotes;
};

struct TextParagraph {
  int number = 0;       // 0 for unnumbered text (e.g. the Summary)
  std::string section;  // path of the enclosing section ("" if none)
  // Joined across line wraps and page breaks, single spaces, footnote
  // callouts removed. Items of a list inside the paragraph (bullets, or a
  // sub-numbered list "1. ... 2. ...") stay in its text.
  std::string text;
  std::vector<int> footnotes;  // callout numbers found in this paragraph
  int line = 0;                // 1-based line where it starts
};

struct TextFootnote {
  int number = 0;
  std::string text;  // joined like paragraph text
  int line = 0;      // line of the note's number
};

struct TextWarning {
  std::string message;
  int line = 0;
};

// A line, or a character, that the parser removed from the flow of text,
// kept so that a caller can account for every word of the input.
struct TextFurniture {
  enum class Kind {
    kRunningHead,   // the document symbol repeated on a later page
    kPageNumber,    // "Page 3", or a number alone at the foot of a page
    kJobNumber,     // the GE job number ("GE.10-12049")
    kMasthead,      // the symbol line or a bar code on the first page
    kFormFeed,      // a form feed character (text "\f")
    kContents,      // a line of the table of contents
    kNotesHeading,  // the "Notes" line opening the endnotes
    kUnplaced,      // text the parser could not place (also warned)
    kOther,         // a rule ("-----")
  };
  Kind kind = Kind::kOther;
  std::string text;  // the line trimmed
  int line = 0;      // 1-based source line
};

struct ReportText {
  std::vector<TextSection> sections;      // document order
  std::vector<TextParagraph> paragraphs;  // document order
  std::vector<TextFootnote> footnotes;    // by number
  std::vector<TextWarning> warnings;      // by line
  // Everything removed from the text that is not a section, paragraph or
  // footnote, nor a paragraph, note or callout number, in source order.
  std::vector<TextFurniture> furniture;
};

// How many furniture items of each kind `report` has (kinds with none are
// absent).
std::map<TextFurniture::Kind, int> FurnitureCounts(const ReportText& report);

// A name for messages: "running head", "page number"...
std::string_view FurnitureKindName(TextFurniture::Kind kind);

// Splits plain text extracted from a report's PDF into sections, paragraphs
// and footnotes.
//
// Understood layouts: paragraph numbers alone on a line ("1.") or starting
// one ("10. Moreover"); roman, letter and digit headings, inline or with the
// label alone on its line; footnote blocks left mid-text by page breaks (a
// line holding only the note number, the note text, then the page resumes);
// an endnote list after a "Notes" line ("12" or "12 text"); running heads and
// feet (document symbol, "Page N", page number before a form feed, GE job
// number) and a "Contents" table, which are dropped from the text and listed
// in ReportText::furniture, so that every word of the input is accounted for:
// it is in a heading, a paragraph, a note, the furniture, or is a paragraph,
// note or callout number.
//
// Footnote callouts are digits glued to a word or punctuation
// ("consolidated.1", "reports17", "$914.2") or set off by a space after
// punctuation ("Statelessness. 5"). Callouts rise through the document, so
// only the next expected number (or one of the two after it, when glued and
// unambiguous) is taken as a callout; after a decimal-looking "914.2" the
// number must be exactly the expected one and be followed by a capital or the
// line end.
//
// A word split by a hyphen at a line end is joined without the hyphen when
// the continuation starts with a lower-case letter, unless the document spells
// the hyphenated form more often than the joined one elsewhere ("top-\ndown"
// stays "top-down" when the text uses "top-down"; "inter-\nnational" becomes
// "international"). Before "and", "or", "to", "nor" the hyphen is suspended
// ("pre- and post-harvest"). Before a capital or a digit the hyphen or en dash
// is kept with no space ("inter-Korean", "2010–2015"); " -" with a space
// before is a dash and stays one.
//
// Paragraph numbers must rise: a number up to 5 above the last is a new
// paragraph (with a warning when numbers are skipped); a lower number
// continuing a list that restarted at 1 is a list item kept in the text; any
// other number opening a line is kept as text, with a warning when it is
// lower than the last paragraph number or alone on its line after a
// finished sentence.
//
// Unnumbered text (before the first numbered paragraph, e.g. the Summary)
// splits into paragraphs at blank lines and after a sentence that ends short
// of the right margin.
//
// Runs in time linear in the input (words longer than 64 letters are not
// looked up when undoing hyphenation).
//
// REQUIRES: text is valid UTF-8. Never fails: what it cannot place becomes a
// warning with its line: a callout without note text, a note without callout
// or without text, a note number seen twice, numbering out of sequence, text
// in the notes area before the first note.
ReportText ParseReportText(std::string_view text);

}  // namespace rapporteur::ingest

#endif  // RAPPORTEUR_LIB_EXTRACTION_REPORT_TEXT_H_
