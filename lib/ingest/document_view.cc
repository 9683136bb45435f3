#include "lib/ingest/document_view.h"

namespace rapporteur::ingest {

void ApplyDocumentView(v1::DocumentView view, v1::Document& document) {
  if (view == v1::DOCUMENT_VIEW_FULL) {
    return;
  }
  // paragraph_count is set whatever the view: the count a summary keeps.
  document.set_paragraph_count(document.paragraphs_size());
  document.clear_sections();
  document.clear_paragraphs();
  document.clear_footnotes();
  document.clear_references();
  document.clear_recommendations();
  document.clear_communications();
  document.clear_visits();
  document.clear_figures();
  document.clear_entities();
}

}  // namespace rapporteur::ingest
