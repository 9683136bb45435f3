#include "lib/gateway/path_template.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace rapporteur::gateway {
namespace {

bool IsFieldPath(absl::string_view text) {
  if (text.empty() || text.front() == '.' || text.back() == '.') return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '_' || c == '.';
  });
}

}  // namespace

absl::StatusOr<PathTemplate> PathTemplate::Parse(absl::string_view text) {
  auto error = [&](absl::string_view what) {
    return absl::InvalidArgumentError(
        absl::StrCat("path template \"", text, "\": ", what));
  };
  PathTemplate result;
  result.text_ = std::string(text);
  absl::string_view rest = text;
  if (!absl::ConsumePrefix(&rest, "/")) return error("must start with /");

  // The verb follows the last `:` outside braces.
  size_t verb_colon = absl::string_view::npos;
  int depth = 0;
  for (size_t i = 0; i < rest.size(); ++i) {
    if (rest[i] == '{') ++depth;
    if (rest[i] == '}') --depth;
    if (rest[i] == ':' && depth == 0) verb_colon = i;
  }
  if (verb_colon != absl::string_view::npos) {
    result.verb_ = std::string(rest.substr(verb_colon + 1));
    rest = rest.substr(0, verb_colon);
    if (result.verb_.empty()) return error("empty verb after ':'");
  }

  auto add_segment = [&](absl::string_view segment, int variable) {
    Segment parsed;
    parsed.variable = variable;
    if (segment == "*") {
      parsed.kind = Segment::Kind::kOne;
    } else if (segment == "**") {
      parsed.kind = Segment::Kind::kRest;
    } else if (segment.empty() ||
               segment.find_first_of("{}=*") != absl::string_view::npos) {
      return false;
    } else {
      parsed.literal = std::string(segment);
    }
    result.segments_.push_back(std::move(parsed));
    return true;
  };

  while (!rest.empty()) {
    if (absl::ConsumePrefix(&rest, "{")) {
      const size_t close = rest.find('}');
      if (close == absl::string_view::npos) return error("unclosed '{'");
      const absl::string_view inside = rest.substr(0, close);
      rest = rest.substr(close + 1);
      if (!rest.empty() && !absl::ConsumePrefix(&rest, "/")) {
        return error("a variable must end its segment");
      }
      const std::pair<absl::string_view, absl::string_view> parts =
          absl::StrSplit(inside, absl::MaxSplits('=', 1));
      if (!IsFieldPath(parts.first)) {
        return error(absl::StrCat("bad field path \"", parts.first, "\""));
      }
      Variable variable;
      variable.field_path = std::string(parts.first);
      variable.first_segment = static_cast<int>(result.segments_.size());
      const int index = static_cast<int>(result.variables_.size());
      const absl::string_view pattern =
          inside.find('=') == absl::string_view::npos ? "*" : parts.second;
      for (absl::string_view segment : absl::StrSplit(pattern, '/')) {
        if (!add_segment(segment, index)) {
          return error(absl::StrCat("bad segment \"", segment,
                                    "\" in variable ", parts.first));
        }
      }
      variable.segment_count =
          static_cast<int>(result.segments_.size()) - variable.first_segment;
      result.variables_.push_back(std::move(variable));
      continue;
    }
    const size_t slash = rest.find('/');
    const absl::string_view segment = rest.substr(0, slash);
    rest = slash == absl::string_view::npos ? "" : rest.substr(slash + 1);
    if (!add_segment(segment, -1)) {
      return error(absl::StrCat("bad segment \"", segment, "\""));
    }
  }
  for (size_t i = 0; i + 1 < result.segments_.size(); ++i) {
    if (result.segments_[i].kind == Segment::Kind::kRest) {
      return error("'**' must be the last segment");
    }
  }
  return result;
}

bool PathTemplate::Match(absl::string_view path, PathBindings* bindings) const {
  if (!absl::ConsumePrefix(&path, "/")) return false;
  if (!verb_.empty()) {
    if (!absl::ConsumeSuffix(&path, absl::StrCat(":", verb_))) return false;
  }
  std::vector<absl::string_view> parts =
      path.empty() ? std::vector<absl::string_view>()
                   : std::vector<absl::string_view>(absl::StrSplit(path, '/'));

  // Which path segments each template segment took.
  std::vector<std::pair<size_t, size_t>> taken;
  size_t next = 0;
  for (const Segment& segment : segments_) {
    switch (segment.kind) {
      case Segment::Kind::kLiteral:
        if (next >= parts.size() || parts[next] != segment.literal) {
          return false;
        }
        taken.emplace_back(next, next + 1);
        ++next;
        break;
      case Segment::Kind::kOne:
        if (next >= parts.size() || parts[next].empty()) return false;
        taken.emplace_back(next, next + 1);
        ++next;
        break;
      case Segment::Kind::kRest:
        taken.emplace_back(next, parts.size());
        next = parts.size();
        break;
    }
  }
  if (next != parts.size()) return false;

  bindings->clear();
  for (const Variable& variable : variables_) {
    if (variable.segment_count == 0) continue;
    const size_t begin = taken[variable.first_segment].first;
    const size_t end =
        taken[variable.first_segment + variable.segment_count - 1].second;
    bindings->emplace_back(
        variable.field_path,
        absl::StrJoin(parts.begin() + begin, parts.begin() + end, "/"));
  }
  return true;
}

int PathTemplate::LiteralCount() const {
  int count = verb_.empty() ? 0 : 1;
  for (const Segment& segment : segments_) {
    if (segment.kind == Segment::Kind::kLiteral) ++count;
  }
  return count;
}

}  // namespace rapporteur::gateway
