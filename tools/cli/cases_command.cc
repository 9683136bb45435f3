// `rapporteur cases create|get|update|list|delete|audit|rotate-keys|keys`:
// confidential case records (CaseService), and their key files.
#include <sys/stat.h>

#include <fstream>
#include <iostream>
#include <sstream>

#include "absl/flags/declare.h"
#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/util/time_util.h"
#include "lib/cases/keyring.h"
#include "lib/cases/validation.h"
#include "tools/cli/client_flags.h"
#include "tools/cli/commands.h"

ABSL_DECLARE_FLAG(int, limit);
ABSL_DECLARE_FLAG(std::string, page_token);

ABSL_FLAG(std::string, file, "",
          "cases create|update: the case as protobuf JSON (rapporteur.v1.Case; "
          "- for standard input)");
ABSL_FLAG(std::string, case_id, "",
          "cases create: the id of the new case (cases/ID); default: picked");
ABSL_FLAG(std::string, update_mask, "",
          "cases update: fields to replace, comma-separated (persons,"
          "event.summary); default: all");
ABSL_FLAG(std::string, etag, "",
          "cases update|delete: only if the case's etag is still this");
ABSL_FLAG(std::string, person_name, "",
          "cases list: only cases recording a person of this exact name or "
          "alias");
ABSL_FLAG(std::string, paragraph, "",
          "cases list: only cases linked to this paragraph "
          "(documents/ID/paragraphs/N)");
ABSL_FLAG(std::string, audit_case, "", "cases audit: only this case's entries");
ABSL_FLAG(std::string, key_id, "",
          "cases keys new|rotate: the id of the new key-encryption key "
          "(default: the date and time)");
ABSL_FLAG(std::string, out, "",
          "cases keys: the key file to write (created with mode 0600; never "
          "overwritten)");

namespace rapporteur::cli {
namespace {

constexpr char kCasesUsage[] =
    "usage: rapporteur cases create --file=CASE.json [--case_id=ID]\n"
    "       rapporteur cases get cases/ID\n"
    "       rapporteur cases update cases/ID --file=CASE.json "
    "[--update_mask=F,F] [--etag=E]\n"
    "       rapporteur cases list [--person_name=N] [--paragraph=P] "
    "[--limit=N]\n"
    "       rapporteur cases delete cases/ID [--etag=E]\n"
    "       rapporteur cases audit [--audit_case=cases/ID]   (admin)\n"
    "       rapporteur cases rotate-keys                     (admin)\n"
    "       rapporteur cases keys new|rotate|retire --out=FILE "
    "[--case_keys=FILE] [--key_id=ID]\n";

int Usage() {
  std::cerr << kCasesUsage;
  return 2;
}

absl::StatusOr<std::string> ReadInput(const std::string& path) {
  if (path.empty()) {
    return absl::InvalidArgumentError("--file is required: the case as JSON");
  }
  std::stringstream text;
  if (path == "-") {
    text << std::cin.rdbuf();
  } else {
    std::ifstream in(path);
    if (!in) {
      return absl::NotFoundError(absl::StrCat("cannot read ", path));
    }
    text << in.rdbuf();
  }
  return text.str();
}

absl::StatusOr<v1::Case> CaseFromFile() {
  absl::StatusOr<std::string> json = ReadInput(absl::GetFlag(FLAGS_file));
  if (!json.ok()) {
    return json.status();
  }
  return cases::CaseFromJson(*json);
}

// One line of a listing: the name, the title, and whether identities show.
void PrintCaseLine(const v1::Case& record) {
  std::cout << record.name() << "  " << record.event().title() << "  ["
            << record.persons_size() << " persons, " << record.acts_size()
            << " acts" << (record.redacted() ? ", pseudonymized" : "") << "]\n";
}

// Writes a key file, readable by its owner only; never overwrites one.
int WriteKeyFile(const cases::Keyring& keys) {
  const std::string out = absl::GetFlag(FLAGS_out);
  if (out.empty()) {
    return Fail(
        absl::InvalidArgumentError("--out is required: the key file to write"));
  }
  struct stat info;
  if (stat(out.c_str(), &info) == 0) {
    return Fail(absl::AlreadyExistsError(
        absl::StrCat(out, " exists; key files are never overwritten")));
  }
  const mode_t previous = umask(077);
  std::ofstream file(out);
  file << keys.ToText();
  file.close();
  umask(previous);
  if (!file) {
    return Fail(absl::InternalError(absl::StrCat("cannot write ", out)));
  }
  std::cout << "wrote " << out << " (current key " << keys.current_key_id()
            << ")\n";
  return 0;
}

int RunKeys(const std::vector<std::string>& args) {
  if (args.size() != 2) {
    return Usage();
  }
  std::string key_id = absl::GetFlag(FLAGS_key_id);
  if (key_id.empty()) {
    key_id =
        absl::FormatTime("%Y%m%d-%H%M%S", absl::Now(), absl::UTCTimeZone());
  }
  if (args[1] == "new") {
    absl::StatusOr<cases::Keyring> keys = cases::Keyring::Generate(key_id);
    return keys.ok() ? WriteKeyFile(*keys) : Fail(keys.status());
  }
  if (args[1] != "rotate" && args[1] != "retire") {
    return Usage();
  }
  absl::StatusOr<std::optional<cases::Keyring>> current =
      cases::ConfiguredKeyring(absl::GetFlag(FLAGS_case_keys));
  if (!current.ok()) {
    return Fail(current.status());
  }
  if (!current->has_value()) {
    return Fail(absl::InvalidArgumentError(
        "--case_keys (or RAPPORTEUR_CASE_KEYS) names the keys to change"));
  }
  if (args[1] == "retire") {
    return WriteKeyFile((*current)->Retired());
  }
  absl::StatusOr<cases::Keyring> rotated = (*current)->Rotated(key_id);
  return rotated.ok() ? WriteKeyFile(*rotated) : Fail(rotated.status());
}

}  // namespace

int RunCases(const std::vector<std::string>& args) {
  if (args.empty()) {
    return Usage();
  }
  const std::string& verb = args[0];
  if (verb == "keys") {
    return RunKeys(args);
  }
  const bool named = verb == "get" || verb == "update" || verb == "delete";
  if (named && args.size() != 2) {
    return Usage();
  }
  if (!named && args.size() != 1) {
    return Usage();
  }
  absl::StatusOr<std::unique_ptr<Client>> client = ClientFromFlags();
  if (!client.ok()) {
    return Fail(client.status());
  }
  const bool json = absl::GetFlag(FLAGS_format) == "json";
  if (verb == "create") {
    v1::CreateCaseRequest request;
    absl::StatusOr<v1::Case> record = CaseFromFile();
    if (!record.ok()) {
      return Fail(record.status());
    }
    *request.mutable_case_() = *std::move(record);
    request.set_case_id(absl::GetFlag(FLAGS_case_id));
    absl::StatusOr<v1::Case> created = (*client)->CreateCase(request);
    if (!created.ok()) {
      return Fail(created.status());
    }
    PrintJson(*created);
    return 0;
  }
  if (verb == "get") {
    v1::GetCaseRequest request;
    request.set_name(args[1]);
    absl::StatusOr<v1::Case> record = (*client)->GetCase(request);
    if (!record.ok()) {
      return Fail(record.status());
    }
    PrintJson(*record);
    return 0;
  }
  if (verb == "update") {
    v1::UpdateCaseRequest request;
    absl::StatusOr<v1::Case> record = CaseFromFile();
    if (!record.ok()) {
      return Fail(record.status());
    }
    *request.mutable_case_() = *std::move(record);
    request.mutable_case_()->set_name(args[1]);
    if (!absl::GetFlag(FLAGS_etag).empty()) {
      request.mutable_case_()->set_etag(absl::GetFlag(FLAGS_etag));
    }
    for (absl::string_view path : absl::StrSplit(
             absl::GetFlag(FLAGS_update_mask), ',', absl::SkipEmpty())) {
      request.mutable_update_mask()->add_paths(std::string(path));
    }
    absl::StatusOr<v1::Case> updated = (*client)->UpdateCase(request);
    if (!updated.ok()) {
      return Fail(updated.status());
    }
    PrintJson(*updated);
    return 0;
  }
  if (verb == "delete") {
    v1::DeleteCaseRequest request;
    request.set_name(args[1]);
    request.set_etag(absl::GetFlag(FLAGS_etag));
    absl::Status deleted = (*client)->DeleteCase(request);
    if (!deleted.ok()) {
      return Fail(deleted);
    }
    std::cout << "deleted " << args[1] << "\n";
    return 0;
  }
  if (verb == "list") {
    v1::ListCasesRequest request;
    request.set_page_size(std::min(absl::GetFlag(FLAGS_limit), 100));
    request.set_page_token(absl::GetFlag(FLAGS_page_token));
    request.set_person_name(absl::GetFlag(FLAGS_person_name));
    request.set_paragraph(absl::GetFlag(FLAGS_paragraph));
    absl::StatusOr<v1::ListCasesResponse> listed =
        (*client)->ListCases(request);
    if (!listed.ok()) {
      return Fail(listed.status());
    }
    if (json) {
      PrintJson(*listed);
      return 0;
    }
    for (const v1::Case& record : listed->cases()) {
      PrintCaseLine(record);
    }
    if (!listed->next_page_token().empty()) {
      std::cout << "\nMore: --page_token=" << listed->next_page_token() << "\n";
    }
    return 0;
  }
  if (verb == "audit") {
    v1::ListAuditEntriesRequest request;
    request.set_page_size(std::min(absl::GetFlag(FLAGS_limit), 1000));
    request.set_page_token(absl::GetFlag(FLAGS_page_token));
    request.set_case_(absl::GetFlag(FLAGS_audit_case));
    absl::StatusOr<v1::ListAuditEntriesResponse> listed =
        (*client)->ListAuditEntries(request);
    if (!listed.ok()) {
      return Fail(listed.status());
    }
    if (json) {
      PrintJson(*listed);
      return 0;
    }
    for (const v1::AuditEntry& entry : listed->entries()) {
      std::cout << google::protobuf::util::TimeUtil::ToString(entry.time())
                << "  " << entry.principal() << "  "
                << v1::AuditAction_Name(entry.action())
                       .substr(sizeof("AUDIT_ACTION_") - 1)
                << "  " << entry.case_();
      if (entry.fields_in_clear_size() > 0) {
        std::cout << "  in clear: " << entry.fields_in_clear_size()
                  << " fields";
      }
      std::cout << "\n";
    }
    if (!listed->next_page_token().empty()) {
      std::cout << "\nMore: --page_token=" << listed->next_page_token() << "\n";
    }
    return 0;
  }
  if (verb == "rotate-keys") {
    absl::StatusOr<v1::RotateCaseKeysResponse> rotated =
        (*client)->RotateCaseKeys(v1::RotateCaseKeysRequest());
    if (!rotated.ok()) {
      return Fail(rotated.status());
    }
    std::cout << "rewrapped " << rotated->rewrapped() << " cases under key "
              << rotated->key_id() << " (" << rotated->current()
              << " were under it already)\n";
    return 0;
  }
  return Usage();
}

}  // namespace rapporteur::cli
