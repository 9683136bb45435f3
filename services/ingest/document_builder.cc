#include "services/ingest/document_builder.h"

#include <openssl/evp.h>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "services/common/resource_names.h"

namespace rapporteur::ingest {
namespace {

// "A/HRC/7/20, para. 26"; unnumbered text is cited by its section.
std::string CitationOf(const v1::Document& doc, const TextParagraph& paragraph) {
  const std::string& source = doc.symbol().empty() ? doc.title() : doc.symbol();
  if (paragraph.number > 0) {
    return absl::StrCat(source, ", para. ", paragraph.number);
  }
  if (!paragraph.section.empty()) {
    return absl::StrCat(source, ", ", paragraph.section);
  }
  return source;
}

}  // namespace

std::string Sha256Hex(const std::string& bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &size, EVP_sha256(), nullptr);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), size));
}

std::string DocumentIdOf(const v1::DocumentSource& source,
                         const std::string& content_sha256) {
  std::string id = DocumentIdFromSymbol(source.symbol());
  if (!id.empty()) {
    return id;
  }
  return absl::StrCat("doc-", content_sha256.substr(0, 16));
}

v1::Document BuildDocument(const v1::DocumentSource& source,
                           const ReportText& text) {
  v1::Document doc;
  doc.set_content_sha256(Sha256Hex(source.content()));
  const std::string id = DocumentIdOf(source, doc.content_sha256());
  doc.set_name(DocumentName(id));
  doc.set_symbol(source.symbol());
  doc.set_title(source.title());
  doc.set_date(source.date());
  *doc.mutable_countries() = source.countries();
  doc.set_language(source.language().empty() ? "en" : source.language());
  doc.set_media_type(source.media_type().empty() ? "text/plain"
                                                 : source.media_type());
  for (const TextSection& section : text.sections) {
    v1::Section* out = doc.add_sections();
    out->set_heading(section.heading);
    out->set_level(section.level);
    out->set_path(section.path);
    out->set_line(section.line);
  }
  int ordinal = 0;
  for (const TextParagraph& paragraph : text.paragraphs) {
    v1::Paragraph* out = doc.add_paragraphs();
    out->set_number(paragraph.number);
    out->set_ordinal(ordinal);
    out->set_name(ParagraphName(
        id, paragraph.number > 0 ? absl::StrCat(paragraph.number)
                                 : absl::StrCat("u", ordinal)));
    out->set_section(paragraph.section);
    out->set_text(paragraph.text);
    for (int note : paragraph.footnotes) {
      out->add_footnotes(note);
    }
    out->set_line(paragraph.line);
    out->set_citation(CitationOf(doc, paragraph));
    ++ordinal;
  }
  doc.set_paragraph_count(doc.paragraphs_size());
  for (const TextFootnote& note : text.footnotes) {
    v1::Footnote* out = doc.add_footnotes();
    out->set_number(note.number);
    out->set_text(note.text);
    out->set_line(note.line);
  }
  for (const TextWarning& warning : text.warnings) {
    v1::Warning* out = doc.add_warnings();
    out->set_message(warning.message);
    out->set_line(warning.line);
  }
  return doc;
}

}  // namespace rapporteur::ingest
