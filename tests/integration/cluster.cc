#include "tests/integration/cluster.h"

#include <filesystem>

#include "absl/strings/str_cat.h"
#include "services/common/status_macros.h"

namespace rapporteur::testing {

Cluster::~Cluster() {
  for (auto* process : {&query_, &ingest_, &storage_}) {
    if (process->has_value()) {
      (*process)->Stop(absl::Seconds(10));
    }
  }
}

absl::StatusOr<int> Cluster::Spawn(const std::string& name,
                                   std::vector<std::string> flags,
                                   std::optional<Subprocess>* process) {
  // A fresh port file per start, so a restart never reads a stale port.
  const std::string port_file =
      absl::StrCat(dir_, "/", name, "-", ++spawned_, ".port");
  const std::string log = absl::StrCat(dir_, "/", name, ".log");
  flags.push_back(absl::StrCat("--port_file=", port_file));
  ABSL_ASSIGN_OR_RETURN(
      Subprocess spawned,
      Subprocess::Spawn(absl::StrCat(ExecutableDir(), "/rapporteur-", name),
                        flags, log));
  process->emplace(std::move(spawned));
  return WaitForPortFile(port_file, **process, absl::Seconds(60), log);
}

absl::Status Cluster::StartStorage(int port) {
  ABSL_ASSIGN_OR_RETURN(
      storage_port_,
      Spawn("storage",
            {absl::StrCat("--listen=127.0.0.1:", port),
             absl::StrCat("--data=", dir_, "/shard-0")},
            &storage_));
  return absl::OkStatus();
}

absl::Status Cluster::Start(const Config& config) {
  std::filesystem::create_directories(dir_);
  ABSL_RETURN_IF_ERROR(StartStorage());
  const std::string storage_flag =
      absl::StrCat("--storage=127.0.0.1:", storage_port_);
  std::vector<std::string> ingest_flags = {"--listen=127.0.0.1:0", storage_flag};
  ingest_flags.insert(ingest_flags.end(), config.ingest_flags.begin(),
                      config.ingest_flags.end());
  ABSL_ASSIGN_OR_RETURN(int ingest_port, Spawn("ingest", ingest_flags, &ingest_));
  ABSL_ASSIGN_OR_RETURN(
      int query_port,
      Spawn("query", {"--listen=127.0.0.1:0", storage_flag}, &query_));
  ingest_address_ = absl::StrCat("127.0.0.1:", ingest_port);
  query_address_ = absl::StrCat("127.0.0.1:", query_port);
  return absl::OkStatus();
}

std::unique_ptr<Client> Cluster::NewClient() const {
  Options options;
  options.ingest_endpoint = ingest_address_;
  options.query_endpoints = {query_address_};
  options.timeout = std::chrono::seconds(30);
  absl::StatusOr<std::unique_ptr<Client>> client = MakeClient(options);
  return client.ok() ? std::move(*client) : nullptr;
}

}  // namespace rapporteur::testing
