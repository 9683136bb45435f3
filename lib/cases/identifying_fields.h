#ifndef RAPPORTEUR_LIB_CASES_IDENTIFYING_FIELDS_H_
#define RAPPORTEUR_LIB_CASES_IDENTIFYING_FIELDS_H_

#include <google/protobuf/message.h>

#include <string>

#include "absl/functional/function_ref.h"
#include "absl/strings/string_view.h"

namespace rapporteur::cases {

// Every value of a field marked `(rapporteur.v1.identifying) = true` in
// `message` and the messages within it, read from the proto's options so
// that a field marked later is sealed, redacted and kept out of logs
// without another change. `rewrite` gets the value's path and value and
// returns what to put there instead (the value itself to keep it).
//
// Paths name an element of a repeated message by its `id` field when it
// has one (`persons[p1].name`), else by position (`sources[0].testimony`);
// a repeated string by position (`persons[p1].aliases[1]`). Empty values
// are visited too, so that the same walk finds every place a sealed value
// may return to.
void RewriteIdentifying(google::protobuf::Message* message,
                        absl::FunctionRef<std::string(absl::string_view path,
                                                      const std::string& value)>
                            rewrite);

}  // namespace rapporteur::cases

#endif  // RAPPORTEUR_LIB_CASES_IDENTIFYING_FIELDS_H_
