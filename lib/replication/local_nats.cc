#include "lib/replication/local_nats.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "lib/base/status_macros.h"

namespace rapporteur::replication {
namespace {

namespace fs = std::filesystem;

// nats-server writes its bound ports here once it listens:
// {"nats":["nats://HOST:PORT"],...}.
std::string PortsFile(const std::string& dir, pid_t pid) {
  return absl::StrCat(dir, "/nats-server_", pid, ".ports");
}

}  // namespace

absl::StatusOr<std::string> FindNatsServer(const std::string& name) {
  if (name.find('/') != std::string::npos) {
    return name;
  }
  std::vector<std::string> dirs;
  if (const char* path = std::getenv("PATH"); path != nullptr) {
    dirs = absl::StrSplit(path, ':', absl::SkipEmpty());
  }
  dirs.push_back("/usr/sbin");  // Debian's package puts it there
  for (const std::string& dir : dirs) {
    const std::string candidate = absl::StrCat(dir, "/", name);
    if (::access(candidate.c_str(), X_OK) == 0) {
      return candidate;
    }
  }
  return absl::NotFoundError(absl::StrCat(
      name, " is not installed: scripts/setup installs Debian's nats-server"));
}

absl::StatusOr<LocalNats> LocalNats::Start(const LocalNatsOptions& options) {
  ABSL_ASSIGN_OR_RETURN(std::string binary, FindNatsServer(options.binary));
  std::error_code error;
  const std::string store = absl::StrCat(options.dir, "/jetstream");
  const std::string run = absl::StrCat(options.dir, "/run");
  fs::create_directories(store, error);
  fs::create_directories(run, error);
  if (error) {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot create ", options.dir, ": ", error.message()));
  }
  std::ostringstream config;
  config << "server_name: \"" << options.name << "\"\n"
         << "listen: \"" << options.host << ":"
         << (options.port == 0 ? -1 : options.port) << "\"\n"
         << "max_payload: " << options.max_payload << "\n"
         << "max_pending: " << 2 * options.max_payload << "\n"
         << "ports_file_dir: \"" << run << "\"\n"
         << "jetstream {\n  store_dir: \"" << store << "\"\n}\n";
  if (!options.cluster_name.empty()) {
    config << "cluster {\n  name: \"" << options.cluster_name << "\"\n"
           << "  listen: \"" << options.host << ":" << options.cluster_port
           << "\"\n  routes: [\n";
    for (const std::string& route : options.routes) {
      config << "    \"" << route << "\"\n";
    }
    config << "  ]\n}\n";
  }
  const std::string config_path = absl::StrCat(options.dir, "/nats.conf");
  {
    std::ofstream out(config_path, std::ios::trunc);
    out << config.str();
    if (!out) {
      return absl::FailedPreconditionError(
          absl::StrCat("cannot write ", config_path));
    }
  }
  const std::string log = absl::StrCat(options.dir, "/nats.log");
  ABSL_ASSIGN_OR_RETURN(Subprocess process,
                        Subprocess::Spawn(binary, {"-c", config_path}, log));
  const std::string ports = PortsFile(run, process.pid());
  const absl::Time deadline = absl::Now() + options.start_timeout;
  static const std::regex kClientUrl("\"nats\"\\s*:\\s*\\[\\s*\"([^\"]+)\"");
  while (absl::Now() < deadline) {
    if (process.Exited()) {
      return absl::UnavailableError(
          absl::StrCat("nats-server exited at start; see ", log));
    }
    std::ifstream in(ports);
    std::stringstream text;
    text << in.rdbuf();
    std::smatch match;
    const std::string content = text.str();
    if (std::regex_search(content, match, kClientUrl)) {
      return LocalNats(std::move(process), match[1].str(), log);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return absl::DeadlineExceededError(
      absl::StrCat("nats-server did not listen within ",
                   absl::FormatDuration(options.start_timeout), "; see ", log));
}

}  // namespace rapporteur::replication
