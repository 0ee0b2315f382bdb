// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Scripted child process for the runner tests: each argument is one action, run in order.
//   out:TEXT err:TEXT      a line on stdout / stderr
//   raw:TEXT rawerr:TEXT   bytes without newline; \r and \n escapes are expanded
//   sleep:MS               wait
//   exit:N  crash:SIG      end with a status / a signal
//   ignoreterm             ignore SIGTERM from now on
//   child:MS[:ignoreterm]  fork a child (same process group) that sleeps; prints "child-pid N"
//   pid                    prints "pid N pgid G"
//   flood:N                N stdout lines
//   argv:FILE cwd:FILE     write the argument list (NUL separated) / the cwd into FILE
//   env:NAME               prints "env NAME=value"
//   touch:FILE:TEXT        writes TEXT into FILE
//   failonce:FILE          exit 1 when FILE does not exist yet (and create it); else go on
//   waitfor:FILE           wait until FILE exists (a gate the test opens); exit 3 after 60 s
// Anything else (e.g. real tool flags when called through a wrapper) is ignored.
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <thread>
#include <unistd.h>

static std::string unescape(const std::string &text)
{
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\\' && i + 1 < text.size()) {
            const char next = text[i + 1];
            if (next == 'r' || next == 'n') {
                out += next == 'r' ? '\r' : '\n';
                ++i;
                continue;
            }
        }
        out += text[i];
    }
    return out;
}

static void sleepMs(long ms)
{
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
}

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const auto colon = arg.find(':');
        const std::string verb = arg.substr(0, colon);
        const std::string value = colon == std::string::npos ? std::string() : arg.substr(colon + 1);
        if (verb == "out") {
            std::printf("%s\n", value.c_str());
            std::fflush(stdout);
        } else if (verb == "err") {
            std::fprintf(stderr, "%s\n", value.c_str());
            std::fflush(stderr);
        } else if (verb == "raw") {
            std::fputs(unescape(value).c_str(), stdout);
            std::fflush(stdout);
        } else if (verb == "rawerr") {
            std::fputs(unescape(value).c_str(), stderr);
            std::fflush(stderr);
        } else if (verb == "sleep") {
            sleepMs(std::atol(value.c_str()));
        } else if (verb == "exit") {
            return std::atoi(value.c_str());
        } else if (verb == "crash") {
            std::signal(std::atoi(value.c_str()), SIG_DFL);
            std::raise(std::atoi(value.c_str()));
        } else if (verb == "ignoreterm") {
            std::signal(SIGTERM, SIG_IGN);
        } else if (verb == "child") {
            const long ms = std::atol(value.c_str());
            const bool ignoreTerm = value.find(":ignoreterm") != std::string::npos;
            std::fflush(stdout);
            const pid_t pid = fork();
            if (pid == 0) {
                if (ignoreTerm)
                    std::signal(SIGTERM, SIG_IGN);
                sleepMs(ms);
                _exit(0);
            }
            std::printf("child-pid %d\n", int(pid));
            std::fflush(stdout);
        } else if (verb == "pid") {
            std::printf("pid %d pgid %d\n", int(getpid()), int(getpgrp()));
            std::fflush(stdout);
        } else if (verb == "flood") {
            const long n = std::atol(value.c_str());
            for (long k = 0; k < n; ++k)
                std::printf("flood line %ld of %ld with some padding to look like a log line\n", k, n);
            std::fflush(stdout);
        } else if (verb == "argv") {
            std::ofstream file(value, std::ios::binary);
            for (int k = 1; k < argc; ++k)
                file << argv[k] << '\0';
        } else if (verb == "cwd") {
            char buffer[4096];
            std::ofstream file(value, std::ios::binary);
            if (getcwd(buffer, sizeof buffer))
                file << buffer;
        } else if (verb == "env") {
            const char *v = std::getenv(value.c_str());
            std::printf("env %s=%s\n", value.c_str(), v ? v : "(unset)");
            std::fflush(stdout);
        } else if (verb == "failonce") {
            std::ifstream probe(value);
            if (!probe.good()) {
                std::ofstream(value) << "failed once";
                std::fprintf(stderr, "RuntimeError: first attempt fails\n");
                return 1;
            }
        } else if (verb == "waitfor") {
            long waited = 0;
            while (!std::ifstream(value).good()) {
                if (waited >= 60000)
                    return 3;
                sleepMs(10);
                waited += 10;
            }
        } else if (verb == "touch") {
            const auto sep = value.find(':');
            std::ofstream file(value.substr(0, sep), std::ios::binary);
            if (sep != std::string::npos)
                file << value.substr(sep + 1);
        }
    }
    return 0;
}
