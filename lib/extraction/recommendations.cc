#include "lib/extraction/recommendations.h"

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "lib/extraction/prose_recommendations.h"
#include "lib/extraction/upr_lists.h"
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

// "(a) ... (b) ..." or "a) ... b) ...": letters in order, each at a word
// start. An item ends at the next marker, or at the end of its sentence when
// a new sentence comes first ("... of expression. While noting ...,
// Switzerland recommended d) that it ...").
std::optional<List> LetteredList(absl::string_view text) {
  List list;
  std::vector<std::pair<size_t, size_t>> markers;
  size_t from = 0;
  for (char letter = 'a'; letter <= 'z'; ++letter) {
    size_t best = absl::string_view::npos;
    size_t best_size = 0;
    for (const std::string& marker :
         {absl::StrCat("(", std::string(1, letter), ") "),
          absl::StrCat(std::string(1, letter), ") ")}) {
      size_t pos = from;
      while ((pos = text.find(marker, pos)) != absl::string_view::npos) {
        if (pos == 0 || text[pos - 1] == ' ') {
          break;
        }
        ++pos;
      }
      if (pos < best) {
        best = pos;
        best_size = marker.size();
      }
    }
    if (best == absl::string_view::npos) {
      break;
    }
    markers.push_back({best, best + best_size});
    from = best + best_size;
  }
  if (markers.size() < 2) {
    return std::nullopt;
  }
  list.lead_end = markers.front().first;
  for (size_t k = 0; k < markers.size(); ++k) {
    size_t end = SentenceEnd(text, markers[k].second);
    if (k + 1 < markers.size()) {
      end = std::min(end, markers[k + 1].first);
    }
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

// Whether `text` has a letter outside its brackets.
bool HasWordsOutsideBrackets(absl::string_view text) {
  int depth = 0;
  for (char c : text) {
    if (c == '(') {
      ++depth;
    } else if (c == ')' && depth > 0) {
      --depth;
    } else if (depth == 0 && absl::ascii_isalpha(c)) {
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

// The first country named in `text` before byte `until`, at a capitalized
// word, other than `except`; "" when none.
std::string FirstCountry(absl::string_view text,
                         const ExtractionContext& context,
                         size_t until = absl::string_view::npos,
                         absl::string_view except = "") {
  if (!context.country_code) {
    return "";
  }
  for (size_t i = 0; i < text.size() && i < until; ++i) {
    if ((i > 0 && text[i - 1] != ' ') || !IsUpper(text[i])) {
      continue;
    }
    size_t end = 0;
    std::string code = CountryAt(text, i, context, &end);
    if (!code.empty() && code != except) {
      return code;
    }
  }
  return "";
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
  std::string code = FirstCountry(sentence, context, best_pos);
  return code.empty() ? best : code;
}

bool InRecommendationsSection(absl::string_view path) {
  std::string lower(path);
  absl::AsciiStrToLower(&lower);
  return lower.find("recommendations") != std::string::npos;
}

// The State speaking in a dialogue paragraph's lead-in: the first country
// named before its last "recommend" other than `addressee` ("Canada
// recommended Saudi Arabia: (a) ...", "Italy noted ... It recommended that
// Saudi Arabia: (a) ..."); "" when none.
std::string SpeakerOf(absl::string_view sentence,
                      const ExtractionContext& context,
                      absl::string_view addressee) {
  return FirstCountry(sentence, context,
                      absl::AsciiStrToLower(sentence).rfind("recommend"),
                      addressee);
}

// The dialogue points that paragraphs of the conclusions answer by
// reference, with their answer.
std::map<std::pair<int, int>, RecommendationResponse> AnsweredPoints(
    const ReportText& report) {
  std::map<std::pair<int, int>, RecommendationResponse> answered;
  for (const TextParagraph& p : report.paragraphs) {
    if (!InRecommendationsSection(p.section)) {
      continue;
    }
    const RecommendationResponse response = ResponseOfLeadIn(p.text);
    if (response == RecommendationResponse::kUnspecified) {
      continue;
    }
    for (const PointReference& point : PointsReferenced(p.text)) {
      answered.emplace(std::make_pair(point.paragraph, point.point), response);
    }
  }
  return answered;
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

// Whether the subject of a sentence is "it" or "they", which stand for
// whom the paragraph named before.
bool EndsWithPronoun(absl::string_view subject) {
  const size_t space = subject.find_last_of(' ');
  const absl::string_view last =
      space == absl::string_view::npos ? subject : subject.substr(space + 1);
  return absl::EqualsIgnoreCase(last, "it") ||
         absl::EqualsIgnoreCase(last, "they");
}

// The recommendations of a paragraph without a list, one a sentence
// (prose_recommendations.h). Addressed to whom the request names first,
// else as a list's items are; made by the State the subject names, if any
// ("Nicaragua recommended that Saudi Arabia consider ...").
std::vector<TextRecommendation> ProseRecommendationsOf(
    const TextParagraph& p, const ExtractionContext& context,
    const RecommendationCues& cues, const std::string& reviewed_state,
    std::vector<TextWarning>* warnings) {
  std::vector<TextRecommendation> found;
  for (const ProseRecommendation& prose : FindProseRecommendations(p.text)) {
    TextRecommendation r;
    r.paragraph = p.number;
    r.item = static_cast<int>(found.size()) + 1;
    r.text = CleanItem(prose.sentence);
    r.addressee = NamedAddressee(prose.request, context, cues);
    if (r.addressee.empty()) r.addressee = HeadingCountry(p.section, context);
    if (r.addressee.empty()) {
      r.addressee =
          reviewed_state.empty() ? DocumentCountry(context) : reviewed_state;
    }
    std::string by = FirstCountry(prose.subject, context);
    if (by.empty() && EndsWithPronoun(prose.subject) && context.country_code) {
      // "Italy noted ... It recommended that ...": the State the paragraph
      // opens with, as a speaker of the dialogue.
      size_t end = 0;
      by = CountryAt(p.text, 0, context, &end);
    }
    if (!by.empty() && by != r.addressee) {
      r.recommended_by.push_back(std::move(by));
    }
    if (r.addressee.empty()) {
      warnings->push_back({absl::StrCat("recommendation ", r.paragraph, ".",
                                        r.item, " has no known addressee"),
                           p.line});
    }
    found.push_back(std::move(r));
  }
  return found;
}

// Sets *last_end past the last bracket of States (0 when none).
std::vector<std::string> RecommendingStates(absl::string_view item,
                                            const ExtractionContext& context,
                                            size_t* last_end) {
  return RecommendingStatesOf(item, context.country_code, last_end);
}

// States an item names as its authors in words, for an item without a
// bracket of States: "With regard to the recommendation of Switzerland
// reflected in paragraph 35 above, ...".
std::vector<std::string> StatesNamedInWords(absl::string_view item,
                                            const ExtractionContext& context) {
  std::vector<std::string> states;
  if (!context.country_code) {
    return states;
  }
  for (absl::string_view phrase :
       {"recommendation of", "recommendations of", "recommended by",
        "proposal of", "suggestion of"}) {
    for (size_t pos = FindPhrase(item, phrase); pos != absl::string_view::npos;
         pos = FindPhrase(item, phrase, pos + 1)) {
      size_t name = pos + phrase.size();
      while (name < item.size() && item[name] == ' ') {
        ++name;
      }
      size_t end = 0;
      std::string code = CountryAt(item, name, context, &end);
      if (!code.empty() &&
          std::find(states.begin(), states.end(), code) == states.end()) {
        states.push_back(std::move(code));
      }
    }
  }
  return states;
}

// The State a Universal Periodic Review report reviews, as its introduction
// names it ("The review of Bahrain was held at the 1st meeting"): the
// first country after "the review of" or "the report on"; "" when none.
std::string ReviewedState(const ReportText& report,
                          const ExtractionContext& context) {
  if (!context.country_code) {
    return "";
  }
  for (const TextParagraph& p : report.paragraphs) {
    absl::string_view text(p.text);
    for (absl::string_view phrase : {"the review of", "the report on"}) {
      for (size_t pos = FindPhrase(text, phrase);
           pos != absl::string_view::npos;
           pos = FindPhrase(text, phrase, pos + 1)) {
        size_t name = pos + phrase.size();
        while (name < text.size() && text[name] == ' ') {
          ++name;
        }
        size_t end = 0;
        std::string code = CountryAt(text, name, context, &end);
        if (!code.empty()) {
          return code;
        }
      }
    }
  }
  return "";
}

// A UPR list's response when its lead-in states none: a later paragraph of
// the same section may announce that the answers come later ("The response
// of the Philippines to these recommendations will be included in the
// outcome report").
RecommendationResponse LaterResponse(const ReportText& report, size_t index) {
  const TextParagraph& p = report.paragraphs[index];
  for (size_t j = index + 1; j < report.paragraphs.size() && j <= index + 3;
       ++j) {
    if (report.paragraphs[j].section != p.section) {
      break;
    }
    if (AnnouncesLaterResponse(report.paragraphs[j].text)) {
      return RecommendationResponse::kToBeExamined;
    }
  }
  return RecommendationResponse::kUnspecified;
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
    } else if (kind == "not_cue") {
      cues.not_cues.push_back(phrase);
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
  std::vector<bool> in_conclusions;   // parallel to `out`
  std::vector<std::string> speakers;  // parallel to `out`: dialogue points'
  // Items with recommending States are addressed to the State under
  // review: the document's country, else the one its introduction names.
  const std::string reviewed_state = DocumentCountry(context).empty()
                                         ? ReviewedState(report, context)
                                         : DocumentCountry(context);
  // A UPR list continued in a paragraph of its own (after a page break the
  // text parser could not bridge) keeps the response and addressee of the
  // list it continues.
  RecommendationResponse last_response = RecommendationResponse::kUnspecified;
  std::string last_reviewed;
  for (size_t index = 0; index < report.paragraphs.size(); ++index) {
    const TextParagraph& p = report.paragraphs[index];
    absl::string_view text(p.text);
    // A Universal Periodic Review list numbers its items under the
    // paragraph ("90.1."); that numbering wins over any list inside them.
    std::vector<UprList> lists = FindUprLists(text, p.number);
    const bool upr = !lists.empty();
    if (!upr) {
      std::optional<List> generic = FirstList(text);
      if (!generic) {
        for (TextRecommendation& r : ProseRecommendationsOf(
                 p, context, cues, reviewed_state, warnings)) {
          in_conclusions.push_back(InRecommendationsSection(p.section));
          speakers.emplace_back();
          out.push_back(std::move(r));
        }
        continue;
      }
      UprList numbered;  // by position, 1..n
      numbered.paragraph = p.number;
      for (size_t k = 0; k < generic->items.size(); ++k) {
        numbered.items.push_back(
            {k == 0 ? generic->lead_end : 0, generic->items[k].begin,
             generic->items[k].end, static_cast<int>(k) + 1});
      }
      lists.push_back(std::move(numbered));
    }
    for (const UprList& current : lists) {
      std::optional<List> list(List{});
      list->lead_end = current.items.front().marker;
      for (const UprItem& item : current.items) {
        list->items.push_back({item.begin, item.end});
      }
      const std::vector<UprItem> no_items;
      const std::vector<UprItem>& upr_items = upr ? current.items : no_items;
      const int list_paragraph = current.paragraph;
      absl::string_view lead = absl::StripAsciiWhitespace(
          text.substr(current.lead_begin, list->lead_end - current.lead_begin));
      std::vector<absl::string_view> sentences = SplitSentences(lead);
      absl::string_view lead_sentence =
          sentences.empty() ? absl::string_view() : sentences.back();
      bool recommends = HasAny(lead_sentence, cues.cues) ||
                        (HasAny(lead_sentence, cues.weak_cues) &&
                         HasAny(lead_sentence, cues.modals));
      if (!upr_items.empty() && InRecommendationsSection(p.section)) {
        // A list continued from the previous page may have no lead-in.
        recommends = true;
      }
      // "offers the following comments", "announced the following voluntary
      // commitments": lists about recommendations that are not any.
      if (HasAny(lead_sentence, cues.not_cues)) {
        recommends = false;
      }
      if (!recommends) {
        continue;
      }
      RecommendationResponse response = ResponseOfLeadIn(lead);
      if (response == RecommendationResponse::kUnspecified) {
        response = LaterResponse(report, index);
      }
      const bool continued = !upr_items.empty() && lead.empty();
      if (continued && response == RecommendationResponse::kUnspecified) {
        response = last_response;
      }

      std::string addressee = NamedAddressee(lead_sentence, context, cues);
      if (addressee.empty() && continued) {
        addressee = last_reviewed;
      }
      if (addressee.empty()) {
        addressee = HeadingCountry(p.section, context);
      }
      if (addressee.empty()) {
        // "The country in question should", or no one named: a report about
        // a country recommends to it.
        addressee =
            reviewed_state.empty() ? DocumentCountry(context) : reviewed_state;
      }

      std::vector<TextRecommendation> items;
      bool any_states = false;
      for (size_t k = 0; k < list->items.size(); ++k) {
        const Item& item = list->items[k];
        TextRecommendation r;
        r.paragraph = upr_items.empty() ? p.number : list_paragraph;
        r.item =
            upr_items.empty() ? static_cast<int>(k) + 1 : upr_items[k].number;
        r.text = CleanItem(text.substr(item.begin, item.end - item.begin));
        if (!upr_items.empty() || InRecommendationsSection(p.section)) {
          r.text = CleanItem(WithoutQuotedNotes(r.text));
        }
        size_t states_end = 0;
        r.recommended_by = RecommendingStates(r.text, context, &states_end);
        if (!r.recommended_by.empty() && states_end < r.text.size()) {
          // An item ends with its States; words after them were displaced by
          // the PDF extraction ("(Kazakhstan); public").
          std::string rest =
              CleanItem(absl::string_view(r.text).substr(states_end));
          const absl::string_view states =
              absl::string_view(r.text).substr(0, states_end);
          if (!rest.empty() && rest != "." &&
              !HasWordsOutsideBrackets(states)) {
            // Nothing but the States before them: reading order put the
            // item's words after its States ("103.51. (Iraq); Repeal any
            // law ..."), which still end it.
            r.text = CleanItem(absl::StrCat(
                absl::StripLeadingAsciiWhitespace(absl::StripPrefix(
                    absl::StripLeadingAsciiWhitespace(rest), ";")),
                " ", CleanItem(states)));
          } else if (!rest.empty() && rest != ".") {
            warnings->push_back(
                {absl::StrCat(
                     "recommendation ", r.paragraph, ".", r.item,
                     ": text after the recommending States dropped: \"", rest,
                     "\""),
                 p.line});
            r.text = CleanItem(absl::string_view(r.text).substr(0, states_end));
          }
        }
        if (r.recommended_by.empty()) {
          r.recommended_by = StatesNamedInWords(r.text, context);
        }
        if (!r.recommended_by.empty()) {
          any_states = true;
          r.addressee = reviewed_state.empty() ? addressee : reviewed_state;
        } else {
          r.addressee = addressee;
        }
        if (r.text.empty()) {
          continue;
        }
        items.push_back(std::move(r));
      }
      if (any_states || !upr_items.empty()) {
        last_response = response;
        last_reviewed = reviewed_state.empty() ? addressee : reviewed_state;
      }
      for (TextRecommendation& r : items) {
        // Responses are those of a State under review to the States that
        // recommended: lists naming none are not UPR lists.
        if (any_states || !upr_items.empty()) {
          r.response = response;
        }
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
        in_conclusions.push_back(InRecommendationsSection(p.section));
        speakers.push_back(in_conclusions.back()
                               ? ""
                               : SpeakerOf(lead, context,
                                           reviewed_state.empty()
                                               ? addressee
                                               : reviewed_state));
        out.push_back(std::move(r));
      }
    }
  }
  // A Universal Periodic Review report lists its recommendations, with the
  // States that made them, in its conclusions; the lettered points of the
  // dialogue summary before them only report what was said.
  bool upr_conclusions = false;
  for (size_t i = 0; i < out.size(); ++i) {
    upr_conclusions = upr_conclusions ||
                      (in_conclusions[i] && !out[i].recommended_by.empty());
  }
  // Unless the conclusions answer them by where they stand ("the
  // recommendations contained in paragraphs 44 (e), 54 (b) ... do not enjoy
  // the support of"): then those points are recommendations of the State
  // that made them, with that answer.
  if (upr_conclusions) {
    const std::map<std::pair<int, int>, RecommendationResponse> answered =
        AnsweredPoints(report);
    std::vector<TextRecommendation> kept;
    for (size_t i = 0; i < out.size(); ++i) {
      TextRecommendation& r = out[i];
      if (!in_conclusions[i]) {
        const auto it = answered.find({r.paragraph, r.item});
        if (it == answered.end() || speakers[i].empty()) {
          continue;
        }
        r.response = it->second;
        r.recommended_by = {speakers[i]};
        if (!reviewed_state.empty()) {
          r.addressee = reviewed_state;
        }
      }
      kept.push_back(std::move(r));
    }
    out = std::move(kept);
  }
  return out;
}

}  // namespace rapporteur::ingest
