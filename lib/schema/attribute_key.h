#ifndef RAPPORTEUR_LIB_SCHEMA_ATTRIBUTE_KEY_H_
#define RAPPORTEUR_LIB_SCHEMA_ATTRIBUTE_KEY_H_

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace rapporteur::schema {

// The key of one value of one field, as ingest sends it in
// ParagraphTerms.attributes and the shard indexes and stores it: the field,
// a NUL (which no field name holds), the value. Header-only, so that
// storage, which knows no field, needs only this encoding.
inline std::string AttributeKey(absl::string_view field,
                                absl::string_view value) {
  return absl::StrCat(field, absl::string_view("\0", 1), value);
}

}  // namespace rapporteur::schema

#endif  // RAPPORTEUR_LIB_SCHEMA_ATTRIBUTE_KEY_H_
