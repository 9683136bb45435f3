#include "services/storage/index/paragraph_attributes.h"

#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "services/analysis/analyzer.h"
#include "services/analysis/normalize.h"
#include "services/storage/index/paragraph_table.h"

namespace rapporteur::storage::index {
namespace {

// Attributes of paragraphs by paragraph number, from the records.
using ByNumber = absl::flat_hash_map<int, std::vector<std::string>>;

void AddRecordKinds(const v1::Document& doc, ByNumber* by_number) {
  for (const auto& r : doc.recommendations()) {
    auto& attributes = (*by_number)[r.paragraph()];
    attributes.push_back(AttributeKey("kind", "recommendation"));
    if (!r.addressee().empty()) {
      attributes.push_back(
          AttributeKey("addressee", analysis::NormalizeAddressee(r.addressee())));
    }
    for (const std::string& theme : r.themes()) {
      attributes.push_back(AttributeKey("theme", theme));
    }
  }
  for (const auto& c : doc.communications()) {
    (*by_number)[c.paragraph()].push_back(AttributeKey("kind", "communication"));
  }
  for (const auto& v : doc.visits()) {
    (*by_number)[v.paragraph()].push_back(AttributeKey("kind", "visit"));
  }
  for (const auto& f : doc.figures()) {
    (*by_number)[f.paragraph()].push_back(AttributeKey("kind", "figure"));
  }
}

}  // namespace


std::vector<std::vector<std::string>> ParagraphAttributes(
    const v1::Document& doc, const std::string& doc_id) {
  absl::flat_hash_set<std::string> countries;
  for (const auto& entity : doc.entities()) {
    if (entity.kind() == v1::ENTITY_KIND_COUNTRY) {
      countries.insert(entity.id());
    }
  }
  ByNumber by_number;
  AddRecordKinds(doc, &by_number);

  std::vector<std::string> shared = {AttributeKey("document", doc_id),
                                     AttributeKey("kind", "paragraph")};
  if (!doc.symbol().empty()) {
    shared.push_back(AttributeKey("symbol", doc.symbol()));
  }
  int year = 0;
  if (doc.date().size() >= 4 && absl::SimpleAtoi(doc.date().substr(0, 4), &year)) {
    shared.push_back(AttributeKey("year", doc.date().substr(0, 4)));
  }
  for (const std::string& country : doc.countries()) {
    shared.push_back(AttributeKey("country", country));
  }

  std::vector<std::vector<std::string>> out;
  out.reserve(doc.paragraphs_size());
  for (const v1::Paragraph& paragraph : doc.paragraphs()) {
    std::vector<std::string> attributes = shared;
    for (const std::string& entity : paragraph.entities()) {
      if (countries.contains(entity)) {
        attributes.push_back(AttributeKey("country", entity));
      }
    }
    for (const std::string& theme : paragraph.themes()) {
      attributes.push_back(AttributeKey("theme", theme));
    }
    if (paragraph.number() > 0) {
      auto records = by_number.find(paragraph.number());
      if (records != by_number.end()) {
        attributes.insert(attributes.end(), records->second.begin(),
                          records->second.end());
      }
    }
    for (const std::string& word :
         analysis::AnalyzeTerms(paragraph.section(), doc.language())) {
      attributes.push_back(AttributeKey("section", word));
    }
    std::sort(attributes.begin(), attributes.end());
    attributes.erase(std::unique(attributes.begin(), attributes.end()),
                     attributes.end());
    out.push_back(std::move(attributes));
  }
  return out;
}

float ParagraphBoost(const std::vector<std::string>& attributes) {
  static const std::string* const kRecommendation =
      new std::string(AttributeKey("kind", "recommendation"));
  return std::binary_search(attributes.begin(), attributes.end(),
                            *kRecommendation)
             ? 1.25f
             : 1.0f;
}

}  // namespace rapporteur::storage::index
