#ifndef RAPPORTEUR_LIB_GATEWAY_REQUEST_TRANSCODER_H_
#define RAPPORTEUR_LIB_GATEWAY_REQUEST_TRANSCODER_H_

#include <google/protobuf/message.h>

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/gateway/path_template.h"
#include "lib/gateway/routes.h"

namespace rapporteur::gateway {

// Query parameters in order, decoded; a name may repeat (repeated fields).
using QueryParams = std::vector<std::pair<std::string, std::string>>;

// Fills `request`, a message of the route's input type, from an HTTP
// request the way AIP-127 maps it: the body (protobuf's JSON mapping) into
// the route's body field or the whole request, then the path's variables,
// then each query parameter into the field its dotted path names
// (`filter.country`, `filter.startYear`, `facets` repeated; proto or JSON
// field names). INVALID_ARGUMENT naming the parameter or the body position
// that is wrong: an unknown field, a value of the wrong type, a body where
// the method takes none, a query parameter where the body holds the
// request.
absl::Status TranscodeRequest(const Route& route, const PathBindings& path,
                              const QueryParams& query, absl::string_view body,
                              google::protobuf::Message* request);

// Sets the field `field_path` ("filter.start_year" or "filter.startYear")
// of `message` from its text form; appends to a repeated field.
absl::Status SetFieldFromText(absl::string_view field_path,
                              absl::string_view text,
                              google::protobuf::Message* message);

// Parses one JSON object into `message`; `where` names it in errors
// ("request body", "line 3 of the body").
absl::Status ParseJson(absl::string_view json, absl::string_view where,
                       google::protobuf::Message* message);

// `message` in protobuf's JSON mapping: lowerCamelCase names, int64 as
// strings, enums by name, default values left out. One line.
std::string ToJson(const google::protobuf::Message& message);

}  // namespace rapporteur::gateway

#endif  // RAPPORTEUR_LIB_GATEWAY_REQUEST_TRANSCODER_H_
