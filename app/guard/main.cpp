// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// maixcam-process-guard: how the workbench starts every tool (ProcessGuard in core/run builds
// its command line). PR_SET_PDEATHSIG only reaches the direct child: python's own children
// (tpuc-opt) and a container behind `docker run` would outlive a workbench killed with SIGKILL.
//
//   maixcam-process-guard --parent PID [--on-death N PROGRAM ARG...]... -- TOOL [ARG...]
//
// The guard forks a watcher and then becomes the tool (exec), so the tool keeps its pid, its
// process group and its exit status exactly as without the guard. The watcher stays in the
// tool's group and waits on two pidfds: when the tool ends it ends too; when the workbench
// (PID) dies first it runs the backend's kill commands (--on-death N: the next N arguments are
// one command, argv, no shell; `docker kill mcw-<tag>`), then kills the whole group, the tool
// included (the tool's own PR_SET_PDEATHSIG is cleared: the watcher must see the workbench go
// before the tool does).
// Plain POSIX and Linux, no Qt.
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace {

constexpr int KillCommandLimitMs = 10000; // a hung engine must not keep the group alive

void sleepMs(long ms)
{
    timespec t{ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&t, &t) != 0 && errno == EINTR) {}
}

int pidfdOpen(pid_t pid)
{
    return int(syscall(SYS_pidfd_open, pid, 0)); // close-on-exec: the tool does not inherit it
}

/** Runs \a argv in its own group (the group kill spares it) and waits a bounded time. */
void runKillCommand(char *const *argv)
{
    const pid_t pid = fork();
    if (pid == 0) {
        setpgid(0, 0);
        execvp(argv[0], argv);
        _exit(127);
    }
    if (pid < 0)
        return;
    for (int waited = 0; waited < KillCommandLimitMs; waited += 20) {
        if (waitpid(pid, nullptr, WNOHANG) != 0)
            return;
        sleepMs(20);
    }
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
}

/** The watcher: returns when the tool ended; takes the group down when the workbench died. */
[[noreturn]] void watch(int workbench, int tool, pid_t group, const std::vector<std::vector<char *>> &onDeath)
{
    // A cancel's SIGTERM to the group is for the tool; the watcher ends with the tool.
    signal(SIGTERM, SIG_IGN);
    signal(SIGINT, SIG_IGN);
    signal(SIGHUP, SIG_IGN);
    // The tool's pipes must close when the tool ends, not when the watcher does.
    const int null = open("/dev/null", O_RDWR);
    for (int fd = 0; fd <= 2; ++fd)
        dup2(null, fd);
    for (;;) {
        pollfd fds[2] = {{workbench, POLLIN, 0}, {tool, POLLIN, 0}};
        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            _exit(1);
        }
        if (fds[0].revents != 0)
            break; // the workbench is gone
        if (fds[1].revents != 0) {
            // The tool ended; if the workbench went at the same moment, its group still goes.
            pollfd again = {workbench, POLLIN, 0};
            if (poll(&again, 1, 0) > 0)
                break;
            _exit(0);
        }
    }
    for (const std::vector<char *> &command : onDeath)
        runKillCommand(command.data());
    kill(-group, SIGKILL); // the tool, whatever it started in its group, and the watcher
    _exit(137);
}

[[noreturn]] void usage(const char *why)
{
    std::fprintf(stderr, "maixcam-process-guard: %s\n"
                         "usage: maixcam-process-guard --parent PID [--on-death N PROGRAM ARG...]... -- TOOL [ARG...]\n",
                 why);
    std::exit(2);
}

} // namespace

int main(int argc, char *argv[])
{
    pid_t parent = 0;
    std::vector<std::vector<char *>> onDeath;
    int i = 1;
    for (; i < argc; ++i) {
        if (std::strcmp(argv[i], "--") == 0) {
            ++i;
            break;
        }
        if (std::strcmp(argv[i], "--parent") == 0 && i + 1 < argc) {
            parent = pid_t(std::atol(argv[++i]));
        } else if (std::strcmp(argv[i], "--on-death") == 0 && i + 1 < argc) {
            const int n = std::atoi(argv[++i]);
            if (n < 1 || i + n >= argc)
                usage("--on-death needs a count and that many arguments");
            std::vector<char *> command(argv + i + 1, argv + i + 1 + n);
            command.push_back(nullptr);
            onDeath.push_back(std::move(command));
            i += n;
        } else {
            usage("unknown option");
        }
    }
    if (parent <= 0 || i >= argc)
        usage("--parent and a tool after -- are required");

    const pid_t self = getpid();
    const int workbench = pidfdOpen(parent);
    const int tool = pidfdOpen(self);
    if (workbench < 0 && errno == ENOSYS) {
        // A kernel before 5.3 has no pidfds: the tool runs as without the guard (it still dies
        // with the workbench by the runner's PR_SET_PDEATHSIG, its children do not).
        execv(argv[i], argv + i);
        std::fprintf(stderr, "maixcam-process-guard: cannot start %s: %s\n", argv[i], std::strerror(errno));
        return 127;
    }
    // A workbench that died before its pidfd was opened (or whose pid was reused since) is
    // no longer our parent: nothing to guard for, the tool must not start.
    if (workbench < 0 || tool < 0 || getppid() != parent) {
        std::fprintf(stderr, "maixcam-process-guard: the workbench (pid %ld) is gone or cannot be watched: %s\n",
                     long(parent), std::strerror(errno));
        return 127;
    }
    const pid_t watcher = fork();
    if (watcher == 0)
        watch(workbench, tool, self, onDeath);
    if (watcher < 0) {
        std::fprintf(stderr, "maixcam-process-guard: cannot start the watcher: %s\n", std::strerror(errno));
        return 127;
    }
    // The runner made us die with the workbench (PR_SET_PDEATHSIG): the watcher does that now,
    // for the whole group. Were the tool to die on its own first, the watcher could see its end
    // before the workbench's and leave the rest of the group running.
    prctl(PR_SET_PDEATHSIG, 0);
    execv(argv[i], argv + i);
    std::fprintf(stderr, "maixcam-process-guard: cannot start %s: %s\n", argv[i], std::strerror(errno));
    return 127;
}
