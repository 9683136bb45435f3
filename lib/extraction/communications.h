#ifndef RAPPORTEUR_LIB_EXTRACTION_COMMUNICATIONS_H_
#define RAPPORTEUR_LIB_EXTRACTION_COMMUNICATIONS_H_

#include <vector>

#include "lib/extraction/extraction_context.h"
#include "lib/extraction/records.h"
#include "lib/extraction/report_text.h"

namespace rapporteur::ingest {

// Communications the report's author sent to a Government: one record per
// sentence that says one or more were sent ("On 22 February 2007, the
// Special Rapporteur sent one communication to the Government of X ...",
// "... transmitted an urgent appeal to the Government on 3 May 2008").
//
// A sentence counts when it names a communication (communication, urgent
// appeal, letter of allegation, allegation letter, joint letter, letter,
// appeal) and a sending verb (sent, transmitted, addressed), and does not
// deny it ("no communications were sent").
//  - sent: the first date of the sentence; a date without a year takes it
//    from context.document_date. Without a date the record is kept with
//    `sent` empty and a warning.
//  - recipient: the country after "Government of" or the first country named
//    after the verb; "the Government" or "the authorities" alone, or no
//    country at all, mean the document's first country.
//  - summary: the sentence, whitespace as in the paragraph text.
//  - reply: read in the rest of the paragraph up to the next sending
//    sentence: "did not reply", "no reply", "has not responded"... give
//    kNone; "replied", "responded", "a reply was received"... give
//    kReceived; otherwise kUnknown.
std::vector<TextCommunication> FindCommunications(
    const ReportText& report, const ExtractionContext& context,
    std::vector<TextWarning>* warnings);

}  // namespace rapporteur::ingest

#endif  // RAPPORTEUR_LIB_EXTRACTION_COMMUNICATIONS_H_
