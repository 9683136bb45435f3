#include "lib/extraction/recommendations.h"

#include <algorithm>
#include <array>
#include <optional>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "lib/extraction/visits.h"

namespace rapporteur::ingest {
namespace {

// Bullet characters as PDFs extract them: minus sign, bullet, small square,
// black circle, white bullet, and the Symbol-font bullet of Word documents.
constexpr std::array<absl::string_view, 6> kBullets = {
    "\xE2\x88\x92", "\xE2\x80\xA2", "\xE2\x96\xAA",
    "\xE2\x97\x8F", "\xE2\x97\xA6", "\xEF\x82\xB7"};

struct Item {
  size_t begin = 0;  // text after the marker
  size_t end = 0;
};

struct List {
  size_t lead_end = 0;  // start of the first marker
  std::vector<Item> items;
};

bool IsUpper(char c) {
  return absl::ascii_isupper(static_cast<unsigned char>(c));
}

// The first non-space byte before `pos`, or 0 at the start.
char PreviousChar(absl::string_view text, size_t pos) {
  while (pos > 0 && text[pos - 1] == ' ') {
    --pos;
  }
  return pos == 0 ? 0 : text[pos - 1];
}

std::optional<List> BulletList(absl::string_view text) {
  List list;
  std::vector<std::pair<size_t, size_t>> markers;  // start, end
  for (size_t i = 0; i < text.size(); ++i) {
    if (i > 0 && text[i - 1] != ' ') {
      continue;
    }
    for (absl::string_view b : kBullets) {
      if (text.substr(i, b.size()) == b && i + b.size() < text.size() &&
          text[i + b.size()] == ' ') {
        markers.push_back({i, i + b.size() + 1});
        break;
      }
    }
  }
  if (markers.empty()) {
    return std::nullopt;
  }
  list.lead_end = markers.front().first;
  for (size_t k = 0; k < markers.size(); ++k) {
    size_t end = k + 1 < markers.size() ? markers[k + 1].first : text.size();
    list.items.push_back({markers[k].second, end});
  }
  return list;
}

// The end of the sentence starting at `from`: after ". " before a capital.
size_t SentenceEnd(absl::string_view text, size_t from) {
  for (size_t i = from; i + 2 < text.size(); ++i) {
    if (text[i] == '.' && text[i + 1] == ' ' && IsUpper(text[i + 2])) {
      return i + 1;
    }
  }
  return text.size();
}

// "(a) ... (b) ...": letters in order, each at a word start.
std::optional<List> LetteredList(absl::string_view text) {
  List list;
  std::vector<std::pair<size_t, size_t>> markers;
  size_t from = 0;
  for (char letter = 'a'; letter <= 'z'; ++letter) {
    std::string marker = absl::StrCat("(", std::string(1, letter), ") ");
    size_t pos = from;
    while ((pos = text.find(marker, pos)) != absl::string_view::npos) {
      if (pos == 0 || text[pos - 1] == ' ') {
        break;
      }
      ++pos;
    }
    if (pos == absl::string_view::npos) {
      break;
    }
    markers.push_back({pos, pos + marker.size()});
    from = pos + marker.size();
  }
  if (markers.size() < 2) {
    return std::nullopt;
  }
  list.lead_end = markers.front().first;
  for (size_t k = 0; k < markers.size(); ++k) {
    size_t end = k + 1 < markers.size() ? markers[k + 1].first
                                        : SentenceEnd(text, markers[k].second);
    list.items.push_back({markers[k].second, end});
  }
  return list;
}

// "1. To ...; 2. To ...": numbers in order, each at a word start before a
// capital and after ".", ";" or ":" (or at the start). Once two items are
// found, a number not after such a mark is accepted when no such marked one
// follows: a PDF extraction may put a stray word before it ("(Kazakhstan);
// public 64. To strictly ...").
std::optional<List> NumberedList(absl::string_view text) {
  List list;
  std::vector<std::pair<size_t, size_t>> markers;
  size_t from = 0;
  for (int n = 1;; ++n) {
    std::string marker = absl::StrCat(n, ". ");
    size_t strict = absl::string_view::npos;
    size_t loose = absl::string_view::npos;
    for (size_t pos = from;
         (pos = text.find(marker, pos)) != absl::string_view::npos; ++pos) {
      size_t next = pos + marker.size();
      if ((pos != 0 && text[pos - 1] != ' ') || next >= text.size() ||
          !IsUpper(text[next])) {
        continue;
      }
      char prev = PreviousChar(text, pos);
      if (prev == 0 || prev == '.' || prev == ';' || prev == ':') {
        strict = pos;
        break;
      }
      if (loose == absl::string_view::npos) {
        loose = pos;
      }
    }
    size_t pos = strict != absl::string_view::npos ? strict
                 : markers.size() >= 2             ? loose
                                                   : absl::string_view::npos;
    if (pos == absl::string_view::npos) {
      break;
    }
    markers.push_back({pos, pos + marker.size()});
    from = pos + marker.size();
  }
  if (markers.size() < 2) {
    return std::nullopt;
  }
  list.lead_end = markers.front().first;
  for (size_t k = 0; k < markers.size(); ++k) {
    size_t end = k + 1 < markers.size() ? markers[k + 1].first : text.size();
    list.items.push_back({markers[k].second, end});
  }
  return list;
}

std::optional<List> FirstList(absl::string_view text) {
  std::optional<List> best;
  for (auto& list :
       {BulletList(text), NumberedList(text), LetteredList(text)}) {
    if (list && (!best || list->lead_end < best->lead_end)) {
      best = list;
    }
  }
  return best;
}

bool HasAny(absl::string_view text, const std::vector<std::string>& phrases) {
  for (const std::string& p : phrases) {
    if (FindPhrase(text, p) != absl::string_view::npos) {
      return true;
    }
  }
  return false;
}

std::string CleanItem(absl::string_view item) {
  std::string text(absl::StripAsciiWhitespace(item));
  // Whitespace is already single in paragraph text; collapse anyway.
  std::string out;
  for (char c : text) {
    if (c == ' ' && !out.empty() && out.back() == ' ') {
      continue;
    }
    out.push_back(c);
  }
  for (bool changed = true; changed;) {
    changed = false;
    absl::string_view v(out);
    for (absl::string_view tail : {" and", " or"}) {
      if (absl::EndsWith(v, tail)) {
        out.resize(out.size() - tail.size());
        changed = true;
        break;
      }
    }
    while (!out.empty() &&
           (out.back() == ';' || out.back() == ',' || out.back() == ' ')) {
      out.pop_back();
      changed = true;
    }
  }
  return out;
}

// The first country or collective addressee named in `sentence`.
std::string NamedAddressee(absl::string_view sentence,
                           const ExtractionContext& context,
                           const RecommendationCues& cues) {
  size_t best_pos = absl::string_view::npos;
  std::string best;
  for (const auto& [phrase, value] : cues.addressees) {
    size_t pos = FindPhrase(sentence, phrase);
    if (pos < best_pos) {
      best_pos = pos;
      best = value;
    }
  }
  for (size_t i = 0; i < sentence.size() && i < best_pos; ++i) {
    if ((i > 0 && sentence[i - 1] != ' ') || !IsUpper(sentence[i])) {
      continue;
    }
    size_t end = 0;
    std::string code = CountryAt(sentence, i, context, &end);
    if (!code.empty()) {
      return code;
    }
  }
  return best;
}

std::string HeadingCountry(absl::string_view path,
                           const ExtractionContext& context) {
  std::vector<absl::string_view> headings =
      absl::StrSplit(path, " \xE2\x80\xBA ");
  for (auto it = headings.rbegin(); it != headings.rend(); ++it) {
    absl::string_view h = absl::StripAsciiWhitespace(*it);
    size_t space = h.find(' ');
    if (space != absl::string_view::npos && space <= 6 &&
        (h[space - 1] == '.' || h[space - 1] == ')')) {
      h = h.substr(space + 1);
    }
    size_t paren = h.find('(');
    if (paren != absl::string_view::npos) {
      h = h.substr(0, paren);
    }
    h = absl::StripAsciiWhitespace(h);
    if (!h.empty() && context.country_code) {
      std::string code = context.country_code(h);
      if (!code.empty()) {
        return code;
      }
    }
  }
  return "";
}

std::string DocumentCountry(const ExtractionContext& context) {
  return context.document_countries.empty()
             ? ""
             : context.document_countries.front();
}

// ISO3 codes of the countries named in a bracket, or none when any part is
// not a country ("(No. 118)", "(Social Security)").
std::vector<std::string> BracketCountries(absl::string_view inside,
                                          const ExtractionContext& context) {
  std::vector<std::string> codes;
  for (absl::string_view part : absl::StrSplit(inside, ',')) {
    part = absl::StripAsciiWhitespace(part);
    absl::ConsumePrefix(&part, "and ");
    if (part.empty()) {
      return {};
    }
    std::string code = context.country_code(part);
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
      std::string c = context.country_code(absl::StripAsciiWhitespace(piece));
      if (c.empty()) {
        return {};
      }
      codes.push_back(c);
    }
  }
  return codes;
}

// Sets *last_end past the last bracket of States (0 when none).
std::vector<std::string> RecommendingStates(absl::string_view item,
                                            const ExtractionContext& context,
                                            size_t* last_end) {
  std::vector<std::string> states;
  *last_end = 0;
  if (!context.country_code) {
    return states;
  }
  size_t pos = 0;
  while ((pos = item.find('(', pos)) != absl::string_view::npos) {
    size_t close = item.find(')', pos);
    if (close == absl::string_view::npos) {
      break;
    }
    absl::string_view inside = item.substr(pos + 1, close - pos - 1);
    if (inside.find('(') != absl::string_view::npos) {
      ++pos;  // nested: look at the inner bracket
      continue;
    }
    std::vector<std::string> codes = BracketCountries(inside, context);
    if (!codes.empty()) {
      *last_end = close + 1;
    }
    for (std::string& code : codes) {
      if (std::find(states.begin(), states.end(), code) == states.end()) {
        states.push_back(std::move(code));
      }
    }
    pos = close + 1;
  }
  return states;
}

}  // namespace

absl::StatusOr<RecommendationCues> ParseRecommendationCues(
    absl::string_view tsv) {
  RecommendationCues cues;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(tsv, '\n')) {
    ++line_number;
    absl::ConsumeSuffix(&line, "\r");
    if (absl::StripAsciiWhitespace(line).empty() ||
        absl::StartsWith(line, "#")) {
      continue;
    }
    std::vector<std::string> fields = absl::StrSplit(line, '\t');
    auto error = [&](absl::string_view what) {
      return absl::InvalidArgumentError(absl::StrCat(
          "recommendation_cues.tsv line ", line_number, ": ", what));
    };
    if (fields.size() < 2 || fields[1].empty()) {
      return error("expected kind<TAB>phrase");
    }
    const std::string& kind = fields[0];
    std::string phrase(absl::StripAsciiWhitespace(fields[1]));
    if (kind == "cue") {
      cues.cues.push_back(phrase);
    } else if (kind == "weak_cue") {
      cues.weak_cues.push_back(phrase);
    } else if (kind == "modal") {
      cues.modals.push_back(phrase);
    } else if (kind == "addressee") {
      if (fields.size() < 3 || fields[2].empty()) {
        return error("addressee needs a value");
      }
      cues.addressees.push_back(
          {phrase, std::string(absl::StripAsciiWhitespace(fields[2]))});
    } else {
      return error(absl::StrCat("unknown kind \"", kind, "\""));
    }
  }
  return cues;
}

std::vector<TextRecommendation> FindRecommendations(
    const ReportText& report, const ExtractionContext& context,
    const RecommendationCues& cues, std::vector<TextWarning>* warnings) {
  std::vector<TextRecommendation> out;
  for (const TextParagraph& p : report.paragraphs) {
    absl::string_view text(p.text);
    std::optional<List> list = FirstList(text);
    if (!list) {
      continue;
    }
    absl::string_view lead =
        absl::StripAsciiWhitespace(text.substr(0, list->lead_end));
    std::vector<absl::string_view> sentences = SplitSentences(lead);
    if (sentences.empty()) {
      continue;
    }
    absl::string_view lead_sentence = sentences.back();
    bool recommends = HasAny(lead_sentence, cues.cues) ||
                      (HasAny(lead_sentence, cues.weak_cues) &&
                       HasAny(lead_sentence, cues.modals));
    if (!recommends) {
      continue;
    }

    std::string addressee = NamedAddressee(lead_sentence, context, cues);
    if (addressee.empty()) {
      addressee = HeadingCountry(p.section, context);
    }
    if (addressee.empty()) {
      // "The country in question should", or no one named: a report about
      // a country recommends to it.
      addressee = DocumentCountry(context);
    }

    std::vector<TextRecommendation> items;
    bool any_states = false;
    for (size_t k = 0; k < list->items.size(); ++k) {
      const Item& item = list->items[k];
      TextRecommendation r;
      r.paragraph = p.number;
      r.item = static_cast<int>(k) + 1;
      r.text = CleanItem(text.substr(item.begin, item.end - item.begin));
      size_t states_end = 0;
      r.recommended_by = RecommendingStates(r.text, context, &states_end);
      if (!r.recommended_by.empty() && states_end < r.text.size()) {
        // An item ends with its States; words after them were displaced by
        // the PDF extraction ("(Kazakhstan); public").
        std::string rest =
            CleanItem(absl::string_view(r.text).substr(states_end));
        if (!rest.empty() && rest != ".") {
          warnings->push_back(
              {absl::StrCat("recommendation ", r.paragraph, ".", r.item,
                            ": text after the recommending States dropped: \"",
                            rest, "\""),
               p.line});
          r.text = CleanItem(absl::string_view(r.text).substr(0, states_end));
        }
      }
      if (!r.recommended_by.empty()) {
        any_states = true;
        std::string reviewed = DocumentCountry(context);
        r.addressee = reviewed.empty() ? addressee : reviewed;
      } else {
        r.addressee = addressee;
      }
      if (r.text.empty()) {
        continue;
      }
      items.push_back(std::move(r));
    }
    for (TextRecommendation& r : items) {
      if (any_states && r.recommended_by.empty()) {
        warnings->push_back(
            {absl::StrCat("recommendation ", r.paragraph, ".", r.item,
                          " names no recommending State"),
             p.line});
      }
      if (r.addressee.empty()) {
        warnings->push_back({absl::StrCat("recommendation ", r.paragraph, ".",
                                          r.item, " has no known addressee"),
                             p.line});
      }
      out.push_back(std::move(r));
    }
  }
  return out;
}

}  // namespace rapporteur::ingest
