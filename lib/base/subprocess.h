#ifndef RAPPORTEUR_LIB_BASE_SUBPROCESS_H_
#define RAPPORTEUR_LIB_BASE_SUBPROCESS_H_

#include <sys/types.h>

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace rapporteur {

// A child process: a service started by `rapporteur up` or by an
// integration test. Not thread-safe.
class Subprocess {
 public:
  // Starts `path` with `args` (argv[1..]). Its stdout and stderr go to
  // `log_path` (appended) when set, else are inherited.
  static absl::StatusOr<Subprocess> Spawn(const std::string& path,
                                          const std::vector<std::string>& args,
                                          const std::string& log_path = "");

  // Moving carries the child and, once reaped, its exit code, which no
  // other place keeps. Assigning over a running child kills and reaps it.
  Subprocess(Subprocess&& other) noexcept
      : pid_(std::exchange(other.pid_, -1)), exit_code_(other.exit_code_) {}
  Subprocess& operator=(Subprocess&& other) noexcept;
  Subprocess(const Subprocess&) = delete;
  Subprocess& operator=(const Subprocess&) = delete;
  // Kills the process (SIGKILL) if it still runs, and reaps it.
  ~Subprocess();

  pid_t pid() const { return pid_; }

  // Sends `signal`; no-op when the process is already reaped.
  void Signal(int signal);

  // Whether the process has exited; reaps it and keeps its status when so.
  bool Exited();

  // Waits for the process to exit, up to `timeout`, then kills it. Returns
  // its exit code, or 128 + signal when a signal ended it.
  int Wait(absl::Duration timeout = absl::Seconds(30));

  // Sends SIGTERM and waits; kills after `grace`. Returns as Wait().
  int Stop(absl::Duration grace = absl::Seconds(30));

 private:
  explicit Subprocess(pid_t pid) : pid_(pid) {}

  // Kills the process (SIGKILL) if it still runs, and reaps it.
  void KillAndReap();

  pid_t pid_ = -1;
  int exit_code_ = -1;
};

// Waits until `path` holds a port number (written by a service started with
// --port_file) and returns it. Fails with UNAVAILABLE when `process` exits
// first, naming `log_hint`, or with DEADLINE_EXCEEDED after `timeout`.
absl::StatusOr<int> WaitForPortFile(const std::string& path,
                                    Subprocess& process, absl::Duration timeout,
                                    const std::string& log_hint = "");

// The directory holding the running executable, to find its sibling
// binaries.
std::string ExecutableDir();

}  // namespace rapporteur

#endif  // RAPPORTEUR_LIB_BASE_SUBPROCESS_H_
