#include "lib/extraction/communications.h"

#include <algorithm>
#include <array>
#include <optional>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "lib/extraction/visits.h"

namespace rapporteur::ingest {
namespace {

// The sentence grammar of a communication; not a vocabulary of names.
constexpr std::array<absl::string_view, 12> kNouns = {"communication",
                                                      "communications",
                                                      "urgent appeal",
                                                      "urgent appeals",
                                                      "letter of allegation",
                                                      "letters of allegation",
                                                      "allegation letter",
                                                      "allegation letters",
                                                      "letter",
                                                      "letters",
                                                      "appeal",
                                                      "appeals"};
constexpr std::array<absl::string_view, 5> kSendVerbs = {
    "sent", "transmitted", "addressed", "send", "transmit"};
constexpr std::array<absl::string_view, 8> kDenials = {
    "no communication",  "no communications", "no urgent appeal",
    "no urgent appeals", "no letter",         "no letters",
    "not sent",          "not been sent"};
// Checked before kReplied: "has not replied" contains "replied".
constexpr std::array<absl::string_view, 12> kNoReply = {
    "did not reply",     "did not respond",  "has not replied",
    "had not replied",   "have not replied", "has not responded",
    "had not responded", "not yet replied",  "no reply",
    "no response",       "without reply",    "not received a reply"};
constexpr std::array<absl::string_view, 8> kReplied = {"replied",
                                                       "responded",
                                                       "reply was received",
                                                       "response was received",
                                                       "received a reply",
                                                       "received a response",
                                                       "in its reply",
                                                       "in its response"};

template <size_t N>
size_t FindAny(absl::string_view text,
               const std::array<absl::string_view, N>& phrases) {
  size_t best = absl::string_view::npos;
  for (absl::string_view p : phrases) {
    best = std::min(best, FindPhrase(text, p));
  }
  return best;
}

bool SaysSent(absl::string_view sentence) {
  return FindAny(sentence, kNouns) != absl::string_view::npos &&
         FindAny(sentence, kSendVerbs) != absl::string_view::npos &&
         FindAny(sentence, kDenials) == absl::string_view::npos;
}

std::string DocumentCountry(const ExtractionContext& context) {
  return context.document_countries.empty()
             ? ""
             : context.document_countries.front();
}

std::string Recipient(absl::string_view sentence,
                      const ExtractionContext& context) {
  size_t end = 0;
  size_t gov = FindPhrase(sentence, "Government of");
  if (gov != absl::string_view::npos) {
    std::string code =
        CountryAt(sentence, gov + sizeof("Government of") - 1, context, &end);
    if (!code.empty()) {
      return code;
    }
  }
  size_t verb = FindAny(sentence, kSendVerbs);
  for (size_t i = verb; i < sentence.size(); ++i) {
    bool word_start =
        i == 0 || sentence[i - 1] == ' ' || sentence[i - 1] == '(';
    if (!word_start ||
        !absl::ascii_isupper(static_cast<unsigned char>(sentence[i]))) {
      continue;
    }
    std::string code = CountryAt(sentence, i, context, &end);
    if (!code.empty()) {
      return code;
    }
  }
  return DocumentCountry(context);
}

ReplyKind ReplyIn(absl::string_view text) {
  if (FindAny(text, kNoReply) != absl::string_view::npos) {
    return ReplyKind::kNone;
  }
  if (FindAny(text, kReplied) != absl::string_view::npos) {
    return ReplyKind::kReceived;
  }
  return ReplyKind::kUnknown;
}

}  // namespace

std::vector<TextCommunication> FindCommunications(
    const ReportText& report, const ExtractionContext& context,
    std::vector<TextWarning>* warnings) {
  std::vector<TextCommunication> out;
  for (const TextParagraph& p : report.paragraphs) {
    std::vector<absl::string_view> sentences = SplitSentences(p.text);
    for (size_t k = 0; k < sentences.size(); ++k) {
      if (!SaysSent(sentences[k])) {
        continue;
      }
      TextCommunication c;
      c.paragraph = p.number;
      c.summary = std::string(sentences[k]);
      c.recipient = Recipient(sentences[k], context);
      if (auto date = FindDateRange(sentences[k], context.document_date)) {
        c.sent = date->start;
      } else {
        warnings->push_back(
            {absl::StrCat("communication without a date of sending",
                          p.number != 0
                              ? absl::StrCat(" (paragraph ", p.number, ")")
                              : std::string()),
             p.line});
      }
      // The reply is told after the sending, before the next one.
      size_t last = k + 1;
      while (last < sentences.size() && !SaysSent(sentences[last])) {
        ++last;
      }
      const char* from = sentences[k].data();
      const char* to = sentences[last - 1].data() + sentences[last - 1].size();
      c.reply =
          ReplyIn(absl::string_view(from, static_cast<size_t>(to - from)));
      out.push_back(std::move(c));
    }
  }
  return out;
}

}  // namespace rapporteur::ingest
