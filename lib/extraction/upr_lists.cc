#include "lib/extraction/upr_lists.h"

#include <algorithm>
#include <array>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace rapporteur::ingest {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Whether an item's text may start at `pos`: a capital, a digit, a
// quotation mark or an opening bracket ("90.3. “Consider ...", "(a) ...").
bool ItemStart(absl::string_view text, size_t pos) {
  if (pos >= text.size()) {
    return false;
  }
  unsigned char c = static_cast<unsigned char>(text[pos]);
  if (absl::ascii_isupper(c) || c == '"' || c == '(' || c == '\'') {
    return true;
  }
  // U+201C left double quotation mark, U+2018 left single.
  return absl::StartsWith(text.substr(pos), "\xE2\x80\x9C") ||
         absl::StartsWith(text.substr(pos), "\xE2\x80\x98");
}

// The marker "P.k" or "P.k." at `pos` if there is one: sets *text_begin to
// the start of the item's text.
bool MarkerAt(absl::string_view text, size_t pos, absl::string_view marker,
              bool first, size_t* text_begin) {
  if (text.substr(pos, marker.size()) != marker) {
    return false;
  }
  if (pos > 0 && text[pos - 1] != ' ') {
    return false;
  }
  size_t after = pos + marker.size();
  if (after < text.size() && text[after] == '.') {
    ++after;
  }
  if (after >= text.size() || text[after] != ' ') {
    return false;
  }
  size_t begin = after + 1;
  // A page number the reading order put between a marker and its text
  // ("108.91 20 Further promote ...").
  size_t digits = begin;
  while (digits < text.size() && IsDigit(text[digits])) {
    ++digits;
  }
  if (digits > begin && digits - begin <= 3 && digits + 1 < text.size() &&
      text[digits] == ' ' && ItemStart(text, digits + 1)) {
    begin = digits + 1;
  }
  // The next number of a running list needs no capital after it: reading
  // order may set a justified line's words apart ("111.113 the judicial
  // system ..."). The first item of a list does.
  if (first ? !ItemStart(text, begin) : begin >= text.size()) {
    return false;
  }
  *text_begin = begin;
  return true;
}

size_t FindMarker(absl::string_view text, size_t from, absl::string_view marker,
                  bool first, size_t* text_begin) {
  for (size_t pos = from;
       (pos = text.find(marker, pos)) != absl::string_view::npos; ++pos) {
    // "111.1" is no marker inside "111.12".
    size_t end = pos + marker.size();
    if (end < text.size() && IsDigit(text[end])) {
      continue;
    }
    if (MarkerAt(text, pos, marker, first, text_begin)) {
      return pos;
    }
  }
  return absl::string_view::npos;
}

// The first "N.1" marker of `text`, N any number: sets *number to N.
size_t FirstAnyMarker(absl::string_view text, size_t from, int* number) {
  for (size_t pos = from;
       (pos = text.find(".1", pos)) != absl::string_view::npos; ++pos) {
    size_t start = pos;
    while (start > 0 && IsDigit(text[start - 1])) {
      --start;
    }
    if (start == pos || pos - start > 4) {
      continue;
    }
    int n = 0;
    if (!absl::SimpleAtoi(text.substr(start, pos - start), &n) || n <= 0) {
      continue;
    }
    size_t begin = 0;
    if (pos + 2 < text.size() && IsDigit(text[pos + 2])) {
      continue;  // "90.12"
    }
    if (MarkerAt(text, start, absl::StrCat(n, ".1"), true, &begin)) {
      *number = n;
      return start;
    }
  }
  return absl::string_view::npos;
}

std::string Lower(absl::string_view text) {
  std::string out(text);
  absl::AsciiStrToLower(&out);
  return out;
}

bool HasAnyOf(absl::string_view lower,
              std::initializer_list<absl::string_view> phrases) {
  for (absl::string_view p : phrases) {
    if (lower.find(p) != absl::string_view::npos) {
      return true;
    }
  }
  return false;
}

// Splits at `sep` outside parentheses.
std::vector<absl::string_view> SplitOutside(absl::string_view text,
                                            absl::string_view seps) {
  std::vector<absl::string_view> parts;
  int depth = 0;
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '(') {
      ++depth;
    } else if (c == ')') {
      depth = std::max(0, depth - 1);
    } else if (depth == 0 && seps.find(c) != absl::string_view::npos) {
      parts.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  parts.push_back(text.substr(start));
  return parts;
}

absl::string_view CleanPart(absl::string_view part) {
  part = absl::StripAsciiWhitespace(part);
  absl::ConsumePrefix(&part, "and ");
  // A callout glued to the last State, or a trailing period.
  while (!part.empty() && (part.back() == '.' || part.back() == '*')) {
    part.remove_suffix(1);
  }
  return absl::StripAsciiWhitespace(part);
}

}  // namespace

std::vector<UprList> FindUprLists(absl::string_view text, int paragraph) {
  std::vector<UprList> lists;
  size_t from = 0;
  while (from < text.size()) {
    UprList list;
    size_t begin = 0;
    int p = paragraph;
    size_t first = absl::string_view::npos;
    if (lists.empty() && paragraph > 0) {
      first =
          FindMarker(text, from, absl::StrCat(paragraph, ".1"), true, &begin);
    }
    if (first == absl::string_view::npos) {
      first = FirstAnyMarker(text, from, &p);
      if (first == absl::string_view::npos ||
          (!lists.empty() && p == lists.back().paragraph)) {
        break;
      }
      FindMarker(text, first, absl::StrCat(p, ".1"), true, &begin);
    }
    list.paragraph = p;
    list.lead_begin = from;
    if (!lists.empty()) {
      // The paragraph number the text parser did not split at ("103. The
      // recommendations listed below ..."): the previous list's last item
      // ends there, and this list's lead-in starts after it.
      std::string number = absl::StrCat(p, ". ");
      size_t at = text.rfind(number, first);
      if (at != absl::string_view::npos && at >= from &&
          (at == 0 || text[at - 1] == ' ')) {
        lists.back().items.back().end = at;
        list.lead_begin = at + number.size();
      } else {
        lists.back().items.back().end = first;
      }
    }
    list.items.push_back({first, begin, text.size(), 1});
    for (int k = 2;; ++k) {
      size_t next_begin = 0;
      size_t next = FindMarker(text, list.items.back().begin,
                               absl::StrCat(p, ".", k), false, &next_begin);
      if (next == absl::string_view::npos) {
        break;
      }
      list.items.back().end = next;
      list.items.push_back({next, next_begin, text.size(), k});
    }
    from = list.items.back().begin;
    lists.push_back(std::move(list));
  }
  return lists;
}

RecommendationResponse ResponseOfLeadIn(absl::string_view lead) {
  const std::string lower = Lower(lead);
  if (HasAnyOf(lower, {"did not enjoy", "do not enjoy", "does not enjoy",
                       "not enjoy the support", "not accepted",
                       "not be accepted", "rejected", "cannot support",
                       "could not support", "not supported"})) {
    return RecommendationResponse::kRejected;
  }
  if (HasAnyOf(lower, {"noted", "take note", "takes note", "took note",
                       "taken note"})) {
    return RecommendationResponse::kNoted;
  }
  // "already implemented or in the process of implementation": supported
  // (the State says it acts on them), even where a later paragraph
  // announces answers to other lists.
  if (HasAnyOf(lower, {"already implemented", "already being implemented",
                       "process of implementation"})) {
    return RecommendationResponse::kSupported;
  }
  if (HasAnyOf(lower,
               {"will be examined", "will examine", "will be further examined",
                "will provide responses", "will provide its response",
                "will be included in the outcome", "will consider",
                "will be considered", "responses in due"})) {
    return RecommendationResponse::kToBeExamined;
  }
  if (HasAnyOf(lower,
               {"enjoy the support", "enjoyed the support", "enjoy its support",
                "enjoys the support", "accepted", "agreed on the", "agreed to",
                "supports the", "supported by"})) {
    return RecommendationResponse::kSupported;
  }
  return RecommendationResponse::kUnspecified;
}

std::vector<PointReference> PointsReferenced(absl::string_view text) {
  std::vector<PointReference> points;
  const std::string lower = Lower(text);
  const absl::string_view t(lower);
  size_t i = 0;
  // Skips spaces, commas, semicolons and "and" between references.
  const auto skip_separators = [&] {
    for (;;) {
      while (i < t.size() && (t[i] == ' ' || t[i] == ',' || t[i] == ';')) ++i;
      if (t.substr(i, 4) == "and ") {
        i += 4;
      } else {
        return;
      }
    }
  };
  // "(e)" or "e)" at i: its letter's place in the alphabet, or 0.
  const auto point_at = [&](size_t at, size_t* end) {
    if (at < t.size() && t[at] == '(') ++at;
    if (at + 1 < t.size() && absl::ascii_islower(t[at]) && t[at + 1] == ')') {
      *end = at + 2;
      return t[at] - 'a' + 1;
    }
    return 0;
  };
  for (size_t found = t.find("paragraph"); found != absl::string_view::npos;
       found = t.find("paragraph", found + 1)) {
    i = found + 9;
    if (i < t.size() && t[i] == 's') ++i;
    int paragraph = 0;
    for (;;) {
      skip_separators();
      size_t end = 0;
      if (int point = point_at(i, &end); point != 0 && paragraph != 0) {
        points.push_back({paragraph, point});
        i = end;
        continue;
      }
      size_t digits = i;
      while (digits < t.size() && absl::ascii_isdigit(t[digits])) ++digits;
      if (digits == i || digits - i > 4) break;
      size_t after = digits;
      while (after < t.size() && t[after] == ' ') ++after;
      if (point_at(after, &end) == 0) break;
      paragraph = std::stoi(std::string(t.substr(i, digits - i)));
      i = after;
    }
  }
  return points;
}

bool AnnouncesLaterResponse(absl::string_view text) {
  const std::string lower = Lower(text);
  return lower.find("recommendations") != std::string::npos &&
         HasAnyOf(lower,
                  {"will be included in the outcome", "will provide responses",
                   "will be examined", "responses in due"});
}

std::string WithoutQuotedNotes(absl::string_view item) {
  static constexpr absl::string_view kOpenings[] = {
      "The recommendation as read during the interactive dialogue:",
      "The recommendation as read out during the interactive dialogue:",
      "Recommendation as read during the interactive dialogue:",
  };
  std::string out;
  size_t copied = 0;  // item[0, copied) is decided
  while (true) {
    size_t pos = absl::string_view::npos;
    absl::string_view found;
    for (absl::string_view opening : kOpenings) {
      size_t p = item.find(opening, copied);
      if (p < pos) {
        pos = p;
        found = opening;
      }
    }
    if (pos == absl::string_view::npos) {
      break;
    }
    size_t close = item.find(").", pos + found.size());
    size_t end = close == absl::string_view::npos ? item.size() : close + 2;
    // A note number left before the note ("... (Thailand); 1 The ...").
    size_t begin = pos;
    while (begin > copied && item[begin - 1] == ' ') {
      --begin;
    }
    size_t digits = begin;
    while (digits > copied && IsDigit(item[digits - 1])) {
      --digits;
    }
    if (digits < begin && (digits == 0 || item[digits - 1] == ' ')) {
      begin = digits;
    }
    absl::StrAppend(&out, item.substr(copied, begin - copied));
    copied = end;
    while (copied < item.size() && item[copied] == ' ') {
      ++copied;
    }
    if (!out.empty() && out.back() != ' ' && copied < item.size()) {
      out.push_back(' ');
    }
  }
  absl::StrAppend(&out, item.substr(copied));
  return out;
}

std::vector<std::string> BracketStates(
    absl::string_view inside,
    const std::function<std::string(absl::string_view)>& country_code) {
  std::vector<std::string> codes;
  if (!country_code) {
    return codes;
  }
  for (absl::string_view raw : SplitOutside(inside, ",;")) {
    absl::string_view part = CleanPart(raw);
    if (part.empty()) {
      return {};
    }
    std::string code = country_code(part);
    if (!code.empty()) {
      codes.push_back(code);
      continue;
    }
    // "(Spain and Argentina)"; "Bosnia and Herzegovina" was tried whole.
    std::vector<absl::string_view> pieces = absl::StrSplit(part, " and ");
    if (pieces.size() < 2) {
      return {};
    }
    for (absl::string_view piece : pieces) {
      std::string c = country_code(CleanPart(piece));
      if (c.empty()) {
        return {};
      }
      codes.push_back(c);
    }
  }
  return codes;
}

std::vector<std::string> RecommendingStatesOf(
    absl::string_view item,
    const std::function<std::string(absl::string_view)>& country_code,
    size_t* last_end) {
  std::vector<std::string> states;
  *last_end = 0;
  // Each outermost bracket, then the brackets inside one that is not a
  // list of States ("(... (Mexico) ...)" is rare but costs nothing).
  std::vector<std::pair<size_t, size_t>> pending = {{0, item.size()}};
  while (!pending.empty()) {
    auto [from, to] = pending.back();
    pending.pop_back();
    std::vector<std::pair<size_t, size_t>> inner;
    int depth = 0;
    size_t open = 0;
    for (size_t i = from; i < to; ++i) {
      if (item[i] == '(') {
        if (depth++ == 0) {
          open = i;
        }
      } else if (item[i] == ')' && depth > 0) {
        if (--depth == 0) {
          absl::string_view inside = item.substr(open + 1, i - open - 1);
          std::vector<std::string> codes = BracketStates(inside, country_code);
          if (codes.empty()) {
            inner.push_back({open + 1, i});
            continue;
          }
          *last_end = std::max(*last_end, i + 1);
          for (std::string& code : codes) {
            if (std::find(states.begin(), states.end(), code) == states.end()) {
              states.push_back(std::move(code));
            }
          }
        }
      }
    }
    // Visit inner brackets in document order.
    for (auto it = inner.rbegin(); it != inner.rend(); ++it) {
      pending.push_back(*it);
    }
  }
  return states;
}

}  // namespace rapporteur::ingest
