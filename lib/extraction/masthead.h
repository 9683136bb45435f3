#ifndef RAPPORTEUR_LIB_EXTRACTION_MASTHEAD_H_
#define RAPPORTEUR_LIB_EXTRACTION_MASTHEAD_H_

#include <string>

#include "absl/strings/string_view.h"

namespace rapporteur::ingest {

// What the masthead of a UN document says of it.
struct Masthead {
  std::string symbol;  // "A/HRC/14/15"; "" when none is found
  std::string date;    // of issue ("Distr.: General" / "15 March 2010"),
                       // YYYY-MM-DD; "" when none is found
};

// Reads the masthead in the first lines of a report's text, plain or laid
// out in columns: the symbol is a line (or column) holding nothing but a
// UN document symbol; the date is the first full date ("15 March 2010")
// after the "Distr." line. Metadata given with a request wins over it.
Masthead ReadMasthead(absl::string_view text);

// "15 March 2010" as "2010-03-15"; "" when `text` is not such a date.
std::string ParseLongDate(absl::string_view text);

}  // namespace rapporteur::ingest

#endif  // RAPPORTEUR_LIB_EXTRACTION_MASTHEAD_H_
