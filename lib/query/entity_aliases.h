#ifndef RAPPORTEUR_LIB_QUERY_ENTITY_ALIASES_H_
#define RAPPORTEUR_LIB_QUERY_ENTITY_ALIASES_H_

// The names of countries, UN bodies and treaties (the vocabularies of
// data/vocabularies, lib/extraction/vocabulary.h), for queries: a query
// naming an entity by any of its names ("DPRK", "North Korea", "the
// Democratic People's Republic of Korea") matches every other name of it.
//
// Names are matched on analyzed words, so case, inflection and dropped
// stop words do not matter ("north korea", "Republic Korea"), except that
// a name written without a lower-case letter (an acronym: "DPRK", "WHO",
// "CAT") matches only as written, so that the words "who" and "cat" stay
// words.

#include <cstddef>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/types/span.h"

namespace rapporteur::query {

// One entity and its names, as the vocabulary writes them.
struct Entity {
  std::string id;                  // "PRK", "WFP", "ICCPR"
  std::vector<std::string> names;  // usual name first, then the aliases
};

// A word of a query as typed, with its analyzed terms (none for a stop
// word, several for "DPR-Korea").
struct QueryWord {
  std::string text;
  std::vector<std::string> terms;
};

// Thread-safe after construction (read-only).
class EntityAliases {
 public:
  // The entities of the vocabularies built into this binary that have
  // more than one name. Built once, at first use.
  static const EntityAliases& Builtin();

  // Builds from entities given (for tests).
  explicit EntityAliases(std::vector<Entity> entities);

  EntityAliases(const EntityAliases&) = delete;
  EntityAliases& operator=(const EntityAliases&) = delete;

  // The entity whose longest name is words[0, *length) (words juxtaposed
  // in a query), the first word holding the name's first term; null, with
  // *length unchanged, when no name starts there.
  const Entity* Longest(absl::Span<const QueryWord> words,
                        size_t* length) const;

  // The entity with `id`; null when none.
  const Entity* Find(const std::string& id) const;

 private:
  struct Name {
    size_t entity = 0;
    std::vector<std::string> terms;
    std::string acronym;  // the name as written when it is an acronym
  };

  std::vector<Entity> entities_;
  absl::flat_hash_map<std::string, size_t> by_id_;
  // Names by their first term, most terms first.
  absl::flat_hash_map<std::string, std::vector<Name>> by_first_term_;
};

}  // namespace rapporteur::query

#endif  // RAPPORTEUR_LIB_QUERY_ENTITY_ALIASES_H_
