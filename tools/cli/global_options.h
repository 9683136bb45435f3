#ifndef RAPPORTEUR_TOOLS_CLI_GLOBAL_OPTIONS_H_
#define RAPPORTEUR_TOOLS_CLI_GLOBAL_OPTIONS_H_

#include <memory>
#include <string>

#include "CLI/CLI.hpp"
#include "absl/status/statusor.h"
#include "rapporteur/client.h"

namespace rapporteur::cli {

// The options that say where the engines run and how output looks. The
// main app and every command using them bind the same struct, so they are
// given before the command (`rapporteur --query_address=A search ...`, as
// scripts do) or after it alike.
struct GlobalOptions {
  // Embedded mode (no address given): the data directory.
  std::string data = "rapporteur-data";
  std::string case_keys;
  // Remote mode: the services.
  std::string ingest_address;
  std::string query_address;  // HOST:PORT[,HOST:PORT...]
  int timeout_seconds = 60;
  std::string token;
  std::string tls_ca_file;
  std::string tls_cert_file;
  std::string tls_key_file;
  std::string tls_server_name;
  // text or json.
  std::string format = "text";

  bool remote() const {
    return !ingest_address.empty() || !query_address.empty();
  }
  bool json() const { return format == "json"; }
};

// Adds --data and --case_keys (embedded mode) to `app`.
void AddDataOptions(CLI::App& app, GlobalOptions& options);
// Adds --ingest_address, --query_address (also spelt --ingest and
// --query), --timeout_seconds, --token and the --tls_* options.
void AddRemoteOptions(CLI::App& app, GlobalOptions& options);
// Adds --format=text|json.
void AddFormatOption(CLI::App& app, GlobalOptions& options);
// All three: what a command reading or writing documents takes.
void AddClientOptions(CLI::App& app, GlobalOptions& options);

// Whether the command will write to the data directory.
enum class DataUse { kRead, kWrite };

// The client the options choose: remote when an address is given, else
// embedded on --data. Embedded, a command that only reads fails with
// FAILED_PRECONDITION when --data holds no data, rather than creating an
// empty directory and answering from it.
absl::StatusOr<std::unique_ptr<Client>> MakeClientFor(
    const GlobalOptions& options, DataUse use);

}  // namespace rapporteur::cli

#endif  // RAPPORTEUR_TOOLS_CLI_GLOBAL_OPTIONS_H_
