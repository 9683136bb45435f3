#ifndef RAPPORTEUR_LIB_GATEWAY_PATH_TEMPLATE_H_
#define RAPPORTEUR_LIB_GATEWAY_PATH_TEMPLATE_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace rapporteur::gateway {

// Request fields a path fills: (field path, value) in template order, e.g.
// ("name", "documents/a-hrc-7-20/paragraphs/26").
using PathBindings = std::vector<std::pair<std::string, std::string>>;

// A path template of a google.api.http rule (AIP-127):
//
//   /v1/{name=documents/*/paragraphs/*}   /v1/search:stream /v1/{name=cases/*}
//
// Segments are literals, `*` (one segment), `**` (every remaining one,
// last only), or variables `{field.path}` (one segment) and
// `{field.path=pattern}` whose value is the segments `pattern` matches,
// joined by `/`. A trailing `:verb` names a custom method.
class PathTemplate {
 public:
  // One segment of the pattern.
  struct Segment {
    enum class Kind { kLiteral, kOne, kRest };
    Kind kind = Kind::kLiteral;
    std::string literal;  // kLiteral only
    int variable = -1;    // index into variables(), -1 outside one
  };
  // One `{...}` of the template.
  struct Variable {
    std::string field_path;  // "name", "case.name"
    int first_segment = 0;   // its segments: [first, first + count)
    int segment_count = 0;
  };

  // INVALID_ARGUMENT naming the template and what is wrong with it.
  static absl::StatusOr<PathTemplate> Parse(absl::string_view text);

  // Whether `path` (already percent-decoded, without its query string)
  // matches; if so, fills `bindings` with each variable's value.
  bool Match(absl::string_view path, PathBindings* bindings) const;

  const std::string& text() const { return text_; }
  const std::vector<Segment>& segments() const { return segments_; }
  const std::vector<Variable>& variables() const { return variables_; }
  const std::string& verb() const { return verb_; }

  // Literal segments: of two templates matching a path, the one with more
  // is the more specific (`/v1/search:stream` before `/v1/{name=**}`).
  int LiteralCount() const;

 private:
  std::string text_;
  std::vector<Segment> segments_;
  std::vector<Variable> variables_;
  std::string verb_;
};

}  // namespace rapporteur::gateway

#endif  // RAPPORTEUR_LIB_GATEWAY_PATH_TEMPLATE_H_
