#include "lib/query/entity_aliases.h"

#include <algorithm>
#include <utility>

#include "absl/strings/ascii.h"
#include "lib/analysis/analyzer.h"
#include "lib/extraction/vocabulary.h"

namespace rapporteur::query {
namespace {

// A name with letters but none in lower case ("DPRK", "OP-CAT").
bool IsAcronym(const std::string& name) {
  bool letter = false;
  for (const char c : name) {
    if (absl::ascii_islower(static_cast<unsigned char>(c))) {
      return false;
    }
    letter = letter || absl::ascii_isupper(static_cast<unsigned char>(c));
  }
  return letter;
}

}  // namespace

const EntityAliases& EntityAliases::Builtin() {
  static const EntityAliases* const kBuiltin = [] {
    std::vector<Entity> entities;
    for (const ingest::VocabularyEntry* entry :
         ingest::Vocabulary::Builtin().NamedEntries()) {
      if (entry->kind == ingest::EntityKind::kPlace || entry->aliases.empty()) {
        continue;  // places are not aliased; one name needs no expansion
      }
      Entity entity;
      entity.id = entry->id;
      entity.names.push_back(entry->name);
      for (const std::string& alias : entry->aliases) {
        if (std::find(entity.names.begin(), entity.names.end(), alias) ==
            entity.names.end()) {
          entity.names.push_back(alias);
        }
      }
      entities.push_back(std::move(entity));
    }
    return new EntityAliases(std::move(entities));
  }();
  return *kBuiltin;
}

EntityAliases::EntityAliases(std::vector<Entity> entities)
    : entities_(std::move(entities)) {
  for (size_t i = 0; i < entities_.size(); ++i) {
    by_id_.emplace(entities_[i].id, i);
    for (const std::string& written : entities_[i].names) {
      Name name;
      name.entity = i;
      name.terms = analysis::AnalyzeTerms(written, "en");
      if (name.terms.empty()) {
        continue;
      }
      if (IsAcronym(written)) {
        name.acronym = written;
      }
      by_first_term_[name.terms.front()].push_back(std::move(name));
    }
  }
  for (auto& [term, names] : by_first_term_) {
    std::stable_sort(names.begin(), names.end(),
                     [](const Name& a, const Name& b) {
                       return a.terms.size() > b.terms.size();
                     });
  }
}

const Entity* EntityAliases::Longest(absl::Span<const QueryWord> words,
                                     size_t* length) const {
  if (words.empty() || words.front().terms.empty()) {
    return nullptr;
  }
  auto it = by_first_term_.find(words.front().terms.front());
  if (it == by_first_term_.end()) {
    return nullptr;
  }
  for (const Name& name : it->second) {
    // Walk the words, term by term; the name must end with a word.
    size_t term = 0;
    size_t word = 0;
    bool matches = true;
    while (matches && term < name.terms.size() && word < words.size()) {
      for (const std::string& got : words[word].terms) {
        if (term >= name.terms.size() || got != name.terms[term]) {
          matches = false;
          break;
        }
        ++term;
      }
      ++word;
    }
    if (!matches || term < name.terms.size()) {
      continue;
    }
    if (!name.acronym.empty() &&
        (word != 1 || words.front().text != name.acronym)) {
      continue;  // an acronym only as written, alone
    }
    *length = word;
    return &entities_[name.entity];
  }
  return nullptr;
}

const Entity* EntityAliases::Find(const std::string& id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &entities_[it->second];
}

}  // namespace rapporteur::query
