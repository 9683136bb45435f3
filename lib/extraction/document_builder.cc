#include "lib/extraction/document_builder.h"

#include <openssl/evp.h>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "lib/schema/resource_names.h"

namespace rapporteur::ingest {
namespace {

// "A/HRC/7/20, para. 26" for paragraph `number`; unnumbered text is cited
// by its section when it has one, else the document alone.
std::string CitationOf(const v1::Document& doc, int number,
                       absl::string_view section = "") {
  const std::string& source = doc.symbol().empty() ? doc.title() : doc.symbol();
  if (number > 0) {
    return absl::StrCat(source, ", para. ", number);
  }
  if (!section.empty()) {
    return absl::StrCat(source, ", ", section);
  }
  return source;
}

v1::RecommendationResponse ResponseOf(RecommendationResponse response) {
  switch (response) {
    case RecommendationResponse::kSupported:
      return v1::RECOMMENDATION_RESPONSE_SUPPORTED;
    case RecommendationResponse::kNoted:
      return v1::RECOMMENDATION_RESPONSE_NOTED;
    case RecommendationResponse::kRejected:
      return v1::RECOMMENDATION_RESPONSE_REJECTED;
    case RecommendationResponse::kToBeExamined:
      return v1::RECOMMENDATION_RESPONSE_TO_BE_EXAMINED;
    case RecommendationResponse::kUnspecified:
      break;
  }
  return v1::RECOMMENDATION_RESPONSE_UNSPECIFIED;
}

// documents/{id}/{collection}/{n}
std::string RecordName(const v1::Document& doc, absl::string_view collection,
                       int n) {
  return absl::StrCat(doc.name(), "/", collection, "/", n);
}

v1::ReferenceKind ToProto(ReferenceKind kind) {
  switch (kind) {
    case ReferenceKind::kResolution:
      return v1::REFERENCE_KIND_RESOLUTION;
    case ReferenceKind::kDecision:
      return v1::REFERENCE_KIND_DECISION;
    case ReferenceKind::kDocument:
      return v1::REFERENCE_KIND_DOCUMENT;
  }
  return v1::REFERENCE_KIND_UNSPECIFIED;
}

v1::Reply ToProto(ReplyKind reply) {
  switch (reply) {
    case ReplyKind::kNone:
      return v1::REPLY_NONE;
    case ReplyKind::kReceived:
      return v1::REPLY_RECEIVED;
    case ReplyKind::kUnknown:
      return v1::REPLY_UNKNOWN;
  }
  return v1::REPLY_UNSPECIFIED;
}

v1::EntityKind ToProto(EntityKind kind) {
  switch (kind) {
    case EntityKind::kCountry:
      return v1::ENTITY_KIND_COUNTRY;
    case EntityKind::kUnBody:
      return v1::ENTITY_KIND_UN_BODY;
    case EntityKind::kTreaty:
      return v1::ENTITY_KIND_TREATY;
    case EntityKind::kPlace:
      return v1::ENTITY_KIND_PLACE;
  }
  return v1::ENTITY_KIND_UNSPECIFIED;
}

void AddRecords(const Annotations& annotations, v1::Document* doc) {
  for (const TextReference& reference : annotations.references) {
    v1::Reference* out = doc->add_references();
    out->set_symbol(reference.symbol);
    out->set_kind(ToProto(reference.kind));
    out->mutable_paragraphs()->Add(reference.paragraphs.begin(),
                                   reference.paragraphs.end());
    out->mutable_footnotes()->Add(reference.footnotes.begin(),
                                  reference.footnotes.end());
  }
  int n = 0;
  for (const TextRecommendation& recommendation : annotations.recommendations) {
    v1::Recommendation* out = doc->add_recommendations();
    out->set_paragraph(recommendation.paragraph);
    out->set_item(recommendation.item);
    out->set_addressee(recommendation.addressee);
    *out->mutable_recommended_by() = {recommendation.recommended_by.begin(),
                                      recommendation.recommended_by.end()};
    out->set_text(recommendation.text);
    *out->mutable_themes() = {recommendation.themes.begin(),
                              recommendation.themes.end()};
    out->set_response(ResponseOf(recommendation.response));
    out->set_name(RecordName(*doc, "recommendations", ++n));
    out->set_citation(CitationOf(*doc, recommendation.paragraph));
  }
  n = 0;
  for (const TextCommunication& communication : annotations.communications) {
    v1::Communication* out = doc->add_communications();
    out->set_paragraph(communication.paragraph);
    out->set_sent(communication.sent);
    out->set_recipient(communication.recipient);
    out->set_summary(communication.summary);
    out->set_reply(ToProto(communication.reply));
    out->set_name(RecordName(*doc, "communications", ++n));
    out->set_citation(CitationOf(*doc, communication.paragraph));
  }
  n = 0;
  for (const TextVisit& visit : annotations.visits) {
    v1::Visit* out = doc->add_visits();
    out->set_paragraph(visit.paragraph);
    out->set_country(visit.country);
    out->set_start(visit.start);
    out->set_end(visit.end);
    out->set_name(RecordName(*doc, "visits", ++n));
    out->set_citation(CitationOf(*doc, visit.paragraph));
  }
  n = 0;
  for (const TextFigure& figure : annotations.figures) {
    v1::Figure* out = doc->add_figures();
    out->set_paragraph(figure.paragraph);
    out->set_value(figure.value);
    out->set_unit(figure.unit);
    out->set_subject(figure.subject);
    out->set_period(figure.period);
    out->set_source_text(figure.source_text);
    out->set_name(RecordName(*doc, "figures", ++n));
    out->set_citation(CitationOf(*doc, figure.paragraph));
  }
  for (const TextEntity& entity : annotations.entities) {
    v1::Entity* out = doc->add_entities();
    out->set_id(entity.id);
    out->set_kind(ToProto(entity.kind));
    out->set_name(entity.name);
    out->mutable_paragraphs()->Add(entity.paragraphs.begin(),
                                   entity.paragraphs.end());
  }
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
                           const ReportText& text,
                           const Annotations& annotations) {
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
    out->set_name(ParagraphName(id, paragraph.number > 0
                                        ? absl::StrCat(paragraph.number)
                                        : absl::StrCat("u", ordinal)));
    out->set_section(paragraph.section);
    out->set_text(paragraph.text);
    for (int note : paragraph.footnotes) {
      out->add_footnotes(note);
    }
    out->set_line(paragraph.line);
    out->set_citation(CitationOf(doc, paragraph.number, paragraph.section));
    if (static_cast<size_t>(ordinal) < annotations.paragraph_themes.size()) {
      const auto& themes = annotations.paragraph_themes[ordinal];
      *out->mutable_themes() = {themes.begin(), themes.end()};
    }
    if (static_cast<size_t>(ordinal) < annotations.paragraph_entities.size()) {
      const auto& entities = annotations.paragraph_entities[ordinal];
      *out->mutable_entities() = {entities.begin(), entities.end()};
    }
    ++ordinal;
  }
  doc.set_paragraph_count(doc.paragraphs_size());
  for (const TextFootnote& note : text.footnotes) {
    v1::Footnote* out = doc.add_footnotes();
    out->set_number(note.number);
    out->set_text(note.text);
    out->set_line(note.line);
    for (const FootnoteLinks& links : annotations.footnote_links) {
      if (links.number == note.number) {
        *out->mutable_cites() = {links.cites.begin(), links.cites.end()};
        out->set_same_as(links.same_as);
      }
    }
  }
  for (const auto* warnings : {&text.warnings, &annotations.warnings}) {
    for (const TextWarning& warning : *warnings) {
      v1::Warning* out = doc.add_warnings();
      out->set_message(warning.message);
      out->set_line(warning.line);
    }
  }
  AddRecords(annotations, &doc);
  return doc;
}

}  // namespace rapporteur::ingest
