#ifndef RAPPORTEUR_TESTS_INTEGRATION_CASE_SAMPLES_H_
#define RAPPORTEUR_TESTS_INTEGRATION_CASE_SAMPLES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "rapporteur/v1/cases.pb.h"

namespace rapporteur::testing {

// Identifying values of the sample case, made up so that no other byte
// sequence of a test run holds them by chance: a search of raw files for
// one of them finds the case's own text or nothing.
inline constexpr char kVictimName[] = "Quillonvar Teshbrandt-Ozymel";
inline constexpr char kVictimAlias[] = "Zorwitten Okafrey";
inline constexpr char kVictimBirth[] = "1977-03-14";
inline constexpr char kVictimContact[] = "brother via +41-555-0199-837";
inline constexpr char kPerpetratorName[] = "Captain Hexbury Vantragol";
inline constexpr char kSourceName[] = "Mirelda Anquistoven";
inline constexpr char kTestimony[] =
    "I saw them take him from the Vrelmoor-9931 crossing at dawn.";
// Not identifying, so stored in clear: what a search of the files must
// find, showing that the search would see a name stored the same way.
inline constexpr char kEventTitle[] = "Ulvenstaad-4471 detention";

// The identifying values above, each as it would appear in a file.
std::vector<std::string> IdentifyingValues();

// A case with one victim (p1: name, alias, birth date, contact), one
// perpetrator (p2), one source (p3) and her testimony, an act of torture,
// linked to A/HRC/7/20 para. 49; of `confidentiality`, with `team` as its
// access list.
v1::Case SampleCase(v1::Confidentiality confidentiality,
                    const std::vector<std::string>& team);

// The identifying field paths of SampleCase, as the audit log names them.
std::vector<std::string> SampleCaseIdentifyingPaths();

// Every regular file under `dir` (recursively) whose bytes contain
// `needle`.
absl::StatusOr<std::vector<std::string>> FilesContaining(
    const std::string& dir, const std::string& needle);

// How many regular files there are under `dir`, and their total bytes.
struct TreeSize {
  int files = 0;
  uint64_t bytes = 0;
};
TreeSize SizeOfTree(const std::string& dir);

}  // namespace rapporteur::testing

#endif  // RAPPORTEUR_TESTS_INTEGRATION_CASE_SAMPLES_H_
