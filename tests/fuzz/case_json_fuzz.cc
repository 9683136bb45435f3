// libFuzzer target for the case JSON import path (`rapporteur cases create
// --file`): arbitrary bytes go through CaseFromJson, and a case that parses
// through ValidateCase. Besides crashes, leaks and sanitizer reports, it
// checks the promises callers rely on and traps (__builtin_trap) on a
// broken one, so that libFuzzer saves the input:
//  - every error is INVALID_ARGUMENT;
//  - a parsed case printed as JSON parses again to the same case, which
//    validates the same way;
//  - validation never looks at what an identifying value says beyond its
//    size and where its digits and dashes are (a birth date's shape), so
//    its verdict and message are the same with every identifying value
//    replaced by a stand-in of that shape: an error message, which the
//    services log, never quotes a name, alias, contact or testimony.
// Built and run by scripts/fuzz.

#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/message_differencer.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/string_view.h"
#include "lib/cases/identifying_fields.h"
#include "lib/cases/validation.h"
#include "rapporteur/v1/cases.pb.h"

namespace rapporteur::cases {
namespace {

void Check(bool ok, const char* invariant) {
  if (ok) return;
  std::fprintf(stderr, "case_json_fuzz: invariant broken: %s\n", invariant);
  __builtin_trap();
}

// `value` with its digits made 7, its dashes kept and every other byte made
// Q: the same size and date shape, none of its words.
std::string StandIn(const std::string& value) {
  std::string shape = value;
  for (char& c : shape) {
    if (absl::ascii_isdigit(static_cast<unsigned char>(c))) {
      c = '7';
    } else if (c != '-') {
      c = 'Q';
    }
  }
  return shape;
}

void CheckCase(const v1::Case& record) {
  const absl::Status valid = ValidateCase(record);
  Check(valid.ok() || valid.code() == absl::StatusCode::kInvalidArgument,
        "ValidateCase fails only with INVALID_ARGUMENT");

  v1::Case stood_in = record;
  RewriteIdentifying(&stood_in,
                     [](absl::string_view, const std::string& value) {
                       return StandIn(value);
                     });
  const absl::Status shaped = ValidateCase(stood_in);
  Check(shaped.code() == valid.code() && shaped.message() == valid.message(),
        "validation reads identifying values only for size and date shape");

  std::string json;
  if (!google::protobuf::util::MessageToJsonString(record, &json).ok()) {
    return;  // e.g. a string that is not UTF-8: nothing to print
  }
  absl::StatusOr<v1::Case> again = CaseFromJson(json);
  Check(again.ok(), "a case printed as JSON parses again");
  Check(google::protobuf::util::MessageDifferencer::Equals(record, *again),
        "a case printed as JSON parses again to the same case");
  Check(ValidateCase(*again) == valid, "the reparsed case validates the same");
}

}  // namespace
}  // namespace rapporteur::cases

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view json(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<rapporteur::v1::Case> record =
      rapporteur::cases::CaseFromJson(json);
  if (!record.ok()) {
    rapporteur::cases::Check(
        record.status().code() == absl::StatusCode::kInvalidArgument,
        "CaseFromJson fails only with INVALID_ARGUMENT");
    return 0;
  }
  rapporteur::cases::CheckCase(*record);
  return 0;
}
