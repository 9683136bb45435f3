#ifndef RAPPORTEUR_LIB_EXTRACTION_RECORDS_H_
#define RAPPORTEUR_LIB_EXTRACTION_RECORDS_H_

// The facts extracted from a report, as plain structs: the annotators
// produce them from a ReportText without knowing the wire format, and
// document_builder.cc turns them into the messages of document.proto
// (whose JSON names are the public contract).

#include <string>
#include <vector>

namespace rapporteur::ingest {

enum class ReferenceKind { kDocument, kResolution, kDecision };

// A UN document or resolution cited in text or notes.
struct TextReference {
  std::string symbol;  // "A/HRC/4/15", "WFP/EB.2/2007/5-F/1"; "62/167" for
                       // a resolution
  ReferenceKind kind = ReferenceKind::kDocument;
  std::vector<int> paragraphs;  // paragraph numbers citing it (0: unnumbered)
  std::vector<int> footnotes;   // note numbers citing it
};

// What a footnote cites and repeats.
struct FootnoteLinks {
  int number = 0;
  std::vector<std::string> cites;  // symbols named in the note
  int same_as = 0;                 // "Ibid." / "see note N above"; 0: none
};

// What the State under review answered to a recommendation (Universal
// Periodic Review lists; kUnspecified elsewhere).
enum class RecommendationResponse {
  kUnspecified,
  kSupported,     // "enjoy the support of"
  kNoted,         // "noted"
  kRejected,      // "did not enjoy the support of"
  kToBeExamined,  // "will be examined by", answered later
};

struct TextRecommendation {
  int paragraph = 0;      // paragraph number
  int item = 0;           // position in its list, from 1
  std::string addressee;  // ISO3, or "international community"
  std::vector<std::string> recommended_by;  // ISO3 codes (UPR lists)
  std::string text;
  std::vector<std::string> themes;
  RecommendationResponse response = RecommendationResponse::kUnspecified;
};

enum class ReplyKind { kNone, kReceived, kUnknown };

struct TextCommunication {
  int paragraph = 0;
  std::string sent;       // YYYY-MM-DD
  std::string recipient;  // ISO3
  std::string summary;
  ReplyKind reply = ReplyKind::kUnknown;
};

struct TextVisit {
  int paragraph = 0;
  std::string country;  // ISO3
  std::string start;    // YYYY-MM-DD
  std::string end;      // YYYY-MM-DD
};

struct TextFigure {
  int paragraph = 0;
  double value = 0;         // normalized: "1.9 million" is 1900000
  std::string unit;         // USD, KPW, tonne, percent, person, year, ...
  std::string subject;      // what is counted
  std::string period;       // "2007", "2005-2006", a date, or ""
  std::string source_text;  // the words stating it: "890,000 metric tons"
};

enum class EntityKind { kCountry, kUnBody, kTreaty, kPlace };

struct TextEntity {
  std::string id;  // "PRK", "WFP", "ICCPR", or a place's name
  EntityKind kind = EntityKind::kCountry;
  std::string name;             // usual name
  std::vector<int> paragraphs;  // paragraph numbers naming it (0: unnumbered)
};

}  // namespace rapporteur::ingest

#endif  // RAPPORTEUR_LIB_EXTRACTION_RECORDS_H_
