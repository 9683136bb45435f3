#include "lib/base/subprocess.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>

#include "absl/time/time.h"
#include "tests/testing/files.h"
#include "tests/testing/status_matchers.h"

namespace rapporteur {
namespace {

using ::rapporteur::testing::IsOk;
using ::rapporteur::testing::IsOkAndHolds;
using ::rapporteur::testing::ReadFileOrDie;
using ::rapporteur::testing::StatusIs;
using ::rapporteur::testing::TempDir;
using ::testing::HasSubstr;

// Whether process `pid` exists (running, or a zombie not yet reaped).
bool ProcessExists(pid_t pid) { return kill(pid, 0) == 0 || errno != ESRCH; }

// Starts `/bin/sh -c script`, its output going to `log`; not to the test's
// own stdout, which a child left running would hold open.
Subprocess Shell(const std::string& script,
                 const std::string& log = "/dev/null") {
  absl::StatusOr<Subprocess> process =
      Subprocess::Spawn("/bin/sh", {"-c", script}, log);
  EXPECT_THAT(process, IsOk());
  return *std::move(process);
}

TEST(SubprocessTest, WritesOutputToTheLogAndReturnsTheExitCode) {
  TempDir dir;
  const std::string log = dir.path() + "/echo.log";
  absl::StatusOr<Subprocess> echo =
      Subprocess::Spawn("/bin/echo", {"hello", "world"}, log);
  ASSERT_THAT(echo, IsOk());
  EXPECT_GT(echo->pid(), 0);
  EXPECT_EQ(echo->Wait(), 0);
  EXPECT_EQ(ReadFileOrDie(log), "hello world\n");
}

TEST(SubprocessTest, LogTakesStderrAndIsAppended) {
  TempDir dir;
  const std::string log = dir.path() + "/child.log";
  EXPECT_EQ(Shell("echo first", log).Wait(), 0);
  EXPECT_EQ(Shell("echo out; echo err >&2", log).Wait(), 0);
  EXPECT_EQ(ReadFileOrDie(log), "first\nout\nerr\n");
}

TEST(SubprocessTest, PassesArgumentsUnsplit) {
  TempDir dir;
  const std::string log = dir.path() + "/args.log";
  absl::StatusOr<Subprocess> printf = Subprocess::Spawn(
      "/bin/sh", {"-c", "printf '[%s]' \"$1\"", "sh", "two words"}, log);
  ASSERT_THAT(printf, IsOk());
  EXPECT_EQ(printf->Wait(), 0);
  EXPECT_THAT(ReadFileOrDie(log), HasSubstr("[two words]"));
}

TEST(SubprocessTest, ReturnsNonZeroExitCodes) {
  EXPECT_EQ(Shell("exit 3").Wait(), 3);
  EXPECT_EQ(Shell("exit 255").Wait(), 255);
}

TEST(SubprocessTest, SignalEndsAsOneHundredTwentyEightPlusSignal) {
  Subprocess child = Shell("exec /bin/sleep 1000");
  EXPECT_FALSE(child.Exited());
  child.Signal(SIGKILL);
  EXPECT_EQ(child.Wait(), 128 + SIGKILL);
  EXPECT_TRUE(child.Exited());
  EXPECT_FALSE(ProcessExists(child.pid()));  // reaped
}

TEST(SubprocessTest, StopSendsTerm) {
  Subprocess child = Shell("exec /bin/sleep 1000");
  EXPECT_EQ(child.Stop(), 128 + SIGTERM);
  EXPECT_TRUE(child.Exited());
}

TEST(SubprocessTest, StopKillsAChildThatIgnoresTermAfterTheGrace) {
  // A child ignores TERM from its start when its parent ignored it.
  struct sigaction ignore = {}, previous = {};
  ignore.sa_handler = SIG_IGN;
  ASSERT_EQ(sigaction(SIGTERM, &ignore, &previous), 0);
  absl::StatusOr<Subprocess> child =
      Subprocess::Spawn("/bin/sleep", {"1000"}, "/dev/null");
  ASSERT_EQ(sigaction(SIGTERM, &previous, nullptr), 0);
  ASSERT_THAT(child, IsOk());
  EXPECT_EQ(child->Stop(absl::ZeroDuration()), 128 + SIGKILL);
}

TEST(SubprocessTest, WaitKillsAtItsTimeout) {
  Subprocess child = Shell("exec /bin/sleep 1000");
  EXPECT_EQ(child.Wait(absl::ZeroDuration()), 128 + SIGKILL);
  EXPECT_FALSE(ProcessExists(child.pid()));
}

TEST(SubprocessTest, SignalAfterReapingIsANoOp) {
  Subprocess child = Shell("exit 4");
  EXPECT_EQ(child.Wait(), 4);
  child.Signal(SIGKILL);  // must not hit a process that took the pid
  EXPECT_EQ(child.Wait(), 4);
}

TEST(SubprocessTest, AMissingProgramIsFailedPrecondition) {
  EXPECT_THAT(Subprocess::Spawn("/nonexistent/program", {}),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("/nonexistent/program")));
}

TEST(SubprocessTest, DestructorKillsAndReapsARunningChild) {
  pid_t pid = -1;
  {
    Subprocess child = Shell("exec /bin/sleep 1000");
    pid = child.pid();
    ASSERT_TRUE(ProcessExists(pid));
  }
  EXPECT_FALSE(ProcessExists(pid));
}

TEST(SubprocessTest, MovingKeepsTheChildAndItsExitCode) {
  Subprocess child = Shell("exit 7");
  const pid_t pid = child.pid();
  ASSERT_EQ(child.Wait(), 7);  // reaped: only the object knows the code
  Subprocess moved(std::move(child));
  EXPECT_EQ(moved.pid(), pid);
  EXPECT_EQ(child.pid(), -1);  // NOLINT(bugprone-use-after-move)
  EXPECT_TRUE(moved.Exited());
  EXPECT_EQ(moved.Wait(), 7);

  Subprocess assigned = Shell("exit 0");
  ASSERT_EQ(assigned.Wait(), 0);
  assigned = std::move(moved);
  EXPECT_EQ(assigned.pid(), pid);
  EXPECT_EQ(assigned.Wait(), 7);
}

TEST(SubprocessTest, AssigningOverARunningChildKillsAndReapsIt) {
  Subprocess child = Shell("exec /bin/sleep 1000");
  const pid_t replaced = child.pid();
  child = Shell("exit 0");
  const bool orphaned = ProcessExists(replaced);
  if (orphaned) {  // clean up after the failure
    kill(replaced, SIGKILL);
    waitpid(replaced, nullptr, 0);
  }
  EXPECT_FALSE(orphaned);
  EXPECT_EQ(child.Wait(), 0);
}

TEST(WaitForPortFileTest, ReturnsThePortWritten) {
  TempDir dir;
  const std::string path = dir.path() + "/port";
  Subprocess child = Shell("echo 4242 > '" + path + "'");
  ASSERT_EQ(child.Wait(), 0);
  EXPECT_THAT(WaitForPortFile(path, child, absl::Seconds(30)),
              IsOkAndHolds(4242));
}

TEST(WaitForPortFileTest, UnavailableWhenTheProcessExitsFirst) {
  TempDir dir;
  Subprocess child = Shell("exit 1");
  ASSERT_EQ(child.Wait(), 1);
  EXPECT_THAT(
      WaitForPortFile(dir.path() + "/port", child, absl::Seconds(30),
                      "storage.log"),
      StatusIs(absl::StatusCode::kUnavailable, HasSubstr("see storage.log")));
}

TEST(WaitForPortFileTest, IgnoresAFileWithoutAPort) {
  TempDir dir;
  const std::string path = dir.path() + "/port";
  Subprocess child = Shell("echo not-a-port > '" + path + "'");
  ASSERT_EQ(child.Wait(), 0);
  EXPECT_THAT(WaitForPortFile(path, child, absl::Seconds(30)),
              StatusIs(absl::StatusCode::kUnavailable));
}

TEST(WaitForPortFileTest, DeadlineExceededAfterTheTimeout) {
  TempDir dir;
  Subprocess child = Shell("exec /bin/sleep 1000");
  EXPECT_THAT(
      WaitForPortFile(dir.path() + "/port", child, absl::ZeroDuration()),
      StatusIs(absl::StatusCode::kDeadlineExceeded,
               HasSubstr(dir.path() + "/port")));
}

TEST(ExecutableDirTest, HoldsTheRunningBinary) {
  const std::string dir = ExecutableDir();
  ASSERT_FALSE(dir.empty());
  EXPECT_EQ(dir.front(), '/');
  EXPECT_TRUE(std::filesystem::exists(dir + "/base_test")) << dir;
}

}  // namespace
}  // namespace rapporteur
