// `rapporteur cases create|get|update|list|delete|audit|rotate-keys|keys`:
// confidential case records (CaseService), and their key files.
#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "google/protobuf/util/time_util.h"
#include "lib/cases/keyring.h"
#include "lib/cases/validation.h"
#include "tools/cli/commands.h"
#include "tools/cli/input.h"
#include "tools/cli/output.h"

namespace rapporteur::cli {
namespace {

// The flags of the cases commands, each taken by the commands named.
struct CasesOptions {
  std::string name;         // get, update, delete: cases/ID
  std::string file;         // create, update: the case as JSON
  std::string case_id;      // create
  std::string update_mask;  // update
  std::string etag;         // update, delete
  std::string person_name;  // list
  std::string paragraph;    // list
  std::string audit_case;   // audit
  int limit = 0;            // list, audit: 0 is the command's default
  std::string page_token;   // list, audit
  std::string key_id;       // keys new, rotate
  std::string out;          // keys
};

absl::StatusOr<v1::Case> CaseFromFile(const std::string& path) {
  absl::StatusOr<std::string> json = ReadInput(path);
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
int WriteKeyFile(const std::string& out, const cases::Keyring& keys) {
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
  return kExitDone;
}

// `cases keys new|rotate|retire`.
int RunKeys(const std::string& verb, const GlobalOptions& global,
            const CasesOptions& options) {
  std::string key_id = options.key_id;
  if (key_id.empty()) {
    key_id =
        absl::FormatTime("%Y%m%d-%H%M%S", absl::Now(), absl::UTCTimeZone());
  }
  if (verb == "new") {
    absl::StatusOr<cases::Keyring> keys = cases::Keyring::Generate(key_id);
    return keys.ok() ? WriteKeyFile(options.out, *keys) : Fail(keys.status());
  }
  absl::StatusOr<std::optional<cases::Keyring>> current =
      cases::ConfiguredKeyring(global.case_keys);
  if (!current.ok()) {
    return Fail(current.status());
  }
  if (!current->has_value()) {
    return Fail(absl::InvalidArgumentError(
        "--case_keys (or RAPPORTEUR_CASE_KEYS) names the keys to change"));
  }
  if (verb == "retire") {
    return WriteKeyFile(options.out, (*current)->Retired());
  }
  absl::StatusOr<cases::Keyring> rotated = (*current)->Rotated(key_id);
  return rotated.ok() ? WriteKeyFile(options.out, *rotated)
                      : Fail(rotated.status());
}

int Create(Client& client, const CasesOptions& options) {
  v1::CreateCaseRequest request;
  absl::StatusOr<v1::Case> record = CaseFromFile(options.file);
  if (!record.ok()) {
    return Fail(record.status());
  }
  *request.mutable_case_() = *std::move(record);
  request.set_case_id(options.case_id);
  absl::StatusOr<v1::Case> created = client.CreateCase(request);
  if (!created.ok()) {
    return Fail(created.status());
  }
  PrintJson(*created);
  return kExitDone;
}

int Get(Client& client, const CasesOptions& options) {
  v1::GetCaseRequest request;
  request.set_name(options.name);
  absl::StatusOr<v1::Case> record = client.GetCase(request);
  if (!record.ok()) {
    return Fail(record.status());
  }
  PrintJson(*record);
  return kExitDone;
}

int Update(Client& client, const CasesOptions& options) {
  v1::UpdateCaseRequest request;
  absl::StatusOr<v1::Case> record = CaseFromFile(options.file);
  if (!record.ok()) {
    return Fail(record.status());
  }
  *request.mutable_case_() = *std::move(record);
  request.mutable_case_()->set_name(options.name);
  if (!options.etag.empty()) {
    request.mutable_case_()->set_etag(options.etag);
  }
  for (absl::string_view path :
       absl::StrSplit(options.update_mask, ',', absl::SkipEmpty())) {
    request.mutable_update_mask()->add_paths(std::string(path));
  }
  absl::StatusOr<v1::Case> updated = client.UpdateCase(request);
  if (!updated.ok()) {
    return Fail(updated.status());
  }
  PrintJson(*updated);
  return kExitDone;
}

int Delete(Client& client, const CasesOptions& options) {
  v1::DeleteCaseRequest request;
  request.set_name(options.name);
  request.set_etag(options.etag);
  absl::Status deleted = client.DeleteCase(request);
  if (!deleted.ok()) {
    return Fail(deleted);
  }
  std::cout << "deleted " << options.name << "\n";
  return kExitDone;
}

int List(Client& client, const CasesOptions& options, bool json) {
  v1::ListCasesRequest request;
  request.set_page_size(std::min(options.limit > 0 ? options.limit : 10, 100));
  request.set_page_token(options.page_token);
  request.set_person_name(options.person_name);
  request.set_paragraph(options.paragraph);
  absl::StatusOr<v1::ListCasesResponse> listed = client.ListCases(request);
  if (!listed.ok()) {
    return Fail(listed.status());
  }
  if (json) {
    PrintJson(*listed);
    return kExitDone;
  }
  for (const v1::Case& record : listed->cases()) {
    PrintCaseLine(record);
  }
  if (!listed->next_page_token().empty()) {
    std::cout << "\nMore: --page_token=" << listed->next_page_token() << "\n";
  }
  return kExitDone;
}

int Audit(Client& client, const CasesOptions& options, bool json) {
  v1::ListAuditEntriesRequest request;
  request.set_page_size(std::min(options.limit > 0 ? options.limit : 10, 1000));
  request.set_page_token(options.page_token);
  request.set_case_(options.audit_case);
  absl::StatusOr<v1::ListAuditEntriesResponse> listed =
      client.ListAuditEntries(request);
  if (!listed.ok()) {
    return Fail(listed.status());
  }
  if (json) {
    PrintJson(*listed);
    return kExitDone;
  }
  for (const v1::AuditEntry& entry : listed->entries()) {
    std::cout << google::protobuf::util::TimeUtil::ToString(entry.time())
              << "  " << entry.principal() << "  "
              << v1::AuditAction_Name(entry.action())
                     .substr(sizeof("AUDIT_ACTION_") - 1)
              << "  " << entry.case_();
    if (entry.fields_in_clear_size() > 0) {
      std::cout << "  in clear: " << entry.fields_in_clear_size() << " fields";
    }
    std::cout << "\n";
  }
  if (!listed->next_page_token().empty()) {
    std::cout << "\nMore: --page_token=" << listed->next_page_token() << "\n";
  }
  return kExitDone;
}

int RotateKeys(Client& client) {
  absl::StatusOr<v1::RotateCaseKeysResponse> rotated =
      client.RotateCaseKeys(v1::RotateCaseKeysRequest());
  if (!rotated.ok()) {
    return Fail(rotated.status());
  }
  std::cout << "rewrapped " << rotated->rewrapped() << " cases under key "
            << rotated->key_id() << " (" << rotated->current()
            << " were under it already)\n";
  return kExitDone;
}

// A command on the case service: `run` gets the client the shared flags
// choose, opened to write or only to read.
using CaseCall = std::function<int(Client&, const CasesOptions&, bool json)>;

CLI::App* AddCaseCommand(CLI::App& cases, Cli& cli,
                         std::shared_ptr<CasesOptions> options,
                         const std::string& verb,
                         const std::string& description, DataUse use,
                         CaseCall run) {
  CLI::App* command = cases.add_subcommand(verb, description);
  AddDataOptions(*command, cli.global);
  AddRemoteOptions(*command, cli.global);
  SetAction(*command, cli, [&cli, options, use, run] {
    auto client = MakeClientFor(cli.global, use);
    if (!client.ok()) {
      return Fail(client.status());
    }
    return run(**client, *options, cli.global.json());
  });
  return command;
}

void AddNameArgument(CLI::App& command, CasesOptions& options) {
  command.add_option("NAME", options.name, "The case: cases/ID")->required();
}

void AddPageOptions(CLI::App& command, CasesOptions& options, int most) {
  command.add_option(
      "--limit", options.limit,
      absl::StrCat("Entries per page (default 10, at most ", most, ")"));
  command.add_option("--page_token", options.page_token,
                     "Page to show, from a previous listing");
}

void AddKeysCommands(CLI::App& cases, Cli& cli,
                     std::shared_ptr<CasesOptions> options) {
  CLI::App* keys = cases.add_subcommand(
      "keys",
      "Key files of case records: a new one, one with a new current "
      "key, one without the retired keys");
  keys->require_subcommand(1);
  keys->footer(
      "Examples:\n"
      "  rapporteur cases keys new --out=$HOME/case.keys\n"
      "  rapporteur cases keys rotate --case_keys=OLD --out=NEW\n"
      "  rapporteur cases keys retire --case_keys=NEW --out=FINAL");
  for (const auto& [name, description] :
       std::vector<std::pair<std::string, std::string>>{
           {"new", "A new key file"},
           {"rotate", "The keys of --case_keys with a new current key"},
           {"retire", "The keys of --case_keys without the retired ones"}}) {
    // A copy the action captures (a lambda cannot capture a binding in
    // C++20 as clang implements it).
    const std::string verb = name;
    CLI::App* command = keys->add_subcommand(verb, description);
    command
        ->add_option("--out", options->out,
                     "The key file to write (created with mode 0600; never "
                     "overwritten)")
        ->type_name("FILE")
        ->required();
    if (verb != "retire") {
      command->add_option("--key_id", options->key_id,
                          "The id of the new key-encryption key (default: "
                          "the date and time)");
    }
    if (verb != "new") {
      command
          ->add_option("--case_keys", cli.global.case_keys,
                       "The key file to change; default: the environment "
                       "variable RAPPORTEUR_CASE_KEYS")
          ->type_name("FILE");
    }
    SetAction(*command, cli, [verb, &cli, options] {
      return RunKeys(verb, cli.global, *options);
    });
  }
}

}  // namespace

void AddCasesCommands(CLI::App& app, Cli& cli) {
  CLI::App* cases = app.add_subcommand(
      "cases", "Confidential case records (README, \"Case records\")");
  cases->require_subcommand(1);
  // Shared flags given between `cases` and its command go to the main
  // app, which binds the same options.
  cases->fallthrough();
  auto options = std::make_shared<CasesOptions>();

  CLI::App* create = AddCaseCommand(
      *cases, cli, options, "create", "A new case, from JSON", DataUse::kWrite,
      [](Client& client, const CasesOptions& options, bool) {
        return Create(client, options);
      });
  create
      ->add_option("--file", options->file,
                   "The case as protobuf JSON (rapporteur.v1.Case); - for "
                   "standard input")
      ->type_name("FILE")
      ->required();
  create->add_option("--case_id", options->case_id,
                     "The id of the new case (cases/ID); default: picked");
  create->footer(
      "Examples:\n"
      "  rapporteur cases create --file=case.json --case_id=onsong-2007\n"
      "  rapporteur cases create --file=- < case.json");

  CLI::App* get = AddCaseCommand(*cases, cli, options, "get", "A case, as JSON",
                                 DataUse::kRead,
                                 [](Client& client, const CasesOptions& options,
                                    bool) { return Get(client, options); });
  AddNameArgument(*get, *options);

  CLI::App* update = AddCaseCommand(
      *cases, cli, options, "update", "Replace fields of a case",
      DataUse::kWrite, [](Client& client, const CasesOptions& options, bool) {
        return Update(client, options);
      });
  AddNameArgument(*update, *options);
  update
      ->add_option("--file", options->file,
                   "The case as protobuf JSON; - for standard input")
      ->type_name("FILE")
      ->required();
  update->add_option("--update_mask", options->update_mask,
                     "Fields to replace, comma-separated (persons,"
                     "event.summary); default: all");
  update->add_option("--etag", options->etag,
                     "Only if the case's etag is still this");

  CLI::App* list =
      AddCaseCommand(*cases, cli, options, "list",
                     "Cases, by person or paragraph", DataUse::kRead,
                     [](Client& client, const CasesOptions& options,
                        bool json) { return List(client, options, json); });
  list->add_option("--person_name", options->person_name,
                   "Only cases recording a person of this exact name or "
                   "alias");
  list->add_option("--paragraph", options->paragraph,
                   "Only cases linked to this paragraph "
                   "(documents/ID/paragraphs/N)");
  AddPageOptions(*list, *options, 100);
  AddFormatOption(*list, cli.global);
  list->footer(
      "Examples:\n"
      "  rapporteur cases list --paragraph=documents/a-hrc-7-20/paragraphs/49"
      "\n  rapporteur cases list --person_name=\"Kim\" --format=json");

  CLI::App* remove = AddCaseCommand(
      *cases, cli, options, "delete", "Delete a case", DataUse::kWrite,
      [](Client& client, const CasesOptions& options, bool) {
        return Delete(client, options);
      });
  AddNameArgument(*remove, *options);
  remove->add_option("--etag", options->etag,
                     "Only if the case's etag is still this");

  CLI::App* audit = AddCaseCommand(
      *cases, cli, options, "audit", "The audit log (admin)", DataUse::kRead,
      [](Client& client, const CasesOptions& options, bool json) {
        return Audit(client, options, json);
      });
  audit->add_option("--audit_case", options->audit_case,
                    "Only this case's entries (cases/ID)");
  AddPageOptions(*audit, *options, 1000);
  AddFormatOption(*audit, cli.global);

  AddCaseCommand(*cases, cli, options, "rotate-keys",
                 "Re-wrap every case's data key under the current key "
                 "(admin)",
                 DataUse::kWrite,
                 [](Client& client, const CasesOptions&, bool) {
                   return RotateKeys(client);
                 });

  AddKeysCommands(*cases, cli, options);
}

}  // namespace rapporteur::cli
